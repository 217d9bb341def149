import Domain
import Foundation
import GRDB

/// A request for a single-use ticket, by the codes the one-stop software knows.
public struct TicketRequest: Sendable {
    public var unitId: Int64
    public var counter: String
    public var officer: String?
    public var procedure: String?
    public var sector: String?
    public var dossier: String?
    public var apiKeyId: Int64?
    public var lifetime: TimeInterval
    public var now: Date

    public init(
        unitId: Int64, counter: String, officer: String? = nil, procedure: String? = nil, sector: String? = nil, dossier: String? = nil,
        apiKeyId: Int64? = nil, lifetime: TimeInterval, now: Date
    ) {
        self.unitId = unitId
        self.counter = counter
        self.officer = officer
        self.procedure = procedure
        self.sector = sector
        self.dossier = dossier
        self.apiKeyId = apiKeyId
        self.lifetime = lifetime
        self.now = now
    }
}

/// A code in a ticket request that names nothing in the unit.
public enum TicketError: Error, Equatable, Sendable {
    case unknownCounter(String)
    case inactiveCounter(String)
    case unknownOfficer(String)
    case unknownProcedure(String)
    case unknownSector(String)
}

extension AppDatabase {
    /// Issues a single-use ticket at a counter of the request's unit.
    public func issueTicket(_ request: TicketRequest) async throws -> Ticket {
        let recent = recentRecords
        let ticket = try await batcher.write { db in
            let ticket = try Self.issueTicket(db, request)
            recent.stage(ticket: ticket)
            return ticket
        }
        counterSignals.changed(counterId: ticket.counterId)
        return ticket
    }

    /// Issues inside a caller's transaction; `displayedBy` marks a counter display's ticket.
    static func issueTicket(_ db: Database, _ request: TicketRequest, displayedBy: Int64? = nil) throws -> Ticket {
        guard let counter = try Counter.filter(Counter.Columns.unitId == request.unitId && Counter.Columns.code == request.counter).fetchOne(db),
            let counterId = counter.id
        else { throw TicketError.unknownCounter(request.counter) }
        guard counter.active else { throw TicketError.inactiveCounter(request.counter) }
        // Named by the one-stop software, or else whoever serves the counter now.
        var officerId = try Self.servingOfficer(db, counterId: counterId)
        if let code = request.officer {
            guard let officer = try Officer.filter(Officer.Columns.unitId == request.unitId && Officer.Columns.code == code).fetchOne(db) else {
                throw TicketError.unknownOfficer(code)
            }
            officerId = officer.id
        }
        var procedureId: Int64?
        if let code = request.procedure {
            guard let procedure = try Procedure.filter(Procedure.Columns.code == code).fetchOne(db) else { throw TicketError.unknownProcedure(code) }
            procedureId = procedure.id
        }
        var sectorId: Int64?
        if let code = request.sector {
            guard let sector = try Sector.filter(Sector.Columns.code == code).fetchOne(db) else { throw TicketError.unknownSector(code) }
            sectorId = sector.id
        }
        let day = LocalDate(request.now).description
        var ticket = Ticket(
            id: nil, token: TokenGenerator.token(), unitId: request.unitId, counterId: counterId, officerId: officerId,
            procedureId: procedureId, sectorId: sectorId, dossier: request.dossier, issuedAt: request.now, issuedDay: day,
            expiresAt: request.now.addingTimeInterval(request.lifetime), usedAt: nil, apiKeyId: request.apiKeyId, displayedBy: displayedBy)
        try ticket.insert(db)
        try db.cachedStatement(
            sql: """
                INSERT INTO ticketCounts (unitId, day, counterId, officerId, issued, answered) VALUES (?, ?, ?, ?, 1, 0)
                ON CONFLICT (unitId, day, counterId, officerId) DO UPDATE SET issued = issued + 1
                """
        ).execute(arguments: [request.unitId, day, counterId, officerId ?? 0])
        return ticket
    }
}
