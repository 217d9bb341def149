/// One recorded action of an item, as the figures need it: a row of the item's history.
public struct FeedbackFigureEvent: Sendable, Equatable {
    /// The local day of the event (Asia/Ho_Chi_Minh).
    public var on: LocalDate
    public var action: FeedbackAction
    /// For a handling (`resolve`, `transfer`, `reject`): the due date it is judged against
    /// (`FeedbackClock.due(for:limits:calendar:)`). For any other action: the due date in
    /// force once it was recorded, the `dueAt` Storage keeps with the event. Nil for an
    /// anonymous item. Recorded when the event happened, so a later change of limits never
    /// rewrites an old figure.
    public var due: LocalDate?
    /// The outcome of a `verify`.
    public var outcome: VerificationOutcome?

    public init(on: LocalDate, action: FeedbackAction, due: LocalDate?, outcome: VerificationOutcome? = nil) {
        self.on = on
        self.action = action
        self.due = due
        self.outcome = outcome
    }
}
