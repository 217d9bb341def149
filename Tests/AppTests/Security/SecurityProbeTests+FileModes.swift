import Foundation
import Hummingbird
import Storage
import Testing

@testable import App

extension SecurityProbeTests {
    /// The database holds every rating and the staff's password hashes: only the server's
    /// own user may read it, whatever the umask.
    @Test func aNewDataDirectoryAndEveryFileInItAreOwnerOnly() async throws {
        let directory = Self.temporaryPath()
        let database = try AppDatabase.open(dataDirectory: directory)
        _ = try await database.seedDemo(now: Date())  // a write, so the -wal and -shm files exist
        try withExtendedLifetime(database) { try Self.expectOwnerOnly(directory) }
    }

    @Test func buildApplicationLeavesTheDataDirectoryOwnerOnly() async throws {
        let directory = Self.temporaryPath()
        var config = try await TestServer().config
        config.dataDirectory = directory
        let app = try await buildApplication(config)
        // While it runs: closing the last connection removes the -wal and -shm files.
        try withExtendedLifetime(app) { try Self.expectOwnerOnly(directory) }
    }

    /// A directory made by an older version (0755, database 0644) is tightened; a directory
    /// that holds files that are not ours is left as it is; nothing is ever loosened.
    @Test func anExistingDataDirectoryIsTightenedOnlyWhenOursAndNeverLoosened() async throws {
        let manager = FileManager.default
        let old = Self.temporaryPath()
        try manager.createDirectory(atPath: old, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        #expect(manager.createFile(atPath: old + "/hailong.sqlite", contents: nil, attributes: [.posixPermissions: 0o644]))
        let oldDatabase = try AppDatabase.open(dataDirectory: old)
        _ = try await oldDatabase.seedDemo(now: Date())
        try withExtendedLifetime(oldDatabase) { try Self.expectOwnerOnly(old) }

        let shared = Self.temporaryPath()
        try manager.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        #expect(manager.createFile(atPath: shared + "/notes.txt", contents: Data("x".utf8), attributes: [.posixPermissions: 0o644]))
        let sharedDatabase = try AppDatabase.open(dataDirectory: shared)
        _ = try await sharedDatabase.seedDemo(now: Date())
        #expect(try Self.mode(shared) == 0o755, "not only ours: left alone")
        #expect(try Self.mode(shared + "/notes.txt") == 0o644)
        for name in ["hailong.sqlite", "hailong.sqlite-wal", "hailong.sqlite-shm"] {
            #expect(try Self.mode(shared + "/" + name) == 0o600, "\(name)")
        }
        withExtendedLifetime(sharedDatabase) {}

        let strict = Self.temporaryPath()
        try manager.createDirectory(atPath: strict, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = try AppDatabase.open(dataDirectory: strict)
        #expect(try Self.mode(strict) == 0o700)
    }

    @Test func aBackupIsOwnerOnly() async throws {
        let server = try await TestServer()
        let destination = Self.temporaryPath() + ".sqlite"
        try await server.database.backup(to: destination)
        #expect(try Self.mode(destination) == 0o600)
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hailong-modes-\(UUID().uuidString)").path
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue, "no permissions for \(path)") & 0o7777
    }

    /// The directory is 0700 and every file in it 0600, the database's three files included.
    static func expectOwnerOnly(_ directory: String) throws {
        #expect(try mode(directory) == 0o700, "directory")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        for name in ["hailong.sqlite", "hailong.sqlite-wal", "hailong.sqlite-shm"] {
            #expect(names.contains(name), "\(name) exists")
        }
        for name in names {
            #expect(try mode(directory + "/" + name) == 0o600, "\(name)")
        }
    }
}
