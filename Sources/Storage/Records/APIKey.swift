import Foundation
import GRDB

/// An API key; only the SHA-256 of the key is kept.
public struct APIKey: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "apiKeys"
    public var id: Int64?
    public var name: String
    public var unitId: Int64
    public var keyHash: String
    /// The key's first characters, so an administrator can tell keys apart.
    public var prefix: String
    public var createdAt: Date
    public var revokedAt: Date?

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, name, unitId, keyHash, prefix, createdAt, revokedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
