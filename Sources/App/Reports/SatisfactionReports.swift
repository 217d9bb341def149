import Domain
import Foundation
import Storage

/// Makes a report's figures: each subject's `IndicatorReport` for the period and the one
/// before, from `FiguresService` (the one computation behind the API and the dashboard).
struct SatisfactionReports: Sendable {
    /// What a report covers: one unit, or the city (the summary of `units`, then each of them).
    enum Coverage: Sendable {
        case unit(Storage.Unit)
        case city([Storage.Unit])
    }

    let figures: FiguresService
    let database: AppDatabase
    let campaign: CampaignDefinition?
    let clock: any WallClock

    func report(_ kind: ReportKind, period: FigurePeriod, coverage: Coverage) async throws -> SatisfactionReport {
        let previousPeriod = period.previous(campaign: campaign)
        func both(_ subject: FiguresService.Subject) async throws -> (current: IndicatorReport, previous: IndicatorReport) {
            (
                try await self.figures.report(subject, from: period.from, to: period.to),
                try await self.figures.report(subject, from: previousPeriod.from, to: previousPeriod.to)
            )
        }
        var subjects: [ReportFigures] = []
        switch coverage {
        case .unit(let unit):
            let pair = try await both(.unit(unit))
            subjects.append(ReportFigures(code: unit.code, name: unit.name, unit: unit, current: pair.current, previous: pair.previous, units: []))
        case .city(let units):
            var each: [ReportFigures] = []
            for unit in units {
                let pair = try await both(.unit(unit))
                each.append(ReportFigures(code: unit.code, name: unit.name, unit: unit, current: pair.current, previous: pair.previous, units: []))
            }
            let city = try await both(.city(units))
            subjects.append(
                ReportFigures(
                    code: "all", name: "Toàn thành phố", unit: nil, current: city.current, previous: city.previous,
                    units: each.compactMap { subject in subject.unit.map { ($0, subject.current) } }))
            subjects += each
        }
        var sectorNames: [String: LocalizedText] = [:]
        for sector in try await database.sectors() { sectorNames[sector.code] = LocalizedText(vi: sector.name, en: sector.nameEn) }
        return SatisfactionReport(
            kind: kind, period: period, previousPeriod: previousPeriod, subjects: subjects, sectorNames: sectorNames, campaign: campaign,
            rules: figures.rules, today: clock.today)
    }
}
