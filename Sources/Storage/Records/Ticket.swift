import Foundation
import GRDB

/// A single-use rating ticket for one transaction at a counter.
public struct Ticket: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "tickets"
    public var id: Int64?
    public var token: String
    public var unitId: Int64
    public var counterId: Int64
    public var officerId: Int64?
    public var procedureId: Int64?
    public var sectorId: Int64?
    public var dossier: String?
    public var issuedAt: Date
    public var issuedDay: String
    public var expiresAt: Date
    public var usedAt: Date?
    public var apiKeyId: Int64?
    /// The staff account whose counter display showed this ticket; nil for API tickets.
    public var displayedBy: Int64?

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, token, unitId, counterId, officerId, procedureId, sectorId, dossier, issuedAt, issuedDay, expiresAt, usedAt, apiKeyId, displayedBy
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
