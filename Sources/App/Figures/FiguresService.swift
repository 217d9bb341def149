import Domain
import Foundation
import Storage

/// The one computation of the figures of domain.md §2 and §6: `GET /api/v1/indicators` and
/// the dashboard both ask it, so a number on the screen is the number in the API.
struct FiguresService: Sendable {
    let database: AppDatabase
    let rules: ScoringRules
    let feedbackRulesVersion: String
    let clock: any WallClock
    let cache = FeedbackFiguresCache()

    /// What the figures are about: one unit, or several units taken together (the city).
    enum Subject: Sendable {
        case unit(Storage.Unit)
        case city([Storage.Unit])

        var units: [Storage.Unit] {
            switch self {
            case .unit(let unit): [unit]
            case .city(let units): units
            }
        }

        var code: String {
            switch self {
            case .unit(let unit): unit.code
            case .city: "all"
            }
        }
    }

    /// The figures of `subject` over [from, to], with the groups of `grouping` when asked.
    /// A city has no breakdown by counter, officer, sector or procedure (codes repeat from
    /// ward to ward): only by week or month.
    func report(_ subject: Subject, from: LocalDate, to: LocalDate, by grouping: FigureGrouping? = nil) async throws -> IndicatorReport {
        let result = try await report(subject, from: from, to: to, groupings: grouping.map { [$0] } ?? [])
        var report = result.report
        report.by = grouping?.rawValue
        report.groups = result.groups.first?.groups
        return report
    }

    /// The figures with several breakdowns at once (the dashboard's), reading the feedback
    /// items once: each breakdown's groups are what `by=` gives in the API.
    func report(_ subject: Subject, from: LocalDate, to: LocalDate, groupings: [FigureGrouping]) async throws -> (
        report: IndicatorReport, groups: [(grouping: FigureGrouping, groups: [IndicatorReport.Group])]
    ) {
        let today = clock.today
        let generation = try await database.feedbackGeneration()
        let unitIds: [Int64]
        switch subject {
        case .unit(let unit): unitIds = unit.id.map { [$0] } ?? []
        case .city(let units): unitIds = units.compactMap(\.id)
        }
        let subject = subject
        @Sendable func figures(from: LocalDate, to: LocalDate) async throws -> FeedbackFigures {
            var parts: [(unit: String, figures: FeedbackFigures)] = []
            for unit in subject.units {
                parts.append((unit.code, try await feedbackFigures(unitId: unit.id ?? 0, from: from, to: to, today: today, generation: generation)))
            }
            if case .unit = subject, let only = parts.first { return only.figures }
            return FeedbackFigures.combined(parts, from: from, to: to, today: today)
        }
        let feedback = try await figures(from: from, to: to)
        let data = try await database.figureData(unitIds: unitIds, from: from, to: to)
        var breakdowns: [(grouping: FigureGrouping, groups: [IndicatorReport.Group])] = []
        for grouping in groupings {
            let rated = try await database.figureGroups(unitIds: unitIds, from: from, to: to, by: grouping)
            let rows = try await withUnratedGroups(
                rated, grouping: grouping, subject: subject, feedback: feedback, figures: figures, from: from, to: to, today: today)
            var groups: [IndicatorReport.Group] = []
            for group in rows {
                groups.append(try await self.group(group, grouping: grouping, feedback: feedback, figures: figures))
            }
            breakdowns.append((grouping, groups))
        }
        let report = IndicatorReport(
            unit: subject.code, from: from, to: to, data: data, feedback: feedback, feedbackRulesVersion: feedbackRulesVersion, rules: rules)
        return (report, breakdowns)
    }

    /// The groups that have feedback figures but no rating in the range, added to those that
    /// have ratings: an officer or a week or month with feedback counted in it. Their TT 01
    /// indices 7 and 8 are figures too (domain.md §6): an officer's substantiated complaint, or
    /// a week's overdue items, must not vanish because nobody rated. A group with neither
    /// ratings nor feedback stays out, as before.
    private func withUnratedGroups(
        _ rated: [FigureGroupData], grouping: FigureGrouping, subject: Subject, feedback: FeedbackFigures,
        figures: @Sendable (LocalDate, LocalDate) async throws -> FeedbackFigures, from: LocalDate, to: LocalDate, today: LocalDate
    ) async throws -> [FigureGroupData] {
        let present = Set(rated.compactMap(\.key))
        switch grouping {
        case .officer:
            guard case .unit(let unit) = subject, let unitId = unit.id else { return rated }
            let named = feedback.officers.filter { ($0.counts != FeedbackCounts() || $0.substantiated) && !present.contains($0.officer) }
            guard !named.isEmpty else { return rated }
            let names = Dictionary(try await database.officers(unitId: unitId).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            let added = named.map { figures in
                FigureGroupData(
                    key: figures.officer, name: LocalizedText(vi: names[figures.officer] ?? figures.officer, en: ""), responses: 0, tallies: [],
                    returnVisits: ReturnVisitsFigure(), from: nil, to: nil)
            }
            return (rated + added).sorted { ($0.key ?? "\u{10FFFF}", $0.name.vi) < ($1.key ?? "\u{10FFFF}", $1.name.vi) }
        case .week, .month:
            var all = rated
            var day = from
            while day <= min(to, today) {
                let period = grouping == .week ? FigurePeriod.week(containing: day) : FigurePeriod.month(containing: day)
                day = period.to.adding(days: 1)
                guard !present.contains(period.code) else { continue }
                let part = try await figures(max(period.from, from), min(period.to, to))
                if part.counts != FeedbackCounts() || part.conduct.substantiated > 0 {
                    all.append(
                        FigureGroupData(
                            key: period.code, name: period.name, responses: 0, tallies: [], returnVisits: ReturnVisitsFigure(),
                            from: max(period.from, from), to: min(period.to, to)))
                }
            }
            return all.sorted { ($0.from ?? from) < ($1.from ?? from) }
        case .counter, .sector, .procedure, .channel:
            return rated
        }
    }

    /// One group with its TT 01 indices 7 and 8: an officer's from the feedback about them,
    /// a week's or month's from the unit's feedback then; domain.md §6 defines none for a
    /// counter, sector or procedure.
    private func group(
        _ group: FigureGroupData, grouping: FigureGrouping, feedback: FeedbackFigures,
        figures: @Sendable (LocalDate, LocalDate) async throws -> FeedbackFigures
    ) async throws -> IndicatorReport.Group {
        switch grouping {
        case .officer:
            let own = group.key.flatMap { code in feedback.officers.first { $0.officer == code } }
            return IndicatorReport.Group(group, tt01: group.key == nil ? nil : own?.index7 ?? 2, own?.counts.index8, rules: rules)
        case .week, .month:
            let part = try await figures(group.from ?? feedback.from, group.to ?? feedback.to)
            return IndicatorReport.Group(group, tt01: part.index7, part.counts.index8, rules: rules)
        case .counter, .sector, .procedure, .channel:
            return IndicatorReport.Group(group, tt01: nil, nil, rules: rules)
        }
    }

    /// One unit's feedback figures, from the cache while no item has changed.
    private func feedbackFigures(unitId: Int64, from: LocalDate, to: LocalDate, today: LocalDate, generation: Int64) async throws -> FeedbackFigures {
        let serving = try await database.servingOfficers(unitId: unitId, from: from, through: min(to, today))
        let key = FeedbackFiguresCache.Key(unitId: unitId, from: from, to: to, today: today, serving: serving)
        if let cached = await cache.figures(key, generation: generation) { return cached }
        let data = try await database.feedbackFigureData(unitId: unitId, from: from, through: min(to, today))
        let figures = FeedbackFigures.compute(items: data.items, servingOfficers: data.servingOfficers, from: from, to: to, today: today)
        await cache.store(figures, for: key, generation: generation)
        return figures
    }
}
