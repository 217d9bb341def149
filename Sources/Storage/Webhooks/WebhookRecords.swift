import Domain
import Foundation
import GRDB

/// A unit's webhook. The secret is kept sealed (`secretSealed`); only the delivery worker
/// opens it, to sign.
public struct Webhook: Sendable, Equatable {
    public var id: Int64
    public var unitId: Int64
    public var url: String
    public var secretSealed: Data
    public var events: [WebhookEvent]
    public var isActive: Bool
    public var createdAt: Date
    public var createdBy: String

    init(row: Row) {
        id = row["id"]
        unitId = row["unitId"]
        url = row["url"]
        secretSealed = row["secretSealed"]
        events = Self.events(row["events"])
        isActive = row["active"]
        createdAt = AppDatabase.date(row["createdAt"])
        createdBy = row["createdBy"]
    }

    /// The stored list, leaving out any name this build does not know.
    static func events(_ stored: String) -> [WebhookEvent] {
        stored.split(separator: ",").compactMap { WebhookEvent(rawValue: String($0)) }
    }
}

/// One row of the outbox as the delivery log shows it.
public struct WebhookDeliveryEntry: Sendable, Equatable {
    public var id: Int64
    public var webhookId: Int64
    public var url: String
    public var event: String
    public var createdAt: Date
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: Date?
    public var gaveUpAt: Date?

    init(row: Row) {
        id = row["id"]
        webhookId = row["webhookId"]
        url = row["url"]
        event = row["event"]
        createdAt = AppDatabase.date(row["createdAt"])
        attempts = row["attempts"]
        nextAttemptAt = (row["nextAttemptAt"] as String?).map(AppDatabase.date)
        lastAttemptAt = (row["lastAttemptAt"] as String?).map(AppDatabase.date)
        lastStatus = row["lastStatus"]
        lastError = row["lastError"]
        deliveredAt = (row["deliveredAt"] as String?).map(AppDatabase.date)
        gaveUpAt = (row["gaveUpAt"] as String?).map(AppDatabase.date)
    }
}

/// A delivery whose next attempt is due, with what it takes to send it.
public struct PendingWebhookDelivery: Sendable, Equatable {
    public var id: Int64
    public var webhookId: Int64
    public var url: String
    public var secretSealed: Data
    public var event: String
    public var body: String
    public var createdAt: Date
    public var attempts: Int
}

/// What an attempt came to.
public enum WebhookAttemptOutcome: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    case gaveUp
}

/// Absolute links a webhook body carries: the item's public status page.
public struct WebhookLinks: Sendable {
    /// The tracking page's URL up to the code, e.g. `https://hailong.example.vn/track/`.
    public var trackPrefix: String

    public init(trackPrefix: String) {
        self.trackPrefix = trackPrefix
    }

    func track(_ code: String) -> String { trackPrefix + code }
}

/// A webhook body: the event, its id (the same for every webhook told of it, so a receiver
/// can drop a repeat) and when it happened, with the facts of a feedback item or a rating.
/// Never contact data, the citizen's description or comment: only codes, states and dates.
struct WebhookPayload: Encodable {
    var id: String
    var event: String
    var occurredAt: String
    var unit: String
    var code: String?
    var kind: String?
    var category: String?
    var state: String?
    var counter: String?
    var officer: String?
    var procedure: String?
    var receivedAt: String?
    var dueAt: String?
    var trackUrl: String?
    var resolvedAt: String?
    var result: String?
    var onTime: Bool?
    var level: Int?
    var scale: String?
    var respondedAt: String?
    var message: String?

    init(event: WebhookEvent, unit: String, at: Date) {
        id = "evt_" + TokenGenerator.token(length: 20)
        self.event = event.rawValue
        occurredAt = LocalDate.iso8601(at)
        self.unit = unit
    }

    /// A feedback event's body.
    init(event: WebhookEvent, item: FeedbackItem, at: Date, links: WebhookLinks) {
        self.init(event: event, unit: item.unitCode, at: at)
        code = item.code.description
        kind = item.kind.rawValue
        category = item.category.rawValue
        state = item.state.rawValue
        counter = item.counterCode
        officer = item.officerCode
        procedure = item.procedureCode
        receivedAt = LocalDate.iso8601(item.receivedAt)
        dueAt = item.dueOn?.description
        trackUrl = links.track(item.code.description)
        if event == .feedbackResolved {
            resolvedAt = item.handledAt.map(LocalDate.iso8601)
            result = item.result
            onTime = item.onTime
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and booleans cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
