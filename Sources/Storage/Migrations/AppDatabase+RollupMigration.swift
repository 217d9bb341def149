import GRDB

extension AppDatabase {
    /// Coarser roll-ups for figures over long periods (issue 10): `answerCounts` keeps a row
    /// per day x counter x officer x sector x procedure x question x level, which over a
    /// million responses is millions of rows; `figureRollups` keeps, per question, one row
    /// per unit and day, and one per month and counter, officer, sector or procedure, with
    /// the answers at each level in columns. A month, a quarter or a campaign then reads a
    /// few thousand rows. Written in the rating's transaction with `answerCounts`; this
    /// migration fills it from `answerCounts` for the responses already recorded.
    static func registerRollupMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-rollups") { db in
            try db.create(table: "figureRollups", options: [.withoutRowID]) { t in
                t.column("unitId", .integer).notNull()
                // 0 the unit as a whole, 1 counter, 2 officer, 3 sector, 4 procedure.
                t.column("dim", .integer).notNull()
                // "d": `period` is a day (YYYY-MM-DD); "m": a month (YYYY-MM).
                t.column("grain", .text).notNull()
                t.column("period", .text).notNull()
                // The counter, officer, sector or procedure; 0 for none, and for dim 0.
                t.column("dimId", .integer).notNull()
                t.column("formId", .text).notNull()
                t.column("formVersion", .integer).notNull()
                t.column("questionId", .text).notNull()
                t.column("scale", .text).notNull()
                t.column("factor", .text).notNull()
                t.column("overall", .boolean).notNull()
                // Answers at level 0 (no opinion, or a choice's 0) to 5.
                for level in 0...5 { t.column("l\(level)", .integer).notNull().defaults(to: 0) }
                t.primaryKey(["unitId", "dim", "grain", "period", "dimId", "formId", "formVersion", "questionId"])
            }
            // The feedback figures of a period read the items changed since its start.
            try db.create(index: "feedbackEventsByTime", on: "feedbackEvents", columns: ["at"])
            let levels = (0...5).map { "SUM(CASE level WHEN \($0) THEN n ELSE 0 END)" }.joined(separator: ", ")
            let targets: [(dim: Int, column: String, grain: String, period: String)] = [
                (0, "0", "d", "day"), (0, "0", "m", "substr(day, 1, 7)"), (1, "counterId", "m", "substr(day, 1, 7)"),
                (2, "officerId", "m", "substr(day, 1, 7)"), (3, "sectorId", "m", "substr(day, 1, 7)"), (4, "procedureId", "m", "substr(day, 1, 7)"),
            ]
            for target in targets {
                // The unit as a whole has no column to group by (a literal 0 there would be read as a column number).
                let dimGroup = target.dim == 0 ? "" : ", \(target.column)"
                try db.execute(
                    sql: """
                        INSERT INTO figureRollups (unitId, dim, grain, period, dimId, formId, formVersion, questionId, scale, factor, overall,
                          l0, l1, l2, l3, l4, l5)
                        SELECT unitId, \(target.dim), '\(target.grain)', \(target.period), \(target.column), formId, formVersion, questionId,
                          MAX(scale), MAX(factor), MAX(overall), \(levels)
                        FROM answerCounts WHERE level BETWEEN 0 AND 5
                        GROUP BY unitId, \(target.period)\(dimGroup), formId, formVersion, questionId
                        """)
            }
        }
    }
}
