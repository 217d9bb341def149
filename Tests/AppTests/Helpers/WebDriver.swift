import Foundation
import Testing

/// A minimal W3C WebDriver client for headless Chromium through `chromedriver` (Debian's
/// chromium-driver, installed by `make test`): enough to click through the staff pages as a
/// person would.
final class WebDriver: @unchecked Sendable {
    private let driver: ChildProcess
    private let base: String
    private var session = ""

    init(width: Int = 360, height: Int = 800) async throws {
        let executable = "/usr/bin/chromedriver"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "chromedriver is missing: `make test` installs chromium-driver")
        let port = try FreePort.find()
        driver = ChildProcess()
        driver.executableURL = URL(fileURLWithPath: executable)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await call("GET", "/status"))?["value"] != nil
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(ready, "chromedriver did not start")
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": try Chromium.executable(),
                        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)"],
                    ],
                ]
            ]
        ]
        let created = try await call("POST", "/session", capabilities)
        session = try #require((created["value"] as? [String: Any])?["sessionId"] as? String, "no WebDriver session: \(created)")
    }

    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        driver.terminate()
    }

    func open(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    var url: String {
        get async throws { try await call("GET", "/session/\(session)/url")["value"] as? String ?? "" }
    }

    var source: String {
        get async throws { try await call("GET", "/session/\(session)/source")["value"] as? String ?? "" }
    }

    func type(_ selector: String, _ text: String) async throws {
        _ = try await call("POST", "/session/\(session)/element/\(try await element(selector))/value", ["text": text])
    }

    func click(_ selector: String) async throws {
        _ = try await call("POST", "/session/\(session)/element/\(try await element(selector))/click", [String: Any]())
    }

    func resize(width: Int, height: Int) async throws {
        _ = try await call("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// Opens a new tab and returns its handle; `switchTo` moves between tabs.
    func newWindow() async throws -> String {
        let value = try await call("POST", "/session/\(session)/window/new", ["type": "tab"])["value"] as? [String: Any]
        return try #require(value?["handle"] as? String)
    }

    var window: String {
        get async throws { try await call("GET", "/session/\(session)/window")["value"] as? String ?? "" }
    }

    func switchTo(_ handle: String) async throws { _ = try await call("POST", "/session/\(session)/window", ["handle": handle]) }

    func screenshot(to path: String) async throws {
        let encoded = try #require(try await call("GET", "/session/\(session)/screenshot")["value"] as? String)
        try #require(Data(base64Encoded: encoded)).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `script` in the page (WebDriver "execute/sync") and returns its value.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await call("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])["value"]
    }

    /// Runs `script` in the page (WebDriver "execute/async"): its last argument is the callback
    /// that hands back the value. Waits up to `timeout` seconds for it.
    func executeAsync(_ script: String, _ arguments: [Any] = [], timeout: Int = 50) async throws -> Any? {
        _ = try await call("POST", "/session/\(session)/timeouts", ["script": timeout * 1000])
        return try await call("POST", "/session/\(session)/execute/async", ["script": script, "args": arguments])["value"]
    }

    /// The page printed to PDF (WebDriver "print"), on paper of `width` x `height` cm with the
    /// page's own backgrounds, as a person's "Print" would.
    func printPDF(widthCm: Double, heightCm: Double, marginCm: Double = 1) async throws -> Data {
        let body: [String: Any] = [
            "page": ["width": widthCm, "height": heightCm],
            "margin": ["top": marginCm, "bottom": marginCm, "left": marginCm, "right": marginCm], "background": true,
        ]
        let encoded = try #require(try await call("POST", "/session/\(session)/print", body)["value"] as? String)
        return try #require(Data(base64Encoded: encoded))
    }

    /// A Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`), e.g.
    /// `Network.emulateNetworkConditions` to take the page offline and back.
    @discardableResult
    func cdp(_ command: String, _ parameters: [String: Any] = [:]) async throws -> [String: Any] {
        try await call("POST", "/session/\(session)/goog/cdp/execute", ["cmd": command, "params": parameters])
    }

    /// Cuts the page's network (DevTools offline emulation) or restores it.
    func setOffline(_ offline: Bool) async throws {
        try await cdp("Network.enable")
        let answer = try await cdp(
            "Network.emulateNetworkConditions", ["offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1])
        try #require(answer["value"] != nil, "chromedriver refused the network conditions: \(answer)")
    }

    /// The page printed to PDF as the page's own CSS lays it out (`@page` size and margins),
    /// through Chromium's DevTools command behind chromedriver: WebDriver's own "print" sets
    /// the paper and margins itself and ignores `@page`.
    func printPDFAsPageCSS() async throws -> Data {
        let answer = try await cdp("Page.printToPDF", ["preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false])
        let value = try #require(answer["value"] as? [String: Any], "no PDF: \(answer)")
        let encoded = try #require(value["data"] as? String, "no PDF: \(answer)")
        return try #require(Data(base64Encoded: encoded))
    }

    /// Signs the browser out of everything: every cookie of the current site goes.
    func deleteCookies() async throws { _ = try await call("DELETE", "/session/\(session)/cookie") }

    private func element(_ selector: String) async throws -> String {
        let found = try await call("POST", "/session/\(session)/element", ["using": "css selector", "value": selector])
        let value = try #require(found["value"] as? [String: Any], "no element \(selector): \(found)")
        return try #require(value.values.first as? String, "no element \(selector)")
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> [String: Any] {
        // curl, not URLSession: Foundation's client fails against chromedriver on Linux
        // ("Failed writing header").
        var arguments = ["-s", "--max-time", "60", "-X", method, base + path]
        if let body {
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
            _ = body
        }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let body { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}

/// A TCP port nothing listens on now, for a server a test starts itself.
enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0, "could not bind a port")
        var out = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &out) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: out.sin_port))
    }
}
