/// The states of a feedback item (product.md, "Feedback"); the transitions are in
/// `FeedbackStateMachine`. A reopened item is `inProgress`, not a state of its own.
public enum FeedbackState: String, Codable, Sendable, CaseIterable {
    case received
    case accepted
    case assigned
    case inProgress = "in-progress"
    case resolved
    case closed
    case transferred
    /// Not accepted, with a reason.
    case rejected

    public var name: LocalizedText {
        switch self {
        case .received: LocalizedText(vi: "Đã tiếp nhận", en: "Received")
        case .accepted: LocalizedText(vi: "Đã thụ lý", en: "Accepted")
        case .assigned: LocalizedText(vi: "Đã giao xử lý", en: "Assigned")
        case .inProgress: LocalizedText(vi: "Đang xử lý", en: "In progress")
        case .resolved: LocalizedText(vi: "Đã giải quyết", en: "Resolved")
        case .closed: LocalizedText(vi: "Đã đóng", en: "Closed")
        case .transferred: LocalizedText(vi: "Đã chuyển đơn vị khác", en: "Transferred")
        case .rejected: LocalizedText(vi: "Không thụ lý", en: "Rejected")
        }
    }

    /// Not yet handled: the clock runs and the item can be overdue.
    public var isOpen: Bool {
        switch self {
        case .received, .accepted, .assigned, .inProgress: true
        case .resolved, .closed, .transferred, .rejected: false
        }
    }
}
