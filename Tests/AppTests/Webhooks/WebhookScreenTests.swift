import Domain
import Foundation
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Webhooks: the admin screen")
struct WebhookScreenTests {
    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    @Test func aDirectorAddsAWebhookSeesItsSecretOnceSendsATestAndReadsTheLog() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let parts = try await server.parts()
        try await server.test(parts) { client in
            let cookie = try await client.signIn("giamdoc")
            let home = try await client.get(SiteURL.admin.path, cookie: cookie).text
            #expect(home.contains(SiteURL.webhooks.path), "linked from the staff home")
            let csrf = try await client.csrf(cookie: cookie)
            let screen = SiteURL.webhooks.path(["unit": "tam-phuoc"])

            // Bad input: a clear 422 in Vietnamese, the input kept, nothing written.
            let badURL = try await client.post(screen, cookie: cookie, form: "_csrf=\(csrf)&url=ftp%3A%2F%2Fx.vn&event.rating.low=on")
            #expect(badURL.status == .unprocessableContent && badURL.text.contains("http:// hoặc https://"))
            #expect(badURL.text.contains("ftp://x.vn"))
            let noEvent = try await client.post(screen, cookie: cookie, form: "_csrf=\(csrf)&url=https%3A%2F%2Fx.vn%2Fh")
            #expect(noEvent.status == .unprocessableContent && noEvent.text.contains("Chọn ít nhất một sự kiện"))
            let forged = try await client.post(screen, cookie: cookie, form: "_csrf=wrong&url=https%3A%2F%2Fx.vn%2Fh&event.rating.low=on")
            #expect(forged.status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM webhooks") == 0)

            // Added with a generated secret, shown once.
            let added = try await client.post(
                screen, cookie: cookie, form: "_csrf=\(csrf)&url=\(Self.encoded("https://hotline.example.vn/hook"))&event.feedback.received=on&event.rating.low=on&secret=")
            #expect(added.status == .created)
            let marker = #"<code class="secret">"#
            let range = try #require(added.text.range(of: marker))
            let secret = String(added.text[range.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("whsec_") && secret.count == 46)
            let list = try await client.get(screen, cookie: cookie).text
            #expect(list.contains("https://hotline.example.vn/hook") && list.contains("feedback.received, rating.low"))
            #expect(!list.contains(secret), "the secret is shown once only")
            let stored = try await server.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT secretSealed FROM webhooks") }
            #expect(stored.map { !String(decoding: $0, as: UTF8.self).contains(secret) } == true, "never stored in clear")
            let audit = try await server.database.auditEntries()
            #expect(audit.contains { $0.action == "webhook.create" && $0.after?.contains("rating.low") == true })
            #expect(!audit.contains { ($0.after ?? "").contains(secret) || ($0.before ?? "").contains(secret) })

            // Send test: at once in the log, then delivered by the worker.
            let webhook = try #require(try await server.database.webhooks(unitId: server.demo.units[0].id ?? 0).first)
            let sent = try await client.post(SiteURL.webhookTest(.value(webhook.id)).path, cookie: cookie, form: "_csrf=\(csrf)")
            #expect(sent.status == .seeOther)
            let log = try await client.get(try #require(sent.headers[.location]), cookie: cookie).text
            #expect(log.contains("Đã xếp một lần gửi thử") && log.contains("webhook.test") && log.contains("Chờ gửi"))

            // Disabled: audited, and no test can be sent.
            #expect(try await client.post(SiteURL.webhookDisable(.value(webhook.id)).path, cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await server.database.auditEntries().contains { $0.action == "webhook.disable" })
            #expect(try await server.database.webhook(id: webhook.id)?.isActive == false)
            #expect(try await client.get(screen, cookie: cookie).text.contains("Đã tắt"))
        }
    }

    @Test func theTestDeliveryReachesTheReceiverSignedWithTheShownSecret() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.addUser("quantri", .admin, unit: nil)
        let parts = try await server.parts()
        let secret = "given-secret-0123456789"
        let receiver = WebhookReceiver(secret: secret, clock: server.clock)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        let deliverer = parts.webhookDeliverer
        try await server.test(parts) { client in
            let cookie = try await client.signIn("quantri")
            let csrf = try await client.csrf(cookie: cookie)
            let screen = SiteURL.webhooks.path(["unit": "tam-phuoc"])
            let added = try await client.post(
                screen, cookie: cookie, form: "_csrf=\(csrf)&url=\(Self.encoded(receiver.url))&event.feedback.overdue=on&secret=\(secret)")
            #expect(added.status == .created && added.text.contains(secret))
            let webhook = try #require(try await server.database.webhooks(unitId: server.demo.units[0].id ?? 0).first)
            #expect(try await client.post(SiteURL.webhookTest(.value(webhook.id)).path, cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
            let delivered = await deliverer.deliverDue(now: server.clock.now)
            #expect(delivered == 1)
            #expect(receiver.accepted.map(\.event) == ["webhook.test"])
            #expect(receiver.accepted.first?.body["unit"] == "tam-phuoc")
            #expect(try await client.get(screen, cookie: cookie).text.contains("Đã gửi lúc"))
        }
    }

    @Test func aDirectorOfAnotherUnitAndAnOfficerAreRefused() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.addUser("giamdoc.ct", .director, unit: "chon-thanh")
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        let parts = try await server.parts()
        let webhook = try await server.addWebhook(parts, url: "https://x.vn/h", secret: "0123456789abcdef", events: [.feedbackReceived])
        try await server.test(parts) { client in
            let other = try await client.signIn("giamdoc.ct")
            #expect(try await client.get(SiteURL.webhooks.path(["unit": "tam-phuoc"]), cookie: other).status == .forbidden)
            let own = try await client.get(SiteURL.webhooks.path, cookie: other)
            #expect(own.status == .ok && !own.text.contains("https://x.vn/h"), "their own unit's screen, without tam-phuoc's webhook")
            let csrf = try await client.csrf(cookie: other)
            for url in [SiteURL.webhookTest(.value(webhook.id)), .webhookDisable(.value(webhook.id)), .webhookDelete(.value(webhook.id))] {
                #expect(try await client.post(url.path, cookie: other, form: "_csrf=\(csrf)").status == .forbidden)
            }
            #expect(try await client.post(SiteURL.webhookTest(.value(9999)).path, cookie: other, form: "_csrf=\(csrf)").status == .notFound)
            #expect(try await server.outbox().isEmpty)
            #expect(try await server.database.webhook(id: webhook.id)?.isActive == true)

            let officer = try await client.signIn("canbo")
            #expect(try await client.get(SiteURL.webhooks.path, cookie: officer).status == .forbidden)
            #expect(!(try await client.get(SiteURL.admin.path, cookie: officer).text.contains(SiteURL.webhooks.path)))
        }
    }
}
