import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("v8-kiosk")
struct KioskMigrationTests {
    /// Responses recorded before v8 are in the channel roll-ups after it: each one's answers on
    /// its day and in its month, under its channel (web 1, api 2).
    @Test func theMigrationFillsTheChannelRollupsFromTheResponses() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v7-rollups")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO units (id, code, name, createdAt) VALUES (1, 'u', 'U', '2026-11-01 00:00:00.000')")
            try db.execute(sql: "INSERT INTO counters (id, unitId, code, name, posterToken) VALUES (1, 1, 'q1', 'Q1', 'posterToken0001')")
            try db.execute(
                sql: "INSERT INTO formVersions (formId, version, contentHash, definition, loadedAt) VALUES ('f', 1, 'h', '{}', '2026-11-01 00:00:00.000')")
            for (id, channel, day, overall, access) in [
                (1, "web", "2026-11-02", 3, 5), (2, "web", "2026-11-02", 1, 0), (3, "api", "2026-11-03", 2, 4), (4, "web", "2026-12-01", 3, 4),
            ] as [(Int, String, String, Int, Int)] {
                try db.execute(
                    sql: """
                        INSERT INTO responses (id, unitId, counterId, channel, formId, formVersion, createdAt, day, submissionKey, detailsUntil)
                        VALUES (?, 1, 1, ?, 'f', 1, ?, ?, ?, ?)
                        """, arguments: [id, channel, day + " 09:00:00.000", day, "key\(id)", day + " 09:30:00.000"])
                try db.execute(sql: "INSERT INTO answers (responseId, questionId, level) VALUES (?, 'overall', ?), (?, 'access-1', ?)", arguments: [id, overall, id, access])
                for (question, scale, factor, overall, level) in [("overall", "quick3", "", true, overall), ("access-1", "likert5", "access", false, access)] {
                    try db.execute(
                        sql: """
                            INSERT INTO answerCounts (unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, scale,
                              factor, overall, level, n) VALUES (1, ?, 1, 0, 0, 0, 'f', 1, ?, ?, ?, ?, ?, 1)
                            ON CONFLICT DO UPDATE SET n = n + 1
                            """, arguments: [day, question, scale, factor, overall, level])
                }
            }
        }
        try AppDatabase.migrator.migrate(queue)
        func levels(_ condition: String) throws -> [Int] {
            try queue.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT SUM(l0) a, SUM(l1) b, SUM(l2) c, SUM(l3) d, SUM(l4) e, SUM(l5) f FROM figureRollups WHERE dim = 5 AND " + condition)
                else { return [] }
                return ["a", "b", "c", "d", "e", "f"].map { (row[$0] as Int?) ?? -1 }
            }
        }
        #expect(try levels("grain = 'm' AND period = '2026-11' AND dimId = 1 AND questionId = 'overall'") == [0, 1, 0, 1, 0, 0])
        #expect(try levels("grain = 'd' AND period = '2026-11-03' AND dimId = 2 AND questionId = 'overall'") == [0, 0, 1, 0, 0, 0])
        #expect(try levels("grain = 'm' AND period = '2026-11' AND dimId = 1 AND questionId = 'access-1' AND factor = 'access'") == [1, 0, 0, 0, 0, 1])
        #expect(try levels("grain = 'm' AND period = '2026-12' AND dimId = 1") == [0, 0, 0, 1, 1, 0])
        #expect(try levels("grain = 'm'") == [1, 1, 1, 2, 2, 1], "every answer once in the months")
        #expect(try levels("grain = 'd'") == [1, 1, 1, 2, 2, 1], "and once in the days")
    }
}
