/// The events of an item's history that move its due date, in the order they were recorded
/// (the history's sequence, not only the date: two events may share a day).
public enum FeedbackClockEvent: Sendable, Equatable, Codable {
    /// Thụ lý. Starts the resolution clock of khiếu nại and tố cáo.
    case accepted(on: LocalDate)
    case extended(FeedbackExtension)
    /// The kind or category was changed; the item's current kind is the clock's `kind`.
    /// `kindChanged` is false when only the category changed: the same law still applies.
    case reclassified(on: LocalDate, kindChanged: Bool = true)
    case reopened(on: LocalDate)
}
