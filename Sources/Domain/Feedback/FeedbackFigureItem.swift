/// One item as the figures of domain.md §6 read it. Nothing in it depends on the period, so
/// Storage fills every item received up to the period's end, with its history, in one
/// query (items joined to their events, ordered by item and sequence), and the same list
/// serves any period ending by then.
public struct FeedbackFigureItem: Sendable, Equatable {
    public var receivedOn: LocalDate
    /// Outside the statutory clock (`FeedbackContact.isAnonymous` at receipt). Kept as
    /// recorded: anonymising a closed item's contact data later must not change its figures.
    public var isAnonymous: Bool
    /// The current category; conduct items are verified.
    public var category: FeedbackCategory
    /// The officer the item is about (its subject), if named: per-officer figures and the
    /// officer a verification concerns.
    public var officer: String?
    /// The due date in force at receipt; nil for an anonymous item.
    public var dueAtReceipt: LocalDate?
    /// The history after receipt, in the order recorded.
    public var events: [FeedbackFigureEvent]

    public init(receivedOn: LocalDate, isAnonymous: Bool, category: FeedbackCategory, officer: String? = nil, dueAtReceipt: LocalDate?, events: [FeedbackFigureEvent] = []) {
        self.receivedOn = receivedOn
        self.isAnonymous = isAnonymous
        self.category = category
        self.officer = officer
        self.dueAtReceipt = dueAtReceipt
        self.events = events
    }

    /// Whether the item was open (received and not handled, or reopened since) at the end
    /// of `end`, and the due date in force then; nil when it was not yet received.
    func standing(at end: LocalDate) -> (open: Bool, due: LocalDate?)? {
        guard receivedOn <= end else { return nil }
        var open = true
        var due = dueAtReceipt
        for event in events where event.on <= end {
            if event.action.handling != nil {
                open = false
            } else {
                if event.action == .reopen { open = true }
                due = event.due
            }
        }
        return (open, due)
    }

    /// The handlings recorded in [from, end], each with the due date it is judged against.
    func handlings(from: LocalDate, through end: LocalDate) -> [FeedbackHandling] {
        events.compactMap { event in
            guard let kind = event.action.handling, from <= event.on, event.on <= end else { return nil }
            return FeedbackHandling(kind: kind, on: event.on, due: event.due)
        }
    }

    /// Whether the item's verification, as it stood at the end of `end`, is "có cơ sở"
    /// and was recorded in [from, end]. The last outcome wins: an item re-verified as
    /// unfounded no longer marks the officer from then on.
    func isSubstantiated(from: LocalDate, through end: LocalDate) -> Bool {
        guard category.isConduct else { return false }
        guard let last = events.last(where: { $0.action == .verify && $0.outcome != nil && $0.on <= end }) else { return false }
        return last.outcome == .coCoSo && from <= last.on
    }
}
