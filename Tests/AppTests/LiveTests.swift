import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The one test over a real socket: a browser opens the rating page at phone width.
@Suite("Live server")
struct LiveTests {
    /// Where screenshots go, to be looked at: `swift test` prints the path.
    static let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-screenshots")

    @Test func aPhoneBrowserRendersTheRatingPageAt360Pixels() async throws {
        let server = try TestServer()
        let poster = try server.posterToken()
        let app = try await buildApplication(server.config)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let health = try await client.get("/healthz")
            #expect(health.text == "ok")

            try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
            for (name, path) in [("rating-vi", "/r/\(poster)"), ("rating-en", "/r/\(poster)?lang=en")] {
                let file = Self.screenshots.appendingPathComponent("\(name)-360.png")
                try? FileManager.default.removeItem(at: file)
                try await Chromium.screenshot(url: "http://127.0.0.1:\(port)\(path)", width: 360, height: 740, to: file.path)
                let png = try Data(contentsOf: file)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                #expect(Chromium.pngWidth(png) == 360)
                print("screenshot: \(file.path)")
            }
            // The browser only looked: it recorded nothing.
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 0)
        }
    }
}

/// Headless Chromium (Debian's `chromium`, installed by `make test`).
enum Chromium {
    static func executable() throws -> String {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "chromium is missing: `make test` installs it")
    }

    static func screenshot(url: String, width: Int, height: Int, to path: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--user-data-dir=\(FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path)",
            "--window-size=\(width),\(height)", "--screenshot=\(path)", url,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium runs in its own process; wait without blocking the server's threads.
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        try #require(FileManager.default.fileExists(atPath: path), "chromium wrote no screenshot")
    }

    /// Width from the PNG's IHDR chunk.
    static func pngWidth(_ png: Data) -> Int? {
        guard png.count > 24 else { return nil }
        return png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }
}
