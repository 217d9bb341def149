import Domain
import Foundation
import GRDB

extension AppDatabase {
    public func unit(code: String) async throws -> Unit? {
        try await pool.read { db in try Unit.filter(Unit.Columns.code == code).fetchOne(db) }
    }

    public func unit(id: Int64) async throws -> Unit? {
        try await pool.read { db in try Unit.fetchOne(db, key: id) }
    }

    public func units() async throws -> [Unit] {
        try await pool.read { db in try Unit.order(Unit.Columns.code).fetchAll(db) }
    }

    public func counters(unitId: Int64) async throws -> [Counter] {
        try await pool.read { db in try Counter.filter(Counter.Columns.unitId == unitId).order(Counter.Columns.code).fetchAll(db) }
    }

    /// Every unit's counters, by unit and code: for accounts that see every ward.
    public func counters() async throws -> [Counter] {
        try await pool.read { db in try Counter.order(Counter.Columns.unitId, Counter.Columns.code).fetchAll(db) }
    }

    public func officer(id: Int64) async throws -> Officer? {
        try await pool.read { db in try Officer.fetchOne(db, key: id) }
    }

    public func isEmpty() async throws -> Bool {
        try await pool.read { db in try Unit.fetchCount(db) == 0 }
    }
}

/// Administrative changes to the structure of units, each in one transaction with its audit entry.
extension AppDatabase {
    static func validCode(_ raw: String, maxLength: Int = 32, allowDots: Bool = false) throws -> String {
        let code = TextNormalizer.normalize(raw).lowercased()
        guard (1...maxLength).contains(code.count),
            code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || (allowDots && $0 == ".") })
        else { throw StructureError.invalidCode }
        return code
    }

    static func validName(_ raw: String) throws -> String {
        let name = TextNormalizer.normalize(raw)
        guard (1...160).contains(name.count) else { throw StructureError.invalidName }
        return name
    }

    public func createOfficer(unitId: Int64, code: String, name: String, actor: StaffUser, now: Date) async throws -> Officer {
        let code = try Self.validCode(code)
        let name = try Self.validName(name)
        return try await pool.write { db in
            guard try Officer.filter(Officer.Columns.unitId == unitId && Officer.Columns.code == code).fetchCount(db) == 0 else {
                throw StructureError.codeTaken(code)
            }
            var officer = Officer(unitId: unitId, code: code, name: name)
            try officer.insert(db)
            try Self.audit(db, actor: actor.username, userId: actor.id, action: "officer.create", target: "officer:\(code)", before: nil, after: "name=\(name)", now: now)
            return officer
        }
    }

    public func createUnit(code: String, name: String, nameEn: String, centreName: String, formId: String, actor: StaffUser, now: Date)
        async throws -> Unit
    {
        let code = try Self.validCode(code)
        guard code != "all" else { throw StructureError.reservedCode(code) }
        let name = try Self.validName(name)
        let nameEn = TextNormalizer.normalize(nameEn)
        let centre = TextNormalizer.normalize(centreName)
        return try await pool.write { db in
            guard try Unit.filter(Unit.Columns.code == code).fetchCount(db) == 0 else { throw StructureError.codeTaken(code) }
            var unit = Unit(code: code, name: name, nameEn: nameEn, centreName: centre, formId: formId, createdAt: now)
            try unit.insert(db)
            try Self.audit(db, actor: actor.username, userId: actor.id, action: "unit.create", target: "unit:\(code)", before: nil, after: "name=\(name) form=\(formId)", now: now)
            return unit
        }
    }

    /// Which form a unit's citizens answer from now on; past responses keep their form.
    public func setUnitForm(unitId: Int64, formId: String, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            guard let unit = try Unit.fetchOne(db, key: unitId), unit.formId != formId else { return }
            try db.execute(sql: "UPDATE units SET formId = ? WHERE id = ?", arguments: [formId, unitId])
            try Self.audit(db, actor: actor.username, userId: actor.id, action: "unit.form", target: "unit:\(unit.code)", before: unit.formId, after: formId, now: now)
        }
    }

    public func sectors() async throws -> [Sector] {
        try await pool.read { db in try Sector.order(Sector.Columns.code).fetchAll(db) }
    }

    public func procedures() async throws -> [Procedure] {
        try await pool.read { db in try Procedure.order(Procedure.Columns.code).fetchAll(db) }
    }

    public func createSector(code: String, name: String, nameEn: String, actor: StaffUser, now: Date) async throws -> Sector {
        let code = try Self.validCode(code)
        let name = try Self.validName(name)
        return try await pool.write { db in
            guard try Sector.filter(Sector.Columns.code == code).fetchCount(db) == 0 else { throw StructureError.codeTaken(code) }
            var sector = Sector(code: code, name: name, nameEn: TextNormalizer.normalize(nameEn))
            try sector.insert(db)
            try Self.audit(db, actor: actor.username, userId: actor.id, action: "sector.create", target: "sector:\(code)", before: nil, after: "name=\(name)", now: now)
            return sector
        }
    }

    /// A procedure by its code in the national database (digits and dots, e.g. 1.001193).
    public func createProcedure(code: String, name: String, sectorCode: String, actor: StaffUser, now: Date) async throws -> Procedure {
        let code = try Self.validCode(code, allowDots: true)
        let name = try Self.validName(name)
        return try await pool.write { db in
            guard try Procedure.filter(Procedure.Columns.code == code).fetchCount(db) == 0 else { throw StructureError.codeTaken(code) }
            guard let sector = try Sector.filter(Sector.Columns.code == sectorCode).fetchOne(db) else { throw StructureError.unknownSector(sectorCode) }
            var procedure = Procedure(code: code, name: name, sectorId: sector.id)
            try procedure.insert(db)
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "procedure.create", target: "procedure:\(code)", before: nil,
                after: "name=\(name) sector=\(sectorCode)", now: now)
            return procedure
        }
    }

    /// Officers of a unit with the counter each serves now, if any.
    public func officerAssignments(unitId: Int64) async throws -> [OfficerAssignment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, a.counterId AS servingCounterId FROM officers o
                    LEFT JOIN officerAssignments a ON a.officerId = o.id AND a.endedAt IS NULL
                    WHERE o.unitId = ? ORDER BY o.code
                    """, arguments: [unitId]
            ).map { row in OfficerAssignment(officer: try Officer(row: row), counterId: row["servingCounterId"]) }
        }
    }
}

/// An officer and the counter they serve now, if any.
public struct OfficerAssignment: Sendable, Equatable {
    public var officer: Officer
    public var counterId: Int64?
}
