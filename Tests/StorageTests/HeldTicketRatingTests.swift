import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// A ticket this process issued is rated from its slot in memory: the writer only claims it
/// (an update that succeeds only on an open ticket). Whatever happened to the ticket since,
/// the outcome must be the one the database's own state gives.
@Suite("Rating a ticket held in memory")
struct HeldTicketRatingTests {
    /// A ticket issued here, with the structure held: its rating takes the held slot.
    private func heldTicket(_ seeded: Seeded, officer: String? = nil, procedure: String? = nil) async throws -> Ticket {
        let ticket = try await seeded.issue(officer: officer, procedure: procedure)
        _ = try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)
        #expect(seeded.db.ratingStructure.isHeld)
        #expect(seeded.db.recentRecords.ticket(ticket.token) != nil)
        return ticket
    }

    /// Writes as another process would: nothing in this process hears of it.
    private func writeOutside(_ seeded: Seeded, _ sql: String, _ arguments: StatementArguments) throws {
        let queue = try DatabaseQueue(path: seeded.store.path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    @Test("a held ticket and one read from the database record the same rows")
    func heldAndReadAgree() async throws {
        let seeded = try await Seeded()
        let held = try await heldTicket(seeded, officer: "cb-lan", procedure: "1.004227")
        let copy = "DBaaaaaaaaaaaaaaaaaaaa"
        try writeOutside(
            seeded,
            """
            INSERT INTO tickets (token, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt)
            SELECT ?, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt FROM tickets WHERE token = ?
            """, [copy, held.token])
        #expect(seeded.db.recentRecords.ticket(copy) == nil)

        _ = try await seeded.record(token: held.token, key: "key-held", levels: ["overall": 2, "access-1": 4])
        _ = try await seeded.record(token: copy, key: "key-read", levels: ["overall": 2, "access-1": 4])

        let rows = try await seeded.db.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.unitId, r.counterId, r.officerId, r.procedureId, r.sectorId, r.channel, r.formId, r.formVersion, r.day,
                      r.createdAt, r.detailsUntil, r.detailsAt, t.usedAt,
                      (SELECT group_concat(questionId || '=' || level) FROM answers a WHERE a.responseId = r.id)
                    FROM responses r JOIN tickets t ON t.id = r.ticketId ORDER BY r.submissionKey
                    """)
        }
        #expect(rows.count == 2)
        #expect(rows.first == rows.last)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM responses WHERE sectorId IS NOT NULL") == 2, "the procedure's sector")
        #expect(try await seeded.store.int("SELECT answered FROM ticketCounts") == 2)
        // Every roll-up row holds both ratings: the two counted the same dimensions.
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM figureRollups WHERE l0 + l1 + l2 + l3 + l4 + l5 != 2") == 0)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM answerCounts WHERE n != 2") == 0)
    }

    @Test("a held ticket another process used is refused as used, and nothing is written")
    func usedOutside() async throws {
        let seeded = try await Seeded()
        let ticket = try await heldTicket(seeded)
        try writeOutside(seeded, "UPDATE tickets SET usedAt = ? WHERE id = ?", [Fixtures.t0, ticket.id])
        #expect(seeded.db.recentRecords.ticket(ticket.token) != nil)

        await #expect(throws: RatingError.ticketUsed) {
            try await seeded.record(token: ticket.token, levels: ["overall": 3])
        }

        #expect(try await seeded.store.footprint() == Footprint(responses: 0, answerCountSum: 0, responseCountSum: 0, answered: 0))
    }

    @Test("a held ticket another process expired is refused as expired, and nothing is written")
    func expiredOutside() async throws {
        let seeded = try await Seeded()
        let ticket = try await heldTicket(seeded)
        try writeOutside(seeded, "UPDATE tickets SET expiresAt = ? WHERE id = ?", [Fixtures.t0, ticket.id])

        await #expect(throws: RatingError.ticketExpired) {
            try await seeded.record(token: ticket.token, levels: ["overall": 3])
        }

        #expect(try await seeded.store.footprint().responses == 0)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM tickets WHERE usedAt IS NOT NULL") == 0)
    }

    @Test("a double tap on a held ticket returns the first response and writes nothing more")
    func doubleTap() async throws {
        let seeded = try await Seeded()
        let ticket = try await heldTicket(seeded)
        let first = try await seeded.record(token: ticket.token, key: "same-key", levels: ["overall": 1])
        let before = try await seeded.store.footprint()

        let second = try await seeded.record(token: ticket.token, key: "same-key", levels: ["overall": 1])

        #expect(second == .repeated(responseId: first.responseId))
        #expect(try await seeded.store.footprint() == before)
    }

    @Test("another response's key is refused on a fresh ticket, held or not, and the ticket stays open")
    func anotherResponsesKey() async throws {
        let seeded = try await Seeded()
        _ = try await seeded.record(token: try await seeded.issue().token, key: "taken-key")
        let held = try await heldTicket(seeded)
        let copy = "DBbbbbbbbbbbbbbbbbbbbb"
        try writeOutside(
            seeded,
            """
            INSERT INTO tickets (token, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt)
            SELECT ?, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt FROM tickets WHERE token = ?
            """, [copy, held.token])
        let before = try await seeded.store.footprint()

        for token in [held.token, copy] {
            await #expect(throws: RatingError.keyInUse) {
                try await seeded.record(token: token, key: "taken-key")
            }
            #expect(try await seeded.db.ratingTarget(token: token, now: Fixtures.t0)?.state == .open)
        }

        #expect(try await seeded.store.footprint() == before)
        // Still open: a citizen's own key records.
        guard case .recorded = try await seeded.record(token: held.token, key: "own-key") else {
            Issue.record("the held ticket was not recorded")
            return
        }
    }
}
