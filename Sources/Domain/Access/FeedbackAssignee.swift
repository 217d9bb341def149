/// Who a feedback item is assigned to ("6 rõ": who): a staff account or an officer record.
public enum FeedbackAssignee: Sendable, Equatable, Hashable {
    /// A staff account, by its username (stored lowercase).
    case staff(username: String)
    /// An officer record, by its id (the App resolves the officer code).
    case officer(id: Int64)
}
