import Foundation

/// When a failed delivery is tried again: 30 s after the first attempt, then twice as long
/// each time (1, 2, 4 ... minutes) up to `maximumDelay`, for `window` after the delivery was
/// created; an attempt that would fall later is not made and the delivery is given up.
/// Exponential so a receiver that is down for a while is not hammered, capped so one back
/// after an hour is caught up within the hour.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var window: TimeInterval

    public init(firstDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3600, window: TimeInterval = 24 * 3600) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.window = window
    }

    public static let standard = WebhookRetryPolicy()

    /// The wait after the `attempts`-th failed attempt (1 for the first).
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let doublings = max(0, min(attempts - 1, 30))
        return min(firstDelay * Double(1 << doublings), maximumDelay)
    }

    /// The next attempt after `attempts` failures, the last at `now`; nil: give up.
    public func nextAttempt(afterAttempts attempts: Int, at now: Date, createdAt: Date) -> Date? {
        let next = now.addingTimeInterval(delay(afterAttempts: attempts))
        return next <= createdAt.addingTimeInterval(window) ? next : nil
    }
}
