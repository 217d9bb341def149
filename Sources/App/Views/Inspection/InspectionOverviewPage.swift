import Domain
import Storage

/// `/inspection`: the units in the account's scope, each with its items by deadline state,
/// its anonymous items (outside the clock) and its conduct items; each count links to the
/// queue already filtered.
struct InspectionOverviewPage: Page {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let nav: InspectionNav
    let caption: String
    let headers: [String]
    let rows: [[Cell]]

    init(session: StaffSession, units: [Storage.Unit], entries: [InspectionEntry], language: Language) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Kiểm tra xử lý phản ánh", en: "Inspection of feedback handling"), staff: session) {
            SiteURL.inspection.path(language: $0)
        }
        heading = words("Kiểm tra xử lý phản ánh", "Inspection of feedback handling")
        intro = words(
            "Số phản ánh của từng đơn vị theo thời hạn. Bấm vào một con số để xem danh sách. Trang này không hiển thị thông tin liên hệ của người dân.",
            "Each unit's items by deadline. Open a number to see the items. No citizen's contact data is shown here.")
        nav = InspectionNav(.overview, unit: units.count == 1 ? units.first?.code : nil, language: language)
        caption = words("Các đơn vị", "Units")
        headers =
            [words("Đơn vị", "Unit")] + InspectionDeadlineState.allCases.map { $0.name.text(in: language) }
            + [words("Ẩn danh (không tính hạn)", "Anonymous (no deadline)"), words("Về thái độ, nhũng nhiễu", "Conduct"), words("Tổng", "Total")]
        rows = units.map { unit in
            let mine = entries.filter { $0.item.unitId == unit.id }
            var cells: [Cell] = [.text(unit.name)]
            for state in InspectionDeadlineState.allCases {
                let count = mine.filter { $0.state == state }.count
                cells.append(.link(String(count), href: SiteURL.inspectionQueue.path(language: language, ["unit": unit.code, "state": state.rawValue])))
            }
            let anonymous = mine.filter(\.item.isAnonymous).count
            cells.append(.link(String(anonymous), href: SiteURL.inspectionQueue.path(language: language, ["unit": unit.code]) + "#anonymous"))
            let conduct = mine.filter(\.item.category.isConduct).count
            cells.append(.link(String(conduct), href: SiteURL.inspectionConduct.path(language: language, ["unit": unit.code])))
            cells.append(.link(String(mine.count), href: SiteURL.inspectionQueue.path(language: language, ["unit": unit.code])))
            return cells
        }
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        nav.write(into: &html)
        html.element("p", text: intro)
        Components.table(caption: caption, headers: headers, rows: rows, into: &html)
    }
}
