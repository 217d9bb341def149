import GRDB

extension AppDatabase {
    /// Personal data on the law's terms (domain.md §5, issue 9 part 4): the person's requests
    /// about their contact data, and the mark an item carries once its contact data is erased.
    static func registerPrivacyMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-privacy") { db in
            try db.create(table: "privacyRequests") { t in
                t.autoIncrementedPrimaryKey("id")
                // What the person is shown and staff speak of; unguessable, like a tracking code.
                t.column("reference", .text).notNull().unique()
                t.belongsTo("item", inTable: "feedbackItems").notNull()
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("kind", .text).notNull()
                t.column("receivedAt", .text).notNull()
                // 2 working days on the deadline clock (domain.md §5).
                t.column("acknowledgeDueOn", .text).notNull()
                t.column("acknowledgedAt", .text)
                t.column("acknowledgedBy", .text)
                t.column("completedAt", .text)
                t.column("completedBy", .text)
                // A correction's new values, sealed by the App's contact vault; set to NULL
                // when the request is completed, so the request never keeps contact data.
                t.column("sealedCorrection", .blob)
            }
            try db.create(index: "privacyRequestsByUnit", on: "privacyRequests", columns: ["unitId", "completedAt", "acknowledgeDueOn"])
            try db.alter(table: "feedbackItems") { t in
                // When and why the contact data was erased (a request, or the retention period).
                t.add(column: "anonymisedAt", .text)
                t.add(column: "anonymisedReason", .text)
            }
        }
    }
}
