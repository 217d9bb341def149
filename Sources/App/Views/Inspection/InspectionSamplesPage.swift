import Domain
import Storage

/// `/inspection/samples`: the form that draws a stratified random sample of handled items
/// (period, unit or every unit, size per stratum, seed), and the samples drawn before.
struct InspectionSamplesPage: Page {
    let chrome: PageChrome
    let words: Words
    let heading: String
    let nav: InspectionNav
    let intro: String
    let error: String?
    let action: String
    let csrf: String
    let mayDraw: Bool
    let unitOptions: [Components.Option]
    let input: [String: String]
    let listHeading: String
    let headers: [String]
    let rows: [[Cell]]
    let empty: String

    init(
        session: StaffSession, coverage: InspectionController.Coverage, everyUnit: Bool, samples: [InspectionSample], today: LocalDate,
        language: Language, input: [String: String], error: LocalizedText?
    ) {
        let words = Words(language: language)
        self.words = words
        let unit = coverage.chosen?.code
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Chọn mẫu kiểm tra", en: "Samples"), staff: session) {
            SiteURL.inspectionSamples.path(language: $0, ["unit": unit])
        }
        heading = words("Chọn mẫu kiểm tra", "Samples")
        nav = InspectionNav(.samples, unit: unit, language: language)
        intro = words(
            "Chọn ngẫu nhiên các phản ánh đã xử lý (giải quyết, chuyển, không thụ lý) trong kỳ, theo từng nhóm: đơn vị, loại, người xử lý, đúng hạn hay trễ hạn. Cùng hạt giống và cùng dữ liệu thì chọn ra đúng mẫu đó.",
            "A random sample of items handled (resolved, transferred, rejected) in the period, per stratum: unit, kind, handler, on time or late. The same seed on the same data draws the same sample again.")
        self.error = error?.text(in: language)
        action = SiteURL.inspectionSamples.path(language: language)
        csrf = session.csrfToken
        mayDraw = !coverage.units.isEmpty
        let everyChoice = everyUnit ? [(value: "all", label: words("Tất cả đơn vị", "Every unit"))] : []
        unitOptions = FeedbackFields.options(
            everyChoice + coverage.units.map { (value: $0.code, label: $0.name) }, selected: input["unit"] ?? (everyUnit ? "all" : coverage.units.first?.code),
            placeholder: nil)
        var defaults = input
        if (defaults["from"] ?? "").isEmpty { defaults["from"] = LocalDate(year: today.year, month: today.month, day: 1)?.description }
        if (defaults["to"] ?? "").isEmpty { defaults["to"] = today.description }
        if (defaults["n"] ?? "").isEmpty { defaults["n"] = "2" }
        self.input = defaults
        listHeading = words("Các mẫu đã chọn", "Samples drawn")
        headers = [
            words("Mẫu", "Sample"), words("Đơn vị", "Unit"), words("Kỳ", "Period"), words("Cỡ mẫu mỗi nhóm", "Per stratum"), words("Hạt giống", "Seed"),
            words("Số phản ánh", "Items"), words("Người chọn", "Drawn by"),
        ]
        rows = samples.map { sample in
            [
                .link("#\(sample.id)", href: SiteURL.inspectionSample(.value(sample.id)).path(language: language)),
                .text(sample.unitCode ?? words("Tất cả", "All")), .text("\(sample.request.from.vietnamese) - \(sample.request.to.vietnamese)"),
                .text(String(sample.request.perStratum)), .code(String(sample.request.seed)), .text("\(sample.entries.count) / \(sample.population)"),
                .text(sample.createdBy),
            ]
        }
        empty = words("Chưa có mẫu nào.", "No sample yet.")
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        nav.write(into: &html)
        html.element("p", text: intro)
        Components.messages(notice: nil, error: error, into: &html)
        if mayDraw {
            html.open("form", .fixed("method", "post"), .attr("action", action), .class("action"), .attr("aria-label", heading))
            Components.csrf(csrf, into: &html)
            FeedbackFields.select(form: "sample", name: "unit", label: words("Đơn vị", "Unit"), options: unitOptions, into: &html)
            FeedbackFields.date(form: "sample", name: "from", label: words("Xử lý từ ngày", "Handled from"), value: input["from"], required: true, into: &html)
            FeedbackFields.date(form: "sample", name: "to", label: words("Đến ngày", "Handled to"), value: input["to"], required: true, into: &html)
            FeedbackFields.text(
                form: "sample", name: "n", label: words("Cỡ mẫu mỗi nhóm (1-100)", "Size per stratum (1-100)"), value: input["n"], maxLength: 3,
                required: true, into: &html)
            FeedbackFields.text(
                form: "sample", name: "seed", label: words("Hạt giống (để trống: chọn mới)", "Seed (empty: a new one)"), value: input["seed"],
                maxLength: 20, hint: words("Nhập hạt giống của một mẫu cũ để chọn lại đúng mẫu đó.", "Type an earlier sample's seed to draw it again."),
                into: &html)
            html.element("button", .class("btn"), text: words("Chọn mẫu", "Draw the sample"))
            html.close("form")
        }
        html.element("h2", text: listHeading)
        if rows.isEmpty { html.element("p", text: empty) } else { Components.table(caption: listHeading, headers: headers, rows: rows, into: &html) }
    }
}
