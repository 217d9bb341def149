import Foundation
import GRDB

/// A one-stop desk counter (quầy) of a unit, with its permanent poster token.
public struct Counter: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "counters"
    public var id: Int64?
    public var unitId: Int64
    public var code: String
    public var name: String
    public var nameEn: String
    public var posterToken: String
    public var active: Bool

    public init(id: Int64? = nil, unitId: Int64, code: String, name: String, nameEn: String = "", posterToken: String, active: Bool = true) {
        self.id = id
        self.unitId = unitId
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.posterToken = posterToken
        self.active = active
    }

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, unitId, code, name, nameEn, posterToken, active
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
