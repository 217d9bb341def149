import GRDB

extension AppDatabase {
    /// Two reads that grew with the data (measured over 1,000,000 responses and 100,000
    /// feedback items, bench/README.md):
    /// - the lowest sector's satisfaction (I2, I6) over days outside whole months - a week,
    ///   a custom range, the dashboard's twelve-week trend - read every `answerCounts` row of
    ///   those days (80-120 ms for twelve weeks); `figureRollups` gains day rows of the sector
    ///   dimension, filled here from `answerCounts`, and every answer adds to them;
    /// - the staff-home warnings read the assignee of each open item through the table
    ///   (11,000 row lookups); the index by unit, state and due date now holds the assignee.
    static func registerSectorDaysMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-sector-days") { db in
            let levels = (0...5).map { "SUM(CASE level WHEN \($0) THEN n ELSE 0 END)" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    INSERT INTO figureRollups (unitId, dim, grain, period, dimId, formId, formVersion, questionId, scale, factor, overall,
                      l0, l1, l2, l3, l4, l5)
                    SELECT unitId, 3, 'd', day, sectorId, formId, formVersion, questionId, MAX(scale), MAX(factor), MAX(overall), \(levels)
                    FROM answerCounts WHERE level BETWEEN 0 AND 5
                    GROUP BY unitId, day, sectorId, formId, formVersion, questionId
                    """)
            try db.create(index: "feedbackItemsByStateDue", on: "feedbackItems", columns: ["unitId", "state", "dueOn", "assignee"])
            try db.execute(sql: "DROP INDEX feedbackItemsByState")
        }
    }
}
