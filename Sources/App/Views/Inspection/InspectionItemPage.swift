import Domain
import Foundation
import Storage

/// `/inspection/items/{code}`: one item for the inspection committee - what it is and how it
/// was handled, never who filed it (no contact data); whether its history chain is intact
/// ("đã kiểm chứng" or "bị phá vỡ tại sự kiện N"); the whole timeline; the verification form
/// for a conduct item; and the reviewers' notes, which are not part of the handling.
struct InspectionItemPage: Page {
    typealias Fact = FeedbackItemPage.Fact

    let chrome: PageChrome
    let words: Words
    let heading: String
    let back: (label: String, href: String)
    let notice: String?
    let error: String?
    let chainLabel: String
    let chainText: String
    let chainBroken: Bool
    let facts: [Fact]
    let descriptionHeading: String
    let description: String
    let contactNote: String
    let timeline: FeedbackTimeline
    let csrf: String
    let verify: (title: String, action: String, outcomes: [Components.Option], noteLabel: String, note: String, button: String)?
    let notesHeading: String
    let notesNote: String
    let notes: [(meta: String, text: String)]
    let noNotes: String
    let noteForm: (action: String, label: String, value: String, button: String)?

    init(
        session: StaffSession, item: FeedbackItem, events: [FeedbackEvent], chain: FeedbackChainStatus, notes: [ReviewerNote], standing: FeedbackStanding,
        people: FeedbackPeople, mayVerify: Bool, mayNote: Bool, language: Language, notice: LocalizedText?, error: LocalizedText?,
        input: [String: String]
    ) {
        let words = Words(language: language)
        self.words = words
        let code = item.code.description
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Kiểm tra phản ánh \(code)", en: "Inspection of \(code)"), staff: session) {
            SiteURL.inspectionItem(.value(code)).path(language: $0)
        }
        heading = words("Kiểm tra phản ánh \(code)", "Inspection of \(code)")
        back = (words("← Danh sách theo thời hạn", "← Items by deadline"), SiteURL.inspectionQueue.path(language: language, ["unit": item.unitCode]))
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        chainLabel = words("Chuỗi lịch sử", "History chain")
        switch chain {
        case .verified:
            chainText = words("Đã kiểm chứng: lịch sử xử lý nguyên vẹn.", "Verified: the history is intact.")
            chainBroken = false
        case .broken(let event):
            chainText = words(
                "Bị phá vỡ tại sự kiện \(event): lịch sử đã bị sửa, xóa hoặc đảo thứ tự từ sự kiện này.",
                "Broken at event \(event): the history was edited, deleted or reordered from this event on.")
            chainBroken = true
        }
        let state = InspectionEntry(item: item, standing: standing).state
        var facts = [
            Fact(label: words("Đơn vị", "Unit"), value: item.unitCode),
            Fact(label: words("Trạng thái", "State"), value: item.state.name.text(in: language)),
            Fact(label: words("Loại", "Kind"), value: item.kind.name.text(in: language)),
            Fact(label: words("Nhóm nội dung", "Category"), value: item.category.name.text(in: language)),
            Fact(label: words("Kênh tiếp nhận", "Channel"), value: item.channel.name.text(in: language)),
            Fact(label: words("Ngày tiếp nhận", "Received"), value: LocalTime.display(item.receivedAt)),
            Fact(
                label: words("Hạn giải quyết theo luật", "Legal due date"),
                value: item.dueOn?.vietnamese ?? words("Không tính hạn (phản ánh ẩn danh)", "No deadline (anonymous item)"),
                marker: FeedbackDueMarker(standing)),
            Fact(label: words("Thời hạn", "Deadline"), value: state?.name.text(in: language) ?? words("Không tính hạn", "No deadline")),
            Fact(label: words("Người xử lý", "Assignee"), value: people.label(item.assignee) ?? words("Chưa giao", "Not assigned")),
            Fact(label: words("Cán bộ được phản ánh", "Officer concerned"), value: people.label(item.officerCode) ?? item.officerText ?? "-"),
        ]
        if let handled = item.handledAt {
            facts.append(Fact(label: words("Ngày xử lý", "Handled on"), value: LocalTime.display(handled)))
        }
        if let result = item.result { facts.append(Fact(label: words("Kết quả trả lời", "Result"), value: result)) }
        if item.category.isConduct {
            let outcome = item.verification.map { $0.name.text(in: language) + (item.verifiedOn.map { " (\($0.vietnamese))" } ?? "") }
            facts.append(Fact(label: words("Kết quả xác minh", "Verification"), value: outcome ?? words("Chưa có", "None yet")))
        }
        self.facts = facts
        descriptionHeading = words("Nội dung", "Description")
        description = item.description
        contactNote = words(
            "Thông tin liên hệ của người phản ánh không hiển thị trong không gian kiểm tra.",
            "The filer's contact data is not shown in the inspection workspace.")
        timeline = FeedbackTimeline(events: events, people: people, words: words)
        csrf = session.csrfToken
        verify =
            mayVerify
            ? (
                title: words("Ghi kết quả xác minh", "Record the verification"),
                action: SiteURL.inspectionVerify(.value(code)).path(language: language),
                outcomes: FeedbackFields.options(
                    VerificationOutcome.allCases.map { (value: $0.rawValue, label: $0.name.text(in: language)) },
                    selected: input["outcome"] ?? item.verification?.rawValue),
                noteLabel: words("Ghi chú (không bắt buộc)", "Note (optional)"), note: input["note"] ?? "",
                button: words("Ghi kết quả xác minh", "Record the verification")
            ) : nil
        notesHeading = words("Ý kiến của người kiểm tra", "Reviewers' notes")
        notesNote = words(
            "Ý kiến kiểm tra được lưu riêng, không sửa được và không thuộc quá trình xử lý phản ánh.",
            "Reviewers' notes are kept apart, cannot be changed, and are not part of the item's handling.")
        self.notes = notes.map { (meta: "\($0.author) - \(LocalTime.display($0.at))", text: $0.note) }
        noNotes = words("Chưa có ý kiến nào.", "No note yet.")
        noteForm =
            mayNote
            ? (
                action: SiteURL.inspectionNote(.value(code)).path(language: language), label: words("Thêm ý kiến", "Add a note"),
                value: input["note"] ?? "", button: words("Ghi ý kiến", "Save the note")
            ) : nil
    }

    func body(_ html: inout HTML) {
        html.element("p", body: { $0.element("a", .href(back.href), text: back.label) })
        html.element("h1", text: heading)
        Components.messages(notice: notice, error: error, into: &html)
        html.open("p", .class(chainBroken ? "err" : "ok"))
        html.element("strong", text: chainLabel + ": ")
        html.text(chainText)
        html.close("p")
        FeedbackItemPage.write(facts, words: words, into: &html)
        html.element("h2", text: descriptionHeading)
        html.element("p", .class("desc"), text: description)
        html.element("p", .class("note"), text: contactNote)
        if let verify {
            html.element("h2", text: verify.title)
            html.open("form", .fixed("method", "post"), .attr("action", verify.action), .class("action"), .attr("aria-label", verify.title))
            Components.csrf(csrf, into: &html)
            FeedbackFields.select(
                form: "verify", name: "outcome", label: words("Kết quả xác minh", "Outcome"), options: verify.outcomes, required: true, into: &html)
            FeedbackFields.text(form: "verify", name: "note", label: verify.noteLabel, value: verify.note, maxLength: 2000, into: &html)
            html.element("button", .class("btn"), text: verify.button)
            html.close("form")
        }
        timeline.write(into: &html)
        html.element("h2", text: notesHeading)
        html.element("p", .class("note"), text: notesNote)
        if notes.isEmpty { html.element("p", text: noNotes) }
        for note in notes {
            html.open("div", .class("reviewer-note"))
            html.element("p", body: { $0.element("strong", text: note.meta) })
            html.element("p", .class("desc"), text: note.text)
            html.close("div")
        }
        if let noteForm {
            html.open("form", .fixed("method", "post"), .attr("action", noteForm.action), .class("action"), .attr("aria-label", noteForm.label))
            Components.csrf(csrf, into: &html)
            FeedbackFields.textarea(
                form: "note", name: "note", label: noteForm.label, value: noteForm.value, maxLength: InspectionController.noteLimit, required: true,
                into: &html)
            html.element("button", .class("btn"), text: noteForm.button)
            html.close("form")
        }
    }
}
