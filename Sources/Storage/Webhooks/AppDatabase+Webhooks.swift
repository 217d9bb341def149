import Domain
import Foundation
import GRDB

/// Webhooks: their registration, the outbox the events are written to (in the transaction
/// that made them), and what the delivery worker reads and records.
extension AppDatabase {
    // MARK: registration

    /// Registers a webhook of `unitCode` (its secret already sealed) and audits it without
    /// the secret. Throws `LookupError.unknownUnit`.
    public func createWebhook(
        unitCode: String, url: String, secretSealed: Data, events: [WebhookEvent], actor: String, userId: Int64? = nil, now: Date
    ) async throws -> Webhook {
        let subscriptions = webhookSubscriptions
        let webhook = try await pool.write { db in
            guard let unitId = try Int64.fetchOne(db, sql: "SELECT id FROM units WHERE code = ?", arguments: [unitCode]) else {
                throw LookupError.unknownUnit(unitCode)
            }
            let names = events.map(\.rawValue).joined(separator: ",")
            try db.execute(
                sql: "INSERT INTO webhooks (unitId, url, secretSealed, events, active, createdAt, createdBy) VALUES (?, ?, ?, ?, 1, ?, ?)",
                arguments: [unitId, url, secretSealed, names, StoredTime.text(now), actor])
            let id = db.lastInsertedRowID
            try Self.audit(
                db, actor: actor, userId: userId, action: "webhook.create", target: "webhook:\(unitCode)/\(id)", before: nil,
                after: "url=\(url) events=\(names)", now: now)
            try Self.loadWebhookSubscriptions(db, into: subscriptions)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE id = ?", arguments: [id]) else { throw LookupError.unknownUnit(unitCode) }
            return Webhook(row: row)
        }
        return webhook
    }

    public func webhooks(unitId: Int64) async throws -> [Webhook] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhooks WHERE unitId = ? ORDER BY id DESC", arguments: [unitId]).map(Webhook.init)
        }
    }

    public func webhook(id: Int64) async throws -> Webhook? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE id = ?", arguments: [id]).map(Webhook.init) }
    }

    /// Disables (or enables again) a webhook. Disabling gives up its pending deliveries: they
    /// would otherwise wait for ever, and an enabled-again webhook should not get a backlog.
    public func setWebhookActive(id: Int64, active: Bool, actor: String, userId: Int64?, now: Date) async throws {
        let subscriptions = webhookSubscriptions
        try await pool.write { db in
            guard let webhook = try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE id = ?", arguments: [id]).map(Webhook.init),
                webhook.isActive != active
            else { return }
            try db.execute(sql: "UPDATE webhooks SET active = ? WHERE id = ?", arguments: [active, id])
            if !active {
                try db.execute(
                    sql: """
                        UPDATE webhookDeliveries SET nextAttemptAt = NULL, gaveUpAt = ?, lastError = 'webhook disabled'
                        WHERE webhookId = ? AND nextAttemptAt IS NOT NULL
                        """, arguments: [StoredTime.text(now), id])
            }
            try Self.audit(
                db, actor: actor, userId: userId, action: active ? "webhook.enable" : "webhook.disable", target: "webhook:\(id)",
                before: webhook.isActive ? "active" : "disabled", after: active ? "active" : "disabled", now: now)
            try Self.loadWebhookSubscriptions(db, into: subscriptions)
        }
    }

    /// Deletes a webhook with its outbox rows and log.
    public func deleteWebhook(id: Int64, actor: String, userId: Int64?, now: Date) async throws {
        let subscriptions = webhookSubscriptions
        try await pool.write { db in
            guard let webhook = try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE id = ?", arguments: [id]).map(Webhook.init) else { return }
            try db.execute(sql: "DELETE FROM webhooks WHERE id = ?", arguments: [id])
            try Self.audit(
                db, actor: actor, userId: userId, action: "webhook.delete", target: "webhook:\(id)", before: "url=\(webhook.url)", after: nil,
                now: now)
            try Self.loadWebhookSubscriptions(db, into: subscriptions)
        }
    }

    /// Rereads the subscriptions: the delivery worker calls it at each poll, so a webhook
    /// added by another process (the command line) is seen within seconds.
    public func refreshWebhookSubscriptions() async throws {
        let subscriptions = webhookSubscriptions
        try await pool.read { db in try Self.loadWebhookSubscriptions(db, into: subscriptions) }
    }

    static func loadWebhookSubscriptions(_ db: Database, into subscriptions: WebhookSubscriptions) throws {
        var events: [Int64: Set<WebhookEvent>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT unitId, events FROM webhooks WHERE active") {
            events[row["unitId"], default: []].formUnion(Webhook.events(row["events"]))
        }
        subscriptions.replace(events)
    }

    // MARK: the outbox

    /// Writes `payload` to the outbox of every active webhook of `unitId` subscribed to its
    /// event, inside the caller's transaction. With a `dedupeKey`, a webhook already told
    /// under that key is skipped. Returns whether a row was written.
    @discardableResult
    static func enqueueWebhookEvent(
        _ db: Database, unitId: Int64, event: WebhookEvent, payload: WebhookPayload, dedupeKey: String? = nil, now: Date
    ) throws -> Bool {
        let targets = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, events FROM webhooks WHERE unitId = ? AND active"), arguments: [unitId]
        ).filter { Webhook.events($0["events"]).contains(event) }.map { $0["id"] as Int64 }
        var written = false
        for webhookId in targets {
            try insertDelivery(db, webhookId: webhookId, payload: payload, dedupeKey: dedupeKey, now: now)
            written = written || db.changesCount > 0
        }
        return written
    }

    private static func insertDelivery(_ db: Database, webhookId: Int64, payload: WebhookPayload, dedupeKey: String?, now: Date) throws {
        let at = StoredTime.text(now)
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO webhookDeliveries (webhookId, eventId, event, body, dedupeKey, createdAt, attempts, nextAttemptAt)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                """
        ).execute(arguments: [webhookId, payload.id, payload.event, payload.json, dedupeKey, at, at])
    }

    /// "Gửi thử / Send test": one `webhook.test` delivery to this webhook, due now.
    public func enqueueWebhookTest(webhookId: Int64, now: Date) async throws {
        try await pool.write { db in
            guard let unit = try String.fetchOne(
                db, sql: "SELECT u.code FROM webhooks w JOIN units u ON u.id = w.unitId WHERE w.id = ?", arguments: [webhookId])
            else { return }
            var payload = WebhookPayload(event: .test, unit: unit, at: now)
            payload.message = "Gửi thử từ HaiLong / test delivery from HaiLong"
            try Self.insertDelivery(db, webhookId: webhookId, payload: payload, dedupeKey: nil, now: now)
        }
        webhookSubscriptions.enqueued()
    }

    /// Writes `event` about each item to the outbox once per webhook, item, event and due
    /// date (the due-soon and overdue warnings); returns how many rows were written.
    @discardableResult
    public func enqueueFeedbackWarnings(_ items: [FeedbackItem], event: WebhookEvent, links: WebhookLinks, now: Date) async throws -> Int {
        guard !items.isEmpty else { return 0 }
        let written = try await pool.write { db in
            var written = 0
            for item in items {
                // One warning per item, event and due date in force: an extension moves the due
                // date, and the item may then become due soon (or overdue) again - a new
                // deadline the receiver should hear about; a repeated tick on the same deadline
                // never tells it twice.
                let key = "\(item.code.description):\(event.rawValue):\(item.dueOn?.description ?? "-")"
                let payload = WebhookPayload(event: event, item: item, at: now, links: links)
                if try Self.enqueueWebhookEvent(db, unitId: item.unitId, event: event, payload: payload, dedupeKey: key, now: now) { written += 1 }
            }
            return written
        }
        if written > 0 { webhookSubscriptions.enqueued() }
        return written
    }

    /// The open items with a due date of these units: what the due-soon and overdue warnings
    /// look at.
    public func openFeedbackItemsWithDueDate(unitIds: [Int64]) async throws -> [FeedbackItem] {
        guard !unitIds.isEmpty else { return [] }
        let open = FeedbackState.allCases.filter(\.isOpen).map(\.rawValue)
        return try await pool.read { db in
            try Self.feedbackItems(
                db,
                where: "i.dueOn IS NOT NULL AND i.unitId IN (\(databaseQuestionMarks(count: unitIds.count))) AND i.state IN (\(databaseQuestionMarks(count: open.count)))",
                StatementArguments(unitIds) + StatementArguments(open), order: "i.id", limit: 1_000_000)
        }
    }

    // MARK: delivery

    /// Deliveries of active webhooks whose next attempt is due at `now`, oldest first.
    public func dueWebhookDeliveries(now: Date, limit: Int = 100) async throws -> [PendingWebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.webhookId, w.url, w.secretSealed, d.event, d.body, d.createdAt, d.attempts
                    FROM webhookDeliveries d JOIN webhooks w ON w.id = d.webhookId
                    WHERE d.nextAttemptAt IS NOT NULL AND d.nextAttemptAt <= ? AND w.active
                    ORDER BY d.nextAttemptAt, d.id LIMIT ?
                    """, arguments: [StoredTime.text(now), limit]
            ).map { row in
                PendingWebhookDelivery(
                    id: row["id"], webhookId: row["webhookId"], url: row["url"], secretSealed: row["secretSealed"], event: row["event"],
                    body: row["body"], createdAt: Self.date(row["createdAt"]), attempts: row["attempts"])
            }
        }
    }

    /// Records one attempt (its HTTP status, or the error that prevented one) and what it
    /// came to: delivered, another attempt at a time, or given up.
    public func recordWebhookAttempt(deliveryId: Int64, at: Date, status: Int?, error: String?, outcome: WebhookAttemptOutcome) async throws {
        let text = StoredTime.text(at)
        try await pool.write { db in
            var next: String?
            var delivered: String?
            var gaveUp: String?
            switch outcome {
            case .delivered: delivered = text
            case .retry(let date): next = StoredTime.text(date)
            case .gaveUp: gaveUp = text
            }
            try db.execute(
                sql: """
                    UPDATE webhookDeliveries SET attempts = attempts + 1, lastAttemptAt = ?, lastStatus = ?, lastError = ?, nextAttemptAt = ?,
                      deliveredAt = ?, gaveUpAt = ?
                    WHERE id = ?
                    """, arguments: [text, status, error, next, delivered, gaveUp, deliveryId])
            // The webhook was deleted while this attempt was in flight, and its deliveries with
            // it: nothing is left to record the attempt against.
            guard db.changesCount > 0 else { return }
            try db.execute(
                sql: "INSERT INTO webhookAttempts (deliveryId, at, status, error) VALUES (?, ?, ?, ?)", arguments: [deliveryId, text, status, error])
        }
    }

    /// The unit's latest deliveries, newest first, for the delivery log.
    public func webhookDeliveries(unitId: Int64, limit: Int = 50) async throws -> [WebhookDeliveryEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, w.url FROM webhookDeliveries d JOIN webhooks w ON w.id = d.webhookId
                    WHERE w.unitId = ? ORDER BY d.id DESC LIMIT ?
                    """, arguments: [unitId, limit]
            ).map(WebhookDeliveryEntry.init)
        }
    }
}
