import GRDB

extension AppDatabase {
    /// The inspection committee's own records: reviewer notes on feedback items (append-only,
    /// apart from the item's handling and its history), and drawn samples with the reviewer's
    /// checklist per sampled item.
    static func registerInspectionMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-inspection") { db in
            try db.create(table: "reviewerNotes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("item", inTable: "feedbackItems").notNull()
                t.column("author", .text).notNull()
                t.column("at", .text).notNull()
                t.column("note", .text).notNull()
            }
            // A reviewer's note is evidence of the review: it is added to, never rewritten.
            try db.execute(
                sql: """
                    CREATE TRIGGER reviewerNotesNoUpdate BEFORE UPDATE ON reviewerNotes
                    BEGIN SELECT RAISE(ABORT, 'reviewer notes are append-only'); END;
                    CREATE TRIGGER reviewerNotesNoDelete BEFORE DELETE ON reviewerNotes
                    BEGIN SELECT RAISE(ABORT, 'reviewer notes are append-only'); END;
                    """)

            // A drawn sample: what was asked (period, unit or every unit, size per stratum,
            // seed), so it can be drawn again, and what it gave.
            try db.create(table: "inspectionSamples") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                // NULL: every unit (drawn by an account that reads every unit).
                t.belongsTo("unit", inTable: "units")
                t.column("fromDay", .text).notNull()
                t.column("toDay", .text).notNull()
                t.column("perStratum", .integer).notNull()
                // A UInt64 as decimal text: SQLite's integers are signed.
                t.column("seed", .text).notNull()
                t.column("population", .integer).notNull()
            }
            // Each stratum of a sample: how many handled items it held and how many were drawn.
            try db.create(table: "inspectionSampleStrata") { t in
                t.belongsTo("sample", inTable: "inspectionSamples").notNull()
                t.column("stratum", .text).notNull()
                t.column("population", .integer).notNull()
                t.column("drawn", .integer).notNull()
                t.primaryKey(["sampleId", "stratum"])
            }
            // One row per sampled item, with the reviewer's checklist once it is filled in
            // (answers `yes`, `no`, `n/a`).
            try db.create(table: "inspectionSampleItems") { t in
                t.belongsTo("sample", inTable: "inspectionSamples").notNull()
                t.belongsTo("item", inTable: "feedbackItems").notNull()
                t.column("position", .integer).notNull()
                t.column("stratum", .text).notNull()
                t.column("resultConcrete", .text)
                t.column("onTime", .text)
                t.column("historyIntact", .text)
                t.column("replySent", .text)
                t.column("finding", .text)
                t.column("reviewedBy", .text)
                t.column("reviewedAt", .text)
                t.primaryKey(["sampleId", "itemId"])
            }
        }
    }
}
