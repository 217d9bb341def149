import Foundation
import Hummingbird
@testable import Storage
import Testing

@testable import App

/// Issue 8's journey in a real browser: a citizen rates the lowest level, files feedback about
/// that visit with a photo, the director assigns it, the assigned officer starts and resolves
/// it, and the citizen reads the result on /track and reopens it. Screenshots at phone width
/// land in LiveTests.screenshots.
@Suite("Feedback journey in a browser", .serialized)
struct FeedbackJourneyTests {
    @Test func aCitizenRatesLowFilesFeedbackWithAPhotoAndFollowsItToTheAnswerAndAReopen() async throws {
        try await AccessibilityTests.withLiveServer { browser, base, server in
            try await server.addUser("giamdoc", .director, unit: "tam-phuoc", password: AccessibilityTests.password)
            _ = try await server.database.createUser(
                username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash(AccessibilityTests.password), role: .officer, unitCode: "tam-phuoc",
                officerCode: "cb-lan", actor: "test", now: server.clock.now)
            try FileManager.default.createDirectory(at: LiveTests.screenshots, withIntermediateDirectories: true)
            func shoot(_ name: String) async throws {
                try await browser.resize(width: 360, height: 800)
                try await browser.screenshot(to: LiveTests.screenshots.appendingPathComponent("feedback-\(name)-phone.png").path)
            }

            // The citizen: lowest rating, then one tap to the feedback form about that visit.
            let ticket = try AccessibilityTests.issueTicket(base: base, key: server.apiKey)
            try await browser.open(base + SiteURL.rating(.value(ticket)).path)
            try await browser.click("button[value='1']")
            try await browser.click("a.btn-link")
            #expect(try await eventually { try await browser.url.contains("/feedback?from=") })
            #expect(try await browser.source.contains("Quầy 1"))
            try await browser.click("input[value='phan-anh']")
            try await browser.click("#category option[value='thai-do']")
            try await browser.type("#description", "Cán bộ không hướng dẫn, trả hồ sơ hai lần")
            let photo = FileManager.default.temporaryDirectory.appendingPathComponent("bang-chung-\(UUID().uuidString).jpg")
            try Data(AttachmentFixtures.jpeg(extra: [AttachmentFixtures.exifWithGPS()])).write(to: photo)
            try await browser.type("#file1", photo.path)
            try await browser.type("input[name='contact.name']", "Nguyễn Văn An")
            try await browser.type("input[name='contact.address']", "12 Lê Lợi, Tam Phước")
            try await browser.type("input[name='contact.phone']", "0912345678")
            try await browser.click("input[name='consent']")
            try await shoot("form")
            try await browser.click("button.send")
            #expect(try await eventually { try await browser.source.contains("Mã tra cứu") })
            let code = try #require(try await browser.execute("return document.querySelector('.code').textContent") as? String)
            try await shoot("receipt")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackAttachments WHERE kind = 'jpeg'") == 1)
            let stored = try await server.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT bytes FROM feedbackAttachments") }
            #expect(stored.map { !String(decoding: $0, as: UTF8.self).contains(AttachmentFixtures.gpsDescription) } == true, "GPS stripped")

            // The director assigns it to the officer, with a task.
            try await browser.deleteCookies()
            try await AccessibilityTests.signIn("giamdoc", browser: browser, base: base)
            try await browser.open(base + SiteURL.feedbackItem(.value(code)).path)
            #expect(try await browser.source.contains("Nguyễn Văn An"), "the director handling it sees the contact")
            try await browser.click("#assign-assignee option[value='canbo.lan']")
            try await browser.type("#assign-task", "Xác minh với cán bộ quầy 1, trả lời công dân")
            try await browser.click("form.action:has(input[name='action'][value='assign']) button")
            #expect(try await eventually { try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE state = 'assigned'") == 1 })
            try await shoot("assigned")

            // The officer starts and resolves it.
            try await browser.deleteCookies()
            try await AccessibilityTests.signIn("canbo.lan", browser: browser, base: base)
            try await browser.open(base + SiteURL.feedbackQueue.path)
            #expect(try await browser.source.contains(code), "in the officer's queue")
            try await browser.open(base + SiteURL.feedbackItem(.value(code)).path)
            try await browser.click("form.action:has(input[name='action'][value='start']) button")
            #expect(try await eventually { try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE state = 'in-progress'") == 1 })
            #expect(try await eventually { try await browser.source.contains("resolve-result") })
            try await browser.type("#resolve-result", "Đã xin lỗi công dân và hướng dẫn lại đầy đủ hồ sơ")
            try await browser.click("form.action:has(input[name='action'][value='resolve']) button")
            #expect(try await eventually { try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE state = 'resolved' AND onTime") == 1 })

            // The citizen reads the answer and reopens it.
            try await browser.deleteCookies()
            try await browser.open(base + SiteURL.track(.value(code)).path)
            let page = try await browser.source
            #expect(page.contains("Đã xin lỗi công dân"))
            #expect(!page.contains("canbo.lan") && !page.contains("Nguyễn Văn An"), "no staff names or contact data on /track")
            try await shoot("answered")
            try await browser.type("#reason", "Hồ sơ vẫn chưa được nhận")
            try await browser.click("button.send")
            #expect(try await eventually { try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE state = 'in-progress'") == 1 })
            try await shoot("reopened")
            #expect(try await server.database.feedbackChainProblems().isEmpty)
        }
    }
}
