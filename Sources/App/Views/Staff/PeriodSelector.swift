import Domain
import Storage

/// The dashboard's choice of unit (or the city) and period, as plain GET forms that work
/// without script: recent weeks, months, quarters and the campaign's phases in one list, and
/// a custom range of days in a second form.
struct PeriodSelector: Sendable {
    let action: String
    let language: Language
    let unitLabel: String
    let units: [Components.Option]
    let unitCode: String
    let periodLabel: String
    let periods: [Components.Option]
    let button: String
    let customLegend: String
    let fromLabel: String
    let toLabel: String
    let from: String
    let to: String

    /// - Parameter units: the units to choose from, and whether the city view is offered.
    init(current: FigurePeriod, today: LocalDate, campaign: CampaignDefinition?, units: [Storage.Unit], city: Bool, unitCode: String, language: Language) {
        let words = Words(language: language)
        action = SiteURL.admin.path
        self.language = language
        self.unitCode = unitCode
        unitLabel = words("Đơn vị", "Unit")
        var unitOptions = units.map { Components.Option(value: $0.code, label: $0.name, selected: $0.code == unitCode) }
        if city { unitOptions.insert(Components.Option(value: "all", label: words("Toàn thành phố (mọi đơn vị)", "Whole city (every unit)"), selected: unitCode == "all"), at: 0) }
        self.units = unitOptions.count > 1 ? unitOptions : []
        periodLabel = words("Kỳ báo cáo", "Period")
        var choices: [FigurePeriod] = []
        var day = today
        for _ in 0..<8 {
            choices.append(FigurePeriod.week(containing: day))
            day = day.adding(days: -7)
        }
        day = today
        for _ in 0..<12 {
            let month = FigurePeriod.month(containing: day)
            choices.append(month)
            day = month.from.adding(days: -1)
        }
        day = today
        for _ in 0..<4 {
            let quarter = FigurePeriod.quarter(containing: day)
            choices.append(quarter)
            day = quarter.from.adding(days: -1)
        }
        choices += campaign?.phases.map(FigurePeriod.phase) ?? []
        if current.kind != .custom, !choices.contains(where: { $0.code == current.code }) { choices.insert(current, at: 0) }
        periods = choices.map { Components.Option(value: $0.code, label: $0.name.text(in: language), selected: $0.code == current.code) }
        button = words("Xem", "Show")
        customLegend = words("Hoặc chọn khoảng ngày", "Or choose a range of days")
        fromLabel = words("Từ ngày", "From")
        toLabel = words("Đến ngày", "To")
        from = current.from.description
        to = current.to.description
    }

    func write(into html: inout HTML) {
        html.open("div", .class("periods noprint"))
        html.open("form", .fixed("method", "get"), .attr("action", action), .class("chooser"))
        writeHidden(into: &html, unit: units.isEmpty)
        if !units.isEmpty { Components.select(name: "unit", label: unitLabel, options: units, into: &html) }
        Components.select(name: "period", label: periodLabel, options: periods, into: &html)
        html.element("button", .class("btn"), text: button)
        html.close("form")
        html.open("form", .fixed("method", "get"), .attr("action", action), .class("chooser"))
        writeHidden(into: &html, unit: true)
        html.open("fieldset")
        html.element("legend", text: customLegend)
        html.open("span")
        html.element("label", .class("f"), .attr("for", "from"), text: fromLabel)
        html.void("input", .type("date"), .id("from"), .name("from"), .value(from), .flag("required"))
        html.close("span")
        html.open("span")
        html.element("label", .class("f"), .attr("for", "to"), text: toLabel)
        html.void("input", .type("date"), .id("to"), .name("to"), .value(to), .flag("required"))
        html.close("span")
        html.element("button", .class("btn"), text: button)
        html.close("fieldset")
        html.close("form")
        html.close("div")
    }

    private func writeHidden(into html: inout HTML, unit: Bool) {
        if language != .vi { html.void("input", .type("hidden"), .name("lang"), .value(language.rawValue)) }
        if unit { html.void("input", .type("hidden"), .name("unit"), .value(unitCode)) }
    }
}
