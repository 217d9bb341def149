/// What the state machine must know about an item besides its state. Storage derives it
/// from the item and its history; the machine itself stays a pure table plus these checks.
public struct FeedbackItemFacts: Sendable, Equatable {
    public var kind: FeedbackKind
    public var isAnonymous: Bool
    /// An `accept` is in the history (kept across a reclassification, as in `FeedbackClock`).
    public var isAccepted: Bool
    /// The item's category is a conduct one (`FeedbackCategory.isConduct`): it may be verified.
    public var isConduct: Bool
    /// The last handling, for `reopen`: only a resolved answer reopens, within the window.
    public var lastHandling: FeedbackHandling?

    /// A clocked khiếu nại or tố cáo not yet accepted (`FeedbackKind.awaitsAcceptance`).
    public var awaitsAcceptance: Bool { kind.awaitsAcceptance(isAnonymous: isAnonymous, isAccepted: isAccepted) }

    public init(kind: FeedbackKind, isAnonymous: Bool, isAccepted: Bool = false, isConduct: Bool = false, lastHandling: FeedbackHandling? = nil) {
        self.kind = kind
        self.isAnonymous = isAnonymous
        self.isAccepted = isAccepted
        self.isConduct = isConduct
        self.lastHandling = lastHandling
    }
}
