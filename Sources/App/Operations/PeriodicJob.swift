import Foundation

/// Work the in-server scheduler runs at each tick. A job decides for itself whether today
/// is a day for it and must be safe to run again (a tick may repeat after a restart).
protocol PeriodicJob: Sendable {
    /// For the log when a run fails.
    var name: String { get }
    func run(now: Date) async throws
}
