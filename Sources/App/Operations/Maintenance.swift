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
        let database = try AppDatabase.open(dataDirectory: dataDirectory)
        let (key, secret) = try await database.createAPIKey(name: name, unitCode: unitCode, now: clock.now)
        return (key.prefix, secret)
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
        let database = try AppDatabase.open(dataDirectory: dataDirectory)
        _ = try await database.createUser(
            username: username, passwordHash: Bcrypt.hash(password, cost: PasswordPolicy.bcryptCost), role: role, unitCode: unitCode,
            officerCode: officerCode, actor: "cli", now: clock.now)
    }

    /// A consistent copy of the database while the server keeps running.
    public static func backup(dataDirectory: String, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError("tệp đích đã tồn tại, không ghi đè: \(path) (destination exists)")
        }
        let database = try AppDatabase.open(dataDirectory: dataDirectory)
        try await database.backup(to: path)
    }

    /// Problems found by SQLite's integrity and foreign key checks and by recomputing every
    /// feedback item's history chain; empty when sound. A broken chain is named by item code
    /// and event number.
    public static func verify(dataDirectory: String) async throws -> [String] {
        let path = (dataDirectory as NSString).appendingPathComponent("hailong.sqlite")
        guard FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError("không có cơ sở dữ liệu tại \(path) (no database)")
        }
        let database = try AppDatabase(path: path)
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
        let path = (dataDirectory as NSString).appendingPathComponent("hailong.sqlite")
        guard FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError("không có cơ sở dữ liệu tại \(path) (no database)")
        }
        let database = try AppDatabase(path: path)
        return try await PrivacyRetentionJob(database: database, months: months).purge(now: clock.now, dryRun: dryRun)
    }
}

public struct MaintenanceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
