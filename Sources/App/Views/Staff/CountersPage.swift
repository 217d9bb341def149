import Domain
import Storage

/// A unit's counters, with poster links and, for those who manage the unit, a form to add one
/// and a button to take one out of service.
struct CountersPage: Page {
    let chrome: PageChrome
    let list: StructureList

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], counters: [Counter], manage: Bool, urls: PublicURLs, language: Language,
        input: [String: String] = [:], error: LocalizedText? = nil, notice: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Quầy", en: "Counters"), staff: session) {
            SiteURL.counters.path(language: $0, ["unit": unit.code])
        }
        let rows: [[Cell]] = counters.compactMap { counter in
            guard let id = counter.id else { return nil }
            let toggle = InlineForm(
                action: (counter.active ? SiteURL.counterDisable(.value(id)) : SiteURL.counterEnable(.value(id))).path(language: language),
                csrf: session.csrfToken, button: counter.active ? words("Ngừng", "Take out of service") : words("Mở lại", "Put back in service"))
            return [
                .text(counter.code), .text(counter.name),
                .links([
                    ("A4", SiteURL.counterPoster(.value(id)).path), ("A5", SiteURL.counterPoster(.value(id)).path(["size": "a5"])),
                    (words("liên kết", "link"), urls.rating(token: counter.posterToken)),
                ]),
                .textAndForm(counter.active ? words("Đang phục vụ", "In service") : words("Ngừng phục vụ", "Out of service"), manage ? toggle : nil),
            ]
        }
        let form = StructureList.AddForm(
            title: words("Thêm quầy", "Add a counter"), action: SiteURL.counters.path(language: language, ["unit": unit.code]),
            csrf: session.csrfToken,
            fields: [
                .text("code", words("Mã quầy", "Code"), input: input), .text("name", words("Tên quầy", "Name"), input: input),
                .text("nameEn", words("Tên tiếng Anh", "English name"), input: input, required: false),
            ], button: words("Thêm quầy", "Add counter"))
        list = StructureList(
            heading: words("Quầy - \(unit.name)", "Counters - \(unit.nameEn.isEmpty ? unit.name : unit.nameEn)"),
            chooser: UnitChooser(screen: .counters, units: units, current: unit, language: language), notice: notice?.text(in: language),
            error: error?.text(in: language), caption: words("Danh sách quầy", "Counters"),
            columns: [words("Mã quầy", "Code"), words("Tên quầy", "Name"), words("Mã QR dán tại quầy", "QR poster"), words("Trạng thái", "State")],
            rows: rows, form: manage ? form : nil)
    }

    func body(_ html: inout HTML) { list.write(into: &html) }
}
