import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("AppDatabase.issueTicket")
struct TicketTests {
    @Test("a ticket names the counter, officer, procedure and sector it was issued for")
    func issue() async throws {
        let seeded = try await Seeded()

        let ticket = try await seeded.issue(
            counter: "q1", officer: "cb-lan", procedure: "1.004227", sector: "dat-dai", lifetime: 1800, now: Fixtures.t0)

        #expect(TokenGenerator.isWellFormed(ticket.token))
        #expect(ticket.token.count == 12)
        #expect(ticket.unitId == seeded.unitId)
        #expect(ticket.officerId != nil)
        #expect(ticket.procedureId != nil)
        #expect(ticket.sectorId != nil)
        #expect(ticket.issuedDay == "2026-11-23")
        #expect(ticket.expiresAt == Fixtures.t0.addingTimeInterval(1800))
        #expect(ticket.usedAt == nil)

        let target = try #require(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0))
        #expect(target.kind == .ticket)
        #expect(target.state == .open)
        #expect(target.counter.code == "q1")
        #expect(target.sector?.code == "dat-dai")
        #expect(target.procedure?.code == "1.004227")
        #expect(try await seeded.store.int("SELECT SUM(issued) FROM ticketCounts") == 1)
    }

    @Test("without an explicit sector, the ticket's target takes the procedure's sector")
    func sectorFromProcedure() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue(procedure: "1.009994")  // a xay-dung procedure
        #expect(ticket.sectorId == nil)
        let target = try #require(try await seeded.db.ratingTarget(token: ticket.token, now: Fixtures.t0))
        #expect(target.sector?.code == "xay-dung")
    }

    @Test("unknown codes are refused with the matching error and nothing is written")
    func unknownCodes() async throws {
        let seeded = try await Seeded()

        await #expect(throws: TicketError.unknownCounter("q9")) { try await seeded.issue(counter: "q9") }
        await #expect(throws: TicketError.unknownOfficer("cb-khong-co")) { try await seeded.issue(officer: "cb-khong-co") }
        await #expect(throws: TicketError.unknownProcedure("9.999999")) { try await seeded.issue(procedure: "9.999999") }
        await #expect(throws: TicketError.unknownSector("khong-co")) { try await seeded.issue(sector: "khong-co") }
        // An officer of another ward is unknown here.
        await #expect(throws: TicketError.unknownOfficer("cb-tuan")) { try await seeded.issue(officer: "cb-tuan") }
        // Counter q3 exists in Tam Phước only.
        await #expect(throws: TicketError.unknownCounter("q3")) { try await seeded.issue(counter: "q3", unit: seeded.otherUnitId) }

        #expect(try await seeded.store.count("tickets") == 0)
        #expect(try await seeded.store.count("ticketCounts") == 0)
    }

    @Test("an inactive counter issues no ticket")
    func inactiveCounter() async throws {
        let seeded = try await Seeded()
        let unitId = seeded.unitId
        try await seeded.db.pool.write { db in
            try db.execute(sql: "UPDATE counters SET active = 0 WHERE unitId = ? AND code = 'q2'", arguments: [unitId])
        }
        await #expect(throws: TicketError.inactiveCounter("q2")) { try await seeded.issue(counter: "q2") }
        #expect(try await seeded.store.count("tickets") == 0)
    }
}
