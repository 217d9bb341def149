import Domain
import Foundation
import Storage

/// The filters of the feedback queue, read from the query and written back into its links:
/// `due=open|soon|overdue|all`, `state=S`, `kind=K`, `assignee=mine|none|NAME`. Each
/// dimension is independent: a link changes one and keeps the others. Unknown values are
/// read as "no filter", so an old bookmark still opens the queue.
struct FeedbackQueueFilter: Sendable, Equatable {
    enum Due: String, Sendable, CaseIterable {
        /// Every open item (not handled yet): the default.
        case open
        case soon
        case overdue
        /// Open and handled alike.
        case all
    }

    enum Assignee: Sendable, Equatable {
        case mine
        /// Not assigned yet.
        case nobody
        case named(String)

        var parameter: String {
            switch self {
            case .mine: "mine"
            case .nobody: "none"
            case .named(let name): name
            }
        }
    }

    var due: Due?
    var state: FeedbackState?
    var kind: FeedbackKind?
    var assignee: Assignee?

    init(due: Due? = nil, state: FeedbackState? = nil, kind: FeedbackKind? = nil, assignee: Assignee? = nil) {
        self.due = due
        self.state = state
        self.kind = kind
        self.assignee = assignee
    }

    init(parameter: (String) -> String?) {
        due = parameter("due").flatMap(Due.init(rawValue:))
        state = parameter("state").flatMap(FeedbackState.init(rawValue:))
        kind = parameter("kind").flatMap(FeedbackKind.init(rawValue:))
        assignee = parameter("assignee").flatMap { raw -> Assignee? in
            switch raw {
            case "": nil
            case "mine": .mine
            case "none": .nobody
            default: .named(raw)
            }
        }
    }

    /// Without `due`, a state filter shows that state whether open or not; otherwise the
    /// queue shows open items.
    var effectiveDue: Due { due ?? (state == nil ? .open : .all) }

    func matches(_ item: FeedbackItem, standing: FeedbackStanding, isMine: Bool) -> Bool {
        switch effectiveDue {
        case .open: guard item.isOpen else { return false }
        case .soon: guard standing.dueSoon else { return false }
        case .overdue: guard standing.overdue else { return false }
        case .all: break
        }
        if let state, item.state != state { return false }
        if let kind, item.kind != kind { return false }
        switch assignee {
        case nil: break
        case .mine: guard isMine else { return false }
        case .nobody: guard item.assignee == nil else { return false }
        case .named(let name): guard item.assignee == name else { return false }
        }
        return true
    }

    var query: [(String, String?)] {
        [("due", due?.rawValue), ("state", state?.rawValue), ("kind", kind?.rawValue), ("assignee", assignee?.parameter)]
    }
}

/// `/admin/feedback`: a unit's queue with its due-soon and overdue counts, filters as links
/// and one row per item. An officer's queue holds only the items assigned to them (the
/// controller keeps only the items the access policy lets the account read).
struct FeedbackQueuePage: Page {
    typealias Entry = FeedbackDesk.QueueEntry

    struct Link: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct Group: Sendable {
        let title: String
        let links: [Link]
    }

    struct Row: Sendable {
        let code: String
        let href: String
        let kind: String
        let category: String
        let channel: String
        let received: String
        let due: String
        let marker: FeedbackDueMarker?
        let assignee: String
        let state: String
    }

    let chrome: PageChrome
    let words: Words
    let heading: String
    let chooser: UnitChooser?
    let notice: String?
    let newItem: Link?
    let counts: [Link]
    let groups: [Group]
    let caption: String
    let headers: [String]
    let rows: [Row]
    let empty: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], entries: [Entry], filter: FeedbackQueueFilter, people: FeedbackPeople,
        mayIntake: Bool, language: Language, notice: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        self.words = words
        func url(_ filter: FeedbackQueueFilter, _ lang: Language) -> String {
            var query: [(String, String?)] = [("unit", unit.code)] + filter.query
            if lang != .vi { query.append(("lang", lang.rawValue)) }
            return SiteURL.appending(query, to: SiteURL.feedbackQueue.path)
        }
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Phản ánh, kiến nghị", en: "Feedback"), staff: session) {
            url(filter, $0)
        }
        heading = words("Phản ánh, kiến nghị - \(unit.name)", "Feedback - \(unit.name)")
        chooser = UnitChooser(screen: .feedbackQueue, units: units, current: unit, language: language)
        self.notice = notice?.text(in: language)
        newItem =
            mayIntake
            ? Link(
                label: words("Tiếp nhận phản ánh (đường dây nóng, thư, trực tiếp, hòm thư)", "Key in an item (hotline, letter, in person, box)"),
                href: SiteURL.feedbackNew.path(language: language, ["unit": unit.code]), current: false) : nil

        let soon = entries.filter(\.standing.dueSoon).count
        let overdue = entries.filter(\.standing.overdue).count
        let open = entries.filter(\.item.isOpen).count
        counts = [
            Link(label: words("Đang mở: \(open)", "Open: \(open)"), href: url(FeedbackQueueFilter(due: .open), language), current: false),
            Link(label: words("Sắp đến hạn: \(soon)", "Due soon: \(soon)"), href: url(FeedbackQueueFilter(due: .soon), language), current: false),
            Link(label: words("Quá hạn: \(overdue)", "Overdue: \(overdue)"), href: url(FeedbackQueueFilter(due: .overdue), language), current: false),
        ]

        func changed(_ change: (inout FeedbackQueueFilter) -> Void) -> String {
            var next = filter
            change(&next)
            return url(next, language)
        }
        let dueLabels: [(FeedbackQueueFilter.Due, String)] = [
            (.open, words("Đang mở", "Open")), (.soon, words("Sắp đến hạn", "Due soon")), (.overdue, words("Quá hạn", "Overdue")),
            (.all, words("Tất cả", "All")),
        ]
        let everyone = words("Tất cả", "All")
        var groups = [
            Group(
                title: words("Thời hạn", "Deadline"),
                links: dueLabels.map { due, label in Link(label: label, href: changed { $0.due = due }, current: filter.effectiveDue == due) }),
            Group(
                title: words("Trạng thái", "State"),
                links: [Link(label: everyone, href: changed { $0.state = nil }, current: filter.state == nil)]
                    + FeedbackState.allCases.map { state in
                        Link(label: state.name.text(in: language), href: changed { $0.state = state; $0.due = nil }, current: filter.state == state)
                    }),
            Group(
                title: words("Loại", "Kind"),
                links: [Link(label: everyone, href: changed { $0.kind = nil }, current: filter.kind == nil)]
                    + FeedbackKind.allCases.map { kind in
                        Link(label: kind.name.text(in: language), href: changed { $0.kind = kind }, current: filter.kind == kind)
                    }),
        ]
        let assignees = Set(entries.compactMap(\.item.assignee)).sorted()
        groups.append(
            Group(
                title: words("Người xử lý", "Assignee"),
                links: [
                    Link(label: everyone, href: changed { $0.assignee = nil }, current: filter.assignee == nil),
                    Link(label: words("Của tôi", "Mine"), href: changed { $0.assignee = .mine }, current: filter.assignee == .mine),
                    Link(label: words("Chưa giao", "Not assigned"), href: changed { $0.assignee = .nobody }, current: filter.assignee == .nobody),
                ]
                    + assignees.map { name in
                        Link(
                            label: people.label(name) ?? name, href: changed { $0.assignee = .named(name) },
                            current: filter.assignee == .named(name))
                    }))
        self.groups = groups

        let noClock = words("Không tính hạn (ẩn danh)", "No deadline (anonymous)")
        rows =
            entries
            .filter { filter.matches($0.item, standing: $0.standing, isMine: $0.isMine) }
            .sorted(by: Self.queueOrder)
            .map { entry in
                let item = entry.item
                return Row(
                    code: item.code.description, href: SiteURL.feedbackItem(.value(item.code.description)).path(language: language),
                    kind: item.kind.name.text(in: language), category: item.category.name.text(in: language),
                    channel: item.channel.name.text(in: language), received: item.receivedOn.vietnamese,
                    due: item.dueOn?.vietnamese ?? noClock, marker: FeedbackDueMarker(entry.standing),
                    assignee: people.label(item.assignee) ?? words("Chưa giao", "Not assigned"), state: item.state.name.text(in: language))
            }
        caption = words("Danh sách phản ánh", "Feedback items")
        headers = [
            words("Mã", "Code"), words("Loại", "Kind"), words("Nhóm nội dung", "Category"), words("Kênh", "Channel"),
            words("Ngày nhận", "Received"), words("Hạn giải quyết", "Due"), words("Người xử lý", "Assignee"), words("Trạng thái", "State"),
        ]
        empty = words("Không có phản ánh nào theo bộ lọc này.", "No item matches these filters.")
    }

    /// Open items first, the nearest due date first (overdue ones lead); then items without a
    /// clock and handled ones, newest first.
    static func queueOrder(_ a: Entry, _ b: Entry) -> Bool {
        let dueA = a.item.isOpen ? a.item.dueOn : nil
        let dueB = b.item.isOpen ? b.item.dueOn : nil
        switch (dueA, dueB) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            if a.item.isOpen != b.item.isOpen { return a.item.isOpen }
            return a.item.receivedAt > b.item.receivedAt
        }
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        chooser?.write(into: &html)
        Components.messages(notice: notice, error: nil, into: &html)
        if let newItem { html.element("p", body: { $0.element("a", .href(newItem.href), .class("btn"), text: newItem.label) }) }
        html.open("ul", .class("counts"), .attr("aria-label", words("Tổng quan thời hạn", "Deadlines at a glance")))
        for link in counts {
            html.element("li", body: { $0.element("a", .href(link.href), text: link.label) })
        }
        html.close("ul")
        html.open("nav", .class("filters"), .attr("aria-label", words("Lọc danh sách", "Filter the list")))
        for group in groups {
            html.open("p")
            html.element("strong", text: group.title + ": ")
            for (index, link) in group.links.enumerated() {
                if index > 0 { html.raw(" · ") }
                if link.current {
                    html.element("a", .href(link.href), .fixed("aria-current", "page"), .class("current"), text: link.label)
                } else {
                    html.element("a", .href(link.href), text: link.label)
                }
            }
            html.close("p")
        }
        html.close("nav")
        guard !rows.isEmpty else {
            html.element("p", text: empty)
            return
        }
        Components.table(caption: caption, headers: headers, rows: rows, into: &html) { row, html in
            html.element("td", body: { $0.element("a", .href(row.href), body: { $0.element("code", text: row.code) }) })
            html.element("td", text: row.kind)
            html.element("td", text: row.category)
            html.element("td", text: row.channel)
            html.element("td", text: row.received)
            html.element("td", body: { FeedbackDueMarker.write(date: row.due, marker: row.marker, words: words, into: &$0) })
            html.element("td", text: row.assignee)
            html.element("td", text: row.state)
        }
    }
}
