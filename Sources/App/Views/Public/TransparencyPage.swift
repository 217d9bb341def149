import Domain
import Foundation
import Storage

/// `GET /public`: every unit's satisfaction and on-time feedback for a month, with n, the
/// interval, suppression below the minimum n and the method's name; the city's trend over
/// the last twelve months as a chart; the same data as CSV. No login, no script.
struct TransparencyPage: Page {
    struct Row: Sendable {
        let unit: String
        let responses: String
        let satisfaction: String
        let n: String
        let index: String
        let received: String
        let onTime: String
    }

    let chrome: PageChrome
    let language: Language
    let heading: String
    let intro: [String]
    let monthLabel: String
    let months: [(code: String, name: String, selected: Bool)]
    let show: String
    let action: String
    let tableCaption: String
    let headers: [String]
    let rows: [Row]
    let chart: TrendChart
    let csvLabel: String
    let csvURL: String

    init(month: PublicFigures.Month, trend: [PublicFigures.Month], choices: [FigurePeriod], rules: ScoringRules, language: Language) {
        let minimumN = rules.minimumN
        self.language = language
        let words = Words(language: language)
        let code = month.period.code
        chrome = PageChrome(
            language: language, title: LocalizedText(vi: "Công khai kết quả đánh giá", en: "Published results"), audience: .staff
        ) { SiteURL.transparency.path(language: $0, ["month": code]) }
        heading = words(
            "Công khai kết quả đánh giá sự hài lòng - \(month.period.name.vi)", "Published satisfaction results - \(month.period.name.en)")
        intro = [
            words(
                "Số liệu là \(IndicatorReport.methodName), không phải chỉ số SIPAS chính thức của Bộ Nội vụ.",
                "The figures are a SIPAS-style counter index (\(IndicatorReport.methodName)), not the Ministry of Home Affairs' official SIPAS."),
            words(
                "Tỷ lệ hài lòng = số đánh giá hài lòng hoặc rất hài lòng / số đánh giá có ý kiến (n), kèm khoảng tin cậy 95%. Đơn vị có dưới \(minimumN) đánh giá trong tháng ghi \"chưa đủ mẫu\".",
                "Satisfaction = satisfied or very satisfied answers / answers with an opinion (n), with a 95% interval. A unit with fewer than \(minimumN) answers in the month shows \"not enough answers\"."),
            words(
                "Giải quyết đúng hạn = phản ánh, kiến nghị giải quyết đúng hạn / (đã giải quyết + quá hạn) trong tháng.",
                "On time = feedback resolved on time / (resolved + overdue) in the month."),
        ]
        monthLabel = words("Tháng", "Month")
        months = choices.map { ($0.code, $0.name.text(in: language), $0.code == code) }
        show = words("Xem", "Show")
        action = SiteURL.transparency.path
        tableCaption = words("Kết quả từng đơn vị, \(month.period.name.vi)", "Each unit, \(month.period.name.en)")
        headers = [
            words("Đơn vị", "Unit"), words("Lượt đánh giá", "Ratings"), words("Tỷ lệ hài lòng [khoảng tin cậy 95%]", "Satisfaction [95% interval]"),
            "n", words("Chỉ số hài lòng", "Index"), words("Phản ánh nhận", "Feedback received"),
            words("Giải quyết đúng hạn (n)", "Resolved on time (n)"),
        ]
        let notEnough = words("chưa đủ mẫu", "not enough answers")
        let percent = { (value: Double) in FigureText.percent(value, language) + "%" }
        rows = month.units.map { row in
            Row(
                unit: language == .vi ? row.unit.name : (row.unit.nameEn.isEmpty ? row.unit.name : row.unit.nameEn),
                responses: String(row.responses), satisfaction: FigureText.rate(row.satisfaction, rules: rules, language: language),
                n: String(row.satisfaction.n), index: row.indexSuppressed ? notEnough : row.index.map(percent) ?? "-",
                received: String(row.received), onTime: (row.onTimeRate.map(percent) ?? "-") + " (n = \(row.feedbackN))")
        }
        chart = TrendChart(
            id: "public-trend",
            title: words("Tỷ lệ hài lòng chung của các đơn vị, 12 tháng", "Overall satisfaction of all units, 12 months"),
            description: words(
                "Đường liền: tỷ lệ; dải xám: khoảng tin cậy 95%; đường đứt: mục tiêu 95%.",
                "Solid line: rate; grey band: 95% interval; dashed line: 95% target."),
            points: trend.map { month in
                let suppressed = month.city.n < minimumN
                let rate = suppressed ? nil : month.city.rate
                return TrendChart.Point(
                    shortLabel: String(month.period.code.suffix(2)) + "/" + String(month.period.code.prefix(4).suffix(2)),
                    label: month.period.name.text(in: language), rate: rate, low: suppressed ? nil : month.city.ci95?.lowerBound,
                    high: suppressed ? nil : month.city.ci95?.upperBound, n: month.city.n,
                    text: rate.map(percent) ?? notEnough)
            }, target: 95, targetLabel: words("mục tiêu 95%", "target 95%"), tableCaption: words("Số liệu của biểu đồ", "The chart's data"),
            tableHeaders: [words("Tháng", "Month"), words("Tỷ lệ hài lòng", "Satisfaction"), "n"],
            detailsLabel: words("Xem bảng số liệu", "Show the data table"))
        csvLabel = words("Tải số liệu tháng này (CSV)", "Download this month (CSV)")
        csvURL = SiteURL.transparencyCSV.path(["month": code])
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        for paragraph in intro { html.element("p", text: paragraph) }
        html.open("form", .fixed("method", "get"), .attr("action", action), .class("inline"))
        if language != .vi { html.void("input", .fixed("type", "hidden"), .fixed("name", "lang"), .attr("value", language.rawValue)) }
        html.element("label", .fixed("for", "month"), text: monthLabel)
        html.open("select", .id("month"), .fixed("name", "month"))
        for month in months {
            html.element("option", .attr("value", month.code), .flag("selected", month.selected), text: month.name)
        }
        html.close("select")
        html.element("button", .class("btn"), text: show)
        html.close("form")
        Components.table(caption: tableCaption, headers: headers, rows: rows, into: &html) { row, html in
            html.element("th", .fixed("scope", "row"), text: row.unit)
            html.element("td", text: row.responses)
            html.element("td", text: row.satisfaction)
            html.element("td", text: row.n)
            html.element("td", text: row.index)
            html.element("td", text: row.received)
            html.element("td", text: row.onTime)
        }
        html.element("p", body: { $0.element("a", .href(csvURL), .fixed("download", ""), text: csvLabel) })
        chart.write(into: &html)
    }
}
