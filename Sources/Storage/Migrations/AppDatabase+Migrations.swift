import GRDB

extension AppDatabase {
    /// Named, append-only migrations. A shipped migration is never edited: a change of
    /// schema is a new migration. Migrations use table names, never app types.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.create(table: "units") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("nameEn", .text).notNull().defaults(to: "")
                t.column("centreName", .text).notNull().defaults(to: "")
                t.column("formId", .text).notNull().defaults(to: "sipas-counter")
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "sectors") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("nameEn", .text).notNull().defaults(to: "")
            }
            try db.create(table: "procedures") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("nameEn", .text).notNull().defaults(to: "")
                t.belongsTo("sector", inTable: "sectors")
            }
            try db.create(table: "counters") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("nameEn", .text).notNull().defaults(to: "")
                t.column("posterToken", .text).notNull().unique()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.uniqueKey(["unitId", "code"])
            }
            try db.create(table: "officers") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.uniqueKey(["unitId", "code"])
            }
            try db.create(table: "formVersions") { t in
                t.column("formId", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("contentHash", .text).notNull()
                t.column("definition", .text).notNull()
                t.column("loadedAt", .datetime).notNull()
                t.primaryKey(["formId", "version"])
            }
            try db.create(table: "apiKeys") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.belongsTo("unit", inTable: "units").notNull()
                t.column("keyHash", .text).notNull().unique()
                t.column("prefix", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "tickets") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("token", .text).notNull().unique()
                t.belongsTo("unit", inTable: "units").notNull()
                t.belongsTo("counter", inTable: "counters").notNull()
                t.belongsTo("officer", inTable: "officers")
                t.belongsTo("procedure", inTable: "procedures")
                t.belongsTo("sector", inTable: "sectors")
                t.column("dossier", .text)
                t.column("issuedAt", .datetime).notNull()
                t.column("issuedDay", .text).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
                t.belongsTo("apiKey", inTable: "apiKeys")
            }
            // A response never holds contact data (domain.md §2, NĐ 61/2018 Điều 27).
            // Its foreign keys are enforced but not indexed: figures come from the roll-ups,
            // and every index is one more page rewritten in each rating's commit.
            try db.create(table: "responses") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("unit", inTable: "units", indexed: false).notNull()
                t.belongsTo("counter", inTable: "counters", indexed: false).notNull()
                t.belongsTo("officer", inTable: "officers", indexed: false)
                t.belongsTo("procedure", inTable: "procedures", indexed: false)
                t.belongsTo("sector", inTable: "sectors", indexed: false)
                t.column("ticketId", .integer).unique().references("tickets")
                t.column("channel", .text).notNull()
                t.column("formId", .text).notNull()
                t.column("formVersion", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("day", .text).notNull()
                // The citizen's page holds this key; it lets the details join this response
                // and makes a repeated tap of the same page a no-op.
                t.column("submissionKey", .text).notNull().unique()
                t.column("detailsUntil", .datetime).notNull()
                t.column("detailsAt", .datetime)
                t.foreignKey(["formId", "formVersion"], references: "formVersions")
            }
            try db.create(table: "answers") { t in
                t.column("responseId", .integer).notNull().references("responses", onDelete: .cascade)
                t.column("questionId", .text).notNull()
                t.column("level", .integer).notNull()
                t.primaryKey(["responseId", "questionId"])
            }
            try db.create(table: "responseTexts") { t in
                t.column("responseId", .integer).notNull().references("responses", onDelete: .cascade)
                t.column("questionId", .text).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["responseId", "questionId"])
            }
            // Roll-ups kept in the same transaction as the rows they count, so a figure over
            // a million responses is a sum over a few thousand rows. Every response has exactly
            // one answer to its form's overall question (no opinion included), so the overall
            // rows also count responses. 0 stands for "none" in
            // the key columns because SQLite treats NULLs in a unique key as distinct.
            try db.create(table: "answerCounts") { t in
                t.column("unitId", .integer).notNull()
                t.column("day", .text).notNull()
                t.column("counterId", .integer).notNull()
                t.column("officerId", .integer).notNull()
                t.column("sectorId", .integer).notNull()
                t.column("procedureId", .integer).notNull()
                t.column("formId", .text).notNull()
                t.column("formVersion", .integer).notNull()
                t.column("questionId", .text).notNull()
                t.column("scale", .text).notNull()
                t.column("factor", .text).notNull()
                t.column("overall", .boolean).notNull()
                t.column("level", .integer).notNull()
                t.column("n", .integer).notNull()
                t.primaryKey([
                    "unitId", "day", "counterId", "officerId", "sectorId", "procedureId", "formId", "formVersion", "questionId", "level",
                ])
            }
            try db.create(table: "ticketCounts") { t in
                t.column("unitId", .integer).notNull()
                t.column("day", .text).notNull()
                t.column("counterId", .integer).notNull()
                t.column("officerId", .integer).notNull()
                t.column("issued", .integer).notNull()
                t.column("answered", .integer).notNull()
                t.primaryKey(["unitId", "day", "counterId", "officerId"])
            }
        }
        registerStaffMigration(&migrator)
        registerFeedbackMigration(&migrator)
        registerInspectionMigration(&migrator)
        registerWebhookMigration(&migrator)
        registerPrivacyMigration(&migrator)
        // v7 backfills from every table before it.
        registerRollupMigration(&migrator)
        registerKioskMigration(&migrator)
        registerSectorDaysMigration(&migrator)
        return migrator
    }
}
