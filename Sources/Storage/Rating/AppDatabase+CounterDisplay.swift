import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Puts an officer at a counter from now on, ending their previous assignment and the
    /// counter's previous officer's: one officer per counter, one counter per officer.
    public func assignOfficer(officerId: Int64, counterId: Int64, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            let current = try Int64.fetchOne(
                db, sql: "SELECT counterId FROM officerAssignments WHERE officerId = ? AND endedAt IS NULL", arguments: [officerId])
            if current == counterId { return }
            try db.execute(
                sql: "UPDATE officerAssignments SET endedAt = ? WHERE endedAt IS NULL AND (officerId = ? OR counterId = ?)",
                arguments: [now, officerId, counterId])
            try db.execute(
                sql: "INSERT INTO officerAssignments (officerId, counterId, startedAt) VALUES (?, ?, ?)", arguments: [officerId, counterId, now])
            let names = try Row.fetchOne(
                db,
                sql: "SELECT o.code AS officer, c.code AS counter, u.code AS unit FROM officers o, counters c JOIN units u ON u.id = c.unitId WHERE o.id = ? AND c.id = ?",
                arguments: [officerId, counterId])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "officer.assign",
                target: "officer:\(names?["unit"] ?? "?")/\(names?["officer"] ?? "?")", before: current.map { "counter #\($0)" },
                after: "counter:\(names?["counter"] ?? "?")", now: now)
        }
    }

    /// The officer serving a counter now, if any.
    static func servingOfficer(_ db: Database, counterId: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT officerId FROM officerAssignments WHERE counterId = ? AND endedAt IS NULL"), arguments: [counterId])
    }

    /// The counter an officer serves now, if any.
    public func assignedCounter(officerId: Int64) async throws -> Counter? {
        try await pool.read { db in
            try Counter.fetchOne(
                db,
                sql: "SELECT c.* FROM counters c JOIN officerAssignments a ON a.counterId = c.id WHERE a.officerId = ? AND a.endedAt IS NULL",
                arguments: [officerId])
        }
    }

    /// The ticket a counter display shows: its newest displayed ticket while that is unused
    /// and unexpired; otherwise (rated, expired, or `next` asked) a fresh one. Asking for the
    /// next citizen retires the unused current ticket, so an old QR on the screen or in a
    /// photo rates nothing. One transaction: two displays of one counter cannot both issue.
    public func displayTicket(counterId: Int64, user: StaffUser, next: Bool, lifetime: TimeInterval, now: Date) async throws -> Ticket {
        let recent = recentRecords
        let (ticket, changed) = try await batcher.write { db -> (Ticket, Bool) in
            let current = try Ticket.fetchOne(
                db, sql: "SELECT * FROM tickets WHERE counterId = ? AND displayedBy IS NOT NULL ORDER BY id DESC LIMIT 1", arguments: [counterId])
            if let current, current.usedAt == nil, current.expiresAt > now {
                guard next else { return (current, false) }
                // Stored dates keep milliseconds, rounded: a millisecond before `now` is
                // certain to read back as expired at `now`.
                try db.execute(
                    sql: "UPDATE tickets SET expiresAt = ? WHERE id = ? AND usedAt IS NULL", arguments: [now.addingTimeInterval(-0.001), current.id])
            }
            guard let counter = try Counter.fetchOne(db, key: counterId) else { throw TicketError.unknownCounter("#\(counterId)") }
            let issued = try Self.issueTicket(
                db, TicketRequest(unitId: counter.unitId, counter: counter.code, lifetime: lifetime, now: now), displayedBy: user.id)
            recent.stage(ticket: issued)
            return (issued, true)
        }
        if changed { counterSignals.changed(counterId: counterId) }
        return ticket
    }

    /// A ticket's state for the display's poll: nil if the token is not a ticket of `unitId`.
    public func ticketState(token: String, unitId: Int64?, now: Date) async throws -> RatingTarget.State? {
        try await pool.read { db in
            guard let ticket = try Ticket.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE token = ?"), arguments: [token]),
                unitId == nil || ticket.unitId == unitId
            else { return nil }
            return ticket.usedAt != nil ? .used : (ticket.expiresAt <= now ? .expired : .open)
        }
    }
}
