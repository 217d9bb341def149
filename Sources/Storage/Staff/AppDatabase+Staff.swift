import Crypto
import Domain
import Foundation
import GRDB

/// A staff account. The password is kept only as a bcrypt hash.
public struct StaffUser: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "users"
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var role: StaffRole
    public var unitId: Int64?
    public var officerId: Int64?
    public var active: Bool
    public var createdAt: Date

    /// Column names for queries, checked by the compiler instead of spelled in strings.
    public enum Columns: String, ColumnExpression {
        case id, username, passwordHash, role, unitId, officerId, active, createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Who this account is to the access policy: the only thing anyone asks about rights.
    public var principal: StaffPrincipal {
        StaffPrincipal(role: role, unitId: unitId, officerId: officerId, username: username)
    }
}

/// A signed-in staff member: the account and the session's CSRF token.
public struct StaffSession: Sendable, Equatable {
    public var user: StaffUser
    public var csrfToken: String
}

/// An account that cannot be created as asked.
public enum StaffError: Error, Equatable, CustomStringConvertible {
    case invalidUsername
    case usernameTaken(String)
    case unitRequired(StaffRole)
    case unknownUnit(String)
    case unknownOfficer(String)

    public var description: String {
        switch self {
        case .invalidUsername: "tên đăng nhập gồm 3-64 chữ thường, số, '.', '-' hoặc '_' (invalid username)"
        case .usernameTaken(let name): "tên đăng nhập '\(name)' đã có (username taken)"
        case .unitRequired(let role): "vai trò \(role.rawValue) cần --unit (role needs a unit)"
        case .unknownUnit(let code): "không có đơn vị mã '\(code)' (unknown unit)"
        case .unknownOfficer(let code): "không có cán bộ mã '\(code)' trong đơn vị (unknown officer)"
        }
    }
}

extension AppDatabase {
    /// Creates a staff account; `passwordHash` is a bcrypt hash made by the caller.
    public func createUser(
        username: String, passwordHash: String, role: StaffRole, unitCode: String?, officerCode: String? = nil, actor: String,
        now: Date
    ) async throws -> StaffUser {
        let name = TextNormalizer.normalize(username).lowercased()
        guard (3...64).contains(name.count),
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) })
        else { throw StaffError.invalidUsername }
        return try await pool.write { db in
            var unitId: Int64?
            if let unitCode {
                guard let unit = try Unit.filter(Unit.Columns.code == unitCode).fetchOne(db) else { throw StaffError.unknownUnit(unitCode) }
                unitId = unit.id
            } else if AccessPolicy.unitRequirement(for: role) == .required {
                throw StaffError.unitRequired(role)
            }
            guard try StaffUser.filter(StaffUser.Columns.username == name).fetchCount(db) == 0 else { throw StaffError.usernameTaken(name) }
            var officerId: Int64?
            if let officerCode {
                guard let unitId, let officer = try Officer.filter(Officer.Columns.unitId == unitId && Officer.Columns.code == officerCode).fetchOne(db)
                else { throw StaffError.unknownOfficer(officerCode) }
                officerId = officer.id
            }
            var user = StaffUser(
                id: nil, username: name, passwordHash: passwordHash, role: role, unitId: unitId, officerId: officerId, active: true, createdAt: now)
            try user.insert(db)
            try Self.audit(db, actor: actor, userId: nil, action: "user.create", target: "user:\(name)", before: nil,
                after: "role=\(role.rawValue) unit=\(unitCode ?? "-")", now: now)
            return user
        }
    }

    public func user(username: String) async throws -> StaffUser? {
        let name = TextNormalizer.normalize(username).lowercased()
        return try await pool.read { db in try StaffUser.filter(StaffUser.Columns.username == name).fetchOne(db) }
    }

    /// Opens a session for a user who just proved their password: a new random id each time
    /// (never one the browser offered), returned once; only its hash is stored.
    public func openSession(userId: Int64, lifetime: TimeInterval, now: Date) async throws -> (id: String, csrfToken: String) {
        let id = TokenGenerator.token(length: 43)
        let csrf = TokenGenerator.token(length: 32)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (idHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [Self.hash(id), userId, csrf, now, now, now.addingTimeInterval(lifetime)])
            // Old sessions of anyone are swept here, where writes happen anyway.
            try db.execute(sql: "DELETE FROM sessions WHERE expiresAt < ?", arguments: [now])
        }
        return (id, csrf)
    }

    /// The session for a cookie's id, if it is neither idle longer than `idle` nor past its
    /// absolute expiry, and its account is active. Seen sessions are touched at most once a
    /// minute, so most staff requests cost one read; the rare write (touch or end) re-reads
    /// inside its own transaction, so each path is one transaction.
    public func session(id: String, idle: TimeInterval, now: Date) async throws -> StaffSession? {
        let hash = Self.hash(id)
        let seen = try await pool.read { db in try Self.sessionState(db, hash: hash, idle: idle, now: now) }
        switch seen {
        case .none, .inactive: return nil
        case .fresh(let session): return session
        case .ended, .stale:
            return try await pool.write { db in
                switch try Self.sessionState(db, hash: hash, idle: idle, now: now) {
                case .none, .inactive: return nil
                case .fresh(let session): return session
                case .ended:
                    try db.execute(sql: "DELETE FROM sessions WHERE idHash = ?", arguments: [hash])
                    return nil
                case .stale(let session):
                    try db.execute(sql: "UPDATE sessions SET lastSeenAt = ? WHERE idHash = ?", arguments: [now, hash])
                    return session
                }
            }
        }
    }

    private enum SessionState {
        case none
        case inactive
        case ended
        case fresh(StaffSession)
        /// Valid, but last touched over a minute ago.
        case stale(StaffSession)
    }

    private static func sessionState(_ db: Database, hash: String, idle: TimeInterval, now: Date) throws -> SessionState {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT userId, csrfToken, lastSeenAt, expiresAt FROM sessions WHERE idHash = ?", arguments: [hash])
        else { return .none }
        let lastSeen: Date = row["lastSeenAt"]
        let expires: Date = row["expiresAt"]
        guard expires > now, now.timeIntervalSince(lastSeen) <= idle else { return .ended }
        let userId: Int64 = row["userId"]
        guard let user = try StaffUser.fetchOne(db, key: userId), user.active else { return .inactive }
        let session = StaffSession(user: user, csrfToken: row["csrfToken"])
        return now.timeIntervalSince(lastSeen) > 60 ? .stale(session) : .fresh(session)
    }

    public func closeSession(id: String) async throws {
        let hash = Self.hash(id)
        try await pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE idHash = ?", arguments: [hash]) }
    }
}

extension AppDatabase {
    /// Accounts of a unit (or every account with nil), by username.
    public func users(unitId: Int64?) async throws -> [StaffUser] {
        try await pool.read { db in
            let request = unitId.map { StaffUser.filter(StaffUser.Columns.unitId == $0) } ?? StaffUser.all()
            return try request.order(StaffUser.Columns.username).fetchAll(db)
        }
    }

    public func user(id: Int64) async throws -> StaffUser? {
        try await pool.read { db in try StaffUser.fetchOne(db, key: id) }
    }

    /// Turns an account off (its sessions end with it) or on again, and records who did it.
    public func setUserActive(id: Int64, active: Bool, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            guard let user = try StaffUser.fetchOne(db, key: id), user.active != active else { return }
            try db.execute(sql: "UPDATE users SET active = ? WHERE id = ?", arguments: [active, id])
            if !active { try db.execute(sql: "DELETE FROM sessions WHERE userId = ?", arguments: [id]) }
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: active ? "user.enable" : "user.disable", target: "user:\(user.username)",
                before: user.active ? "active" : "disabled", after: active ? "active" : "disabled", now: now)
        }
    }

    public func officers(unitId: Int64) async throws -> [Officer] {
        try await pool.read { db in try Officer.filter(Officer.Columns.unitId == unitId).order(Officer.Columns.code).fetchAll(db) }
    }
}
