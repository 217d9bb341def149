/// One handling of an item with the due date it is judged against, so a figure computed
/// later never depends on limits that changed since (domain.md §3, §6).
public struct FeedbackHandling: Sendable, Equatable, Codable {
    public var kind: FeedbackHandlingKind
    public var on: LocalDate
    /// The due date in force on the day of the handling (the transfer limit for a
    /// transfer); nil for an item outside the statutory clock.
    public var due: LocalDate?

    public init(kind: FeedbackHandlingKind, on: LocalDate, due: LocalDate?) {
        self.kind = kind
        self.on = on
        self.due = due
    }

    /// On time = handled at or before the due date in force. Without a due date there was
    /// no limit to miss, so the handling is on time; `FeedbackFigures` never counts an
    /// anonymous item's handling anyway.
    public var isOnTime: Bool {
        guard let due else { return true }
        return Deadline.isOnTime(resolvedOn: on, due: due)
    }
}
