import Domain
import Foundation
import HummingbirdBcrypt
import Storage

/// The administrative commands of product.md, for the `hailong` executable: each opens the
/// data directory's database (running migrations), does one thing, and reports it.
public enum Maintenance {
    /// Creates an API key for a unit; returns the secret, which is never stored in clear.
    public static func createAPIKey(
        dataDirectory: String, name: String, unitCode: String, clock: any WallClock = SystemClock()
    ) async throws -> (prefix: String, secret: String) {
        guard let name = APIKeyName.checked(name) else {
            throw MaintenanceError("\(APIKeyName.problem.vi) (\(APIKeyName.problem.en))")
        }
        let database = try existingDatabase(dataDirectory)
        let (key, secret) = try await database.createAPIKey(name: name, unitCode: unitCode, now: clock.now)
        return (key.prefix, secret)
    }

    /// Registers a webhook of a unit (product.md: `hailong webhook add`): the URL must be
    /// http or https, the events from the list, the secret at least 16 characters; the secret
    /// is sealed with the data directory's key, never stored in clear. Returns the webhook's id.
    public static func addWebhook(
        dataDirectory: String, unitCode: String, url: String, secret: String, events: String, clock: any WallClock = SystemClock()
    ) async throws -> Int64 {
        guard let target = WebhookURL.check(url) else {
            throw MaintenanceError("địa chỉ nhận phải là URL http:// hoặc https:// đầy đủ: \(url) (the URL must be http or https)")
        }
        let chosen: [WebhookEvent]
        do {
            chosen = try WebhookEvent.parseList(events)
        } catch {
            throw MaintenanceError(error.description)
        }
        guard (16...200).contains(secret.count) else {
            throw MaintenanceError("khóa ký phải có từ 16 đến 200 ký tự (the secret has 16 to 200 characters)")
        }
        let database = try existingDatabase(dataDirectory)
        let vault = try ContactVault(dataDirectory: dataDirectory)
        let webhook = try await database.createWebhook(
            unitCode: unitCode, url: target.absoluteString, secretSealed: try vault.sealSecret(secret), events: chosen, actor: "cli", now: clock.now)
        return webhook.id
    }

    /// Creates a staff account; the password is hashed with bcrypt and never stored in clear.
    public static func addUser(
        dataDirectory: String, username: String, role: String, unitCode: String?, officerCode: String? = nil, password: String,
        clock: any WallClock = SystemClock()
    ) async throws {
        guard let role = StaffRole(rawValue: role) else {
            throw MaintenanceError("vai trò phải là một trong: \(StaffRole.allCases.map(\.rawValue).joined(separator: ", ")) (unknown role)")
        }
        if let problem = PasswordPolicy.problem(password) { throw MaintenanceError("\(problem.vi) (\(problem.en))") }
        // The web form gives an administrator no unit; a unit typed here would be stored and
        // read as one (a global account that seems to belong to a ward).
        guard unitCode == nil || AccessPolicy.unitRequirement(for: role) != .ignored else {
            throw MaintenanceError("tài khoản admin không gắn với đơn vị: bỏ --unit (an administrator has no unit: drop --unit)")
        }
        // The first admin of an installation is made before the first start, so this one
        // command may create the database; if it then fails, it takes the new files away again.
        let path = databasePath(dataDirectory)
        let existed = FileManager.default.fileExists(atPath: path)
        let folderExisted = FileManager.default.fileExists(atPath: dataDirectory)
        do {
            let database = try AppDatabase.open(dataDirectory: dataDirectory)
            _ = try await database.createUser(
                username: username, passwordHash: Bcrypt.hash(password, cost: PasswordPolicy.bcryptCost), role: role, unitCode: unitCode,
                officerCode: officerCode, actor: "cli", now: clock.now)
        } catch {
            if !existed {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                if !folderExisted, (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory))?.isEmpty == true {
                    try? FileManager.default.removeItem(atPath: dataDirectory)
                }
            }
            throw error
        }
    }

    /// A consistent copy of the database while the server keeps running.
    public static func backup(dataDirectory: String, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError("tệp đích đã tồn tại, không ghi đè: \(path) (destination exists)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw MaintenanceError("không có thư mục \(folder) để ghi tệp sao lưu (no such folder for the backup)")
        }
        let database = try existingDatabase(dataDirectory)
        try await database.backup(to: path)
    }

    /// A data directory made from a backup file (product.md: `hailong restore`) or from a
    /// Litestream replica (a replica directory, or an s3:// sftp:// file:// URL), then checked
    /// like `verify`. The contact data's key is not in a backup (a stolen backup alone reveals
    /// no contact data): `contactKey` copies the original data directory's `contact.key`
    /// beside it; without it the restored service cannot open contact data or webhook secrets.
    public static func restore(from backup: String, to dataDirectory: String, contactKey: String?) async throws -> [String] {
        var keyBytes: Data?
        if let contactKey {
            guard let bytes = FileManager.default.contents(atPath: contactKey), bytes.count == 32 else {
                throw MaintenanceError("\(contactKey) không phải tệp khóa 32 byte (not a 32-byte contact.key)")
            }
            keyBytes = bytes
        }
        let database: AppDatabase
        if let replica = LitestreamReplica(backup) {
            // A Litestream replica is rebuilt into a file first, beside the target, then
            // restored like any backup file.
            let file = try replica.restoreToFile(near: dataDirectory)
            defer { try? FileManager.default.removeItem(atPath: file) }
            database = try AppDatabase.restore(backup: file, into: dataDirectory)
        } else {
            database = try AppDatabase.restore(backup: backup, into: dataDirectory)
        }
        if let keyBytes {
            let path = (dataDirectory as NSString).appendingPathComponent(ContactVault.keyFileName)
            guard FileManager.default.createFile(atPath: path, contents: keyBytes, attributes: [.posixPermissions: 0o600]) else {
                throw MaintenanceError("không ghi được \(path) (cannot write the key)")
            }
        }
        return try await database.integrityProblems() + database.feedbackChainProblems()
    }

    /// Problems found by SQLite's integrity and foreign key checks and by recomputing every
    /// feedback item's history chain; empty when sound. A broken chain is named by item code
    /// and event number.
    public static func verify(dataDirectory: String) async throws -> [String] {
        let database = try AppDatabase(path: try existingDatabasePath(dataDirectory))
        return try await database.integrityProblems() + database.feedbackChainProblems()
    }
}

extension Maintenance {
    /// `hailong privacy purge`: applies the retention period now (or, with `dryRun`, counts
    /// what it would erase). Returns counts only.
    public static func purgePrivacy(dataDirectory: String, months: Int, dryRun: Bool, clock: any WallClock = SystemClock()) async throws
        -> RetentionReport
    {
        guard months > 0 else { throw MaintenanceError("số tháng lưu trữ phải lớn hơn 0 (months must be positive): \(months)") }
        let database = try AppDatabase(path: try existingDatabasePath(dataDirectory))
        return try await PrivacyRetentionJob(database: database, months: months).purge(now: clock.now, dryRun: dryRun)
    }
}

extension Maintenance {
    static func databasePath(_ dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("hailong.sqlite")
    }

    /// The database file of a data directory that has one. Every command but `user add`
    /// refuses a directory without one: a mistyped path is an error, never a new empty
    /// database (a backup of nothing reported as written).
    static func existingDatabasePath(_ dataDirectory: String) throws -> String {
        let path = databasePath(dataDirectory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError("không có cơ sở dữ liệu tại \(path) (no database)")
        }
        return path
    }

    /// The data directory's database, migrated, for a command that changes or copies it.
    static func existingDatabase(_ dataDirectory: String) throws -> AppDatabase {
        _ = try existingDatabasePath(dataDirectory)
        return try AppDatabase.open(dataDirectory: dataDirectory)
    }
}

public struct MaintenanceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
