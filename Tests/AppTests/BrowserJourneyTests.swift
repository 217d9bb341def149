import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The staff journey in a real browser, end to end: sign in, add a counter, open its poster,
/// open the counter display, read its QR from a screenshot with zbarimg, rate on that URL in a
/// second tab, and see the display move on by itself. Screenshots of every page at phone and
/// desktop widths are written to LiveTests.screenshots for people to look at.
@Suite("Browser journey", .serialized)
struct BrowserJourneyTests {
    @Test func signInAddACounterPrintItsPosterDisplayItAndSeeItMoveOn() async throws {
        try await OneBrowser.run { try await run() }
    }

    private func run() async throws {
        let port = try FreePort.find()
        let base = "http://127.0.0.1:\(port)"
        let server = try await TestServer {
            $0.port = port
            $0.baseURL = base
        }
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc", password: "mat-khau-dai-du")
        let app = try await buildApplication(server.config)
        // Served on the port the QR codes name (the .live test framework picks its own).
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            let browser = try await WebDriver()
            do {
                try await journey(browser, base: base, server: server)
                await browser.quit()
            } catch {
                await browser.quit()
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    private func journey(_ browser: WebDriver, base: String, server: TestServer) async throws {
        try FileManager.default.createDirectory(at: LiveTests.screenshots, withIntermediateDirectories: true)
        func shoot(_ name: String) async throws {
            for (width, height, label) in [(360, 800, "phone"), (1280, 900, "desktop")] {
                try await browser.resize(width: width, height: height)
                try await browser.screenshot(to: LiveTests.screenshots.appendingPathComponent("\(name)-\(label).png").path)
            }
        }

        var up = false
        for _ in 0..<200 where !up {
            up = try await Self.fetch(base + "/healthz") == "ok"
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "the server did not start")
        try await browser.open(base + "/admin")
        #expect(try await browser.url.hasPrefix(base + "/login"), "signed out: sent to sign in")
        try await shoot("login")
        try await browser.type("#username", "giamdoc")
        try await browser.type("#password", "mat-khau-dai-du")
        try await browser.click("button.btn")
        #expect(try await eventually { try await browser.url == base + "/admin" })
        try await shoot("admin")

        try await browser.open(base + "/admin/counters")
        try await browser.type("#code", "q4")
        try await browser.type("#name", "Quầy 4 - Thử nghiệm")
        try await browser.click("form[action^='/admin/counters?'] button")
        #expect(try await eventually { try await browser.source.contains("Đã thêm quầy q4") })
        try await shoot("counters")
        let counterId = try await server.count("SELECT id FROM counters WHERE code = 'q4'")

        try await browser.open(base + "/admin/counters/\(counterId)/poster")
        #expect(try await browser.source.contains("Quầy 4 - Thử nghiệm"))
        try await shoot("poster")

        try await browser.open(base + "/counter?counter=\(counterId)")
        try await shoot("display")
        let display = try await browser.window
        let shownURL = try ZBar.decode(LiveTests.screenshots.appendingPathComponent("display-desktop.png").path)
        #expect(shownURL.hasPrefix(base + "/r/"), "the display's QR carries a rating URL: \(shownURL)")
        let firstToken = String(shownURL.dropFirst((base + "/r/").count))

        let phone = try await browser.newWindow()
        try await browser.switchTo(phone)
        try await browser.open(shownURL)
        #expect(try await browser.source.contains("Quầy 4 - Thử nghiệm"))
        try await shoot("rating")
        try await browser.click("button[value='3']")
        #expect(try await eventually { try await browser.source.contains("Đánh giá đã được ghi nhận") })
        try await shoot("details")
        #expect(try await server.count("SELECT COUNT(*) FROM responses r JOIN tickets t ON t.id = r.ticketId WHERE t.token = '\(firstToken)'") == 1)

        // Back on the display tab, untouched: its script sees the ticket used and reloads.
        try await browser.switchTo(display)
        var movedOn = false
        for _ in 0..<120 where !movedOn {
            try await Task.sleep(for: .milliseconds(250))
            let source = try await browser.source
            movedOn = source.contains("/qr/") && !source.contains(firstToken)
        }
        #expect(movedOn, "the display shows a fresh ticket by itself")
        try await shoot("display-next")
    }

    /// A body fetched with curl, as the server's health check.
    static func fetch(_ url: String) async throws -> String {
        try Subprocess.run("/usr/bin/curl", ["-s", "--max-time", "2", url]).text
    }

}
