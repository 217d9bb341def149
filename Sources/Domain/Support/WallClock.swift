import Foundation
import Synchronization

/// Where "now" comes from. The server passes the system clock; tests pass a fixed or
/// advancing one, so a deadline, an expiry or a period can be tested at a chosen date.
/// Nothing on a request path calls `Date()` itself.
public protocol WallClock: Sendable {
    var now: Date { get }
}

extension WallClock {
    /// Today in Asia/Ho_Chi_Minh, the day every deadline and period is counted in.
    public var today: LocalDate { LocalDate(now) }
}

/// The machine's clock.
public struct SystemClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until told to move: for tests, and for replaying a day.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}
