import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// The rating pages' units, counters, procedures and sectors are held in memory
/// (`RatingStructure`); any committed change to them must be seen at once, whoever wrote it.
@Suite("Rating pages' structure in memory")
struct RatingStructureTests {
    let admin = StaffUser(
        id: nil, username: "admin", passwordHash: "-", role: .admin, unitId: nil, officerId: nil, active: true, createdAt: Fixtures.t0)

    /// Tickets of each kind a rating page shows: with an officer and a procedure, with a
    /// sector only, and one that expires after a minute.
    private func variedTickets(_ seeded: Seeded) async throws -> [Ticket] {
        [
            try await seeded.issue(counter: "q1", officer: "cb-lan", procedure: "1.004227"),
            try await seeded.issue(counter: "q2", sector: "xay-dung"),
            try await seeded.issue(counter: "q3", lifetime: 60),
        ]
    }

    /// The page's target is found, and is the one the joined query reads.
    private func expectJoinedQueryAgrees(_ seeded: Seeded, token: String, now: Date) async throws {
        let target = try await seeded.db.ratingTarget(token: token, now: now)
        let joined = try await seeded.db.pool.read { db in try AppDatabase.ratingTarget(db, token: token, now: now) }
        #expect(target != nil, "\(token) at \(now)")
        #expect(target == joined, "\(token) at \(now)")
    }

    @Test("a poster looked up is served from memory; disabling its counter is seen at once")
    func disablingACounterIsSeen() async throws {
        let seeded = try await Seeded()
        let counter = try #require(try await seeded.db.counters(unitId: seeded.unitId).first { $0.code == "q1" })
        let token = counter.posterToken
        #expect(try await seeded.db.ratingTarget(token: token, now: Fixtures.t0)?.state == .open)
        #expect(seeded.db.ratingStructure.isHeld)

        try await seeded.db.setCounterActive(id: try #require(counter.id), active: false, actor: admin, now: Fixtures.t0)
        #expect(!seeded.db.ratingStructure.isHeld)
        #expect(try await seeded.db.ratingTarget(token: token, now: Fixtures.t0)?.state == .expired)
    }

    @Test("a unit or procedure changed by any write is seen; the rating path's writes keep the snapshot")
    func anyWriteToTheStructureIsSeen() async throws {
        let seeded = try await Seeded()
        let counter = try #require(try await seeded.db.counters(unitId: seeded.unitId).first)
        let ticket = try await seeded.issue(procedure: "1.004227")
        #expect(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)?.procedure?.code == "1.004227")
        // A rating and a ticket leave the snapshot in memory.
        _ = try await seeded.record(token: try await seeded.issue().token)
        #expect(seeded.db.ratingStructure.isHeld)

        try await seeded.db.pool.write { db in
            try db.execute(sql: "UPDATE units SET name = 'Phường <Mới>' WHERE id = ?", arguments: [seeded.unitId])
            try db.execute(sql: "UPDATE procedures SET name = 'Thủ tục mới' WHERE code = '1.004227'")
        }
        #expect(try await seeded.db.ratingTarget(token: counter.posterToken, now: Fixtures.t0)?.unit.name == "Phường <Mới>")
        let target = try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0)
        #expect(target?.procedure?.name == "Thủ tục mới")
        #expect(target?.unit.name == "Phường <Mới>")
    }

    @Test("a ticket's target from memory is the one the joined query reads: state, sector, officer, expiry")
    func ticketTargetsAgreeWithTheJoinedQuery() async throws {
        let seeded = try await Seeded()
        let tickets = try await variedTickets(seeded)
        _ = try await seeded.record(token: tickets[1].token)
        for now in [Fixtures.t0, Fixtures.t0.addingTimeInterval(120)] {
            for ticket in tickets { try await expectJoinedQueryAgrees(seeded, token: ticket.token, now: now) }
        }
        #expect(try await seeded.db.ratingTarget(token: tickets[1].token, now: Fixtures.t0)?.state == .used)
        #expect(try await seeded.db.ratingTarget(token: tickets[2].token, now: Fixtures.t0.addingTimeInterval(120))?.state == .expired)
        #expect(try await seeded.db.ratingTarget(token: "ZZZZZZZZZZZZZZZZZZZZZZ", now: Fixtures.t0) == nil)
    }

    @Test("a ticket this process did not issue is read in one statement while the snapshot is held, as the joined query reads it")
    func ticketsFromTheDatabaseAgreeWithTheJoinedQuery() async throws {
        let seeded = try await Seeded()
        let issued = try await variedTickets(seeded) + [try await seeded.issue(counter: "q1")]
        // Copies under new tokens, written as another process would: nothing is staged for them.
        let copies = ["DBaaaaaaaaaaaaaaaaaaaa", "DBbbbbbbbbbbbbbbbbbbbb", "DBcccccccccccccccccccc", "DBdddddddddddddddddddd"]
        try await seeded.db.pool.write { db in
            for (ticket, copy) in zip(issued, copies) {
                try db.execute(
                    sql: """
                        INSERT INTO tickets (token, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt)
                        SELECT ?, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt FROM tickets WHERE token = ?
                        """, arguments: [copy, ticket.token])
            }
            try db.execute(sql: "UPDATE tickets SET usedAt = ? WHERE token = ?", arguments: [Fixtures.t0, copies[3]])
        }
        _ = try await seeded.db.ratingTarget(token: issued[0].token, now: Fixtures.t0)
        #expect(seeded.db.ratingStructure.isHeld)
        for copy in copies { #expect(seeded.db.recentRecords.ticket(copy) == nil) }
        for now in [Fixtures.t0, Fixtures.t0.addingTimeInterval(60), Fixtures.t0.addingTimeInterval(120)] {
            for copy in copies { try await expectJoinedQueryAgrees(seeded, token: copy, now: now) }
        }
        #expect(try await seeded.db.ratingTarget(token: copies[0], now: Fixtures.t0)?.officerId != nil)
        #expect(try await seeded.db.ratingTarget(token: copies[1], now: Fixtures.t0)?.sector?.code == "xay-dung")
        #expect(try await seeded.db.ratingTarget(token: copies[2], now: Fixtures.t0.addingTimeInterval(60))?.state == .expired)
        #expect(try await seeded.db.ratingTarget(token: copies[3], now: Fixtures.t0)?.state == .used)
        #expect(try await seeded.db.ratingTarget(token: "DBzzzzzzzzzzzzzzzzzzzz", now: Fixtures.t0) == nil)
    }

    @Test("a counter created after the snapshot was taken is found by its poster")
    func aNewCounterIsFound() async throws {
        let seeded = try await Seeded()
        let existing = try #require(try await seeded.db.counters(unitId: seeded.unitId).first)
        _ = try await seeded.db.ratingTarget(token: existing.posterToken, now: Fixtures.t0)
        let created = try await seeded.db.createCounter(unitId: seeded.unitId, code: "q9", name: "Quầy 9", nameEn: "Desk 9", actor: admin, now: Fixtures.t0)
        #expect(try await seeded.db.ratingTarget(token: created.posterToken, now: Fixtures.t0)?.counter.code == "q9")
    }
}
