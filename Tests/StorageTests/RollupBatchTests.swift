import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// The roll-ups summed per write batch (`RollupBatch`): what the batches write must be what
/// the answers count, row by row, and a job that fails must count nothing.
@Suite("Roll-ups summed per batch")
struct RollupBatchTests {
    @Test("the roll-ups of 150 concurrent ratings equal their answers counted afresh, row by row")
    func concurrentRatingsCountedExactly() async throws {
        let seeded = try await Seeded()
        let shapes: [(counter: String, officer: String?, procedure: String?, sector: String?)] = [
            ("q1", "cb-lan", "1.004227", nil), ("q1", nil, nil, "xay-dung"), ("q2", nil, "1.001193", nil), ("q3", nil, nil, nil),
        ]
        var responses: [NewResponse] = []
        for index in 0..<150 {
            let shape = shapes[index % shapes.count]
            // Two days, so day and month rows differ; levels 0 to 4 and one factor answer.
            let now = Fixtures.t0.addingTimeInterval(index % 3 == 0 ? 86_400 : 0)
            let ticket = try await seeded.issue(
                counter: shape.counter, officer: shape.officer, procedure: shape.procedure, sector: shape.sector, now: now)
            responses.append(seeded.response(token: ticket.token, levels: ["overall": index % 5, "officer-1": (index / 5) % 5], now: now))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for response in responses { group.addTask { _ = try await seeded.db.recordResponse(response) } }
            try await group.waitForAll()
        }
        #expect(try await seeded.store.count("responses") == 150)
        // Several ratings went in one batch, or nothing was summed.
        let (batches, writes) = await seeded.db.writeBatchCounts()
        #expect(batches < writes)

        let answers = """
            SELECT r.unitId, r.day, substr(r.day, 1, 7) AS month, r.counterId, COALESCE(r.officerId, 0) AS officerId,
              COALESCE(r.sectorId, 0) AS sectorId, COALESCE(r.procedureId, 0) AS procedureId, r.formId, r.formVersion,
              CASE r.channel WHEN 'web' THEN 1 WHEN 'api' THEN 2 WHEN 'kiosk' THEN 3 END AS channelId, a.questionId, a.level
            FROM answers a JOIN responses r ON r.id = a.responseId
            """
        // answerCounts: every key with its n.
        let countsExpected = try await seeded.store.rows(
            "SELECT unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, level, COUNT(*) AS n FROM (\(answers)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10")
        let countsStored = try await seeded.store.rows(
            "SELECT unitId, day, counterId, officerId, sectorId, procedureId, formId, formVersion, questionId, level, n FROM answerCounts")
        #expect(countsStored.count > 10)
        #expect(Set(countsStored) == Set(countsExpected))

        // figureRollups: each of the nine kinds of row, every level's count.
        let levels = (0...5).map { "SUM(level = \($0))" }.joined(separator: ", ")
        for (dim, grain, period, id) in [
            (0, "d", "day", "0"), (0, "m", "month", "0"), (1, "m", "month", "counterId"), (2, "m", "month", "officerId"),
            (3, "m", "month", "sectorId"), (4, "m", "month", "procedureId"), (3, "d", "day", "sectorId"), (5, "d", "day", "channelId"),
            (5, "m", "month", "channelId"),
        ] {
            let expected = try await seeded.store.rows(
                "SELECT unitId, \(period), \(id) + 0, formId, formVersion, questionId, \(levels) FROM (\(answers)) GROUP BY 1, 2, 3, 4, 5, 6")
            let stored = try await seeded.store.rows(
                "SELECT unitId, period, dimId, formId, formVersion, questionId, l0, l1, l2, l3, l4, l5 FROM figureRollups WHERE dim = ? AND grain = ?",
                [dim, grain])
            #expect(!stored.isEmpty, "dimension \(dim) grain \(grain)")
            #expect(Set(stored) == Set(expected), "dimension \(dim) grain \(grain)")
        }
    }

    @Test("a job that fails after counting its answers adds nothing; the others of its batch count")
    func failedJobCountsNothing() async throws {
        let seeded = try await Seeded()
        let db = seeded.db
        let rollups = db.batcher.rollups
        let dims = Dimensions(unitId: seeded.unitId, day: "2026-11-02", counterId: 7, officerId: 0, sectorId: 0, procedureId: 0, channelId: 1)
        let meta = QuestionMeta(scale: "likert5", factor: "overall", overall: true)
        struct Refused: Error {}
        // A first write holds the writer until the three behind it wait: they go in one batch.
        let gate = await db.batcher.holdWriter(until: 3)
        let kept = Task { try await db.batcher.write { _ in rollups.add(dims, form: "f", version: 1, question: "q", meta: meta, level: 4) } }
        let refused = Task {
            try await db.batcher.write { _ in
                rollups.add(dims, form: "f", version: 1, question: "q", meta: meta, level: 1)
                throw Refused()
            }
        }
        let alsoKept = Task { try await db.batcher.write { _ in rollups.add(dims, form: "f", version: 1, question: "q", meta: meta, level: 4) } }
        try await gate.value
        try await kept.value
        await #expect(throws: Refused.self) { try await refused.value }
        try await alsoKept.value
        // The three went in one batch after the gate's.
        #expect(await db.writeBatchCounts() == (batches: 2, writes: 4))

        #expect(try await seeded.store.int("SELECT n FROM answerCounts WHERE counterId = 7 AND level = 4") == 2)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM answerCounts WHERE counterId = 7 AND level = 1") == 0)
        #expect(try await seeded.store.int("SELECT l4 FROM figureRollups WHERE dim = 1 AND dimId = 7") == 2)
        #expect(try await seeded.store.int("SELECT l1 FROM figureRollups WHERE dim = 1 AND dimId = 7") == 0)
        #expect(try await seeded.store.int("SELECT SUM(l0 + l1 + l2 + l3 + l4 + l5) FROM figureRollups WHERE formId = 'f'") == 18)
    }
}

extension TestStore {
    /// Every row of a query, each as its values in order (to compare tables as sets).
    func rows(_ sql: String, _ arguments: StatementArguments = []) async throws -> [[DatabaseValue]] {
        try await db.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map { Array($0.databaseValues) } }
    }
}
