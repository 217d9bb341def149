import Domain
import Foundation
import GRDB

extension AppDatabase {
    public func unit(code: String) async throws -> Unit? {
        try await pool.read { db in try Unit.filter(Column("code") == code).fetchOne(db) }
    }

    public func unit(id: Int64) async throws -> Unit? {
        try await pool.read { db in try Unit.fetchOne(db, key: id) }
    }

    public func units() throws -> [Unit] {
        try pool.read { db in try Unit.order(Column("code")).fetchAll(db) }
    }

    public func counters(unitId: Int64) throws -> [Counter] {
        try pool.read { db in try Counter.filter(Column("unitId") == unitId).order(Column("code")).fetchAll(db) }
    }

    public func isEmpty() throws -> Bool {
        try pool.read { db in try Unit.fetchCount(db) == 0 }
    }
}
