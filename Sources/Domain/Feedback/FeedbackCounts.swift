/// The feedback counts of a unit or an officer over a period (domain.md §6; the
/// `feedback` object of `/api/v1/indicators`).
public struct FeedbackCounts: Sendable, Equatable {
    /// Items received in the period, anonymous ones too.
    public var received: Int
    /// Of `received`, the items without a clock.
    public var anonymous: Int
    /// Handlings (resolve, transfer, reject) of clocked items in the period.
    public var resolved: Int
    /// Of `resolved`, those on time.
    public var onTime: Int
    /// Clocked items open at the end whose due date is before the end.
    public var overdue: Int
    /// Clocked items open at the end.
    public var open: Int

    public init(received: Int = 0, anonymous: Int = 0, resolved: Int = 0, onTime: Int = 0, overdue: Int = 0, open: Int = 0) {
        self.received = received
        self.anonymous = anonymous
        self.resolved = resolved
        self.onTime = onTime
        self.overdue = overdue
        self.open = open
    }

    /// I3: onTime / (resolved + overdue) x 100; nil when nothing was handled or overdue.
    /// Overdue items are in the denominator, so leaving a late item open never helps.
    public var onTimeRate: Double? {
        let judged = resolved + overdue
        guard judged > 0 else { return nil }
        return Double(onTime) * 100 / Double(judged)
    }

    /// TT 01/2018 index 8: 2 when every handling was on time and nothing is overdue, 1 when
    /// at least 90% on time, else 0; nil when `onTimeRate` is (nothing to judge). Compared
    /// in integers so 90% is never lost to rounding.
    public var index8: Int? {
        let judged = resolved + overdue
        guard judged > 0 else { return nil }
        if onTime == judged, overdue == 0 { return 2 }
        if onTime * 100 >= 90 * judged { return 1 }
        return 0
    }
}
