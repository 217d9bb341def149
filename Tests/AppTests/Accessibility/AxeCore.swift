import Foundation
import Testing

/// axe-core, Deque's accessibility engine, as PyPI's `axe-playwright-python` ships it: the
/// package carries `axe.min.js` inside its wheel and `make test-deps` installs it with pip
/// (scripts/pip-ensure). Only that file is used, run in the headless Chromium the other
/// browser tests drive; Playwright itself is never started.
enum AxeCore {
    /// The pinned package; `make test-deps` installs this version.
    static let package = "axe-playwright-python==0.1.8"

    /// The source of axe.min.js. Fails (never skips) when it cannot be found: `make test`
    /// installs it, so a missing file is a broken machine, not an optional check.
    static func source() throws -> String {
        let directory = try packageDirectory()
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: String?
        while let file = enumerator?.nextObject() as? String {
            if (file as NSString).lastPathComponent == "axe.min.js" {
                found = (directory as NSString).appendingPathComponent(file)
                break
            }
        }
        let path = try #require(found, "no axe.min.js under \(directory): `make test-deps` installs \(package)")
        let script = try String(contentsOfFile: path, encoding: .utf8)
        try #require(script.contains("axe v4."), "\(path) is not an axe-core 4.x engine")
        return script
    }

    /// Where Python finds the package: `python3` from PATH, the one `make test-deps` used.
    private static func packageDirectory() throws -> String {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import axe_playwright_python, os; print(os.path.dirname(axe_playwright_python.__file__))"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            Issue.record("python3 could not be started (\(error)): `make test-deps` installs \(package)")
            throw error
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let directory = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(
            process.terminationStatus == 0 && !directory.isEmpty,
            "python3 cannot import axe_playwright_python (\(problem.suffix(300))): `make test-deps` installs \(package)")
        return directory
    }

    /// "4.12.1", from the file's banner.
    static func version(_ source: String) -> String {
        guard let range = source.range(of: "axe v") else { return "?" }
        return String(source[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// One rule's violation on one page.
    struct Violation: Sendable, CustomStringConvertible {
        let page: String
        let rule: String
        let impact: String
        let help: String
        let targets: [String]

        /// What fails `make test`: axe's two highest impacts.
        var isSerious: Bool { impact == "serious" || impact == "critical" }

        var description: String {
            "\(page): \(rule) (\(impact)) - \(help) - at \(targets.prefix(8).joined(separator: " | "))\(targets.count > 8 ? " ..." : "")"
        }
    }

    /// Loads the engine into the page the browser shows (once per page load).
    static func inject(_ source: String, into browser: WebDriver, page: String) async throws {
        try await browser.execute(source + "\n;return typeof axe;")
        let loaded = try await browser.execute("return typeof axe === 'object' && typeof axe.run === 'function' ? axe.version : null;")
        try #require(loaded is String, "axe.min.js did not load on \(page): \(String(describing: loaded))")
    }

    /// Runs `axe.run` on the whole document through WebDriver's asynchronous execute.
    static func run(in browser: WebDriver, page: String) async throws -> [Violation] {
        let result = try await browser.executeAsync(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (results) {
              done(JSON.stringify(results.violations.map(function (v) {
                return {id: v.id, impact: v.impact || 'unknown', help: v.help,
                        targets: v.nodes.map(function (n) { return n.target.join(' '); })};
              })));
            }).catch(function (error) { done('axe failed: ' + error); });
            """)
        let text = try #require(result as? String, "axe returned nothing on \(page): \(String(describing: result))")
        let decoded = try #require(
            try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "axe's answer on \(page) is not a list: \(text.prefix(300))")
        return decoded.map {
            Violation(
                page: page, rule: $0["id"] as? String ?? "?", impact: $0["impact"] as? String ?? "unknown", help: $0["help"] as? String ?? "",
                targets: $0["targets"] as? [String] ?? [])
        }
    }
}
