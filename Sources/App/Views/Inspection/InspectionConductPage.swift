import Domain
import Storage

/// `/inspection/conduct`: items about an officer's conduct (thái độ, nhũng nhiễu) with their
/// verification outcome; only "có cơ sở" counts toward I4 and TT 01 index 7.
struct InspectionConductPage: Page {
    let chrome: PageChrome
    let heading: String
    let nav: InspectionNav
    let intro: String
    let caption: String
    let headers: [String]
    let rows: [[Cell]]
    let empty: String

    init(session: StaffSession, coverage: InspectionController.Coverage, entries: [InspectionEntry], language: Language) {
        let words = Words(language: language)
        let unit = coverage.chosen?.code
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Phản ánh về thái độ, nhũng nhiễu", en: "Conduct items"), staff: session) {
            SiteURL.inspectionConduct.path(language: $0, ["unit": unit])
        }
        heading = words("Phản ánh về thái độ, nhũng nhiễu", "Conduct items") + (coverage.chosen.map { " - \($0.name)" } ?? "")
        nav = InspectionNav(.conduct, unit: unit, language: language)
        intro = words(
            "Chỉ kết quả xác minh \"có cơ sở\" được tính vào chỉ tiêu I4 và chỉ số 7 (TT 01/2018).",
            "Only the outcome \"substantiated\" counts toward target I4 and index 7 (TT 01/2018).")
        caption = words("Phản ánh về thái độ, nhũng nhiễu", "Conduct items")
        headers = [
            words("Mã", "Code"), words("Đơn vị", "Unit"), words("Nhóm nội dung", "Category"), words("Cán bộ", "Officer"),
            words("Ngày nhận", "Received"), words("Trạng thái", "State"), words("Kết quả xác minh", "Verification"), words("Ngày xác minh", "Verified on"),
        ]
        rows = entries.map { entry in
            let item = entry.item
            return [
                .link(item.code.description, href: SiteURL.inspectionItem(.value(item.code.description)).path(language: language)),
                .text(item.unitCode), .text(item.category.name.text(in: language)), .text(item.officerCode ?? item.officerText ?? "-"),
                .text(item.receivedOn.vietnamese), .text(item.state.name.text(in: language)),
                .text(item.verification?.name.text(in: language) ?? words("Chưa có", "None yet")), .text(item.verifiedOn?.vietnamese ?? "-"),
            ]
        }
        empty = words("Không có phản ánh về thái độ, nhũng nhiễu.", "No conduct item.")
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        nav.write(into: &html)
        html.element("p", .class("note"), text: intro)
        if rows.isEmpty { html.element("p", text: empty) } else { Components.table(caption: caption, headers: headers, rows: rows, into: &html) }
    }
}
