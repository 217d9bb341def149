import Domain
import Foundation
import Synchronization
import Storage

/// Applies the retention period of contact data (domain.md §5): items closed more than
/// `months` months ago lose their contact data and their attachments' personal metadata;
/// the items, descriptions and hash-chained histories stay. The server's scheduler calls
/// `run(now:)` once a day; `hailong privacy purge` calls `purge(now:dryRun:)` on demand.
/// Idempotent: an item is anonymised once, and a second run the same day finds nothing.
public final class PrivacyRetentionJob: PeriodicJob, Sendable {
    let database: AppDatabase
    /// The day of the last run: the scheduler ticks every minute, retention needs one run a day.
    private let lastRunDay = Mutex<LocalDate?>(nil)
    var name: String { "privacy-retention" }
    /// Months kept after closing (`AppConfiguration.privacyRetentionMonths`).
    public let months: Int

    public init(database: AppDatabase, months: Int) {
        self.database = database
        self.months = months
    }

    /// Applies retention as of `now` (its day in Asia/Ho_Chi_Minh); counts only, never data.
    public func purge(now: Date, dryRun: Bool = false) async throws -> RetentionReport {
        try await database.applyRetention(
            today: LocalDate(now), months: months, now: now, dryRun: dryRun, scrub: { AttachmentMetadataEraser.erase(kind: $0, bytes: $1) })
    }

    /// The scheduler's entry point: the first tick of each day runs it (every day: erasing
    /// data past its time is no working-day duty).
    public func run(now: Date) async throws {
        let today = LocalDate(now)
        guard lastRunDay.withLock({ $0 }) != today else { return }
        _ = try await purge(now: now)
        lastRunDay.withLock { $0 = today }
    }
}
