import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Storage
import Testing

@testable import App

/// axe-core on every citizen page and every staff screen, in the headless Chromium the other
/// browser tests drive, at phone and desktop widths. A serious or critical violation fails
/// the test, naming the page, the rule, its impact and the elements; moderate and minor ones
/// are printed for people to look at.
@Suite("Accessibility (axe-core)", .serialized)
struct AccessibilityTests {
    static let password = "mat-khau-dai-du"
    static let widths = [(360, 800, "360"), (1280, 900, "1280")]

    @Test func everyCitizenPageHasNoSeriousOrCriticalViolation() async throws {
        let axe = try AxeCore.source()
        try await Self.withLiveServer { browser, base, server in
            var audit = Audit(axe: axe, browser: browser, base: base)
            let poster = try server.posterToken()
            try await audit.page("rating page (poster, vi)", SiteURL.rating(.value(poster)).path, expect: "<form")

            let ticket = try Self.issueTicket(base: base, key: server.apiKey)
            let ticketURL = SiteURL.rating(.value(ticket))
            try await audit.page("rating page (ticket, vi)", ticketURL.path, expect: "<form")
            try await browser.click("button[value='3']")
            try await audit.current("details page (vi)", expect: "<fieldset")
            try await browser.click("button.send")
            try await audit.current("thanks page (vi)", expect: "<h1>")
            try await audit.page("error page: used ticket (410)", ticketURL.path, expect: "410")
            try await audit.page("error page: forged token (404)", SiteURL.rating(.value("khong-phai-ma-that-0123456789")).path, expect: "404")

            try await audit.page("rating page (poster, en)", SiteURL.rating(.value(poster)).path(language: .en), expect: "<form")
            try await browser.click("button[value='3']")
            try await audit.current("details page (en)", expect: "<fieldset")
            try await browser.click("button.send")
            try await audit.current("thanks page (en)", expect: "<h1>")
            try await audit.page(
                "error page: used ticket (410, en)", ticketURL.path(language: .en), expect: "410")

            // Feedback: the lowest rating offers the form about that visit; the form files the
            // item and the receipt shows its code; the tracking look-up.
            let unhappy = SiteURL.rating(.value(try Self.issueTicket(base: base, key: server.apiKey)))
            try await audit.page("rating page (before the lowest answer)", unhappy.path, expect: "<form")
            try await browser.click("button[value='1']")
            try await audit.current("details page with the feedback offer", expect: "/feedback?from=")
            try await browser.click("a.btn-link")
            try await audit.current("feedback form (from a rating)", expect: "name=\"kind\"")
            try await browser.click("input[value='phan-anh']")
            try await browser.click("#category option[value='thu-tuc']")
            try await browser.type("#description", "Hồ sơ bị trả lại mà không rõ lý do")
            try await browser.click("button.send")
            try await audit.current("receipt (/track, new)", expect: "class=\"code\"")
            let filedCode = String(try await browser.url.split(separator: "/").last?.prefix { $0 != "?" } ?? "")
            try await audit.page("personal data request form", SiteURL.trackPrivacy(.value(filedCode)).path, expect: "name=\"proof\"")
            try await browser.click("input[value='deletion']")
            try await browser.type("#proof", "0900 000 000")
            try await browser.click("button.send")
            try await audit.current("personal data request refused (422)", expect: "role=\"alert\"")
            try await audit.page("feedback form (vi)", SiteURL.feedback.path(["unit": "tam-phuoc"]), expect: "name=\"kind\"")
            try await audit.page("feedback form (en)", SiteURL.feedback.path(language: .en, ["unit": "tam-phuoc"]), expect: "name=\"kind\"")
            try await audit.page("feedback form (no unit)", SiteURL.feedback.path, expect: "name=\"unit\"")
            try await audit.page("tracking look-up", SiteURL.trackLookup.path, expect: "name=\"code\"")
            try await audit.page("transparency page (vi)", SiteURL.transparency.path, expect: "<svg")
            try await audit.page("transparency page (en)", SiteURL.transparency.path(language: .en), expect: "<svg")

            // The counter's rating tablet: its pairing form (a wrong code, then the right one),
            // its screen, a factor question, the thanks.
            let device = try await server.kioskDevice(askFactors: true)
            try await audit.page("kiosk pairing form", SiteURL.kiosk.path, expect: "name=\"code\"")
            try await browser.type("#code", "ZZZZ-ZZZZ")
            try await browser.click("button.send")
            try await audit.current("kiosk pairing refused (422)", expect: "role=\"alert\"")
            try await browser.execute("document.getElementById('code').value = '';")
            try await browser.type("#code", device.code.description)
            try await browser.click("button.send")
            try await audit.current("kiosk screen (idle)", expect: "id=\"k-rate\"")
            try await browser.click("#k-rate button.fd")
            try await audit.current("kiosk factor question", expect: "id=\"k-f0\"")
            try await browser.click("#k-f0 .kend")
            try await audit.current("kiosk thanks", expect: "id=\"k-thanks\"")
            audit.report()

            // The check itself: on a page spoilt on purpose, axe must find what is wrong, or a
            // silent engine would pass every page.
            // (Styles set from script: the pages' Content-Security-Policy refuses inline ones.)
            try await browser.execute(
                """
                const button = document.createElement('button'); button.className = 'canary';
                const faint = document.createElement('p'); faint.textContent = 'faint'; faint.style.color = '#ccc'; faint.style.background = '#fff';
                document.querySelector('main').append(button, faint);
                """)
            try await AxeCore.inject(axe, into: browser, page: "spoilt page")
            let spoilt = try await AxeCore.run(in: browser, page: "spoilt page")
            #expect(spoilt.contains { $0.rule == "button-name" && $0.impact == "critical" && $0.targets.contains { $0.contains("button") || $0.contains("canary") } }, "\(spoilt)")
            #expect(spoilt.contains { $0.rule == "color-contrast" && $0.impact == "serious" }, "\(spoilt)")
        }
    }

    @Test func everyStaffScreenHasNoSeriousOrCriticalViolation() async throws {
        let axe = try AxeCore.source()
        try await Self.withLiveServer { browser, base, server in
            try await server.addUser("quantri", .admin, unit: nil, password: Self.password)
            try await server.addUser("giamdoc", .director, unit: "tam-phuoc", password: Self.password)
            _ = try await server.database.createUser(
                username: "canbo.lan", passwordHash: Bcrypt.hash(Self.password, cost: 4), role: .officer, unitCode: "tam-phuoc", officerCode: "cb-lan",
                actor: "test", now: server.clock.now)
            var audit = Audit(axe: axe, browser: browser, base: base)
            let counter = try #require(server.demo.counters.first { $0.unitId == server.demo.units[0].id && $0.active }?.id)

            try await audit.page("/login", SiteURL.login.path, expect: "id=\"password\"")
            try await browser.type("#username", "quantri")
            try await browser.type("#password", "sai-mat-khau-roi")
            try await browser.click("button.btn")
            try await audit.current("/login (refused)", expect: "role=\"alert\"")

            // Administrator: every screen.
            try await Self.signIn("quantri", browser: browser, base: base)
            try await audit.page("/admin (admin)", SiteURL.admin.path, expect: "quantri")
            try await audit.page("/admin city view (admin)", SiteURL.admin.path(["unit": "all"]), expect: "<table")
            try await audit.page("monthly report, every unit (admin)", SiteURL.report(.value(.monthly)).path(["unit": "all"]), expect: "BÁO CÁO")
            try await audit.page("/admin/counters", SiteURL.counters.path, expect: "<table")
            try await audit.page("poster A4", SiteURL.counterPoster(.value(counter)).path, expect: "/qr/")
            try await audit.page("poster A5", SiteURL.counterPoster(.value(counter)).path(["size": "a5"]), expect: "/qr/")
            // Each poster prints on one sheet of its size, with the instruction and the URL.
            for (size, width, height) in [("a4", 21.0, 29.7), ("a5", 14.8, 21.0)] {
                try await browser.open(base + SiteURL.counterPoster(.value(counter)).path(["size": size == "a5" ? "a5" : nil]))
                let pdf = try await browser.printPDF(widthCm: width, heightCm: height)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("poster-\(size)-\(UUID().uuidString).pdf")
                try pdf.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let info = try Subprocess.run("/usr/bin/pdfinfo", [file.path]).text
                #expect(info.contains("Pages:           1"), "the \(size) poster prints on one page: \(info)")
                let text = try Subprocess.run("/usr/bin/pdftotext", [file.path, "-"]).text
                #expect(text.contains("Scan to rate") && text.contains("/r/"), "\(size): instruction and URL on the page")
            }
            try await audit.page("/admin/officers", SiteURL.officers.path, expect: "<table")
            try await audit.page("/admin/units", SiteURL.units.path, expect: "<table")
            try await audit.page("/admin/sectors", SiteURL.sectors.path, expect: "<table")
            try await audit.page("/admin/procedures", SiteURL.procedures.path, expect: "<table")
            try await audit.page("/admin/holidays", SiteURL.holidays.path, expect: "<form")
            try await audit.page("/admin/users (admin)", SiteURL.users.path, expect: "<table")
            try await audit.page("/admin/apikeys", SiteURL.apiKeys.path, expect: "<table")
            try await audit.page("/admin/devices", SiteURL.devices.path(["unit": "tam-phuoc"]), expect: "<table")
            try await browser.type("#name", "Máy tính bảng quầy 1")
            try await browser.click("form[action^='/admin/devices?'] button.btn")
            try await audit.current("/admin/devices (a new pairing code)", expect: "secret pairing")
            let webhook = try await server.database.createWebhook(
                unitCode: "tam-phuoc", url: "https://hotline.example.vn/hook", secretSealed: Data([1, 2, 3]), events: [.feedbackReceived], actor: "test",
                now: server.clock.now)
            try await server.database.enqueueWebhookTest(webhookId: webhook.id, now: server.clock.now)
            try await audit.page("/admin/webhooks", SiteURL.webhooks.path(["unit": "tam-phuoc"]), expect: "webhook.test")
            try await audit.page("/admin/audit", SiteURL.audit.path, expect: "<table")
            try await audit.page("/counter chooser (admin)", SiteURL.counterDisplay.path, expect: "<table")
            try await browser.deleteCookies()

            // Director: their dashboard (with figures, a chart, breakdowns), the lock
            // confirmation, the counter display.
            try await Self.signIn("giamdoc", browser: browser, base: base)
            try await audit.page("/admin (director)", SiteURL.admin.path, expect: "giamdoc")
            try await server.recordDashboardWeeks()
            try await audit.page("/admin dashboard with figures (director)", SiteURL.admin.path, expect: "<svg")
            try await audit.page("/admin dashboard, English, a phase", SiteURL.admin.path(["lang": "en", "period": "P2"]), expect: "<svg")
            try await audit.page("monthly report (director)", SiteURL.report(.value(.monthly)).path, expect: "BÁO CÁO")
            try await audit.page("weekly report, English tools", SiteURL.report(.value(.weekly)).path(language: .en), expect: "BÁO CÁO")
            let officerId = try await server.count("SELECT id FROM users WHERE username = 'canbo.lan'")
            try await audit.page("/admin/users (director)", SiteURL.users.path, expect: "canbo.lan")
            try await browser.click("form[action^='\(SiteURL.userDisable(.value(Int64(officerId))).path)'] button")
            try await audit.current("user-lock confirmation", expect: "name=\"confirm\"")
            try await audit.page("/counter chooser (director)", SiteURL.counterDisplay.path, expect: "<table")
            try await audit.page("/counter display", SiteURL.counterDisplay.path(["counter": String(counter)]), expect: "/qr/")
            // Personal data requests: the queue, one request with the contact data it opens,
            // and the person's receipt.
            let privacy = try await Self.privacyRequest(server)
            try await audit.page("/admin/privacy", SiteURL.privacyQueue.path, expect: privacy.reference)
            try await audit.page("personal data request (staff)", SiteURL.privacyRequest(.value(privacy.reference)).path, expect: "name=\"action\"")
            try await audit.page(
                "personal data request receipt", SiteURL.trackPrivacyReceipt(.value(privacy.itemCode.description), .value(privacy.reference)).path,
                expect: "class=\"code\"")
            try await browser.deleteCookies()

            // Officer: their home, their figures, the chooser that takes a counter.
            try await Self.signIn("canbo.lan", browser: browser, base: base)
            try await audit.page("/admin (officer)", SiteURL.admin.path, expect: "canbo.lan")
            try await audit.page("/me", SiteURL.me.path, expect: "<table")
            try await audit.page("/counter chooser (officer)", SiteURL.counterDisplay.path, expect: "<table")
            audit.report()
        }
    }

    /// Visits pages and collects axe's findings.
    struct Audit {
        let axe: String
        let browser: WebDriver
        let base: String
        var findings: [AxeCore.Violation] = []
        var pages = 0

        /// Opens `path` and audits it.
        mutating func page(_ name: String, _ path: String, expect marker: String) async throws {
            try await browser.open(base + path)
            try await current(name, expect: marker)
        }

        /// Audits what the browser shows now, at each width, once the page is the one meant.
        mutating func current(_ name: String, expect marker: String) async throws {
            // A click that posts a form may return before the answer has loaded: wait for it.
            var source = try await browser.source
            for _ in 0..<50 where !source.contains(marker) {
                try await Task.sleep(for: .milliseconds(100))
                source = try await browser.source
            }
            let url = try await browser.url
            try #require(source.contains(marker), "\(name) is not the page meant (no \(marker)) at \(url)")
            try await AxeCore.inject(axe, into: browser, page: name)
            for (width, height, label) in AccessibilityTests.widths {
                try await browser.resize(width: width, height: height)
                findings += try await AxeCore.run(in: browser, page: "\(name) @\(label)px")
                // Nothing may push the page sideways on a phone: wide tables scroll in their box.
                let overflow = try await browser.execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int ?? -1
                #expect(overflow == 0, "\(name) overflows sideways by \(overflow) px at \(label) px")
            }
            // The narrowest phones the pages are designed for (README: 320 px).
            try await browser.resize(width: 320, height: 700)
            let narrow = try await browser.execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int ?? -1
            #expect(narrow == 0, "\(name) overflows sideways by \(narrow) px at 320 px")
            pages += 1
        }

        /// Fails on every serious or critical violation; prints the others.
        func report() {
            print("axe-core \(AxeCore.version(axe)): \(pages) pages at \(AccessibilityTests.widths.count) widths, \(findings.count) findings")
            for finding in findings where !finding.isSerious { print("axe-core (\(finding.impact), not failing): \(finding)") }
            for finding in findings where finding.isSerious { Issue.record("axe-core: \(finding)") }
        }
    }

    /// A server on a real port, as `BrowserJourneyTests` starts it, and a browser.
    static func withLiveServer(_ body: @Sendable (WebDriver, String, TestServer) async throws -> Void) async throws {
        try await OneBrowser.run { try await liveServer(body) }
    }

    private static func liveServer(_ body: @Sendable (WebDriver, String, TestServer) async throws -> Void) async throws {
        let port = try FreePort.find()
        let base = "http://127.0.0.1:\(port)"
        let server = try await TestServer {
            $0.port = port
            $0.baseURL = base
        }
        let app = try await buildApplication(server.config)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            let browser = try await WebDriver()
            do {
                var up = false
                for _ in 0..<200 where !up {
                    up = try await BrowserJourneyTests.fetch(base + SiteURL.healthz.path) == "ok"
                    if !up { try await Task.sleep(for: .milliseconds(100)) }
                }
                try #require(up, "the server did not start")
                try await body(browser, base, server)
                await browser.quit()
            } catch {
                await browser.quit()
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    static func signIn(_ username: String, browser: WebDriver, base: String) async throws {
        try await browser.open(base + SiteURL.login.path)
        try await browser.type("#username", username)
        try await browser.type("#password", password)
        try await browser.click("button.btn")
        let signedIn = try await eventually { try await browser.url == base + SiteURL.admin.path }
        let url = try await browser.url
        try #require(signedIn, "\(username) did not sign in: \(url)")
    }

    /// An item with contact data and an access request about it, recorded directly.
    static func privacyRequest(_ server: TestServer) async throws -> PrivacyRequest {
        let vault = try ContactVault(dataDirectory: server.config.dataDirectory)
        let unitId = try #require(server.demo.units.first { $0.code == "tam-phuoc" }?.id)
        let item = try await server.database.receiveFeedback(
            FeedbackIntake(
                unitId: unitId, kind: .phanAnh, category: .thuTuc, channel: .web, description: "Hồ sơ bị trả lại", isAnonymous: false,
                sealedContact: try vault.seal(FeedbackContact(name: "Trần Thị Bình", address: "45 Nguyễn Huệ", phone: "0912 345 678")),
                consentPurpose: FeedbackIntakeService.purpose, receivedAt: server.clock.now, actor: "citizen"),
            limits: .standard, links: PublicURLs(base: TestServer.baseURL).webhookLinks, now: server.clock.now)
        return try await server.database.recordPrivacyRequest(itemId: item.id, kind: .access, sealedCorrection: nil, now: server.clock.now)
    }

    /// A single-use ticket from the tickets API, over the socket with curl.
    static func issueTicket(base: String, key: String) throws -> String {
        let data = try postJSON(base: base, key: key, path: SiteURL.apiTickets.path, #"{"counter":"q1"}"#)
        let json = try #require(try? JSONSerialization.jsonObject(with: data) as? [String: Any], "no ticket: \(String(decoding: data, as: UTF8.self))")
        return try #require(json["token"] as? String)
    }

    /// A partner API call over the socket with curl; its body. A setup step, not a measure of
    /// speed: the whole suite runs at once on 2 cores, where the server (a debug build) has
    /// taken over 5 s to answer, so the limit is WebDriver's.
    static func postJSON(base: String, key: String, path: String, _ body: String) throws -> Data {
        try Subprocess.run(
            "/usr/bin/curl",
            [
                "-s", "--max-time", "60", "-X", "POST", "-H", "Authorization: Bearer \(key)", "-H", "Content-Type: application/json",
                "--data", body, base + path,
            ]
        ).output
    }
}
