import Domain
import Foundation

/// A person's request about the contact data of one feedback item, as staff and the person
/// read it. It never holds contact data: a correction's new values stay sealed in the
/// database (`hasCorrection`) and are dropped when the request is completed.
public struct PrivacyRequest: Sendable, Equatable {
    public var id: Int64
    /// What the person is shown, e.g. `YC-7KQ3-MX9D`.
    public var reference: String
    public var itemId: Int64
    public var itemCode: TrackingCode
    public var unitId: Int64
    public var kind: PrivacyRequestKind
    public var receivedAt: Date
    /// Acknowledge within 2 working days (domain.md §5), counted like every deadline.
    public var acknowledgeDueOn: LocalDate
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var completedAt: Date?
    public var completedBy: String?
    public var hasCorrection: Bool

    public var isOpen: Bool { completedAt == nil }
}

/// Refusals of privacy request handling that are not the feedback desk's.
public enum PrivacyError: Error, Equatable, Sendable {
    case unknownRequest
    case alreadyCompleted
    /// The item has no contact data any more (erased since the request was made).
    case noContact
}

/// What applying retention did (or, in a dry run, would do). Counts only: never which
/// person, never a value.
public struct RetentionReport: Sendable, Equatable {
    /// Items whose contact data and attachments' metadata were erased.
    public var items = 0
    /// Of those, the items that held contact data.
    public var contacts = 0
    /// Attachments whose metadata was rewritten.
    public var attachments = 0
    /// Corrections still pending in requests, dropped.
    public var corrections = 0

    public init() {}
}
