import Domain
import Foundation
import Hummingbird
import Storage

/// `/admin` as the dashboard (issue 10) for the accounts the policy gives `viewDashboard`:
/// `?unit=CODE` (or `all`, the city view, for accounts that read every unit), `?period=`
/// (`2026-W48`, `2026-11`, `2026-Q4`, a campaign phase `P2`) or `?from=&to=` (a custom range).
extension AdminController {
    func dashboard(_ request: Request, session: StaffSession) async throws -> Dashboard {
        let query = request.uri.queryParameters
        let language = request.language
        let today = clock.today
        let period = try Self.period(query.get("period"), from: query.get("from"), to: query.get("to"), campaign: campaign, today: today)
        let units = try await scope.units(session, for: .viewDashboard)
        let readsEveryUnit = AccessPolicy.units(session.principal, for: .viewDashboard) == .all
        let askedUnit = query.get("unit") ?? ""
        let subject: FiguresService.Subject
        let subjectName: String
        let coverage: SatisfactionReports.Coverage
        if readsEveryUnit, askedUnit == "all" || (askedUnit.isEmpty && session.user.unitId == nil) {
            subject = .city(units)
            subjectName = language == .vi ? "toàn thành phố" : "whole city"
            coverage = .city(units)
        } else {
            // The city is for accounts that read every unit.
            guard askedUnit != "all" else { throw AppError.staffForbidden }
            let unit = try await scope.unit(request, session: session, for: .viewDashboard)
            subject = .unit(unit)
            subjectName = unit.name
            coverage = .unit(unit)
        }
        let previousPeriod = period.previous(campaign: campaign)
        var breakdownKinds: [FigureGrouping] = [.counter, .officer, .sector, .procedure, .channel]
        var unitReports: [(name: String, report: IndicatorReport)] = []
        if case .city(let all) = subject {
            // Codes of counters and officers repeat from ward to ward: the city compares units,
            // and its channels, which mean the same everywhere.
            breakdownKinds = [.channel]
            for unit in all { unitReports.append((unit.name, try await figures.report(.unit(unit), from: period.from, to: period.to))) }
        }
        let current = try await figures.report(subject, from: period.from, to: period.to, groupings: breakdownKinds)
        let previous = try await figures.report(subject, from: previousPeriod.from, to: previousPeriod.to)
        // The trend: weeks for up to a quarter, months beyond; a short period shows the twelve weeks up to its end.
        let trendGrouping: FigureGrouping = period.length <= 92 ? .week : .month
        let trendFrom = period.length < 56 ? FigurePeriod.week(containing: period.to.adding(days: -77)).from : period.from
        let trendTo = min(period.to, max(today, period.from))
        let trend = try await figures.report(subject, from: trendFrom, to: max(trendFrom, trendTo), by: trendGrouping)
        let selector = PeriodSelector(
            current: period, today: today, campaign: campaign, units: units, city: readsEveryUnit, unitCode: subject.code, language: language)
        return Dashboard(
            subjectName: subjectName, period: period, previousPeriod: previousPeriod, current: current.report, previous: previous, trend: trend,
            trendGrouping: trendGrouping, breakdowns: current.groups.map { ($0.grouping, $0.groups) }, units: unitReports, selector: selector,
            rules: figures.rules, language: language, exports: ReportsController.mayExport(session, coverage: coverage))
    }

    /// The period asked: a custom range (`from`, `to`), a code, or this month.
    static func period(_ code: String?, from: String?, to: String?, campaign: CampaignDefinition?, today: LocalDate) throws -> FigurePeriod {
        if (from ?? "").isEmpty == false || (to ?? "").isEmpty == false {
            guard let from = from.flatMap(LocalDate.init), let to = to.flatMap(LocalDate.init) else {
                throw AppError(.badRequest, "invalid_dates", vi: "Ngày phải có dạng YYYY-MM-DD.", en: "Dates must be YYYY-MM-DD.")
            }
            try DayRange.check(from: from, to: to)
            guard let period = FigurePeriod.custom(from: from, to: to) else { throw AppError.invalidRange }
            return period
        }
        guard let code, !code.isEmpty else { return .month(containing: today) }
        guard let period = FigurePeriod.parse(code, campaign: campaign) else {
            throw AppError(
                .badRequest, "invalid_period", vi: "Kỳ '\(code)' không hợp lệ: dùng dạng 2026-W48, 2026-11, 2026-Q4 hoặc giai đoạn P1-P5.",
                en: "Period '\(code)' is not valid: use 2026-W48, 2026-11, 2026-Q4 or a phase P1-P5.")
        }
        return period
    }
}
