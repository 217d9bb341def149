import Domain
import Foundation

/// A new feedback item as intake hands it over: checked fields, the subject by the codes the
/// citizen or partner system gave, contact data already sealed by the App.
public struct FeedbackIntake: Sendable {
    public var unitId: Int64
    public var kind: FeedbackKind
    public var category: FeedbackCategory
    public var channel: FeedbackChannel
    public var description: String
    public var counterCode: String?
    public var officerCode: String?
    /// The officer as the citizen knows them (badge name, visit time) when no code is given.
    public var officerText: String?
    public var procedureCode: String?
    public var dossier: String?
    /// From a rating page: the response whose counter, officer, procedure and dossier the
    /// item is about (the officer is never shown to the citizen).
    public var responseId: Int64?
    /// Outside the statutory clock: no name, address and phone (domain.md §3).
    public var isAnonymous: Bool
    /// AES-GCM sealed contact data, or nil when none was given.
    public var sealedContact: Data?
    /// The consented purpose, shown at collection (domain.md §5).
    public var consentPurpose: String?
    public var receivedAt: Date
    public var attachments: [NewAttachment]
    /// Who recorded it: "citizen", a staff username, or "api:<key prefix>".
    public var actor: String

    public init(
        unitId: Int64, kind: FeedbackKind, category: FeedbackCategory, channel: FeedbackChannel, description: String, counterCode: String? = nil,
        officerCode: String? = nil, officerText: String? = nil, procedureCode: String? = nil, dossier: String? = nil, responseId: Int64? = nil,
        isAnonymous: Bool, sealedContact: Data? = nil, consentPurpose: String? = nil, receivedAt: Date, attachments: [NewAttachment] = [],
        actor: String
    ) {
        self.unitId = unitId
        self.kind = kind
        self.category = category
        self.channel = channel
        self.description = description
        self.counterCode = counterCode
        self.officerCode = officerCode
        self.officerText = officerText
        self.procedureCode = procedureCode
        self.dossier = dossier
        self.responseId = responseId
        self.isAnonymous = isAnonymous
        self.sealedContact = sealedContact
        self.consentPurpose = consentPurpose
        self.receivedAt = receivedAt
        self.attachments = attachments
        self.actor = actor
    }
}

/// A checked attachment: its kind by content, cleaned bytes, and their SHA-256.
public struct NewAttachment: Sendable {
    public var kind: String
    public var bytes: Data
    public var sha256: String

    public init(kind: String, bytes: Data, sha256: String) {
        self.kind = kind
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// A feedback item as screens and the API read it.
public struct FeedbackItem: Sendable, Equatable {
    public var id: Int64
    public var code: TrackingCode
    public var unitId: Int64
    public var unitCode: String
    public var kind: FeedbackKind
    public var category: FeedbackCategory
    public var channel: FeedbackChannel
    public var state: FeedbackState
    public var isAnonymous: Bool
    public var description: String
    public var counterCode: String?
    public var officerCode: String?
    public var officerText: String?
    public var procedureCode: String?
    public var dossier: String?
    public var receivedAt: Date
    public var receivedOn: LocalDate
    /// The due date in force; nil outside the statutory clock.
    public var dueOn: LocalDate?
    public var acceptedOn: LocalDate?
    /// The last handling (resolve, transfer, reject), if the item has one.
    public var handledAt: Date?
    public var handling: FeedbackHandlingKind?
    public var onTime: Bool?
    /// The public result of the last `resolve`.
    public var result: String?
    public var assignee: String?
    public var task: String?
    public var internalDueOn: LocalDate?
    public var assignedBy: String?
    public var verification: VerificationOutcome?
    public var verifiedOn: LocalDate?
    public var lastSeq: Int
    public var rulesVersion: String
    public var hasContact: Bool
    public var attachmentCount: Int
    /// When the contact data was erased (and attachments' metadata), and why; nil while kept.
    public var anonymisedAt: Date? = nil
    public var anonymisedReason: AnonymisationReason? = nil

    /// Open: not handled (or reopened since).
    public var isOpen: Bool { state.isOpen }
}

/// One event of an item's history, as recorded.
public struct FeedbackEvent: Sendable, Equatable {
    public var seq: Int
    public var at: Date
    public var actor: String
    /// A `FeedbackAction` raw value, or "receive" for the first event.
    public var action: String
    public var fromState: FeedbackState?
    public var toState: FeedbackState
    public var note: String?
    /// The action's fields as canonical JSON.
    public var data: String
    public var dueOn: LocalDate?
    public var prevHash: String
    public var hash: String
}

/// The fields an event records besides its action: the action's own fields, and what the
/// clock needs to replay the item's deadlines (acceptance day, extensions, reopen day).
/// Encoded as canonical JSON (sorted keys); never holds contact data - a change of contact is
/// recorded as such, without values, so anonymising contact data never breaks the chain.
struct FeedbackEventData: Codable, Equatable {
    var result: String?
    var reason: String?
    var assignee: String?
    var task: String?
    var dueAt: String?
    var to: String?
    var outcome: VerificationOutcome?
    var complexity: ExtensionComplexity?
    var kind: FeedbackKind?
    var category: FeedbackCategory?
    var fromKind: FeedbackKind?
    var fromCategory: FeedbackCategory?
    var `extension`: FeedbackExtension?
    var receivedOn: String?
    var channel: FeedbackChannel?
    var attachments: Int?
    var contactGiven: Bool?
}

/// Refusals of feedback intake and actions that are not the state machine's.
public enum FeedbackError: Error, Equatable, Sendable {
    case unknownItem
    case unknownCounter(String)
    case unknownOfficer(String)
    case unknownProcedure(String)
    case unknownAssignee(String)
    /// The internal date given to an assignee is after the legal due date.
    case internalDueAfterLegal(LocalDate)
    /// The internal date given to an assignee is already past.
    case internalDueInThePast
    case transition(FeedbackTransitionError)
    case extensionRefused(FeedbackExtensionError)
    case calendar(CalendarError)
    /// The authorization step refused the action.
    case forbidden
}
