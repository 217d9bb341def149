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

    /// Makes `dataDirectory` (0700) hold a copy of the backup file `backup`, through SQLite's
    /// backup API so that the copy is one consistent database (0600). Refuses a directory that
    /// already holds a database, and a file that is not a sound HaiLong database.
    public static func restore(backup: String, into dataDirectory: String) throws -> AppDatabase {
        let target = (dataDirectory as NSString).appendingPathComponent("hailong.sqlite")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
            throw RestoreError.targetHoldsDatabase(target + suffix)
        }
        guard FileManager.default.fileExists(atPath: backup) else { throw RestoreError.notABackup(backup, "không có tệp / no such file") }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: backup, configuration: configuration)
            let problems = try source.read { db -> [String] in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("responses") else {
                    return ["không phải cơ sở dữ liệu HaiLong / not a HaiLong database"]
                }
                return try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            }
            guard problems.isEmpty else { throw RestoreError.notABackup(backup, problems.joined(separator: "; ")) }
        } catch let error as RestoreError {
            throw error
        } catch {
            throw RestoreError.notABackup(backup, "SQLite không đọc được / SQLite cannot read it")
        }
        try PrivateFiles.prepareDirectory(dataDirectory) { _ in false }
        try PrivateFiles.prepareFile(target)
        try source.backup(to: DatabaseQueue(path: target))
        // Opening runs the migrations: a backup from an earlier version comes up to date.
        return try AppDatabase(path: target)
    }

    /// Batches committed by the group-commit writer and the writes in them, since start.
    public func writeBatchCounts() async -> (batches: Int, writes: Int) {
        batcher.committedCounts
    }

    /// The database file's and its write-ahead log's sizes in bytes (0 when absent).
    public func fileSizes() -> (database: Int64, wal: Int64) {
        func size(_ path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return (size(pool.path), size(pool.path + "-wal"))
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

/// Why a restore was refused; nothing was written to the data directory.
public enum RestoreError: Error, CustomStringConvertible, Equatable {
    case targetHoldsDatabase(String)
    case notABackup(String, String)

    public var description: String {
        switch self {
        case .targetHoldsDatabase(let path):
            "thư mục đích đã có cơ sở dữ liệu, không ghi đè: \(path) (the target directory holds a database; it is never overwritten)"
        case .notABackup(let path, let why): "\(path) không phải bản sao lưu dùng được: \(why) (not a usable backup)"
        }
    }
}
