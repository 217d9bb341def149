import Domain
import Foundation
import GRDB

/// A structure change refused for its input.
public enum StructureError: Error, Equatable {
    case invalidCode
    case invalidName
    case codeTaken(String)
    /// `all` names the whole city in reports and the dashboard (product.md `unit=all`).
    case reservedCode(String)
    /// A procedure's sector that does not exist.
    case unknownSector(String)
}

extension AppDatabase {
    /// Adds a counter to a unit, with a fresh poster token, and records who did it.
    public func createCounter(unitId: Int64, code: String, name: String, nameEn: String, actor: StaffUser, now: Date) async throws
        -> Counter
    {
        let code = try Self.validCode(code, maxLength: 16)
        let name = try Self.validName(name)
        let nameEn = TextNormalizer.normalize(nameEn)
        return try await pool.write { db in
            guard try Counter.filter(Counter.Columns.unitId == unitId && Counter.Columns.code == code).fetchCount(db) == 0 else {
                throw StructureError.codeTaken(code)
            }
            var counter = Counter(unitId: unitId, code: code, name: name, nameEn: nameEn, posterToken: TokenGenerator.token())
            try counter.insert(db)
            let unitCode = try String.fetchOne(db, sql: "SELECT code FROM units WHERE id = ?", arguments: [unitId]) ?? "?"
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "counter.create", target: "counter:\(unitCode)/\(code)", before: nil,
                after: "name=\(name)", now: now)
            return counter
        }
    }

    public func counter(id: Int64) async throws -> Counter? {
        try await pool.read { db in try Counter.fetchOne(db, key: id) }
    }
}

extension AppDatabase {
    /// Takes a counter out of service (its poster and new tickets are refused) or back in.
    public func setCounterActive(id: Int64, active: Bool, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            guard let counter = try Counter.fetchOne(db, key: id), counter.active != active else { return }
            try db.execute(sql: "UPDATE counters SET active = ? WHERE id = ?", arguments: [active, id])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: active ? "counter.enable" : "counter.disable", target: "counter:\(counter.code)",
                before: counter.active ? "active" : "inactive", after: active ? "active" : "inactive", now: now)
        }
    }
}
