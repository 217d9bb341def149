import Foundation
import GRDB

extension AppDatabase {
    /// Copies the database to `path` with SQLite's online backup: consistent while the
    /// server keeps writing.
    public func backup(to path: String) async throws {
        // A backup is the whole database: as private as the original.
        try PrivateFiles.prepareFile(path)
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
    }

    /// SQLite's own integrity check; an empty list means the file is sound.
    public func integrityProblems() async throws -> [String] {
        try await pool.read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return rows.filter { $0 != "ok" } + foreignKeys
        }
    }
}
