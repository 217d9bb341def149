/// The feedback figures of one officer: the counts of the items about them, and TT 01
/// index 7 and index 8 (`counts.index8`).
public struct OfficerFeedbackFigures: Sendable, Equatable {
    public var officer: String
    public var counts: FeedbackCounts
    /// A conduct item about this officer was verified "có cơ sở" in the period.
    public var substantiated: Bool

    public init(officer: String, counts: FeedbackCounts, substantiated: Bool) {
        self.officer = officer
        self.counts = counts
        self.substantiated = substantiated
    }

    /// TT 01/2018 index 7 (attitude): 0 with a substantiated thai-do or nhung-nhieu item in
    /// the period, else 2. Items found untrue or not verified do not count.
    public var index7: Int { substantiated ? 0 : 2 }
}
