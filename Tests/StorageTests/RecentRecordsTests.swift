import Domain
import Foundation
import GRDB
@testable import Storage
import Synchronization
import Testing

/// Tickets issued and responses recorded by this process are held in memory for the
/// citizen's pages (`RecentRecords`). What they answer must always be what the database
/// would, whatever wrote to it, and nothing a rolled-back write staged may show.
@Suite("Recent tickets and responses in memory")
struct RecentRecordsTests {
    /// The response as the database reads it, bypassing memory.
    private func stored(_ seeded: Seeded, token: String, key: String, overall: [String] = ["overall"]) async throws -> RecordedResponse? {
        try await seeded.db.pool.read { db in try AppDatabase.recordedResponse(db, token: token, key: key, overallQuestionIds: overall) }
    }

    /// Memory's answer and the database's agree, times to the millisecond the column keeps.
    private func expectAgreement(_ seeded: Seeded, token: String, key: String, overall: [String] = ["overall"]) async throws {
        let fromMemory = try await seeded.db.recordedResponse(token: token, key: key, overallQuestionIds: overall)
        let fromDatabase = try await stored(seeded, token: token, key: key, overall: overall)
        #expect((fromMemory == nil) == (fromDatabase == nil))
        guard let fromMemory, let fromDatabase else { return }
        #expect(fromMemory.responseId == fromDatabase.responseId)
        #expect(fromMemory.formId == fromDatabase.formId && fromMemory.formVersion == fromDatabase.formVersion)
        #expect(fromMemory.overallLevel == fromDatabase.overallLevel)
        #expect(abs(fromMemory.detailsUntil.timeIntervalSince(fromDatabase.detailsUntil)) < 0.000_5)
        #expect((fromMemory.detailsAt == nil) == (fromDatabase.detailsAt == nil))
    }

    @Test("a ticket issued here is served from memory, as the joined query reads it, before and after it expires")
    func issuedTicketFromMemory() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue(counter: "q1", officer: "cb-lan", procedure: "1.004227", lifetime: 60)
        #expect(seeded.db.recentRecords.ticket(ticket.token)?.id == ticket.id)
        // The first page reads the structure; from then on the ticket's page reads nothing.
        _ = try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)
        for now in [Fixtures.t0, Fixtures.t0.addingTimeInterval(59.999), Fixtures.t0.addingTimeInterval(60), Fixtures.t0.addingTimeInterval(61)] {
            let fromMemory = try await seeded.db.ratingTarget(token: ticket.token, now: now)
            let joined = try await seeded.db.pool.read { db in try AppDatabase.ratingTarget(db, token: ticket.token, now: now) }
            #expect(fromMemory == joined, "at \(now)")
        }
        #expect(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0.addingTimeInterval(61))?.state == .expired)
    }

    @Test("a rating forgets its ticket at the commit, and holds the response with its overall answer")
    func ratingForgetsTheTicketAndHoldsTheResponse() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)
        _ = try await seeded.record(token: ticket.token, key: "k1", levels: ["overall": 2])

        #expect(seeded.db.recentRecords.ticket(ticket.token) == nil)
        #expect(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)?.state == .used)
        let held = try #require(seeded.db.recentRecords.response(token: ticket.token, key: "k1", overallQuestionIds: ["overall"]))
        #expect(held.overallLevel == 2)
        try await expectAgreement(seeded, token: ticket.token, key: "k1")
        try await expectAgreement(seeded, token: ticket.token, key: "k1", overall: [])
        // The key is no pass on another token.
        #expect(try await seeded.db.recordedResponse(token: try await seeded.issue().token, key: "k1") == nil)
    }

    @Test("a poster's response is held too; adding details forgets it, and the next read has them")
    func detailsForgetTheResponse() async throws {
        let seeded = try await Seeded()
        let poster = try #require(try await seeded.db.counters(unitId: seeded.unitId).first { $0.code == "q2" }).posterToken
        _ = try await seeded.record(token: poster, key: "k2", levels: ["overall": 3])
        #expect(seeded.db.recentRecords.response(token: poster, key: "k2", overallQuestionIds: []) != nil)
        try await expectAgreement(seeded, token: poster, key: "k2")

        #expect(
            try await seeded.db.attachDetails(
                token: poster, submissionKey: "k2", questions: seeded.questions, levels: ["access-1": 4], texts: [:],
                now: Fixtures.t0.addingTimeInterval(30)))
        #expect(seeded.db.recentRecords.response(token: poster, key: "k2", overallQuestionIds: []) == nil)
        #expect(try await seeded.db.recordedResponse(token: poster, key: "k2")?.detailsAt != nil)
    }

    @Test("a first post that carries details is held with them")
    func firstPostWithDetails() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token, key: "k3", levels: ["overall": 3, "access-1": 5])
        #expect(seeded.db.recentRecords.response(token: ticket.token, key: "k3", overallQuestionIds: [])?.detailsAt != nil)
        try await expectAgreement(seeded, token: ticket.token, key: "k3")
    }

    @Test("a job that fails publishes nothing it staged; the jobs committed beside it do")
    func failedJobPublishesNothing() async throws {
        let seeded = try await Seeded()
        let recent = seeded.db.recentRecords
        struct Refused: Error {}
        let request = TicketRequest(unitId: seeded.unitId, counter: "q1", lifetime: 600, now: Fixtures.t0)
        let tokens = Mutex<[String]>([])
        // One write holds the writer until the next two wait, so they share a batch.
        let gate = await seeded.db.batcher.holdWriter(until: 2)
        let failed = Task { try await seeded.db.batcher.write { db in
            let ticket = try AppDatabase.issueTicket(db, request)
            recent.stage(ticket: ticket)
            tokens.withLock { $0.append(ticket.token) }
            throw Refused()
        } }
        let kept = Task { try await seeded.db.batcher.write { db in
            let ticket = try AppDatabase.issueTicket(db, request)
            recent.stage(ticket: ticket)
            return ticket
        } }
        await #expect(throws: Refused.self) { try await failed.value }
        let ticket = try await kept.value
        try await gate.value
        #expect(recent.ticket(ticket.token) != nil)
        let refused = try #require(tokens.withLock { $0.first })
        #expect(recent.ticket(refused) == nil)
        #expect(try await seeded.db.ratingTarget(token: refused, now: Fixtures.t0) == nil)
        #expect(seeded.db.batcher.committedCounts.batches >= 2)
    }

    @Test("a transaction rolled back publishes nothing")
    func rollbackPublishesNothing() async throws {
        let seeded = try await Seeded()
        struct Refused: Error {}
        let request = TicketRequest(unitId: seeded.unitId, counter: "q1", lifetime: 600, now: Fixtures.t0)
        let recent = seeded.db.recentRecords
        let token = Mutex("")
        await #expect(throws: Refused.self) {
            try await seeded.db.pool.write { db in
                let ticket = try AppDatabase.issueTicket(db, request)
                recent.stage(ticket: ticket)
                token.withLock { $0 = ticket.token }
                throw Refused()
            }
        }
        #expect(recent.ticket(token.withLock { $0 }) == nil)
        // The next commit, of anything, does not publish it either.
        _ = try await seeded.issue()
        #expect(recent.ticket(token.withLock { $0 }) == nil)
        #expect(recent.counts.tickets == 1)
    }

    @Test("any write that changes or deletes a held ticket or response forgets it")
    func otherWritesForget() async throws {
        let seeded = try await Seeded()
        let shortened = try await seeded.issue()
        let deleted = try await seeded.issue()
        let rated = try await seeded.issue()
        _ = try await seeded.record(token: rated.token, key: "k5")
        #expect(seeded.db.recentRecords.counts == (tickets: 2, responses: 1))

        try await seeded.db.pool.write { db in
            try db.execute(sql: "UPDATE tickets SET expiresAt = ? WHERE id = ?", arguments: [Fixtures.t0, shortened.id])
            try db.execute(sql: "DELETE FROM tickets WHERE id = ?", arguments: [deleted.id])
        }
        #expect(seeded.db.recentRecords.ticket(shortened.token) == nil)
        #expect(try await seeded.db.ratingTarget(token: shortened.token, now: Fixtures.t0)?.state == .expired)
        #expect(try await seeded.db.ratingTarget(token: deleted.token, now: Fixtures.t0) == nil)
        #expect(seeded.db.recentRecords.counts == (tickets: 0, responses: 1))
        try await expectAgreement(seeded, token: rated.token, key: "k5")

        // Deleting a response (its answers go with it) forgets it.
        try await seeded.db.pool.write { db in try db.execute(sql: "DELETE FROM responses WHERE submissionKey = 'k5'") }
        #expect(try await seeded.db.recordedResponse(token: rated.token, key: "k5") == nil)
    }

    @Test("a changed answer or counter forgets every response")
    func answersAndCountersForgetAll() async throws {
        let seeded = try await Seeded()
        let first = try await seeded.issue()
        _ = try await seeded.record(token: first.token, key: "k6", levels: ["overall": 3])
        try await seeded.db.pool.write { db in try db.execute(sql: "UPDATE answers SET level = 1 WHERE questionId = 'overall'") }
        #expect(seeded.db.recentRecords.counts.responses == 0)
        #expect(try await seeded.db.recordedResponse(token: first.token, key: "k6", overallQuestionIds: ["overall"])?.overallLevel == 1)

        let second = try await seeded.issue()
        _ = try await seeded.record(token: second.token, key: "k7")
        #expect(seeded.db.recentRecords.counts.responses == 1)
        try await seeded.db.pool.write { db in try db.execute(sql: "UPDATE counters SET active = 1") }
        #expect(seeded.db.recentRecords.counts.responses == 0)
        try await expectAgreement(seeded, token: second.token, key: "k7")
    }

    @Test("past the capacity the oldest are forgotten, and their row ids with them")
    func capacityForgetsTheOldest() async throws {
        let queue = try DatabaseQueue()
        try await queue.write { db in try db.execute(sql: "CREATE TABLE tickets (id INTEGER PRIMARY KEY, token TEXT)") }
        let recent = RecentRecords(capacity: 3)
        queue.add(transactionObserver: recent)
        let tokens = (1...5).map { "token\($0)" }
        for (offset, token) in tokens.enumerated() {
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO tickets (id, token) VALUES (?, ?)", arguments: [offset + 1, token])
                recent.stage(
                    ticket: Ticket(
                        id: Int64(offset + 1), token: token, unitId: 1, counterId: 1, officerId: nil, procedureId: nil, sectorId: nil, dossier: nil,
                        issuedAt: Fixtures.t0, issuedDay: Fixtures.day.description, expiresAt: Fixtures.t0, usedAt: nil, apiKeyId: nil,
                        displayedBy: nil))
            }
        }
        #expect(tokens.map { recent.ticket($0) != nil } == [false, false, true, true, true])
        // Forgetting a dropped one's row id, and a held one's, by a write.
        try await queue.write { db in try db.execute(sql: "UPDATE tickets SET token = token || 'x' WHERE id IN (1, 4)") }
        #expect(tokens.map { recent.ticket($0) != nil } == [false, false, true, false, true])
        #expect(recent.counts.tickets == 2)
    }

    @Test("the ordered store keeps the newest within its capacity through many removals")
    func orderedStoreStaysBounded() {
        var store = OrderedStore<Int, Int>()
        for n in 0..<10_000 {
            _ = store.insert(n, n, capacity: 100)
            if n % 3 == 0 { store.remove(n - 1) }
        }
        #expect(store.count <= 100)
        #expect(store[9_999] == 9_999 && store[9_998] == nil && store[9_997] == 9_997)
        #expect(store[9_000] == nil)
    }

    @Test("the ordered store's places stay within twice what it holds, however many are removed")
    func orderedStorePlacesFollowWhatIsHeld() {
        var store = OrderedStore<Int, Int>()
        // Most entries are removed soon after they are written (a ticket used minutes after
        // it was issued), so few are held and the capacity is never reached.
        for n in 0..<100_000 {
            _ = store.insert(n, n, capacity: 16_384)
            if n >= 10 { store.remove(n - 10) }
            #expect(store.places <= 2 * store.count + 65)
        }
        #expect(store.count == 10)
        #expect(store.places <= 85)
    }

    @Test("a key written again is the newest: its first place does not forget it")
    func orderedStoreRewrittenKeyIsNewest() {
        var store = OrderedStore<String, Int>()
        _ = store.insert("a", 1, capacity: 2)
        store.remove("a")
        _ = store.insert("b", 2, capacity: 2)
        _ = store.insert("a", 3, capacity: 2)
        // Over the capacity: "b" is the oldest held, though "a" was first written before it.
        #expect(store.insert("c", 4, capacity: 2) == 2)
        #expect(store["a"] == 3 && store["b"] == nil && store["c"] == 4)
        // Replacing moves a key to the back too.
        _ = store.insert("a", 5, capacity: 2)
        #expect(store.insert("d", 6, capacity: 2) == 4)
        #expect(store["a"] == 5 && store["d"] == 6)
    }
}
