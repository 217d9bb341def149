import Foundation
import GRDB

public struct Officer: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "officers"
    public var id: Int64?
    public var unitId: Int64
    public var code: String
    public var name: String
    public var active: Bool

    public init(id: Int64? = nil, unitId: Int64, code: String, name: String, active: Bool = true) {
        self.id = id
        self.unitId = unitId
        self.code = code
        self.name = name
        self.active = active
    }

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, unitId, code, name, active
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
