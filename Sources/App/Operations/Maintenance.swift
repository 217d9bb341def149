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
        let database = try AppDatabase.open(dataDirectory: dataDirectory)
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

public struct MaintenanceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
