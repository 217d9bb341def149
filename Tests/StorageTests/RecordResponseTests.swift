import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("AppDatabase.recordResponse and attachDetails")
struct RecordResponseTests {
    @Test("a fresh ticket is recorded once; the ticket is then used")
    func recordFresh() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue(officer: "cb-lan")

        let outcome = try await seeded.record(token: ticket.token, levels: ["overall": 3])

        guard case .recorded = outcome else {
            Issue.record("expected .recorded, got \(outcome)")
            return
        }
        let footprint = try await seeded.store.footprint()
        #expect(footprint.responses == 1)
        #expect(footprint.answerCountSum == 1)
        #expect(footprint.responseCountSum == 1)
        #expect(footprint.answered == 1)
        let target = try #require(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0))
        #expect(target.state == .used)
    }

    @Test("a second rating of the same ticket with another key is refused and writes nothing")
    func ticketUsed() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token, key: "key-1", levels: ["overall": 3])
        let before = try await seeded.store.footprint()

        await #expect(throws: RatingError.ticketUsed) {
            try await seeded.record(token: ticket.token, key: "key-2", levels: ["overall": 1])
        }

        let after = try await seeded.store.footprint()
        #expect(after == before)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM answers WHERE level = 1") == 0)
    }

    @Test("a repeated post with the same key returns the first response and writes no second row")
    func repeatedKey() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        let first = try await seeded.record(token: ticket.token, key: "same-key", levels: ["overall": 2, "access-1": 4])
        let before = try await seeded.store.footprint()
        #expect(before.responses == 1)
        #expect(before.answerCountSum == 2)

        let second = try await seeded.record(token: ticket.token, key: "same-key", levels: ["overall": 2, "access-1": 4])

        #expect(second == .repeated(responseId: first.responseId))
        let after = try await seeded.store.footprint()
        #expect(after.responses == 1)
        #expect(after.answerCountSum == 2)
        #expect(after == before)
    }

    @Test("an expired ticket is refused and nothing is written")
    func expired() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue(lifetime: 1, now: Fixtures.t0)

        await #expect(throws: RatingError.ticketExpired) {
            try await seeded.record(token: ticket.token, now: Fixtures.t0.addingTimeInterval(2))
        }

        let footprint = try await seeded.store.footprint()
        #expect(footprint.responses == 0)
        #expect(footprint.answerCountSum == 0)
        #expect(footprint.responseCountSum == 0)
        #expect(footprint.answered == 0)
        #expect(try await seeded.store.count("answers") == 0)
        let target = try #require(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0.addingTimeInterval(2)))
        #expect(target.state == .expired)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM tickets WHERE usedAt IS NOT NULL") == 0)
    }

    @Test("a ticket is still open just before it expires")
    func notYetExpired() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue(lifetime: 10, now: Fixtures.t0)
        let outcome = try await seeded.record(token: ticket.token, now: Fixtures.t0.addingTimeInterval(9))
        #expect(outcome == .recorded(responseId: outcome.responseId))
    }

    @Test("an unknown token is refused")
    func unknownToken() async throws {
        let seeded = try await Seeded()
        await #expect(throws: RatingError.unknownToken) { try await seeded.record(token: "ZZZZZZZZZZZZ") }
        #expect(try await seeded.store.count("responses") == 0)
    }

    @Test("a counter poster takes many ratings")
    func poster() async throws {
        let seeded = try await Seeded()
        let counter = try await #require(try seeded.db.counters(unitId: seeded.unitId).first { $0.code == "q2" })

        let a = try await seeded.record(token: counter.posterToken, levels: ["overall": 3])
        let b = try await seeded.record(token: counter.posterToken, levels: ["overall": 1])

        #expect(a == .recorded(responseId: a.responseId))
        #expect(b == .recorded(responseId: b.responseId))
        #expect(a.responseId != b.responseId)
        #expect(try await seeded.store.count("responses") == 2)
        // No ticket, so no ticket counted as answered.
        #expect(try await seeded.store.footprint().answered == 0)
    }

    // MARK: - Details

    /// The answers stored for a response, by question id.
    private func levels(_ seeded: Seeded, _ responseId: Int64) async throws -> [String: Int] {
        try await seeded.db.pool.read { db in
            var levels: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT questionId, level FROM answers WHERE responseId = ?", arguments: [responseId]) {
                levels[row["questionId"]] = row["level"]
            }
            return levels
        }
    }

    @Test("details are added once, never change the overall answer, and a second post returns false")
    func attachDetailsOnce() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        let outcome = try await seeded.record(token: ticket.token, key: "k", levels: ["overall": 3], now: Fixtures.t0, detailsWindow: 600)
        let responseId = outcome.responseId
        let before = try #require(try await seeded.db.recordedResponse(token: ticket.token, key: "k"))
        #expect(before.detailsAt == nil)
        #expect(try await levels(seeded, responseId) == ["overall": 3])

        let added = try await seeded.db.attachDetails(
            token: ticket.token, submissionKey: "k", questions: seeded.questions,
            levels: ["overall": 1, "access-1": 4, "visits": 1], texts: ["comment": "Nhanh gọn"], now: Fixtures.t0.addingTimeInterval(60))

        #expect(added)
        let after = try #require(try await seeded.db.recordedResponse(token: ticket.token, key: "k"))
        #expect(try await levels(seeded, responseId) == ["overall": 3, "access-1": 4, "visits": 1])
        #expect(after.detailsAt != nil)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM responseTexts WHERE responseId = ?", [responseId]) == 1)
        // Overall roll-up: one answer at level 3, none at level 1.
        #expect(try await seeded.store.int("SELECT COALESCE(SUM(n), 0) FROM answerCounts WHERE questionId = 'overall'") == 1)
        #expect(try await seeded.store.int("SELECT COALESCE(SUM(n), 0) FROM answerCounts WHERE questionId = 'overall' AND level = 1") == 0)
        #expect(try await seeded.store.int("SELECT COALESCE(SUM(n), 0) FROM answerCounts") == 3)
        let footprint = try await seeded.store.footprint()

        let again = try await seeded.db.attachDetails(
            token: ticket.token, submissionKey: "k", questions: seeded.questions, levels: ["access-2": 5], texts: ["comment": "Khác"],
            now: Fixtures.t0.addingTimeInterval(120))

        #expect(!again)
        #expect(try await seeded.store.footprint() == footprint)
        #expect(try await seeded.store.count("answers") == 3)
        let text = try await seeded.db.pool.read { db in try String.fetchOne(db, sql: "SELECT text FROM responseTexts") }
        #expect(text == "Nhanh gọn")
    }

    @Test("details after the window are refused with detailsClosed and nothing is written")
    func detailsClosed() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token, key: "late", levels: ["overall": 2], now: Fixtures.t0, detailsWindow: 600)
        let before = try await seeded.store.footprint()

        await #expect(throws: RatingError.detailsClosed) {
            try await seeded.db.attachDetails(
                token: ticket.token, submissionKey: "late", questions: seeded.questions, levels: ["access-1": 5], texts: [:],
                now: Fixtures.t0.addingTimeInterval(601))
        }

        #expect(try await seeded.store.footprint() == before)
        #expect(try await seeded.store.count("answers") == 1)
        #expect(try await seeded.db.recordedResponse(token: ticket.token, key: "late")?.detailsAt == nil)
    }

    @Test("details exactly at the end of the window are accepted")
    func detailsAtWindowEnd() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token, key: "edge", levels: ["overall": 2], now: Fixtures.t0, detailsWindow: 600)
        let added = try await seeded.db.attachDetails(
            token: ticket.token, submissionKey: "edge", questions: seeded.questions, levels: ["access-1": 5], texts: [:],
            now: Fixtures.t0.addingTimeInterval(600))
        #expect(added)
    }

    @Test("a first post that already carried details takes no more")
    func detailsWithFirstPost() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token, key: "full", levels: ["overall": 3, "officer-1": 5])

        let added = try await seeded.db.attachDetails(
            token: ticket.token, submissionKey: "full", questions: seeded.questions, levels: ["officer-2": 5], texts: [:],
            now: Fixtures.t0.addingTimeInterval(10))

        #expect(!added)
        #expect(try await seeded.store.count("answers") == 2)
    }

    @Test("a submission key is no pass to another token's response")
    func keyBoundToToken() async throws {
        let seeded = try await Seeded()
        let mine = try await seeded.issue()
        let other = try await seeded.issue()
        _ = try await seeded.record(token: mine.token, key: "mine")

        await #expect(throws: RatingError.unknownResponse) {
            try await seeded.db.attachDetails(
                token: other.token, submissionKey: "mine", questions: seeded.questions, levels: ["access-1": 1], texts: [:],
                now: Fixtures.t0)
        }
        await #expect(throws: RatingError.unknownResponse) {
            try await seeded.db.attachDetails(
                token: mine.token, submissionKey: "nope", questions: seeded.questions, levels: ["access-1": 1], texts: [:],
                now: Fixtures.t0)
        }
        #expect(try await seeded.store.count("answers") == 1)
    }
}
