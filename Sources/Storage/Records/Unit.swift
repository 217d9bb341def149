import Foundation
import GRDB

/// A ward or commune (đơn vị) with its own counters, officers and staff.
public struct Unit: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "units"
    public var id: Int64?
    public var code: String
    public var name: String
    public var nameEn: String
    /// The public service centre's name, shown to citizens ("Trung tâm Phục vụ hành chính công ...").
    public var centreName: String
    public var formId: String
    public var createdAt: Date

    public init(id: Int64? = nil, code: String, name: String, nameEn: String = "", centreName: String = "", formId: String = "sipas-counter", createdAt: Date) {
        self.id = id
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.centreName = centreName
        self.formId = formId
        self.createdAt = createdAt
    }

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, code, name, nameEn, centreName, formId, createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
