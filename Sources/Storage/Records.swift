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

    public init(id: Int64? = nil, code: String, name: String, nameEn: String = "", centreName: String = "", formId: String = "sipas-counter", createdAt: Date = Date()) {
        self.id = id
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.centreName = centreName
        self.formId = formId
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

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

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An API key; only the SHA-256 of the key is kept.
public struct ApiKey: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "apiKeys"
    public var id: Int64?
    public var name: String
    public var unitId: Int64
    public var keyHash: String
    /// The key's first characters, so an administrator can tell keys apart.
    public var prefix: String
    public var createdAt: Date
    public var revokedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
