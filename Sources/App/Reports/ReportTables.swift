import Domain
import Foundation
import Storage

/// The tables of a report, built once from `SatisfactionReport`: the printed page, the CSV
/// and the XLSX all write these, so they cannot disagree with one another or with the API.
///
/// Every table starts with the unit's code (`all` for the city), so `unit=all` gives one
/// table of each kind with every unit's rows, one sheet each. Percentages are typed shares
/// (the API's 95.3 is the cell 0.953, formatted 95.3%), counts are integers, TT 01 points
/// plain numbers; a cell the rules withhold (a breakdown below the minimum n) is the text
/// "chưa đủ mẫu", never a number.
struct ReportTables: Sendable {
    /// Facts about the report: unit, period, method, rules (spreadsheets only; the printed
    /// report says them in its header and notes).
    var about: ReportTable
    /// Campaign targets I1-I6.
    var targets: ReportTable
    /// Satisfaction, the five factors, response rate and TT 01/2018 indices.
    var satisfaction: ReportTable
    /// Overall satisfaction by sector.
    var sectors: ReportTable
    /// Feedback received, handled on time, overdue, this period and the one before.
    var feedback: ReportTable
    /// The city summary's table by unit; nil for a unit's report.
    var units: ReportTable?

    /// In the order of the printed report; the spreadsheets' sheets.
    var all: [ReportTable] { [about, targets, satisfaction, sectors, feedback] + (units.map { [$0] } ?? []) }

    static let notEnough = "chưa đủ mẫu"
    static let unitHeader = "Đơn vị / Unit"

    /// Every subject's rows, one table of each kind.
    init(_ report: SatisfactionReport) {
        let parts = report.subjects.map { Self(report, subject: $0) }
        func merged(_ table: KeyPath<ReportTables, ReportTable>) -> ReportTable {
            var first = parts.first.map { $0[keyPath: table] } ?? Self(report, subject: nil)[keyPath: table]
            first.rows = parts.flatMap { $0[keyPath: table].rows }
            return first
        }
        about = merged(\.about)
        targets = merged(\.targets)
        satisfaction = merged(\.satisfaction)
        sectors = merged(\.sectors)
        feedback = merged(\.feedback)
        let unitTables = parts.compactMap(\.units)
        units = unitTables.first.map { first in
            var table = first
            table.rows = unitTables.flatMap(\.rows)
            return table
        }
    }

    /// One subject's tables (none: the empty tables, for their headers).
    init(_ report: SatisfactionReport, subject: ReportFigures?) {
        let code = subject?.code ?? ""
        let key = ReportCell.text(code)
        let rows = subject.map { Rows(report: report, subject: $0) }
        about = ReportTable(
            name: "Thông tin - About", headers: [Self.unitHeader, "Mục / Item", "Giá trị / Value"],
            rows: rows?.about.map { [key] + $0 } ?? [], printing: .init(hidden: [0]))
        targets = ReportTable(
            name: "Chỉ tiêu - Targets",
            headers: [
                Self.unitHeader, "Mã / Id", "Chỉ tiêu / Target", "Mục tiêu / Goal", "Kỳ này / This period", "n", "KTC 95% thấp / 95% CI low",
                "KTC 95% cao / 95% CI high", "Kỳ trước / Previous", "Thay đổi (điểm %) / Change (points)", "Đánh giá / Status",
            ],
            rows: rows?.targets.map { [key] + $0 } ?? [], printing: .init(hidden: [0, 3], interval: 6, previous: 8, style: "t-targets"))
        satisfaction = ReportTable(
            name: "Hài lòng - Satisfaction",
            headers: [
                Self.unitHeader, "Nội dung / Figure", "Kỳ này / This period", "n", "KTC 95% thấp / 95% CI low", "KTC 95% cao / 95% CI high",
                "Kỳ trước / Previous", "Thay đổi (điểm %) / Change (points)",
            ],
            rows: rows?.satisfaction.map { [key] + $0 } ?? [], printing: .init(hidden: [0], interval: 4, previous: 6, style: "t-figures"))
        sectors = ReportTable(
            name: "Lĩnh vực - Sectors",
            headers: [
                Self.unitHeader, "Mã / Code", "Lĩnh vực / Sector", "Tỷ lệ hài lòng / Satisfaction", "n", "KTC 95% thấp / 95% CI low",
                "KTC 95% cao / 95% CI high", "Kỳ trước / Previous", "Thay đổi (điểm %) / Change (points)",
            ],
            rows: rows?.sectors.map { [key] + $0 } ?? [], printing: .init(hidden: [0, 1], interval: 5, previous: 7, style: "t-sectors"))
        feedback = ReportTable(
            name: "Phản ánh - Feedback",
            headers: [
                Self.unitHeader, "Kỳ / Period", "Từ ngày / From", "Đến ngày / To", "Tiếp nhận / Received", "Giải quyết / Handled",
                "Đúng hạn / On time", "Tỷ lệ đúng hạn / On-time rate", "Quá hạn / Overdue", "Đang mở / Open", "Ẩn danh / Anonymous",
            ],
            rows: rows?.feedback.map { [key] + $0 } ?? [], printing: .init(hidden: [0, 2, 3], style: "t-feedback"))
        if let subject, subject.isCity {
            units = ReportTable(
                name: "Đơn vị - Units",
                headers: [
                    Self.unitHeader, "Mã / Code", "Tên đơn vị / Name", "Lượt đánh giá / Ratings", "Tỷ lệ hài lòng / Satisfaction", "n",
                    "KTC 95% thấp / 95% CI low", "KTC 95% cao / 95% CI high", "Chỉ số hài lòng / Index", "n chỉ số / Index n",
                    "Phản ánh đúng hạn / On-time rate", "Quá hạn / Overdue",
                ],
                rows: rows?.units.map { [key] + $0 } ?? [], printing: .init(hidden: [0, 1], interval: 6, style: "t-units"))
        } else {
            units = nil
        }
    }

    /// The rows of one subject, without its code.
    private struct Rows {
        var about: [[ReportCell]] = []
        var targets: [[ReportCell]] = []
        var satisfaction: [[ReportCell]] = []
        var sectors: [[ReportCell]] = []
        var feedback: [[ReportCell]] = []
        var units: [[ReportCell]] = []

        init(report: SatisfactionReport, subject: ReportFigures) {
            let now = subject.current
            let before = subject.previous
            let rules = report.rules
            let period = report.period
            let previousPeriod = report.previousPeriod

            about = [
                [.text("Tên / Name"), .text(subject.name)],
                [.text("Báo cáo / Report"), .text(report.kind.name.vi)],
                [.text("Kỳ / Period"), .text(period.code)],
                [.text("Tên kỳ / Period name"), .text(period.name.vi)],
                [.text("Từ ngày / From"), .text(period.from.description)],
                [.text("Đến ngày / To"), .text(period.to.description)],
                [.text("Kỳ so sánh / Compared with"), .text(previousPeriod.name.vi)],
                [.text("Phương pháp / Method"), .text(IndicatorReport.methodName + " - SIPAS-style counter index")],
                [.text("Quy tắc tính / Scoring rules"), .text(now.rules.version)],
                [.text("Ngưỡng mẫu tối thiểu / Minimum n"), .integer(now.rules.minimumN)],
                [.text("Quy tắc thời hạn phản ánh / Feedback rules"), .text(now.feedbackRules)],
                [.text("Phản ánh tính đến / Feedback as of"), .text(now.feedback.end)],
                [.text("Ngày lập / Made on"), .text(report.today.description)],
            ]

            // I1-I6 in order, as the API gives them.
            for id in ["I1", "I2", "I3", "I4", "I5", "I6"] {
                guard let target = now.targets.first(where: { $0.id == id }) else { continue }
                let previous = before.targets.first { $0.id == id }
                let interval = Dashboard.interval(id: id, report: now)
                let goal = id == "I4" ? "0%" : id == "I3" || id == "I5" ? "100%" : "≥ 95%"
                targets.append([
                    .text(id), .text(Self.targetName(id)), .text(goal), Self.percent(target.value), .integer(target.n),
                    Self.percent(interval?.lowerBound), Self.percent(interval?.upperBound), Self.percent(previous?.value),
                    Self.change(target.value, previous?.value), .text(Self.status(target.met)),
                ])
            }

            // The unit's own figures are shown whatever their n, with it (domain.md §2).
            let satisfied = now.satisfaction
            satisfaction.append([
                .text("Tỷ lệ hài lòng chung / Overall satisfaction"), Self.percent(satisfied.rate), .integer(satisfied.n),
                Self.percent(satisfied.ci95?.first), Self.percent(satisfied.ci95?.last), Self.percent(before.satisfaction.rate),
                Self.change(satisfied.rate, before.satisfaction.rate),
            ])
            for factor in Factor.allCases.sorted() {
                let value = now.index.factors[factor.rawValue]
                let old = before.index.factors[factor.rawValue]
                satisfaction.append([
                    .text("Yếu tố: \(factor.name.vi) / \(factor.name.en)"), Self.percent(value?.value), .integer(value?.n ?? 0), .empty, .empty,
                    Self.percent(old?.value), Self.change(value?.value, old?.value),
                ])
            }
            // An interval only while it is a share: poster ratings may take it past 100%.
            let answered = now.responses <= now.tickets ? WilsonInterval.percent(successes: now.responses, n: now.tickets) : nil
            satisfaction.append([
                .text("Tỷ lệ phản hồi (lượt đánh giá trên phiếu cấp) / Response rate (ratings per ticket)"), Self.percent(now.responseRate), .integer(now.tickets),
                Self.percent(answered?.lowerBound), Self.percent(answered?.upperBound), Self.percent(before.responseRate),
                Self.change(now.responseRate, before.responseRate),
            ])
            satisfaction.append([
                .text("Số lượt đánh giá / Ratings"), .integer(now.responses), .empty, .empty, .empty, .integer(before.responses), .empty,
            ])
            let index3 = now.tt01.index3
            satisfaction.append([
                .text("Chỉ số 3 (TT 01/2018): số lần đi lại, điểm 0-2 / TT 01 index 3: return visits (points)"), index3.value.map(ReportCell.number) ?? .empty,
                .integer(index3.n), .empty, .empty, before.tt01.index3.value.map(ReportCell.number) ?? .empty, .empty,
            ])
            satisfaction.append([
                .text("Chỉ số 7 (TT 01/2018): thái độ, 0 hoặc 2 / TT 01 index 7: attitude"), now.tt01.index7.map(ReportCell.integer) ?? .empty, .empty, .empty,
                .empty, before.tt01.index7.map(ReportCell.integer) ?? .empty, .empty,
            ])
            satisfaction.append([
                .text("Chỉ số 8 (TT 01/2018): phản ánh đúng hạn, 0-2 / TT 01 index 8: feedback on time"), now.tt01.index8.map(ReportCell.integer) ?? .empty,
                .empty, .empty, .empty, before.tt01.index8.map(ReportCell.integer) ?? .empty, .empty,
            ])

            let codes = Set(now.sectors.keys).union(before.sectors.keys)
            let named = codes.map { (code: $0, name: report.sectorNames[$0] ?? LocalizedText(vi: $0, en: $0)) }
            for sector in named.sorted(by: { ($0.name.vi, $0.code) < ($1.name.vi, $1.code) }) {
                let cell = now.sectors[sector.code]
                let old = before.sectors[sector.code]
                let interval = cell.flatMap(Self.interval)
                sectors.append([
                    .text(sector.code), .text(sector.name.en.isEmpty ? sector.name.vi : "\(sector.name.vi) / \(sector.name.en)"),
                    Self.cellRate(cell), .integer(cell?.n ?? 0), Self.percent(interval?.lowerBound), Self.percent(interval?.upperBound),
                    Self.cellRate(old), Self.change(cell?.rate, old?.rate),
                ])
            }

            for (name, figures, range) in [(("Kỳ này", "This period"), now, period), (("Kỳ trước", "Previous"), before, previousPeriod)] {
                let counts = figures.feedback
                feedback.append([
                    .text("\(name.0) / \(name.1)"), .text(range.from.description), .text(range.to.description), .integer(counts.received),
                    .integer(counts.resolved), .integer(counts.onTime), Self.percent(counts.onTimeRate), .integer(counts.overdue),
                    .integer(counts.open), .integer(counts.anonymous),
                ])
            }

            // Each unit of the city is a breakdown cell: below the minimum n, no rate.
            for (unit, unitReport) in subject.units {
                let rate = IndicatorReport.GroupRate(figure: unitReport.satisfaction, rules: rules)
                let indexShown = unitReport.index.n >= rules.minimumN ? unitReport.index.value : nil
                units.append([
                    .text(unit.code), .text(unit.name), .integer(unitReport.responses),
                    rate.suppressed ? .text(ReportTables.notEnough) : Self.percent(rate.rate), .integer(rate.n), Self.percent(rate.ci95?.first),
                    Self.percent(rate.ci95?.last),
                    indexShown.map { ReportCell.percent($0 / 100) } ?? (unitReport.index.n > 0 ? .text(ReportTables.notEnough) : .empty),
                    .integer(unitReport.index.n), Self.percent(unitReport.feedback.onTimeRate), .integer(unitReport.feedback.overdue),
                ])
            }
        }

        /// A percentage of the API (0-100) as a typed share; no value, no cell.
        static func percent(_ value: Double?) -> ReportCell {
            value.map { ReportCell.percent($0 / 100) } ?? .empty
        }

        /// The change from the previous period in percentage points, when both exist.
        static func change(_ now: Double?, _ before: Double?) -> ReportCell {
            guard let now, let before else { return .empty }
            return .percent((now - before) / 100)
        }

        /// A breakdown cell: its rate, or "chưa đủ mẫu" below the minimum n.
        static func cellRate(_ cell: IndicatorReport.Cell?) -> ReportCell {
            guard let cell else { return .empty }
            if cell.suppressed { return .text(ReportTables.notEnough) }
            return percent(cell.rate)
        }

        /// The Wilson interval of a shown sector cell: its rate is satisfied / n exactly.
        static func interval(_ cell: IndicatorReport.Cell) -> ClosedRange<Double>? {
            guard !cell.suppressed, let rate = cell.rate else { return nil }
            return WilsonInterval.percent(successes: Int((rate * Double(cell.n) / 100).rounded()), n: cell.n)
        }

        static func status(_ met: Bool?) -> String {
            switch met {
            case true?: "Đạt / Met"
            case false?: "Chưa đạt / Not met"
            case nil: "Chưa đủ dữ liệu / Not enough data"
            }
        }

        static func targetName(_ id: String) -> String {
            switch id {
            case "I1": "Chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy) ≥ 95% / SIPAS-style counter index"
            case "I2": "Hài lòng: đất đai, xây dựng, đầu tư (lĩnh vực thấp nhất) ≥ 95% / Land, construction, investment (lowest)"
            case "I3": "Phản ánh, kiến nghị đúng hạn 100% / Feedback resolved on time"
            case "I4": "Cán bộ bị phản ánh có cơ sở (thái độ) 0% / Officers with substantiated conduct feedback"
            case "I5": "Công khai kết quả đánh giá 100% / Results published"
            case "I6": "Hài lòng: y tế, giáo dục công (lĩnh vực thấp nhất) ≥ 95% / Public health and education (lowest)"
            default: id
            }
        }
    }
}
