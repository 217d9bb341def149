import Foundation
import GRDB
import Hummingbird
import Testing

@testable import App
@testable import Storage

/// The rating tablet in headless Chromium, served on a real port: pairing by typing the code,
/// a ticket from the API appearing without a reload, the factor questions, then the network
/// cut (DevTools offline emulation) while citizens tap - a ticket's tap whose ticket expires
/// meanwhile, and idle taps - and restored: every tap is recorded exactly once, a resend of
/// all of them changes nothing, and after a server restart the screen follows tickets again by
/// itself. Screenshots at 800x1280 and 1280x800 go to LiveTests.screenshots as kiosk-*.png.
@Suite("Kiosk browser journey", .serialized)
struct KioskBrowserTests {
    @Test func aTabletFollowsTicketsAndLosesNoTapWhenTheNetworkDrops() async throws {
        try await OneBrowser.run { try await run() }
    }

    private func run() async throws {
        let port = try FreePort.find()
        let base = "http://127.0.0.1:\(port)"
        let server = try await TestServer {
            $0.port = port
            $0.baseURL = base
            // Every idle tap counts, so every tap of the journey must be recorded; the interval
            // has its own test.
            $0.kioskTiming.minimumInterval = 0
        }
        let device = try await server.kioskDevice(askFactors: true)
        var running = try await Self.serve(server)
        let browser = try await WebDriver(width: 800, height: 1280)
        do {
            try await journey(browser, base: base, server: server, code: device.code.description) {
                // The server restarts under the open page: stopped, then started on the same port.
                running.cancel()
                _ = await running.result
                running = try await Self.serve(server)
            }
            await browser.quit()
            running.cancel()
        } catch {
            await browser.quit()
            running.cancel()
            throw error
        }
    }

    /// The application on the test's port, with the test's clock, until cancelled.
    private static func serve(_ server: TestServer) async throws -> Task<Void, Error> {
        let app = try await buildApplication(server.config, clock: server.clock)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        let base = "http://127.0.0.1:\(server.config.port)"
        let up = try await eventually(seconds: 20) { (try? await BrowserJourneyTests.fetch(base + "/healthz")) == "ok" }
        try #require(up, "the server did not start")
        return task
    }

    private func journey(
        _ browser: WebDriver, base: String, server: TestServer, code: String, restart: () async throws -> Void
    ) async throws {
        try FileManager.default.createDirectory(at: LiveTests.screenshots, withIntermediateDirectories: true)
        func shoot(_ name: String) async throws {
            for (width, height, label) in [(800, 1280, "portrait"), (1280, 800, "landscape")] {
                // The viewport itself at the tablet's size (a window's size includes the browser's own bars).
                try await browser.cdp("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
                try await Task.sleep(for: .milliseconds(300))
                try await browser.screenshot(to: LiveTests.screenshots.appendingPathComponent("kiosk-\(name)-\(label).png").path)
            }
        }
        func visible(_ selector: String) async throws -> Bool {
            try await browser.execute("var e = document.querySelector(arguments[0]); return !!e && e.offsetParent !== null;", [selector]) as? Bool ?? false
        }
        func waitFor(_ selector: String, seconds: Double = 15) async throws {
            let shown = try await eventually(seconds: seconds) { try await visible(selector) }
            try #require(shown, "\(selector) never showed")
        }
        func pending() async throws -> String {
            try await browser.execute("return localStorage.getItem('hailong.kiosk.pending') || '[]';") as? String ?? ""
        }
        func issue(_ body: String) throws -> String {
            let answer = try Subprocess.run(
                "/usr/bin/curl",
                ["-s", "-X", "POST", base + "/api/v1/tickets", "-H", "Authorization: Bearer \(server.apiKey)", "-H", "Content-Type: application/json", "-d", body])
            let json = try #require(try JSONSerialization.jsonObject(with: answer.output) as? [String: Any])
            return try #require(json["token"] as? String, "no ticket: \(answer.text)")
        }

        // Pairing: the code typed on the tablet, no staff account.
        try await browser.open(base + "/kiosk")
        try await waitFor("#code")
        try await shoot("pairing")
        try await browser.type("#code", code)
        try await browser.click("button.send")
        try await waitFor("#k-rate")
        try await waitFor("#k-idle")
        try await browser.execute("window.samePage = true;")
        try await shoot("idle")

        // A ticket from the one-stop software: the screen shows it by itself.
        let first = try issue(#"{"counter":"q1","officer":"cb-lan","procedure":"1.004227"}"#)
        try await waitFor("#k-tx")
        #expect(try await browser.source.contains("Đăng ký biến động quyền sử dụng đất"))
        try await shoot("transaction")
        try await browser.click("#k-rate button.fd")
        try await waitFor("#k-f0")
        try await shoot("factor")
        try await browser.click("#k-f0 button.fh")
        try await waitFor("#k-f1")
        try await browser.click("#k-f1 button.fd")
        try await waitFor("#k-f2")
        try await browser.click("#k-f2 .kend")
        try await waitFor("#k-thanks")
        try await shoot("thanks")
        #expect(try await eventually(seconds: 10) { try await pending() == "[]" })
        #expect(try await server.count("SELECT COUNT(*) FROM responses r JOIN tickets t ON t.id = r.ticketId WHERE t.token = '\(first)' AND r.channel = 'kiosk'") == 1)
        #expect(try await server.count("SELECT COUNT(*) FROM answers") == 3, "the overall answer and two factor answers")
        try await browser.click("#k-thanks a")
        try await waitFor("#k-idle")

        // The network goes; a citizen rates the next transaction, whose ticket then expires,
        // and two more tap the idle screen.
        let second = try issue(#"{"counter":"q1","officer":"cb-minh","procedure":"1.009994"}"#)
        try await waitFor("#k-tx")
        try await browser.setOffline(true)
        try await browser.click("#k-rate button.fh")
        try await waitFor("#k-f0")
        try await browser.click("#k-f0 .kend")
        try await waitFor("#k-thanks")
        try await browser.click("#k-thanks a")
        server.clock.advance(by: 26 * 3600)
        try await waitFor("#k-idle")
        for face in ["fx", "fd"] {
            try await browser.click("#k-rate button.\(face)")
            try await waitFor("#k-f0")
            if face == "fd" {
                try await browser.click("#k-f0 button.fn")
                try await waitFor("#k-f1")
                try await browser.click("#k-f1 .kend")
            } else {
                try await browser.click("#k-f0 .kend")
            }
            try await waitFor("#k-thanks")
            try await browser.click("#k-thanks a")
            try await waitFor("#k-idle")
        }
        let held = try await pending()
        let heldItems = try #require(try JSONSerialization.jsonObject(with: Data(held.utf8)) as? [[String: Any]])
        #expect(heldItems.count == 4, "three taps and one set of factor answers wait on the tablet: \(held)")
        try await Task.sleep(for: .seconds(2))
        #expect(try await server.kioskResponses() == 1, "nothing reached the server while offline")

        // The network returns: everything held arrives, once.
        try await browser.setOffline(false)
        #expect(try await eventually(seconds: 45) { try await pending() == "[]" }, "the tablet sent what it held")
        #expect(try await server.kioskResponses() == 4)
        #expect(try await server.count("SELECT COUNT(*) FROM kioskTaps") == 4)
        #expect(try await server.count("SELECT COUNT(DISTINCT responseId) FROM kioskTaps") == 4)
        #expect(try await server.count("SELECT COUNT(*) FROM answers") == 3 + 3 + 1, "four overall answers, three factor answers")
        let late = try await server.database.pool.read { db -> (officer: String?, at: Date?) in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT o.code AS officer, r.createdAt FROM responses r JOIN tickets t ON t.id = r.ticketId JOIN officers o ON o.id = r.officerId WHERE t.token = ?",
                arguments: [second])
            return (row?["officer"], row?["createdAt"])
        }
        #expect(late.officer == "cb-minh", "the late tap keeps its ticket's officer")
        #expect(late.at.map { abs($0.timeIntervalSince(server.clock.now)) < 1 } == true, "stamped by the server when it arrived")

        // Every one of them sent again (an answer lost on the way): nothing changes.
        try await browser.execute("localStorage.setItem('hailong.kiosk.pending', arguments[0]); location.reload();", [held])
        try await waitFor("#k-rate")
        #expect(try await eventually(seconds: 20) { try await pending() == "[]" })
        #expect(try await server.kioskResponses() == 4)
        #expect(try await server.count("SELECT COUNT(*) FROM kioskTaps") == 4)
        #expect(try await server.count("SELECT COUNT(*) FROM answers") == 7)

        // The server restarts; the open page follows the next ticket without a reload.
        try await browser.execute("window.samePage = true;")
        try await restart()
        let third = try issue(#"{"counter":"q1","procedure":"1.001193"}"#)
        let followed = try await eventually(seconds: 30) {
            guard try await browser.source.contains("Đăng ký khai sinh") else { return false }
            return try await visible("#k-tx")
        }
        #expect(followed, "ticket \(third) on the screen after the restart")
        #expect(try await browser.execute("return window.samePage === true;") as? Bool == true, "no reload")
    }
}
