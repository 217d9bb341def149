import Foundation
import GRDB

/// A field of procedures (lĩnh vực): land, construction, civil status... shared by all units
/// so the city compares like with like (targets I2 and I6 name sectors by code).
public struct Sector: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sectors"
    public var id: Int64?
    public var code: String
    public var name: String
    public var nameEn: String

    public init(id: Int64? = nil, code: String, name: String, nameEn: String = "") {
        self.id = id
        self.code = code
        self.name = name
        self.nameEn = nameEn
    }

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, code, name, nameEn
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
