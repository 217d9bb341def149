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
        let server = try await TestServer()
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

