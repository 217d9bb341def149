import Domain
import Foundation
import Storage

/// An item's tamper-evident history as a table: each event's time, actor, action, change of
/// state, note and recorded fields in words, and the start of its hash. The handling page and
/// the inspection's item page show the same table.
struct FeedbackTimeline: Sendable {
    struct Event: Sendable {
        let seq: String
        let at: String
        let actor: String
        let action: String
        let change: String
        let note: String
        /// The first 12 hex digits, enough to compare with a printout; the whole hash in the title.
        let hash: String
        let fullHash: String
    }

    let heading: String
    let headers: [String]
    let events: [Event]

    init(events: [FeedbackEvent], people: FeedbackPeople, words: Words) {
        let language = words.language
        heading = words("Lịch sử xử lý", "History")
        headers = [
            "#", words("Thời gian", "Time"), words("Người thực hiện", "By"), words("Thao tác", "Action"), words("Trạng thái", "State"),
            words("Ghi chú", "Note"), words("Mã kiểm tra", "Hash"),
        ]
        self.events = events.map { event in
            let contactEvent = FeedbackContactEvent(rawValue: event.action)
            let action =
                FeedbackAction(rawValue: event.action)?.name.text(in: language) ?? contactEvent?.name.text(in: language)
                ?? words("Tiếp nhận", "Received")
            let change = (event.fromState.map { $0.name.text(in: language) + " → " } ?? "") + event.toState.name.text(in: language)
            // A contact event's only field is why it was erased; it never holds a value.
            let details =
                contactEvent == nil
                ? Self.details(event.data, people: people, words: words, language: language)
                : Self.erasureReason(event.data, language: language)
            let note = ([event.note].compactMap { $0 } + details).joined(separator: "; ")
            return Event(
                seq: String(event.seq), at: LocalTime.display(event.at), actor: event.actor, action: action, change: change,
                note: note.isEmpty ? "-" : note, hash: String(event.hash.prefix(12)), fullHash: event.hash)
        }
    }

    /// The heading and the table.
    func write(into html: inout HTML) {
        html.element("h2", text: heading)
        Components.table(caption: heading, headers: headers, rows: events, tableClass: "timeline", into: &html) { event, html in
            html.element("td", text: event.seq)
            html.element("td", text: event.at)
            html.element("td", text: event.actor)
            html.element("td", text: event.action)
            html.element("td", text: event.change)
            html.element("td", text: event.note)
            html.element("td", body: { $0.element("code", .attr("title", event.fullHash), text: event.hash) })
        }
    }

    private static func erasureReason(_ data: String, language: Language) -> [String] {
        guard let reason = FeedbackEventDetails(recorded: data).reason.flatMap(AnonymisationReason.init(rawValue:)) else { return [] }
        return [reason.name.text(in: language)]
    }

    /// What an event's recorded fields say, in words.
    private static func details(_ data: String, people: FeedbackPeople, words: Words, language: Language) -> [String] {
        let details = FeedbackEventDetails(recorded: data)
        var parts: [String] = []
        if let assignee = details.assignee { parts.append(words("giao cho ", "to ") + (people.label(assignee) ?? assignee)) }
        if let task = details.task { parts.append(words("việc: ", "task: ") + task) }
        if let due = details.dueAt.flatMap(LocalDate.init) { parts.append(words("hạn nội bộ ", "internal due ") + due.vietnamese) }
        if let to = details.to { parts.append(words("chuyển đến: ", "to: ") + to) }
        if let reason = details.reason { parts.append(words("lý do: ", "reason: ") + reason) }
        if let complexity = details.complexity { parts.append(complexity.name.text(in: language)) }
        if let result = details.result { parts.append(words("kết quả: ", "result: ") + result) }
        if let outcome = details.outcome { parts.append(words("xác minh: ", "verification: ") + outcome.name.text(in: language)) }
        if let kind = details.kind { parts.append(words("loại: ", "kind: ") + kind.name.text(in: language)) }
        if let category = details.category { parts.append(words("nhóm: ", "category: ") + category.name.text(in: language)) }
        if let channel = details.channel { parts.append(words("kênh: ", "channel: ") + channel.name.text(in: language)) }
        return parts
    }
}
