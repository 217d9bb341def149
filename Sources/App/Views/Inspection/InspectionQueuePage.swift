import Domain
import Storage

/// `/inspection/queue`: the covered units' items by deadline state (overdue, due soon, open on
/// time, handled on time, handled late) and kind, filters as links; anonymous items, outside
/// the statutory clock, in a list of their own below.
struct InspectionQueuePage: Page {
    /// `unit=CODE`, `state=overdue|due-soon|open|on-time|late`, `kind=K`; each independent.
    struct Filter: Sendable {
        var unit: String?
        var state: InspectionDeadlineState?
        var kind: FeedbackKind?

        func path(_ language: Language) -> String {
            SiteURL.inspectionQueue.path(language: language, ["unit": unit, "state": state?.rawValue, "kind": kind?.rawValue])
        }
    }

    struct Group: Sendable {
        let title: String
        let links: [InspectionNav.Link]
    }

    let chrome: PageChrome
    let words: Words
    let heading: String
    let nav: InspectionNav
    let groups: [Group]
    let caption: String
    let headers: [String]
    let rows: [[Cell]]
    let empty: String
    let anonymousHeading: String
    let anonymousNote: String
    let anonymousHeaders: [String]
    let anonymousRows: [[Cell]]
    let anonymousEmpty: String

    init(session: StaffSession, coverage: InspectionController.Coverage, entries: [InspectionEntry], filter: Filter, language: Language) {
        let words = Words(language: language)
        self.words = words
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Phản ánh theo thời hạn", en: "Items by deadline"), staff: session) {
            filter.path($0)
        }
        heading = words("Phản ánh theo thời hạn", "Items by deadline") + (coverage.chosen.map { " - \($0.name)" } ?? "")
        nav = InspectionNav(.queue, unit: filter.unit, language: language)
        func changed(_ change: (inout Filter) -> Void) -> String {
            var next = filter
            change(&next)
            return next.path(language)
        }
        let everything = words("Tất cả", "All")
        var groups: [Group] = []
        if coverage.units.count > 1 {
            groups.append(
                Group(
                    title: words("Đơn vị", "Unit"),
                    links: [InspectionNav.Link(label: everything, href: changed { $0.unit = nil }, current: filter.unit == nil)]
                        + coverage.units.map { unit in
                            InspectionNav.Link(label: unit.name, href: changed { $0.unit = unit.code }, current: filter.unit == unit.code)
                        }))
        }
        groups.append(
            Group(
                title: words("Thời hạn", "Deadline"),
                links: [InspectionNav.Link(label: everything, href: changed { $0.state = nil }, current: filter.state == nil)]
                    + InspectionDeadlineState.allCases.map { state in
                        let count = entries.filter { $0.state == state && (filter.kind == nil || $0.item.kind == filter.kind) }.count
                        return InspectionNav.Link(
                            label: "\(state.name.text(in: language)) (\(count))", href: changed { $0.state = state }, current: filter.state == state)
                    }))
        groups.append(
            Group(
                title: words("Loại", "Kind"),
                links: [InspectionNav.Link(label: everything, href: changed { $0.kind = nil }, current: filter.kind == nil)]
                    + FeedbackKind.allCases.map { kind in
                        InspectionNav.Link(label: kind.name.text(in: language), href: changed { $0.kind = kind }, current: filter.kind == kind)
                    }))
        self.groups = groups

        let kindMatches = entries.filter { filter.kind == nil || $0.item.kind == filter.kind }
        let clocked = kindMatches.filter { $0.state != nil && (filter.state == nil || $0.state == filter.state) }
        caption = words("Phản ánh tính thời hạn", "Items on the statutory clock")
        headers = [
            words("Mã", "Code"), words("Đơn vị", "Unit"), words("Loại", "Kind"), words("Nhóm nội dung", "Category"), words("Ngày nhận", "Received"),
            words("Hạn giải quyết", "Due"), words("Thời hạn", "Deadline"), words("Trạng thái", "State"),
        ]
        rows = clocked.map { entry in
            let item = entry.item
            return [
                .link(item.code.description, href: SiteURL.inspectionItem(.value(item.code.description)).path(language: language)),
                .text(item.unitCode), .text(item.kind.name.text(in: language)), .text(item.category.name.text(in: language)),
                .text(item.receivedOn.vietnamese), .text(item.dueOn?.vietnamese ?? "-"), .text(entry.state?.name.text(in: language) ?? "-"),
                .text(item.state.name.text(in: language)),
            ]
        }
        empty = words("Không có phản ánh nào theo bộ lọc này.", "No item matches these filters.")

        anonymousHeading = words("Phản ánh ẩn danh (không tính thời hạn theo luật)", "Anonymous items (outside the statutory clock)")
        anonymousNote = words(
            "Không đủ họ tên, địa chỉ và số điện thoại: được giữ như góp ý ẩn danh, Ủy ban Kiểm tra vẫn theo dõi.",
            "Without a name, address and phone these are kept as anonymous feedback, still visible to the inspection committee.")
        anonymousHeaders = [
            words("Mã", "Code"), words("Đơn vị", "Unit"), words("Loại", "Kind"), words("Nhóm nội dung", "Category"), words("Ngày nhận", "Received"),
            words("Trạng thái", "State"),
        ]
        anonymousRows = kindMatches.filter(\.item.isAnonymous).map { entry in
            let item = entry.item
            return [
                .link(item.code.description, href: SiteURL.inspectionItem(.value(item.code.description)).path(language: language)),
                .text(item.unitCode), .text(item.kind.name.text(in: language)), .text(item.category.name.text(in: language)),
                .text(item.receivedOn.vietnamese), .text(item.state.name.text(in: language)),
            ]
        }
        anonymousEmpty = words("Không có phản ánh ẩn danh.", "No anonymous item.")
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        nav.write(into: &html)
        html.open("nav", .class("filters"), .attr("aria-label", words("Lọc danh sách", "Filter the list")))
        for group in groups {
            html.open("p")
            html.element("strong", text: group.title + ": ")
            InspectionNav.write(group.links, into: &html)
            html.close("p")
        }
        html.close("nav")
        html.element("h2", text: caption)
        if rows.isEmpty { html.element("p", text: empty) } else { Components.table(caption: caption, headers: headers, rows: rows, into: &html) }
        html.element("h2", .id("anonymous"), text: anonymousHeading)
        html.element("p", .class("note"), text: anonymousNote)
        if anonymousRows.isEmpty {
            html.element("p", text: anonymousEmpty)
        } else {
            Components.table(caption: anonymousHeading, headers: anonymousHeaders, rows: anonymousRows, into: &html)
        }
    }
}
