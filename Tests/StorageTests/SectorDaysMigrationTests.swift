import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("v9-sector-days")
struct SectorDaysMigrationTests {
    /// Answers recorded before v9 are in the sector's day rows after it, by level, and the
    /// warnings' index holds the assignee (the query reads the index alone).
    @Test func theMigrationFillsTheSectorDaysFromAnswerCounts() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v8-kiosk")
        try queue.write { db in
            let insert = """
                INSERT INTO answerCounts (unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, scale,
                  factor, overall, level, n) VALUES (1, ?, ?, 0, ?, 0, 'f', 1, ?, ?, '', ?, ?, ?)
                """
            // Sector 4 on 02/11 at two counters (summed into one day row), sector 5 the same day.
            for (day, counter, sector, question, scale, overall, level, n) in [
                ("2026-11-02", 1, 4, "overall", "quick3", true, 3, 5), ("2026-11-02", 2, 4, "overall", "quick3", true, 3, 2),
                ("2026-11-02", 1, 4, "overall", "quick3", true, 1, 1), ("2026-11-02", 1, 5, "overall", "quick3", true, 2, 4),
                ("2026-11-03", 1, 4, "speed-1", "likert5", false, 5, 3),
            ] as [(String, Int, Int, String, String, Bool, Int, Int)] {
                try db.execute(sql: insert, arguments: [day, counter, sector, question, scale, overall, level, n])
            }
        }
        try AppDatabase.migrator.migrate(queue)
        let (rows, plan) = try queue.read { db in
            (
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT period, dimId, questionId, l1, l2, l3, l5 FROM figureRollups WHERE dim = 3 AND grain = 'd' ORDER BY period, dimId
                        """
                ).map { [$0["period"], String($0["dimId"] as Int), $0["questionId"], "\($0["l1"] as Int)\($0["l2"] as Int)\($0["l3"] as Int)\($0["l5"] as Int)"] as [String] },
                try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT assignee, dueOn, COUNT(*) FROM feedbackItems
                        WHERE unitId = 1 AND state IN ('received', 'assigned') AND dueOn IS NOT NULL AND dueOn <= '2026-12-01' GROUP BY assignee, dueOn
                        """
                ).map { $0["detail"] as String }.joined(separator: "\n")
            )
        }
        #expect(
            rows == [
                ["2026-11-02", "4", "overall", "1070"], ["2026-11-02", "5", "overall", "0400"], ["2026-11-03", "4", "speed-1", "0003"],
            ])
        #expect(plan.contains("COVERING INDEX feedbackItemsByStateDue"), "\(plan)")
    }
}
