import GRDB

extension AppDatabase {
    /// Feedback items (domain.md §3), their append-only, hash-chained history, the contact
    /// data kept apart and encrypted, and attachments.
    static func registerFeedbackMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-feedback") { db in
            // The item's current standing, derived from its history and kept in the same
            // transaction as each event, so queues and figures read one row per item.
            try db.create(table: "feedbackItems") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("kind", .text).notNull()
                t.column("category", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("state", .text).notNull()
                t.column("anonymous", .boolean).notNull()
                t.column("description", .text).notNull()
                t.belongsTo("counter", inTable: "counters")
                t.belongsTo("officer", inTable: "officers")
                // The officer as the citizen knows them (badge name, visit time), when no
                // officer record is named.
                t.column("officerText", .text)
                t.belongsTo("procedure", inTable: "procedures")
                t.column("dossier", .text)
                t.belongsTo("response", inTable: "responses")
                t.column("receivedAt", .text).notNull()
                t.column("receivedOn", .text).notNull()
                t.column("dueOn", .text)
                t.column("acceptedOn", .text)
                t.column("handledAt", .text)
                t.column("handling", .text)
                t.column("onTime", .boolean)
                t.column("result", .text)
                t.column("assignee", .text)
                t.column("task", .text)
                t.column("internalDueOn", .text)
                t.column("assignedBy", .text)
                t.column("verification", .text)
                t.column("verifiedOn", .text)
                t.column("lastSeq", .integer).notNull()
                t.column("rulesVersion", .text).notNull()
            }
            try db.create(index: "feedbackItemsByUnit", on: "feedbackItems", columns: ["unitId", "receivedOn"])
            try db.create(index: "feedbackItemsByState", on: "feedbackItems", columns: ["unitId", "state", "dueOn"])

            // The history: one row per change, never updated or deleted (triggers below);
            // `hash` chains the previous event of the item, so an edit behind the service's
            // back breaks the chain and `hailong verify` names it.
            try db.create(table: "feedbackEvents") { t in
                t.column("itemId", .integer).notNull().references("feedbackItems")
                t.column("seq", .integer).notNull()
                t.column("at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("fromState", .text)
                t.column("toState", .text).notNull()
                t.column("note", .text)
                // The action's fields, canonical JSON (sorted keys), never contact data.
                t.column("data", .text).notNull()
                // The due date in force after the event (for a handling: the date it is judged against).
                t.column("dueOn", .text)
                t.column("prevHash", .text).notNull()
                t.column("hash", .text).notNull()
                t.primaryKey(["itemId", "seq"])
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER feedbackEventsNoUpdate BEFORE UPDATE ON feedbackEvents
                    BEGIN SELECT RAISE(ABORT, 'feedback history is append-only'); END;
                    CREATE TRIGGER feedbackEventsNoDelete BEFORE DELETE ON feedbackEvents
                    BEGIN SELECT RAISE(ABORT, 'feedback history is append-only'); END;
                    """)

            // Contact data apart from the item, sealed with AES-GCM by the App (key file in
            // the data directory): a copy of the database alone does not reveal it.
            try db.create(table: "feedbackContacts") { t in
                t.primaryKey("itemId", .integer).references("feedbackItems")
                t.column("sealed", .blob).notNull()
                t.column("consentAt", .text)
                t.column("purpose", .text)
            }

            try db.create(table: "feedbackAttachments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("item", inTable: "feedbackItems").notNull()
                t.column("kind", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("bytes", .blob).notNull()
                t.column("createdAt", .text).notNull()
            }
        }
    }
}
