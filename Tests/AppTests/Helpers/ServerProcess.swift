import Foundation
import Testing

/// The built `hailong serve` as a separate process on a free port, for tests that kill it.
final class ServerProcess {
    let process = ChildProcess()
    let port: Int
    let base: String

    init(dataDirectory: String, formsDirectory: String) async throws {
        port = try FreePort.find()
        base = "http://127.0.0.1:\(port)"
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--data-dir", dataDirectory, "--port", "\(port)", "--forms", formsDirectory]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        let base = self.base
        try #require(
            try await eventually(seconds: 30) { (try? Subprocess.run("/usr/bin/curl", ["-s", base + "/healthz"]).text) == "ok" },
            "the server did not start")
    }

    /// The server's peak resident memory so far (VmHWM in /proc/PID/status), in kB.
    var peakResidentKilobytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    /// Signs in through the login form with curl; returns the cookie jar's path for `curl -b`.
    func signIn(_ username: String, password: String = "mat-khau-dai-du") throws -> String {
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path
        _ = try Subprocess.run("/usr/bin/curl", ["-s", "-c", jar, "-o", "/dev/null", base + "/login"])
        let cookies = try String(contentsOfFile: jar, encoding: .utf8)
        let fields: [[Substring]] = cookies.split(separator: "\n").map { $0.split(separator: "\t") }
        let line: [Substring]? = fields.first { $0.count >= 7 && $0[5] == "hl_login" }
        let token = try #require(line.map { String($0[6]) })
        let status = try Subprocess.run(
            "/usr/bin/curl",
            ["-s", "-b", jar, "-c", jar, "-o", "/dev/null", "-w", "%{http_code}", "--data", "_csrf=\(token)&username=\(username)&password=\(password)&next=%2Fadmin", base + "/login"]
        ).text
        try #require(status == "303", "sign-in refused: \(status)")
        return jar
    }

    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Citizens rating through the API from 16 parallel clients, each a ticket then its rating.
/// Every rating the server acknowledged (201) is written as "TOKEN SECONDS" (the Unix time
/// of the acknowledgement) to `acknowledgedFile`.
final class RatingLoad {
    let process = ChildProcess()
    let acknowledgedFile = FileManager.default.temporaryDirectory.appendingPathComponent("acknowledged-\(UUID().uuidString).txt")

    init(server: ServerProcess, apiKey: String, ratings: Int) throws {
        let client = """
            tok=$(curl -s -m 5 -X POST -H 'Authorization: Bearer \(apiKey)' -H 'Content-Type: application/json' \
              -d '{"counter":"q1"}' \(server.base)/api/v1/tickets | sed -n 's/.*"token":"\\([^"]*\\)".*/\\1/p')
            [ -n "$tok" ] || exit 0
            code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
              -d "{\\"token\\":\\"$tok\\",\\"answers\\":{\\"overall\\":3}}" \(server.base)/api/v1/responses)
            [ "$code" = 201 ] && echo "$tok $(date +%s.%N)"
            exit 0
            """
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("rating-client-\(UUID().uuidString).sh")
        try Data(client.utf8).write(to: script)
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "seq 1 \(ratings) | xargs -P 16 -n 1 sh '\(script.path)' > '\(acknowledgedFile.path)'"]
        try process.run()
    }

    /// Acknowledged ratings so far: token and time.
    var acknowledged: [(token: String, at: Double)] {
        String(decoding: (try? Data(contentsOf: acknowledgedFile)) ?? Data(), as: UTF8.self).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let at = Double(parts[1]) else { return nil }
            return (String(parts[0]), at)
        }
    }

    func wait() { process.waitUntilExit() }
}
