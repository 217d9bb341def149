import Foundation

/// When a tablet's tap counts (issue 12). The tablet's clock is not trusted for the time of a
/// rating: the server stamps every response with its own clock when the tap arrives. A tap
/// kept on the tablet while the network was down is sent later with its age - how long ago it
/// was made, by the tablet's clock - which only spaces queued taps for the minimum interval,
/// so a burst of taps sent together after an outage is judged as the taps were made.
public struct KioskTapTiming: Sendable, Equatable {
    /// A tap on the idle screen (no open ticket) counts only this long after the device's
    /// last counted one, as HappyOrNot's terminals do: a child drumming on the faces is one
    /// rating (HAILONG_KIOSK_INTERVAL_SECONDS, default 20).
    public var minimumInterval: TimeInterval
    /// The oldest tap accepted: a tablet cut off for a long weekend still delivers its taps,
    /// and a ticket's rating made then still counts for that ticket. An age beyond it is
    /// clamped, and a ticket issued before it can no longer be rated from the tablet.
    public var lateWindow: TimeInterval

    public static let defaultInterval: TimeInterval = 20

    public init(minimumInterval: TimeInterval = Self.defaultInterval, lateWindow: TimeInterval = 7 * 86_400) {
        self.minimumInterval = minimumInterval
        self.lateWindow = lateWindow
    }

    /// When the tap was made, on the server's clock: `now` less its reported age in
    /// milliseconds, which is kept within [0, lateWindow] whatever the tablet says.
    public func tapTime(now: Date, ageMilliseconds: Int?) -> Date {
        let age = min(max(0, TimeInterval(ageMilliseconds ?? 0) / 1000), lateWindow)
        return now.addingTimeInterval(-age)
    }

    /// Whether an idle-screen tap made at `tapTime` counts, given the device's last counted one.
    /// Either order counts: queued taps arrive in the order they were made, but a resent one
    /// may come after a later tap.
    public func counts(tapTime: Date, lastCounted: Date?) -> Bool {
        guard let lastCounted else { return true }
        // The last counted time is read back from the database, which keeps milliseconds
        // (rounded): judged to the millisecond, a tap exactly the interval later counts.
        return abs(tapTime.timeIntervalSince(lastCounted)) >= minimumInterval - 0.001
    }
}
