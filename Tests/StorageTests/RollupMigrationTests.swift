import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("v7-rollups")
struct RollupMigrationTests {
    /// Responses recorded before v7 (their `answerCounts` rows) are in `figureRollups` after it:
    /// the unit's day and month, and each breakdown's month, with the answers by level.
    @Test func theMigrationFillsTheRollupsFromAnswerCounts() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v3-feedback")
        try queue.write { db in
            let insert = """
                INSERT INTO answerCounts (unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, scale,
                  factor, overall, level, n) VALUES (?, ?, ?, ?, ?, ?, 'f', 1, ?, ?, ?, ?, ?, ?)
                """
            // Two counters, one day each in November, one in December; visits answered once.
            for (day, counter, officer, question, scale, factor, overall, level, n) in [
                ("2026-11-02", 1, 7, "overall", "quick3", "", true, 3, 5), ("2026-11-02", 1, 7, "overall", "quick3", "", true, 1, 2),
                ("2026-11-03", 2, 0, "overall", "quick3", "", true, 3, 4), ("2026-11-03", 2, 0, "access-1", "likert5", "access", false, 0, 1),
                ("2026-12-01", 1, 7, "overall", "quick3", "", true, 2, 6), ("2026-11-02", 1, 7, "visits", "choice", "", false, 2, 3),
            ] as [(String, Int, Int, String, String, String, Bool, Int, Int)] {
                try db.execute(sql: insert, arguments: [1, day, counter, officer, 4, 9, question, scale, factor, overall, level, n])
            }
        }
        try AppDatabase.migrator.migrate(queue)
        let conditions = [
            "dim = 0 AND grain = 'm' AND period = '2026-11' AND questionId = 'overall'",
            "dim = 0 AND grain = 'd' AND period = '2026-11-02' AND questionId = 'overall'",
            "dim = 1 AND grain = 'm' AND period = '2026-11' AND dimId = 2",
            "dim = 2 AND grain = 'm' AND period = '2026-12' AND dimId = 7",
            "dim = 2 AND grain = 'm' AND period = '2026-11' AND dimId = 0",
            "dim = 3 AND grain = 'm' AND dimId = 4 AND questionId = 'overall'",
            "dim = 4 AND grain = 'm' AND dimId = 9 AND questionId = 'visits'",
        ]
        let (found, breakdownDays) = try queue.read { db -> ([[Int]], Int) in
            let found = try conditions.map { condition -> [Int] in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT SUM(l0) a, SUM(l1) b, SUM(l2) c, SUM(l3) d, SUM(l4) e, SUM(l5) f FROM figureRollups WHERE " + condition)
                else { return [] }
                return ["a", "b", "c", "d", "e", "f"].map { (row[$0] as Int?) ?? -1 }
            }
            return (found, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM figureRollups WHERE dim IN (1, 2, 4) AND grain = 'd'") ?? -1)
        }
        #expect(found == [[0, 2, 0, 9, 0, 0], [0, 2, 0, 5, 0, 0], [1, 0, 0, 4, 0, 0], [0, 0, 6, 0, 0, 0], [1, 0, 0, 4, 0, 0], [0, 2, 6, 9, 0, 0], [0, 0, 3, 0, 0, 0]])
        // No day rows for counters, officers and procedures: their days come from answerCounts
        // (the sector's day rows are v9's, tested with it).
        #expect(breakdownDays == 0)
    }

    /// After recording, the roll-ups and answerCounts hold the same answers.
    @Test func recordingWritesTheRollupsInTheSameTransaction() async throws {
        let seeded = try await Seeded()
        let t1 = try await seeded.issue(counter: "q1", officer: "cb-lan", procedure: "1.004227")
        let t2 = try await seeded.issue(counter: "q2")
        _ = try await seeded.record(token: t1.token, levels: ["overall": 3, "access-1": 5, "visits": 1])
        _ = try await seeded.record(token: t2.token, levels: ["overall": 0])
        let (fine, coarse, monthly, sectorDays) = try await seeded.db.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT SUM(n) FROM answerCounts") ?? -1,
                try Int.fetchOne(db, sql: "SELECT SUM(l0 + l1 + l2 + l3 + l4 + l5) FROM figureRollups WHERE dim = 0 AND grain = 'd'") ?? -1,
                try Int.fetchOne(db, sql: "SELECT SUM(l0 + l1 + l2 + l3 + l4 + l5) FROM figureRollups WHERE grain = 'm'") ?? -1,
                try Int.fetchOne(db, sql: "SELECT SUM(l0 + l1 + l2 + l3 + l4 + l5) FROM figureRollups WHERE dim = 3 AND grain = 'd'") ?? -1
            )
        }
        #expect(fine == 4)
        #expect(coarse == 4)
        #expect(sectorDays == 4, "each answer in its sector's day (v9-sector-days)")
        #expect(monthly == 4 * 6, "the unit's month, four breakdowns and the channel (v8-kiosk)")
    }
}
