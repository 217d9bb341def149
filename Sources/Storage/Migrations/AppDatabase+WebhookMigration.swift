import GRDB

extension AppDatabase {
    /// Webhooks per unit, the outbox of their deliveries and the log of every attempt.
    static func registerWebhookMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-webhooks") { db in
            // The secret signs every delivery, so it cannot be hashed; it is sealed with the
            // data directory's key (as contact data is), never stored in clear.
            try db.create(table: "webhooks") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("url", .text).notNull()
                t.column("secretSealed", .blob).notNull()
                // Comma-separated event names, e.g. "feedback.received,rating.low".
                t.column("events", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
            }
            // The outbox: one row per event and webhook, written in the transaction that made
            // the event. `body` is the exact JSON that is signed and sent. `dedupeKey` makes an
            // event that must be told once (due soon, overdue) unique per webhook.
            try db.create(table: "webhookDeliveries") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("webhook", inTable: "webhooks", onDelete: .cascade).notNull()
                t.column("eventId", .text).notNull()
                t.column("event", .text).notNull()
                t.column("body", .text).notNull()
                t.column("dedupeKey", .text)
                t.column("createdAt", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .text)
                t.column("lastAttemptAt", .text)
                t.column("lastStatus", .integer)
                t.column("lastError", .text)
                t.column("deliveredAt", .text)
                t.column("gaveUpAt", .text)
                t.uniqueKey(["webhookId", "dedupeKey"])
            }
            // Only pending deliveries have a next attempt: the worker's poll reads this index.
            try db.create(index: "webhookDeliveriesDue", on: "webhookDeliveries", columns: ["nextAttemptAt"], condition: Column("nextAttemptAt") != nil)
            try db.create(table: "webhookAttempts") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("delivery", inTable: "webhookDeliveries", onDelete: .cascade).notNull()
                t.column("at", .text).notNull()
                t.column("status", .integer)
                t.column("error", .text)
            }
        }
    }
}
