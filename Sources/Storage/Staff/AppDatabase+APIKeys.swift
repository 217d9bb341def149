import Crypto
import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Creates an API key for a unit and returns it in clear, once: only its hash is kept.
    public func createAPIKey(name: String, unitCode: String, actor: String = "cli", userId: Int64? = nil, now: Date) async throws -> (
        key: APIKey, secret: String
    ) {
        try await pool.write { db in try Self.createAPIKey(db, name: name, unitCode: unitCode, actor: actor, userId: userId, now: now) }
    }

    static func createAPIKey(_ db: Database, name: String, unitCode: String, actor: String, userId: Int64?, now: Date) throws -> (
        key: APIKey, secret: String
    ) {
        guard let unit = try Unit.filter(Unit.Columns.code == unitCode).fetchOne(db), let unitId = unit.id else {
            throw LookupError.unknownUnit(unitCode)
        }
        let secret = "hl_" + TokenGenerator.token(length: 40)
        var key = APIKey(
            id: nil, name: TextNormalizer.normalize(name), unitId: unitId, keyHash: Self.hash(secret), prefix: String(secret.prefix(8)),
            createdAt: now, revokedAt: nil)
        try key.insert(db)
        try Self.audit(
            db, actor: actor, userId: userId, action: "apikey.create", target: "apikey:\(unitCode)/\(key.prefix)", before: nil,
            after: "name=\(key.name)", now: now)
        return (key, secret)
    }

    /// The live key matching a presented secret; nil for unknown or revoked keys.
    public func apiKey(secret: String) async throws -> APIKey? {
        let hash = Self.hash(secret)
        return try await pool.read { db in
            try APIKey.filter(APIKey.Columns.keyHash == hash && APIKey.Columns.revokedAt == nil).fetchOne(db)
        }
    }

    public func apiKeys(unitId: Int64) async throws -> [APIKey] {
        try await pool.read { db in try APIKey.filter(APIKey.Columns.unitId == unitId).order(APIKey.Columns.id.desc).fetchAll(db) }
    }

    public func apiKey(id: Int64) async throws -> APIKey? {
        try await pool.read { db in try APIKey.fetchOne(db, key: id) }
    }

    /// Revokes a key from now on; a revoked key is refused like an unknown one.
    public func revokeAPIKey(id: Int64, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            guard let key = try APIKey.fetchOne(db, key: id), key.revokedAt == nil else { return }
            try db.execute(sql: "UPDATE apiKeys SET revokedAt = ? WHERE id = ?", arguments: [now, id])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "apikey.revoke", target: "apikey:\(key.prefix)", before: "active",
                after: "revoked", now: now)
        }
    }

    static func hash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}

/// A code given on the command line or in a request that names nothing.
public enum LookupError: Error, Equatable, CustomStringConvertible {
    case unknownUnit(String)

    public var description: String {
        switch self {
        case .unknownUnit(let code): "không có đơn vị mã '\(code)' (unknown unit)"
        }
    }
}
