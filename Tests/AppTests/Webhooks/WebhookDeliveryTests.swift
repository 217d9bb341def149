import Domain
import Foundation
import Synchronization
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Webhooks: signed deliveries from a durable outbox, retries and give-up")
struct WebhookDeliveryTests {
    static let secret = "s3cret-for-the-hotline-system"
    nonisolated(unsafe) static let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi", "phone": "0912345678"]

    @Test func feedbackReceivedIsSignedAndRetriedWithBackoffUntilTheReceiverAccepts() async throws {
        let start = try LocalInstant.at("2026-11-23")
        let server = try await TestServer(now: start)
        let receiver = WebhookReceiver(secret: Self.secret, clock: server.clock, failures: 2)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        let parts = try await server.parts()
        try await server.addWebhook(parts, url: receiver.url, secret: Self.secret, events: [.feedbackReceived])
        let deliverer = parts.webhookDeliverer

        let filed = Mutex("")
        try await server.test(parts) { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "thai-do", "description": "Cán bộ nói nặng lời", "counter": "q1", "contact": Self.contact,
                 "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            filed.withLock { $0 = code }
        }
        let code = filed.withLock { $0 }
        #expect(try await server.outbox().count == 1, "written with the intake")

        // First attempt at once: 500.
        let deliveredFirst = await deliverer.deliverDue(now: server.clock.now)
        #expect(deliveredFirst == 0)
        #expect(receiver.deliveries.count == 1)
        // Not again before 30 s ...
        server.clock.advance(by: 29)
        await deliverer.deliverDue(now: server.clock.now)
        #expect(receiver.deliveries.count == 1)
        // ... at 30 s (500 again), then not before a further minute ...
        server.clock.advance(by: 1)
        await deliverer.deliverDue(now: server.clock.now)
        #expect(receiver.deliveries.count == 2)
        server.clock.advance(by: 59)
        await deliverer.deliverDue(now: server.clock.now)
        #expect(receiver.deliveries.count == 2)
        // ... and at one minute it is accepted; nothing is sent after that.
        server.clock.advance(by: 1)
        let deliveredThird = await deliverer.deliverDue(now: server.clock.now)
        #expect(deliveredThird == 1)
        server.clock.advance(by: 3600)
        await deliverer.deliverDue(now: server.clock.now)

        let got = receiver.deliveries
        #expect(got.count == 3)
        #expect(got.map(\.answered) == [500, 500, 204])
        #expect(got.allSatisfy { $0.signatureValid && $0.event == "feedback.received" && $0.contentType == "application/json" })
        #expect(got.map(\.timestamp) == [0, 30, 90].map { Int(start.timeIntervalSince1970) + $0 }, "each attempt is stamped with its own time")
        let body = try #require(got.last?.body)
        #expect(body["event"] == "feedback.received" && body["code"] == code && body["unit"] == "tam-phuoc")
        #expect(body["kind"] == "phan-anh" && body["category"] == "thai-do" && body["state"] == "received" && body["counter"] == "q1")
        #expect(body["trackUrl"] == TestServer.baseURL + "/track/" + code)
        #expect(body["dueAt"] == "2026-12-07" && body["receivedAt"] == "2026-11-23T09:00:00+07:00")
        #expect(body["id"]?.hasPrefix("evt_") == true && body["occurredAt"] != nil)
        #expect(Set(got.map { $0.body["id"] }).count == 1, "a retry is the same event")
        let text = try #require(got.last?.bodyText)
        for secretThing in ["Cán bộ nói nặng lời", "Nguyễn Văn An", "0912345678", "Lê Lợi"] {
            #expect(!text.contains(secretThing), "no description or contact data in a webhook body")
        }
        let row = try #require(try await server.outbox().first)
        #expect(row.attempts == 3 && row.deliveredAt != nil && row.nextAttemptAt == nil)
        #expect(try await server.count("SELECT COUNT(*) FROM webhookAttempts") == 3)
    }

    /// A webhook deleted while an attempt is in flight takes its deliveries with it; the
    /// attempt's outcome then has nothing to be recorded against, and that is no error (it
    /// logged "FOREIGN KEY constraint failed" at error level for a director's plain delete).
    @Test func anAttemptOfADeletedWebhookIsDroppedQuietly() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let parts = try await server.parts()
        let webhook = try await server.addWebhook(parts, url: "https://hook.example.vn/h", secret: Self.secret, events: [.feedbackReceived])
        try await parts.database.enqueueWebhookTest(webhookId: webhook.id, now: server.clock.now)
        let deliveryId = try await server.count("SELECT id FROM webhookDeliveries")
        try await parts.database.deleteWebhook(id: webhook.id, actor: "test", userId: nil, now: server.clock.now)
        try await parts.database.recordWebhookAttempt(deliveryId: Int64(deliveryId), at: server.clock.now, status: 200, error: nil, outcome: .delivered)
        #expect(try await server.count("SELECT COUNT(*) FROM webhookAttempts") == 0)
    }

    @Test func aDeliveryIsGivenUpAfterTwentyFourHoursOfBackoffAndShownSo() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let receiver = WebhookReceiver(secret: Self.secret, clock: server.clock, failures: .max)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        let parts = try await server.parts()
        let webhook = try await server.addWebhook(parts, url: receiver.url, secret: Self.secret, events: [.feedbackReceived])
        try await parts.database.enqueueWebhookTest(webhookId: webhook.id, now: server.clock.now)
        let created = server.clock.now

        var attemptTimes: [TimeInterval] = []
        for _ in 0..<40 {
            guard let row = try await server.outbox().first, let next = row.nextAttemptAt else { break }
            server.clock.set(AppDatabase.date(next))
            attemptTimes.append(server.clock.now.timeIntervalSince(created))
            await parts.webhookDeliverer.deliverDue(now: server.clock.now)
        }
        // 30 s, then doubling (1, 2, 4, 8, 16, 32 min), capped at an hour, while within 24 h:
        // attempts at 0, 30, 90, 210, 450, 930, 1890, 3810 s, then every hour to 83010 s; the
        // next would be at 86610 s, past the 24 hours, so it is given up after the 30th.
        let expected = [0, 30, 90, 210, 450, 930, 1890] + (0...22).map { 3810 + 3600 * $0 }
        #expect(attemptTimes == expected.map(TimeInterval.init))
        #expect(receiver.deliveries.count == 30)
        #expect(receiver.deliveries.allSatisfy { $0.event == "webhook.test" && $0.signatureValid })
        let row = try #require(try await server.outbox().first)
        #expect(row.gaveUpAt != nil && row.nextAttemptAt == nil && row.deliveredAt == nil && row.attempts == 30)

        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test(parts) { client in
            let cookie = try await client.signIn("quantri")
            let page = try await client.get(SiteURL.webhooks.path(["unit": "tam-phuoc"]), cookie: cookie).text
            #expect(page.contains("Đã dừng lúc") && page.contains("HTTP 500"))
        }
    }

    @Test func theRunningServerSendsADeliveryAsSoonAsItIsEnqueued() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let receiver = WebhookReceiver(secret: Self.secret, clock: server.clock)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await server.addWebhook(server.database, url: receiver.url, secret: Self.secret, events: [.feedbackReceived])
        // The application as `hailong serve` builds it, with its services running.
        try await server.test { client in
            // Past the worker's first poll: what follows is sent on the wake-up, not the next poll (5 s).
            try await Task.sleep(for: .seconds(1))
            _ = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
            #expect(try await eventually(seconds: 3) { receiver.accepted.count == 1 })
        }
        #expect(receiver.accepted.first?.event == "feedback.received")
    }

    @Test func theOutboxSurvivesARestart() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let receiver = WebhookReceiver(secret: Self.secret, clock: server.clock)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        let filed = Mutex("")
        do {
            let first = try await server.parts()
            try await server.addWebhook(first, url: receiver.url, secret: Self.secret, events: [.feedbackReceived])
            try await server.test(first) { client in
                let item = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
                let code = try #require(item["code"] as? String)
                filed.withLock { $0 = code }
            }
        }
        let code = filed.withLock { $0 }
        #expect(receiver.deliveries.isEmpty, "the first server was stopped before it delivered")
        // A new server on the same data directory finds the delivery and sends it.
        let second = try await server.parts()
        let delivered = await second.webhookDeliverer.deliverDue(now: server.clock.now)
        #expect(delivered == 1)
        #expect(receiver.accepted.map { $0.body["code"] } == [code])
    }

    @Test func feedbackResolvedIsWrittenWithTheResolveAndOnlyForSubscribers() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let parts = try await server.parts()
        try await server.addWebhook(parts, url: "http://127.0.0.1:9/resolved", secret: Self.secret, events: [.feedbackResolved])
        try await server.addWebhook(parts, unit: "chon-thanh", url: "http://127.0.0.1:9/other", secret: Self.secret, events: [.feedbackResolved])
        try await server.test(parts) { client in
            let item = try await client.fileFeedback(["kind": "phan-anh", "category": "khac", "description": "x", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await server.outbox().isEmpty, "no webhook subscribes to feedback.received")
            server.clock.advance(by: 86_400)
            #expect(try await client.act(code, ["action": "resolve", "result": "Đã bố trí thêm ghế"], key: server.apiKey).status == .ok)
            #expect(try await client.act(code, ["action": "resolve", "result": "lần nữa"], key: server.apiKey).status == .conflict)
            let rows = try await server.outbox()
            #expect(rows.count == 1, "one row, for the unit's webhook only; a refused action writes none")
            let row = try #require(rows.first)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(row.body.utf8)) as? [String: Any])
            #expect(body["event"] as? String == "feedback.resolved" && body["state"] as? String == "resolved")
            #expect(body["result"] as? String == "Đã bố trí thêm ghế" && body["resolvedAt"] as? String == "2026-11-24T09:00:00+07:00")
            #expect(body["onTime"] as? Bool == true)
        }
    }
}
