import Foundation
import GRDB

/// An administrative procedure (thủ tục hành chính), by its code in the national database.
public struct Procedure: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "procedures"
    public var id: Int64?
    public var code: String
    public var name: String
    public var nameEn: String
    public var sectorId: Int64?

    public init(id: Int64? = nil, code: String, name: String, nameEn: String = "", sectorId: Int64?) {
        self.id = id
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.sectorId = sectorId
    }

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, code, name, nameEn, sectorId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
