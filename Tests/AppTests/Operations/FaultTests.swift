import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// Faults an operator meets: a full disk, a damaged database file, a killed process
/// (issue 13). Each must end in a clear answer and no acknowledged rating lost.
@Suite("Faults: full disk, damaged database, kill -9", .serialized)
struct FaultTests {
    /// Mounting a small tmpfs needs root (CI and this machine run tests as root).
    static var canMount: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    @Test(.enabled(if: canMount, "mounting a tmpfs needs root"))
    func aFullDiskAnswers503InVietnameseAndLosesNothingAcknowledged() async throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try Subprocess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "mount failed")
        defer { _ = try? Subprocess.run("/bin/umount", ["-l", mountPoint]) }
        let server = try await TestServer(dataDirectory: mountPoint + "/data")
        let filler = mountPoint + "/filler"

        try await server.test { client in
            // The server is up; now fill what is left of the disk.
            _ = try Subprocess.run("/bin/sh", ["-c", "dd if=/dev/zero of='\(filler)' bs=64k 2>/dev/null; true"])
            var acknowledged = 0
            var refused: TestResponse?
            for _ in 0..<3000 {
                let ticket = try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: server.apiKey)
                if ticket.status != .created {
                    refused = ticket
                    break
                }
                let token = try #require(try ticket.json()["token"] as? String)
                let answer = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3}}"#)
                if answer.status != .created {
                    refused = answer
                    break
                }
                acknowledged += 1
            }
            let answer = try #require(refused, "the disk never filled")
            #expect(answer.status == .serviceUnavailable)
            let error = try #require(try answer.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "storage_unavailable")
            #expect((error["message"] as? String)?.contains("CHƯA được ghi nhận") == true)

            // The citizen's page says it too.
            let page = try await client.postForm("/r/\(try server.posterToken())", "overall=3")
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("CHƯA được ghi nhận"))

            // Space comes back: every acknowledged rating is there, and the service records again.
            try FileManager.default.removeItem(atPath: filler)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == acknowledged)
            let token = try await client.issueTicket(key: server.apiKey)
            let again = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3}}"#)
            #expect(again.status == .created)
        }
    }

    @Test func aDamagedDatabaseIsRefusedAtStartWithAClearMessage() async throws {
        let server = try await TestServer()
        let directory = server.config.dataDirectory
        let path = directory + "/hailong.sqlite"
        // Keep the header, damage the pages behind it, as a failing disk would.
        try await server.database.checkpointForTests()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xA5, count: 4096 * 8))
        try handle.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

        let result = try Subprocess.run(
            "/bin/sh",
            ["-c", "'\(CommandLineTests.executable.path)' serve --data-dir '\(directory)' --port \(try FreePort.find()) 2>&1; echo exit=$?"])
        #expect(result.text.contains("cơ sở dữ liệu bị hỏng"), "\(result.text)")
        #expect(result.text.contains("hailong restore"))
        #expect(!result.text.contains("exit=0"))

        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-garbage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: garbage + "/hailong.sqlite", contents: Data(repeating: 0x42, count: 8192)))
        #expect(throws: StorageFailure.self) { try AppDatabase.open(dataDirectory: garbage) }
    }

    @Test func killNineUnderLoadLosesNoAcknowledgedRating() async throws {
        let server = try await TestServer()
        let process = try await ServerProcess(dataDirectory: server.config.dataDirectory, formsDirectory: server.config.formsDirectory)
        let load = try RatingLoad(server: process, apiKey: server.apiKey, ratings: 400)
        // Kill once a few dozen ratings are acknowledged, mid-load.
        _ = try await eventually(seconds: 20) { load.acknowledged.count >= 50 }
        process.kill9()
        load.wait()

        let acknowledged = load.acknowledged.map(\.token)
        #expect(acknowledged.count >= 50, "the load ran: \(acknowledged.count) acknowledged before the kill")
        let reopened = try AppDatabase(path: server.config.dataDirectory + "/hailong.sqlite")
        let lost = Set(acknowledged).subtracting(try await reopened.usedTicketTokens(acknowledged))
        #expect(lost.isEmpty, "\(lost.count) acknowledged ratings lost")
    }
}

extension AppDatabase {
    /// Moves the WAL into the database file, so that damaging the file damages real pages.
    func checkpointForTests() async throws {
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Which of these ticket tokens were used by a recorded rating.
    func usedTicketTokens(_ tokens: [String]) async throws -> Set<String> {
        try await pool.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: tokens.count, by: 500).map({ Array(tokens[$0..<min($0 + 500, tokens.count)]) }) {
                let rows = try String.fetchAll(
                    db, sql: "SELECT token FROM tickets WHERE usedAt IS NOT NULL AND token IN (\(databaseQuestionMarks(count: chunk.count)))",
                    arguments: StatementArguments(chunk))
                found.formUnion(rows)
            }
            return found
        }
    }
}
