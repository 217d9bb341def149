/// The three ways a clock ends (domain.md §3, "A handling ends a clock"). Each is counted in
/// `resolved` and judged on time against the due date in force on its day.
public enum FeedbackHandlingKind: String, Codable, Sendable, CaseIterable {
    /// Answered, with a public result.
    case resolve
    /// Sent to the competent body; judged against the transfer limit.
    case transfer
    /// Not accepted, with a reason.
    case reject
}
