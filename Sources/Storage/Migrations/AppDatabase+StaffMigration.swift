import GRDB

extension AppDatabase {
    /// Staff accounts, their server-side sessions, and the audit log of administrative actions.
    static func registerStaffMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-staff") { db in
            try db.create(table: "users") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique()
                t.column("passwordHash", .text).notNull()
                t.column("role", .text).notNull()
                t.belongsTo("unit", inTable: "units")
                t.belongsTo("officer", inTable: "officers")
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("createdAt", .datetime).notNull()
            }
            // Only a hash of the session id is stored: a copy of the database opens no session.
            try db.create(table: "sessions") { t in
                t.column("idHash", .text).primaryKey()
                t.belongsTo("user", inTable: "users", onDelete: .cascade).notNull()
                t.column("csrfToken", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
            // Who serves which counter, over time: a ticket issued at a counter is attributed to
            // the officer serving it then. An open assignment has no end.
            try db.create(table: "officerAssignments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("officer", inTable: "officers").notNull()
                t.belongsTo("counter", inTable: "counters").notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime)
            }
            // Tickets shown on a counter display, as opposed to issued through the API.
            try db.alter(table: "tickets") { t in
                t.add(column: "displayedBy", .integer).references("users")
            }
            // The holiday calendar, per year: days off and make-up working days (domain.md §4).
            try db.create(table: "calendarDays") { t in
                t.column("date", .text).primaryKey()
                t.column("year", .integer).notNull().indexed()
                t.column("kind", .text).notNull()
                t.column("nameVi", .text).notNull()
                t.column("nameEn", .text).notNull()
                t.column("tentative", .boolean).notNull()
            }
            try db.create(table: "auditLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("userId", .integer)
                // Kept as text too: the entry outlives a renamed or removed account.
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("target", .text).notNull()
                t.column("before", .text)
                t.column("after", .text)
            }
        }
    }
}
