import Domain
import Foundation
import Storage
import Synchronization

/// Every unit's month for the public (target I5: publish every result): satisfaction, index
/// and on-time feedback, from the same `FiguresService` as the dashboard and the API. A unit's
/// month is a breakdown cell of the city's table (domain.md §2): below the minimum n it is
/// "chưa đủ mẫu", never a percentage. Months are cached: the page is public and unauthenticated,
/// so a crawler must not be able to make the server recompute a year of figures per request.
final class PublicFigures: Sendable {
    struct UnitMonth: Sendable {
        let unit: Storage.Unit
        let responses: Int
        let satisfaction: RateFigure
        /// The index, nil when none of its criteria has an answer.
        let index: Double?
        let indexN: Int
        let received: Int
        /// I3, with its n (resolved + overdue).
        let onTimeRate: Double?
        let feedbackN: Int
        let suppressed: Bool
        let indexSuppressed: Bool
    }

    struct Month: Sendable {
        let period: FigurePeriod
        let units: [UnitMonth]
        /// All units together, for the trend.
        let city: RateFigure
    }

    let figures: FiguresService
    let database: AppDatabase
    let clock: any WallClock
    /// A past month changes only when late feedback is handled; ten minutes is fresh enough.
    static let pastLifetime: TimeInterval = 600
    /// The current month moves with every rating.
    static let currentLifetime: TimeInterval = 60
    static let capacity = 64
    private let cache = Mutex<[String: (month: Month, until: Date)]>([:])

    init(figures: FiguresService, database: AppDatabase, clock: any WallClock) {
        self.figures = figures
        self.database = database
        self.clock = clock
    }

    func month(_ period: FigurePeriod) async throws -> Month {
        let now = clock.now
        if let hit = cache.withLock({ $0[period.code] }), hit.until > now { return hit.month }
        let units = try await database.units()
        var rows: [UnitMonth] = []
        var city = RateFigure()
        for unit in units {
            let report = try await figures.report(.unit(unit), from: period.from, to: period.to)
            let satisfaction = RateFigure(satisfied: report.satisfaction.satisfied, n: report.satisfaction.n)
            city.satisfied += satisfaction.satisfied
            city.n += satisfaction.n
            let minimumN = figures.rules.minimumN
            rows.append(
                UnitMonth(
                    unit: unit, responses: report.responses, satisfaction: satisfaction, index: report.index.value, indexN: report.index.n,
                    received: report.feedback.received, onTimeRate: report.feedback.onTimeRate,
                    feedbackN: report.feedback.resolved + report.feedback.overdue, suppressed: satisfaction.n < minimumN,
                    // A row marked suppressed publishes no percentage at all: the index's n
                    // counts answers, so three people answering every factor question made it
                    // "42" and printed their index beside "chưa đủ mẫu" (2026-11-30 audit).
                    indexSuppressed: satisfaction.n < minimumN || report.index.n < minimumN))
        }
        let month = Month(period: period, units: rows, city: city)
        let lifetime = period.to < LocalDate(now) ? Self.pastLifetime : Self.currentLifetime
        cache.withLock { cache in
            // Any month can be asked for without a login: the cache keeps what is fresh and
            // never more than a few years of months, so a crawler cannot grow it.
            if cache.count >= Self.capacity { cache = cache.filter { $0.value.until > now } }
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[period.code] = (month, now.addingTimeInterval(lifetime))
        }
        return month
    }

    /// The month a `YYYY-MM` text names, or nil.
    static func period(_ text: String) -> FigurePeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let first = LocalDate(year: year, month: month, day: 1)
        else { return nil }
        return FigurePeriod.month(containing: first)
    }
}
