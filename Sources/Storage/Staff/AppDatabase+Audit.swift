import Domain
import Foundation
import GRDB

/// One administrative action: who, what, when, before -> after.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var target: String
    public var before: String?
    public var after: String?
}

extension AppDatabase {
    /// Writes an audit entry inside the caller's transaction, so the change and its record
    /// commit or fail together.
    static func audit(
        _ db: Database, actor: String, userId: Int64?, action: String, target: String, before: String?, after: String?, now: Date
    ) throws {
        try db.execute(
            sql: "INSERT INTO auditLog (at, userId, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [now, userId, actor, action, target, before, after])
    }

    /// The newest entries first.
    public func auditEntries(limit: Int = 500) async throws -> [AuditEntry] {
        try await pool.read { db in
            try AuditEntry.fetchAll(
                db, sql: "SELECT id, at, actor, action, target, before, after FROM auditLog ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }
}
