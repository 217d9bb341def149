import Foundation
import GRDB
@testable import Storage
import Testing

/// `hailong` as an administrator types it (product.md, "Command line").
@Suite("hailong command line")
struct CommandLineTests {
    /// The executable built beside the test bundle by `swift build --build-tests`.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hailong")
    }

    @discardableResult
    /// Runs `hailong`; with `seconds`, a `serve` that starts instead of refusing is stopped
    /// then (status 124) rather than left to hang the suite.
    private func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:], seconds: Int? = nil
    ) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no hailong at \(Self.executable.path)")
        let process = ChildProcess()
        // timeout(1) and env(1) run it, when asked for: env adds the variables to the inherited ones.
        let command = (seconds.map { ["/usr/bin/timeout", "\($0)"] } ?? []) + (environment.isEmpty ? [] : ["/usr/bin/env"])
            + environment.map { "\($0)=\($1)" } + [Self.executable.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func apikeyAddPrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash() async throws {
        let server = try await TestServer()
        let result = try run(["apikey", "add", "--data-dir", server.config.dataDirectory, "--name", "Một cửa tỉnh", "--unit", "tam-phuoc"])
        #expect(result.status == 0, "\(result.output)")
        let key = try #require(result.output.split(separator: "\n").last.map(String.init))
        #expect(key.hasPrefix("hl_") && !key.contains(" "))
        #expect(try await server.database.apiKey(secret: key)?.name == "Một cửa tỉnh")
        let stored = try await server.count("SELECT COUNT(*) FROM apiKeys WHERE keyHash = '\(key)'")
        #expect(stored == 0, "the key itself is never stored")

        let unknown = try run(["apikey", "add", "--data-dir", server.config.dataDirectory, "--name", "x", "--unit", "khong-co"])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("khong-co"))
        // A key without a name, as the screen refuses it.
        let unnamed = try run(["apikey", "add", "--data-dir", server.config.dataDirectory, "--name", " ", "--unit", "tam-phuoc"])
        #expect(unnamed.status != 0)
        #expect(unnamed.output.contains("1 đến 120 ký tự"), "\(unnamed.output)")
        #expect(try await server.count("SELECT COUNT(*) FROM apiKeys WHERE name = '' OR name = ' '") == 0)
    }

    /// Accounts nobody could use are refused: an administrator given a unit, a password with
    /// a NUL or with bytes that are not UTF-8 (no sign-in form can type them).
    @Test func userAddRefusesAccountsThatCouldNotWorkAsTyped() async throws {
        let server = try await TestServer()
        let directory = server.config.dataDirectory
        let admin = try run(["user", "add", "--data-dir", directory, "--username", "quantri2", "--role", "admin", "--unit", "tam-phuoc"], input: "mot-mat-khau-dai\n")
        #expect(admin.status != 0)
        #expect(admin.output.contains("--unit"), "\(admin.output)")
        for (name, password) in [("nul.pw", "mot-mat\u{0}-khau-dai\n"), ("ff.pw", "mot-mat-khau-dai-\u{FFFD}\n")] {
            let result = try run(["user", "add", "--data-dir", directory, "--username", name, "--role", "viewer"], input: password)
            #expect(result.status != 0, "\(name)")
            #expect(result.output.contains("không gõ được"), "\(name): \(result.output)")
        }
        #expect(try await server.count("SELECT COUNT(*) FROM users WHERE username IN ('quantri2', 'nul.pw', 'ff.pw')") == 0)
    }

    @Test func webhookAddRegistersASealedWebhookAndRefusesUnknownEventsAndUnits() async throws {
        let server = try await TestServer()
        let directory = server.config.dataDirectory
        let secret = "cli-secret-0123456789"
        let added = try run([
            "webhook", "add", "--data-dir", directory, "--unit", "tam-phuoc", "--url", "https://hotline.example.vn/hook", "--secret", secret,
            "--events", "feedback.received,rating.low",
        ])
        #expect(added.status == 0, "\(added.output)")
        let webhook = try #require(try await server.database.webhooks(unitId: server.demo.units[0].id ?? 0).first)
        #expect(webhook.url == "https://hotline.example.vn/hook" && webhook.events == [.feedbackReceived, .ratingLow] && webhook.isActive)
        #expect(!String(decoding: webhook.secretSealed, as: UTF8.self).contains(secret), "the secret is sealed")

        let unknownEvent = try run([
            "webhook", "add", "--data-dir", directory, "--unit", "tam-phuoc", "--url", "https://x.vn/h", "--secret", secret, "--events", "feedback.lost",
        ])
        #expect(unknownEvent.status != 0 && unknownEvent.output.contains("feedback.lost"))
        let unknownUnit = try run([
            "webhook", "add", "--data-dir", directory, "--unit", "khong-co", "--url", "https://x.vn/h", "--secret", secret, "--events", "rating.low",
        ])
        #expect(unknownUnit.status != 0 && unknownUnit.output.contains("khong-co"))
        let badURL = try run([
            "webhook", "add", "--data-dir", directory, "--unit", "tam-phuoc", "--url", "ftp://x.vn", "--secret", secret, "--events", "rating.low",
        ])
        #expect(badURL.status != 0)
        #expect(try await server.count("SELECT COUNT(*) FROM webhooks") == 1)
    }

    @Test func backupMakesAConsistentCopyThatVerifies() async throws {
        let server = try await TestServer()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let target = copy.appendingPathComponent("hailong.sqlite").path
        let backup = try run(["backup", "--data-dir", server.config.dataDirectory, "--to", target])
        #expect(backup.status == 0, "\(backup.output)")
        let restored = try AppDatabase(path: target)
        await #expect(try restored.units().map(\.code) == ["chon-thanh", "tam-phuoc"])
        #expect(try run(["backup", "--data-dir", server.config.dataDirectory, "--to", target]).status != 0, "never overwrites")
        let nowhere = try run(["backup", "--data-dir", server.config.dataDirectory, "--to", copy.path + "/khong-co/b.sqlite"])
        #expect(nowhere.status != 0)
        #expect(nowhere.output.contains("không có thư mục"), "said plainly: \(nowhere.output)")

        let verify = try run(["verify", "--data-dir", copy.path])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("ok"))
        #expect(try run(["verify", "--data-dir", "/nonexistent-\(UUID().uuidString)"]).status != 0)
    }

    /// A mistyped --data-dir is an error that leaves nothing behind: no empty database, no
    /// backup of nothing reported as written (the 2026-11-30 audit found both). `user add`,
    /// which may make the database of a new installation, takes it away again when it fails.
    @Test func aMistypedDataDirectoryIsRefusedAndLeftEmpty() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("typo-\(UUID().uuidString)").path
        let database = (missing as NSString).appendingPathComponent("hailong.sqlite")
        let commands: [[String]] = [
            ["backup", "--data-dir", missing, "--to", missing + ".bak"],
            ["apikey", "add", "--data-dir", missing, "--name", "x", "--unit", "tam-phuoc"],
            ["webhook", "add", "--data-dir", missing, "--unit", "tam-phuoc", "--url", "https://example.vn/h", "--secret", "mot-khoa-ky-du-dai-16", "--events", "rating.low"],
        ]
        for arguments in commands {
            let result = try run(arguments)
            #expect(result.status != 0, "\(arguments[0]): \(result.output)")
            #expect(result.output.contains("không có cơ sở dữ liệu"), "\(arguments[0]): \(result.output)")
        }
        let user = try run(["user", "add", "--data-dir", missing, "--username", "x", "--role", "director", "--unit", "tam-phuoc"], input: "mot-mat-khau-dai\n")
        #expect(user.status != 0)
        #expect(!FileManager.default.fileExists(atPath: missing), "no database, nor the folder made for it, left behind")
        #expect(!FileManager.default.fileExists(atPath: missing + ".bak"))
        #expect(!FileManager.default.fileExists(atPath: (missing as NSString).appendingPathComponent("contact.key")))
        // The first admin of a new installation: the same command makes the database.
        let admin = try run(["user", "add", "--data-dir", missing, "--username", "quantri", "--role", "admin"], input: "mot-mat-khau-dai\n")
        #expect(admin.status == 0, "\(admin.output)")
        #expect(FileManager.default.fileExists(atPath: database))
    }

    /// A port outside 0-65535 is refused, not wrapped (70000 had listened on 4464).
    @Test func aPortOutOfRangeIsRefused() throws {
        let result = try run(["serve", "--port", "70000", "--data-dir", FileManager.default.temporaryDirectory.appendingPathComponent("port-\(UUID().uuidString)").path])
        #expect(result.status == 64, "\(result.output)")
        #expect(result.output.contains("65535"))
    }

    /// A setting no service could run with is refused at the start, from the command line
    /// and from the environment alike; before, `--ticket-hours nan` and `--min-n 0` started.
    @Test(arguments: [
        (["--ticket-hours=0"], [:], "HAILONG_TICKET_HOURS"),
        (["--ticket-hours", "nan"], [:], "HAILONG_TICKET_HOURS"),
        ([], ["HAILONG_TICKET_HOURS": "-2"], "HAILONG_TICKET_HOURS"),
        (["--min-n", "0"], [:], "HAILONG_MIN_N"),
        ([], ["HAILONG_MIN_N": "-5"], "HAILONG_MIN_N"),
        (["--poster-interval-minutes=-3"], [:], "HAILONG_POSTER_INTERVAL_MINUTES"),
        ([], ["HAILONG_POSTER_PER_ADDRESS": "0"], "HAILONG_POSTER_PER_ADDRESS"),
    ] as [([String], [String: String], String)])
    func aSettingOutOfRangeIsRefused(options: [String], environment: [String: String], named: String) throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("setting-\(UUID().uuidString)").path
        let result = try run(["serve", "--port", "0", "--data-dir", data] + options, environment: environment, seconds: 20)
        #expect(result.status == 64, "\(result.output)")
        #expect(result.output.contains(named), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: data), "refused before anything was made")
    }

    /// Fractions of an hour work from the environment as they do as options.
    @Test func aFractionalTicketLifetimeIsReadFromTheEnvironment() throws {
        // Refused for the minimum n, which is read after the lifetime: the 1.5 itself passed.
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("fraction-\(UUID().uuidString)").path
        let result = try run(["serve", "--port", "0", "--data-dir", data, "--min-n", "0"], environment: ["HAILONG_TICKET_HOURS": "1.5"], seconds: 20)
        #expect(result.status == 64)
        #expect(result.output.contains("HAILONG_MIN_N"), "\(result.output)")
        #expect(!result.output.contains("HAILONG_TICKET_HOURS"), "\(result.output)")
    }

    @Test func restoreMakesAVerifiedDataDirectoryAndNeverOverwritesOne() async throws {
        let server = try await TestServer()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let backupFile = work.appendingPathComponent("hailong-backup.sqlite").path
        #expect(try run(["backup", "--data-dir", server.config.dataDirectory, "--to", backupFile]).status == 0)
        // The vault's key, as the operator keeps it apart from the backups.
        let keyFile = work.appendingPathComponent("contact.key").path
        #expect(FileManager.default.createFile(atPath: keyFile, contents: Data(repeating: 7, count: 32)))

        let restoredDir = work.appendingPathComponent("data").path
        let restore = try run(["restore", "--from", backupFile, "--to", restoredDir, "--contact-key", keyFile])
        #expect(restore.status == 0, "\(restore.output)")
        let restored = try AppDatabase(path: restoredDir + "/hailong.sqlite")
        await #expect(try restored.units().map(\.code) == ["chon-thanh", "tam-phuoc"])
        let keyMode = try FileManager.default.attributesOfItem(atPath: restoredDir + "/contact.key")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        let dirMode = try FileManager.default.attributesOfItem(atPath: restoredDir)[.posixPermissions] as? Int
        #expect(dirMode == 0o700)
        #expect(try run(["verify", "--data-dir", restoredDir]).status == 0)

        // A directory holding a database is refused, and left as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: restoredDir + "/hailong.sqlite"))
        let again = try run(["restore", "--from", backupFile, "--to", restoredDir])
        #expect(again.status != 0)
        #expect(again.output.contains("không ghi đè"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: restoredDir + "/hailong.sqlite")) == before)
        let live = try run(["restore", "--from", backupFile, "--to", server.config.dataDirectory])
        #expect(live.status != 0, "never over the live database")

        // A file that is not a HaiLong database is refused and creates nothing.
        let junk = work.appendingPathComponent("junk.sqlite").path
        #expect(FileManager.default.createFile(atPath: junk, contents: Data("not a database".utf8)))
        let otherDir = work.appendingPathComponent("other").path
        let refused = try run(["restore", "--from", junk, "--to", otherDir])
        #expect(refused.status != 0)
        #expect(!FileManager.default.fileExists(atPath: otherDir + "/hailong.sqlite"))
    }

    @Test func helpNamesEverySubcommand() throws {
        let help = try run(["--help"])
        #expect(help.status == 0)
        for command in ["serve", "apikey", "backup", "restore", "verify"] { #expect(help.output.contains(command)) }
        let serve = try run(["serve", "--help"])
        for option in ["--host", "--port", "--data-dir", "--base-url", "--forms", "--demo"] { #expect(serve.output.contains(option)) }
    }
}

@Suite("hailong user add")
struct UserCommandTests {
    @Test func addsAnAccountWithThePasswordFromStandardInput() async throws {
        let server = try await TestServer()
        let tool = CommandLineTests.executable.path
        func run(_ arguments: [String], input: String) throws -> Int32 {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardInput = pipe
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus
        }
        let dir = server.config.dataDirectory
        #expect(try run(["user", "add", "--data-dir", dir, "--username", "GiamDoc.TP", "--role", "director", "--unit", "tam-phuoc"], input: "mot-mat-khau-dai\n") == 0)
        let user = try #require(try await server.database.user(username: "giamdoc.tp"))
        #expect(user.role == .director)
        #expect(user.passwordHash.hasPrefix("$2"), "bcrypt")
        #expect(!user.passwordHash.contains("mot-mat-khau-dai"))
        #expect(try run(["user", "add", "--data-dir", dir, "--username", "ngan", "--role", "viewer", "--unit", "tam-phuoc"], input: "ngan\n") != 0)
        #expect(try run(["user", "add", "--data-dir", dir, "--username", "vaitro", "--role", "boss", "--unit", "tam-phuoc"], input: "mot-mat-khau-dai\n") != 0)
        #expect(try run(["user", "add", "--data-dir", dir, "--username", "thieudonvi", "--role", "director"], input: "mot-mat-khau-dai\n") != 0)
        #expect(try await server.count("SELECT COUNT(*) FROM users") == 1)
    }
}

@Suite("hailong serve --demo")
struct ServeDemoTests {
    /// Starts the server, reads what it prints until `marker` appears (or 30 s), stops it.
    /// Its output goes to a file that is polled: Foundation's `readabilityHandler` on a pipe
    /// crashed libdispatch on Linux under the parallel test load.
    private func serve(dataDirectory: String, until marker: String) async throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let process = ChildProcess()
        process.executableURL = CommandLineTests.executable
        process.arguments = [
            "serve", "--demo", "--port", "\(try FreePort.find())", "--data-dir", dataDirectory,
            "--forms", TestServer.repoRoot.appendingPathComponent("Forms").path, "--public", TestServer.repoRoot.appendingPathComponent("Public").path,
        ]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        for _ in 0..<300 where !text.contains(marker) {
            try await Task.sleep(for: .milliseconds(100))
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        process.terminate()
        process.waitUntilExit()
        try output.close()
        return (try? String(contentsOf: log, encoding: .utf8)) ?? text
    }

    @Test func theFirstRunPrintsTheLoginsAndALaterRunSaysWhereTheyWent() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        let first = try await serve(dataDirectory: directory, until: "API key chon-thanh")
        #expect(first.contains("admin / "))
        #expect(first.contains("canbo.lan / "))
        #expect(first.contains("tam-phuoc"))
        let second = try await serve(dataDirectory: directory, until: "already has data")
        #expect(second.contains("already has data"))
        #expect(!second.contains("admin / "))
    }
}
