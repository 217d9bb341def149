/// The step whose limit is running: what the due date in force is counted from, and with
/// which limit, so a screen can say "10 ngày làm việc kể từ 02/03/2026" and not only a date.
public struct FeedbackClockStep: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable {
        /// Góp ý, phản ánh, kiến nghị: answer, from receipt.
        case answer
        /// Khiếu nại, tố cáo before acceptance: accept or refuse, from receipt.
        case acceptance
        /// Khiếu nại, tố cáo after acceptance: decide or resolve, from acceptance.
        case resolution
        /// Any kind after a reopen: the kind's answer limit again, from the reopen day.
        case reopened
    }

    public var name: Name
    public var countedFrom: LocalDate
    public var limit: TimeLimit
    /// Extensions in force for this step (0 for the steps that cannot be extended).
    public var extensions: Int

    public init(name: Name, countedFrom: LocalDate, limit: TimeLimit, extensions: Int = 0) {
        self.name = name
        self.countedFrom = countedFrom
        self.limit = limit
        self.extensions = extensions
    }

    /// The last day of this step (Deadline.due: the start day is not counted, a last day
    /// off moves to the next working day).
    public func due(calendar: WorkingCalendar) throws(CalendarError) -> LocalDate {
        try Deadline.due(receivedOn: countedFrom, limit: limit, calendar: calendar)
    }
}
