import Domain
import Storage

/// The director's dashboard on `/admin` (issue 10): the campaign targets I1-I6 as tiles, the
/// response rate and feedback counts, TT 01/2018 indices, a trend chart, breakdowns. Every
/// number is read from `IndicatorReport`s that `FiguresService` made - the same values the
/// indicators API returns - so the screen and the API cannot disagree.
struct Dashboard: Sendable {
    enum Status: Sendable {
        case met, notMet, noData
    }

    struct Tile: Sendable {
        let id: String
        let title: String
        let value: String
        let lines: [String]
        let status: Status?
        let statusText: String?
        let previous: String
    }

    struct Breakdown: Sendable {
        let heading: String
        let headers: [String]
        let rows: [[String]]
    }

    /// What the page shows, as its query: for the link to the other language.
    struct Selection: Sendable {
        let unit: String
        let period: String?
        let from: String?
        let to: String?
    }

    let selection: Selection
    let heading: String
    let method: String
    let periodName: String
    let previousName: String
    let selector: PeriodSelector
    let tiles: [Tile]
    let tt01Heading: String
    let tt01: [(label: String, value: String)]
    let chart: TrendChart?
    let chartHeading: String
    let breakdowns: [Breakdown]
    let note: String
    /// The reports of this unit (or the city) and period, and its raw exports where allowed.
    let reportsLabel: String
    let reports: [(label: String, href: String)]

    /// - Parameters:
    ///   - breakdowns: groups by counter, officer, sector, procedure and channel (the city:
    ///     by channel only).
    ///   - units: for the city view, each unit's report over the same period.
    init(
        subjectName: String, period: FigurePeriod, previousPeriod: FigurePeriod, current: IndicatorReport, previous: IndicatorReport,
        trend: IndicatorReport, trendGrouping: FigureGrouping, breakdowns: [(FigureGrouping, [IndicatorReport.Group])],
        units: [(name: String, report: IndicatorReport)], selector: PeriodSelector, rules: ScoringRules, language: Language, exports: Bool = false
    ) {
        let words = Words(language: language)
        let text = FigureWords(language: language, rules: rules)
        let custom = period.kind == .custom
        selection = Selection(
            unit: selector.unitCode, period: custom ? nil : period.code, from: custom ? period.from.description : nil,
            to: custom ? period.to.description : nil)
        heading = words("Bảng điều hành - \(subjectName)", "Dashboard - \(subjectName)")
        method = FigureText.method.text(in: language)
        periodName = words("Kỳ: ", "Period: ") + period.name.text(in: language)
        previousName = words("So sánh với kỳ trước: ", "Compared with the previous period: ") + previousPeriod.name.text(in: language)
        self.selector = selector
        reportsLabel = words("Báo cáo và dữ liệu:", "Reports and data:")
        // Each report of the period shown when it is one of its kind, else the current one.
        var reports = ReportKind.allCases.map { kind in
            (
                label: kind.name.text(in: language),
                href: SiteURL.report(.value(kind)).path(
                    language: language, ["unit": selector.unitCode, "period": period.kind == kind.periodKind ? period.code : nil])
            )
        }
        if exports {
            let range: KeyValuePairs<String, String?> = ["unit": selector.unitCode, "from": period.from.description, "to": period.to.description]
            reports += [
                (words("Lượt đánh giá (CSV)", "Ratings (CSV)"), SiteURL.exportResponsesCSV.path(range)),
                (words("Lượt đánh giá (XLSX)", "Ratings (XLSX)"), SiteURL.exportResponsesXLSX.path(range)),
                (words("Sổ phản ánh (CSV)", "Feedback register (CSV)"), SiteURL.exportFeedbackCSV.path(range)),
                (words("Sổ phản ánh (XLSX)", "Feedback register (XLSX)"), SiteURL.exportFeedbackXLSX.path(range)),
            ]
        }
        self.reports = reports

        var tiles: [Tile] = []
        let names: [String: (String, String)] = [
            "I1": ("Chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy)", "SIPAS-style counter index"),
            "I2": ("Hài lòng với đất đai, xây dựng, đầu tư (thấp nhất)", "Land, construction, investment (lowest)"),
            "I3": ("Phản ánh, kiến nghị giải quyết đúng hạn", "Feedback resolved on time"),
            "I4": ("Cán bộ bị phản ánh có cơ sở về thái độ, nhũng nhiễu", "Officers with substantiated conduct feedback"),
            "I5": ("Công khai kết quả đánh giá", "Satisfaction results published"),
            "I6": ("Hài lòng với y tế, giáo dục công (thấp nhất)", "Public health and education (lowest)"),
        ]
        for id in ["I1", "I2", "I3", "I4", "I5", "I6"] {
            let name = names[id].map { words($0.0, $0.1) } ?? words(id, id)
            let goal = id == "I4" ? words("mục tiêu 0%", "target 0%") : (id == "I3" || id == "I5" ? words("mục tiêu 100%", "target 100%") : words("mục tiêu ≥ 95%", "target ≥ 95%"))
            guard let target = current.targets.first(where: { $0.id == id }) else { continue }
            let before = previous.targets.first { $0.id == id }
            var lines = [goal, id == "I5" ? words("\(target.n) tháng trên trang công khai", "\(target.n) months on the public page") : "n = \(target.n)"]
            if let interval = Self.interval(id: id, report: current) { lines.append(text.interval(interval)) }
            if id == "I1" { lines.append(words("Khoảng tin cậy: xem tỷ lệ hài lòng chung.", "Interval: see the overall rate.")) }
            tiles.append(
                Tile(
                    id: id, title: name,
                    value: target.value.map { text.percent($0) }
                        ?? (target.n == 0 ? words("chưa có số liệu", "no data") : words("chưa đủ mẫu", "not enough data")), lines: lines,
                    status: target.met.map { $0 ? .met : .notMet } ?? .noData, statusText: text.status(target.met),
                    previous: text.previous(before?.value, now: target.value, n: before?.n)))
        }
        tiles.append(
            Tile(
                id: "", title: words("Tỷ lệ hài lòng chung", "Overall satisfaction rate"), value: current.satisfaction.rate.map { text.percent($0) } ?? "–",
                lines: ["n = \(current.satisfaction.n)"] + (current.satisfaction.ci95.map { [text.interval($0[0]...$0[1])] } ?? []), status: nil,
                statusText: nil, previous: text.previous(previous.satisfaction.rate, now: current.satisfaction.rate, n: previous.satisfaction.n)))
        tiles.append(
            Tile(
                id: "", title: words("Tỷ lệ phản hồi (lượt đánh giá / phiếu hẹn)", "Response rate (ratings / tickets)"),
                value: current.responseRate.map { text.percent($0) } ?? "–",
                lines: [words("\(current.responses) lượt / \(current.tickets) phiếu; \(current.ticketsAnswered) phiếu được đánh giá", "\(current.responses) ratings / \(current.tickets) tickets; \(current.ticketsAnswered) tickets rated")],
                status: nil, statusText: nil, previous: text.previous(previous.responseRate, now: current.responseRate, n: previous.tickets)))
        let feedback = current.feedback
        tiles.append(
            Tile(
                id: "", title: words("Phản ánh, kiến nghị", "Feedback"), value: words("\(feedback.received) nhận", "\(feedback.received) received"),
                lines: [
                    words("đúng hạn: \(feedback.onTime) / \(feedback.resolved) đã giải quyết", "on time: \(feedback.onTime) / \(feedback.resolved) handled"),
                    words("quá hạn: \(feedback.overdue); đang mở: \(feedback.open)", "overdue: \(feedback.overdue); open: \(feedback.open)"),
                    words("ẩn danh: \(feedback.anonymous)", "anonymous: \(feedback.anonymous)"),
                ], status: nil, statusText: nil,
                previous: words("Kỳ trước: \(previous.feedback.received) nhận, \(previous.feedback.overdue) quá hạn", "Previous: \(previous.feedback.received) received, \(previous.feedback.overdue) overdue")))
        self.tiles = tiles

        tt01Heading = words("Chỉ số theo Thông tư 01/2018/TT-VPCP", "TT 01/2018/TT-VPCP indices")
        tt01 = [
            (words("Chỉ số 3 - số lần đi lại (điểm trung bình, 0-2)", "Index 3 - return visits (mean points, 0-2)"), text.index3(current.tt01.index3)),
            (words("Chỉ số 7 - thái độ (0 hoặc 2)", "Index 7 - attitude (0 or 2)"), current.tt01.index7.map(String.init) ?? "–"),
            (words("Chỉ số 8 - phản ánh đúng hạn (0, 1, 2)", "Index 8 - feedback on time (0, 1, 2)"), current.tt01.index8.map(String.init) ?? words("chưa có phản ánh có hạn", "no timed feedback")),
        ]

        chartHeading = words("Xu hướng tỷ lệ hài lòng chung", "Trend of the overall satisfaction rate")
        let groups = trend.groups ?? []
        if groups.isEmpty {
            chart = nil
        } else {
            let unit = trendGrouping == .week ? words("tuần", "week") : words("tháng", "month")
            let described = groups.map { group in
                "\(group.name): " + (group.satisfaction.rate.map { text.percent($0) } ?? words("chưa đủ mẫu", "not enough data"))
            }
            chart = TrendChart(
                id: "trend",
                title: words("Tỷ lệ hài lòng chung theo \(unit), \(trend.from) đến \(trend.to)", "Overall satisfaction by \(unit), \(trend.from) to \(trend.to)"),
                description: words("Đường liền: tỷ lệ; dải xám: khoảng tin cậy 95%; đường đứt: mục tiêu 95%. ", "Solid line: rate; grey band: 95% interval; dashed line: 95% target. ")
                    + described.joined(separator: "; "),
                points: groups.map { group in
                    TrendChart.Point(
                        shortLabel: Self.shortLabel(group.key ?? "", grouping: trendGrouping, language: language),
                        label: language == .vi ? group.name : group.nameEn, rate: group.satisfaction.rate, low: group.satisfaction.ci95?.first,
                        high: group.satisfaction.ci95?.last, n: group.satisfaction.n, text: text.cell(group.satisfaction))
                }, target: 95, targetLabel: words("mục tiêu 95%", "target 95%"),
                tableCaption: words("Số liệu của biểu đồ", "The chart's data"),
                tableHeaders: [words("Kỳ", "Period"), words("Tỷ lệ hài lòng [khoảng tin cậy 95%]", "Satisfaction [95% interval]"), "n"],
                detailsLabel: words("Bảng số liệu của biểu đồ", "The chart's data as a table"))
        }

        var tables: [Breakdown] = []
        if !units.isEmpty {
            tables.append(
                Breakdown(
                    heading: words("Theo đơn vị", "By unit"),
                    headers: [words("Đơn vị", "Unit"), words("Lượt đánh giá", "Ratings"), words("Tỷ lệ hài lòng", "Satisfaction"), words("Chỉ số", "Index"), "I3"],
                    rows: units.map { unit in
                        [
                            unit.name, String(unit.report.responses), text.cell(IndicatorReport.GroupRate(figure: unit.report.satisfaction, rules: rules)),
                            unit.report.index.value.map { text.percent($0) + ", n = \(unit.report.index.n)" } ?? "–",
                            unit.report.feedback.onTimeRate.map { text.percent($0) } ?? "–",
                        ]
                    }))
        }
        for (grouping, groups) in breakdowns {
            let (vi, en, column) = Self.groupingWords(grouping)
            // Counters and officers have ticket counts: their response rate (domain.md §2).
            let responseRates = grouping == .counter || grouping == .officer
            var headers = [words(column.0, column.1), words("Lượt đánh giá", "Ratings")]
            if responseRates { headers.append(words("Tỷ lệ phản hồi (lượt / phiếu)", "Response rate (ratings / tickets)")) }
            headers += [words("Tỷ lệ hài lòng [khoảng tin cậy 95%]", "Satisfaction [95% interval]"), words("Chỉ số hài lòng", "Index"), words("Chỉ số 3 (TT 01)", "Index 3 (TT 01)")]
            if grouping == .officer { headers += [words("Chỉ số 7", "Index 7"), words("Chỉ số 8", "Index 8")] }
            tables.append(
                Breakdown(
                    heading: words(vi, en), headers: headers,
                    rows: groups.map { group in
                        var row = [(group.key.map { "\($0) - " } ?? "") + (language == .vi ? group.name : group.nameEn), String(group.responses)]
                        if responseRates { row.append(text.responseRate(group)) }
                        row += [text.cell(group.satisfaction), text.index(group.index), text.index3(group.tt01.index3)]
                        if grouping == .officer { row += [group.tt01.index7.map(String.init) ?? "–", group.tt01.index8.map(String.init) ?? "–"] }
                        return row
                    }))
        }
        self.breakdowns = tables
        note = words(
            "Ô có dưới \(rules.minimumN) câu trả lời hợp lệ ghi \"chưa đủ mẫu\": không hiện tỷ lệ, để bảo vệ người đánh giá và tránh kết luận từ mẫu quá nhỏ.",
            "A cell with fewer than \(rules.minimumN) valid answers reads \"not enough data\": no rate is shown, to protect raters and avoid conclusions from tiny samples.")
    }

    /// The Wilson interval of the proportion behind a target, where there is one.
    static func interval(id: String, report: IndicatorReport) -> ClosedRange<Double>? {
        switch id {
        case "I2", "I6":
            // The deciding sector's rate and its n are the target's value and n
            // (`CampaignTarget.evaluate`); its interval goes with them.
            guard let target = report.targets.first(where: { $0.id == id }), let value = target.value else { return nil }
            return WilsonInterval.percent(successes: Int((value * Double(target.n) / 100).rounded()), n: target.n)
        case "I3":
            return WilsonInterval.percent(successes: report.feedback.onTime, n: report.feedback.resolved + report.feedback.overdue)
        case "I4":
            return WilsonInterval.percent(successes: report.conduct.substantiated, n: report.conduct.officers)
        default:
            return nil
        }
    }

    static func shortLabel(_ key: String, grouping: FigureGrouping, language: Language) -> String {
        // 2026-W48 -> T48 / W48; 2026-11 -> 11/26.
        let parts = key.split(separator: "-")
        guard parts.count == 2 else { return key }
        if grouping == .week { return (language == .vi ? "T" : "W") + parts[1].dropFirst() }
        return "\(parts[1])/\(parts[0].suffix(2))"
    }

    static func groupingWords(_ grouping: FigureGrouping) -> (String, String, (String, String)) {
        switch grouping {
        case .counter: ("Theo quầy", "By counter", ("Quầy", "Counter"))
        case .officer: ("Theo cán bộ", "By officer", ("Cán bộ", "Officer"))
        case .sector: ("Theo lĩnh vực", "By sector", ("Lĩnh vực", "Sector"))
        case .procedure: ("Theo thủ tục", "By procedure", ("Thủ tục", "Procedure"))
        case .week: ("Theo tuần", "By week", ("Tuần", "Week"))
        case .month: ("Theo tháng", "By month", ("Tháng", "Month"))
        case .channel: ("Theo kênh đánh giá", "By channel", ("Kênh", "Channel"))
        }
    }

    func write(into html: inout HTML) {
        html.element("h2", text: heading)
        selector.write(into: &html)
        html.element("p", .class("period"), text: periodName)
        html.element("p", text: previousName)
        html.open("p", .class("noprint reportlinks"))
        html.text(reportsLabel)
        for (index, link) in reports.enumerated() {
            html.raw(index == 0 ? " " : " · ")
            html.element("a", .href(link.href), text: link.label)
        }
        html.close("p")
        html.open("ul", .class("tiles"))
        for tile in tiles {
            let statusClass: String? =
                switch tile.status {
                case .met: "tile met"
                case .notMet: "tile notmet"
                case .noData: "tile nodata"
                case nil: "tile"
                }
            html.open("li", .class(statusClass))
            html.element("h3", text: tile.id.isEmpty ? tile.title : "\(tile.id). \(tile.title)")
            html.element("p", .class("v"), text: tile.value)
            if let statusText = tile.statusText { html.element("p", .class("st"), text: statusText) }
            for line in tile.lines { html.element("p", text: line) }
            if !tile.previous.isEmpty { html.element("p", .class("prev"), text: tile.previous) }
            html.close("li")
        }
        html.close("ul")
        html.element("h2", text: tt01Heading)
        html.open("dl", .class("facts"))
        for item in tt01 {
            html.element("dt", text: item.label)
            html.element("dd", text: item.value)
        }
        html.close("dl")
        html.element("h2", text: chartHeading)
        chart?.write(into: &html)
        for table in breakdowns {
            html.element("h2", text: table.heading)
            Components.table(caption: table.heading, headers: table.headers, rows: table.rows.map { $0.map { Cell.text($0) } }, into: &html)
        }
        html.element("p", .class("note"), text: note)
        html.element("p", .class("note"), text: method)
    }
}

/// How the dashboard words a figure: a percent with a decimal comma in Vietnamese, an
/// interval, "chưa đủ mẫu" in place of any rate below the minimum n.
struct FigureWords: Sendable {
    let language: Language
    let rules: ScoringRules

    func percent(_ value: Double) -> String { FigureText.percent(value, language) + "%" }

    func interval(_ range: ClosedRange<Double>) -> String {
        (language == .vi ? "khoảng tin cậy 95%: " : "95% interval: ") + FigureText.percent(range.lowerBound, language) + "–"
            + FigureText.percent(range.upperBound, language) + "%"
    }

    func status(_ met: Bool?) -> String {
        switch met {
        case true?: language == .vi ? "✓ Đạt" : "✓ Met"
        case false?: language == .vi ? "✗ Chưa đạt" : "✗ Not met"
        case nil: language == .vi ? "… Chưa đủ dữ liệu" : "… Not enough data"
        }
    }

    /// "85,0% (17 / 20)"; a dash for a group that issued no ticket (poster ratings only).
    func responseRate(_ group: IndicatorReport.Group) -> String {
        guard let rate = group.responseRate, let tickets = group.tickets else { return "–" }
        return percent(rate) + " (\(group.responses) / \(tickets))"
    }

    func notEnough(_ n: Int) -> String { language == .vi ? "chưa đủ mẫu (n = \(n))" : "not enough data (n = \(n))" }

    func cell(_ rate: IndicatorReport.GroupRate) -> String {
        guard let value = rate.rate, !rate.suppressed else { return notEnough(rate.n) }
        let interval = rate.ci95.map { " [" + FigureText.percent($0[0], language) + "–" + FigureText.percent($0[1], language) + "]" } ?? ""
        return percent(value) + interval + ", n = \(rate.n)"
    }

    func index(_ index: IndicatorReport.GroupIndex) -> String {
        guard let value = index.value, !index.suppressed else { return notEnough(index.n) }
        return percent(value) + ", n = \(index.n)"
    }

    func index3(_ index: IndicatorReport.TT01.Index3) -> String {
        guard let value = index.value else { return index.suppressed ? notEnough(index.n) : "–" }
        // Points from 0 to 2, two decimals.
        let hundredths = Int((value * 100).rounded())
        let mean = "\(hundredths / 100)" + (language == .vi ? "," : ".") + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
        let shares = index.shares.map { shares in
            let unit = language == .vi ? "điểm" : "pts"
            return ["2", "1", "0"].map { (points: String) -> String in
                let share: String = FigureText.percent(shares[points] ?? 0, language)
                return "\(points) \(unit): \(share)%"
            }.joined(separator: ", ")
        } ?? ""
        return "\(mean) (n = \(index.n); \(shares))"
    }

    /// "Kỳ trước: 93,1% (n = 120), +1,9 điểm" - the previous value and the change.
    func previous(_ before: Double?, now: Double?, n: Int?) -> String {
        let label = language == .vi ? "Kỳ trước: " : "Previous: "
        guard let before else { return label + (language == .vi ? "chưa có số liệu" : "no figure") }
        var text = label + percent(before) + (n.map { " (n = \($0))" } ?? "")
        if let now {
            let change = now - before
            text += ", " + (change >= 0 ? "+" : "−") + FigureText.percent(abs(change), language) + (language == .vi ? " điểm %" : " points")
        }
        return text
    }
}

extension IndicatorReport.GroupRate {
    /// A unit's own rate shown in a table of units: a cell like any other.
    init(figure: IndicatorReport.Rate, rules: ScoringRules) {
        self.init(RateFigure(satisfied: figure.satisfied, n: figure.n), rules: rules)
    }
}
