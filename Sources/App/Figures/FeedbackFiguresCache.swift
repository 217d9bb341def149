import Domain
import Storage

/// The feedback figures of domain.md §6 per unit, period and officers serving, kept until any
/// feedback item changes (`AppDatabase.feedbackGeneration`). Computing them reads every item that can count (for a whole campaign, all of
/// them, with their histories); feedback changes far less often than the dashboard is read.
actor FeedbackFiguresCache {
    struct Key: Hashable {
        let unitId: Int64
        let from: LocalDate
        let to: LocalDate
        let today: LocalDate
        /// I4's denominator: new tickets for officers already serving change nothing.
        let serving: Set<String>
    }

    private var generation: Int64 = -1
    private var entries: [Key: FeedbackFigures] = [:]
    /// Enough for a few dashboards' periods and trends; past it the cache starts again.
    private let capacity = 512

    /// The figures under `key` if computed at `generation`, else nil (and a newer generation
    /// empties the cache).
    func figures(_ key: Key, generation: Int64) -> FeedbackFigures? {
        if generation != self.generation {
            self.generation = generation
            entries.removeAll(keepingCapacity: true)
            return nil
        }
        return entries[key]
    }

    func store(_ figures: FeedbackFigures, for key: Key, generation: Int64) {
        guard generation == self.generation else { return }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = figures
    }
}
