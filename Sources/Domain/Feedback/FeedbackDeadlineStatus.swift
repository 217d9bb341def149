/// Where an open item stands against its due date, for the queues (`due=soon|overdue`)
/// and the webhooks `feedback.due_soon` and `feedback.overdue`.
public enum FeedbackDeadlineStatus: String, Sendable, CaseIterable {
    /// Anonymous: outside the statutory clock.
    case noClock = "no-clock"
    case onTrack = "on-track"
    /// At most `FeedbackLimits.dueSoonWorkingDays` working days left, not yet overdue.
    case dueSoon = "due-soon"
    /// Today is after the due date.
    case overdue
}
