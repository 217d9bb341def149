import Domain
import Foundation
import Synchronization
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Webhooks: due-soon and overdue from the scheduler, low ratings")
struct WebhookEventTests {
    static let secret = "s3cret-for-the-hotline-system"

    @Test func dueSoonAndOverdueFireOncePerItemAndStateOnWorkingDaysOnly() async throws {
        // Friday 20/11/2026: a phản ánh with contact is due Friday 04/12/2026.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-20"))
        let receiver = WebhookReceiver(secret: Self.secret, clock: server.clock)
        try await receiver.start()
        defer { Task { await receiver.stop() } }
        let parts = try await server.parts()
        try await server.addWebhook(parts, url: receiver.url, secret: Self.secret, events: [.feedbackDueSoon, .feedbackOverdue])
        let filed = Mutex("")
        try await server.test(parts) { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "khac", "description": "x", "contact": WebhookDeliveryTests.contact, "consent": true], key: server.apiKey)
            filed.withLock { $0 = (item["code"] as? String) ?? "" }
            #expect(item["dueAt"] as? String == "2026-12-04")
            // Another unit's item: that unit has no webhook, so it is never looked at.
            _ = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "khac", "description": "y", "contact": WebhookDeliveryTests.contact, "consent": true],
                key: server.otherAPIKey, unit: "chon-thanh")
        }
        let code = filed.withLock { $0 }
        func tick(_ day: String, hour: Int = 9) async throws -> [String] {
            server.clock.set(try LocalInstant.at(day, hour))
            await parts.scheduler.tick(now: server.clock.now)
            return try await server.outbox().map(\.event)
        }
        #expect(try await tick("2026-11-23").isEmpty)
        #expect(try await tick("2026-12-01").isEmpty, "three working days left")
        #expect(try await tick("2026-12-02") == ["feedback.due_soon"], "two working days left: due soon")
        #expect(try await tick("2026-12-02", hour: 15) == ["feedback.due_soon"], "once, however often the scheduler ticks")
        #expect(try await tick("2026-12-03") == ["feedback.due_soon"])
        #expect(try await tick("2026-12-04") == ["feedback.due_soon"])
        #expect(try await tick("2026-12-05") == ["feedback.due_soon"], "overdue on Saturday, but not a working day")
        #expect(try await tick("2026-12-06") == ["feedback.due_soon"], "nor Sunday")
        #expect(try await tick("2026-12-07") == ["feedback.due_soon", "feedback.overdue"], "told on Monday")
        #expect(try await tick("2026-12-08") == ["feedback.due_soon", "feedback.overdue"], "once")

        await parts.webhookDeliverer.deliverDue(now: server.clock.now)
        #expect(receiver.accepted.map(\.event).sorted() == ["feedback.due_soon", "feedback.overdue"])
        #expect(receiver.accepted.allSatisfy { $0.body["code"] == code && $0.body["dueAt"] == "2026-12-04" && $0.signatureValid })
    }

    @Test func ratingLowFiresForNotSatisfiedOverallAnswersOnlyAndOnlyWithASubscription() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let parts = try await server.parts()
        let database = parts.database
        try await server.test(parts) { client in
            func rate(_ level: Int, key: String) async throws {
                let officer = key == server.apiKey ? #","officer":"cb-lan""# : ""
                let token = try await client.issueTicket(key: key, body: #"{"counter":"q1","procedure":"1.001193""# + officer + "}")
                let response = try await client.postJSON(SiteURL.apiResponses.path, #"{"token":"\#(token)","answers":{"overall":\#(level)}}"#)
                try #require(response.status == .created, "\(response.text)")
            }
            // No webhook: a low rating writes nothing to the outbox.
            try await rate(1, key: server.apiKey)
            #expect(try await server.outbox().isEmpty)

            try await server.addWebhook(database, url: "http://127.0.0.1:9/low", secret: Self.secret, events: [.ratingLow])
            // The form's overall question is quick3: 2 and 3 are satisfied, 1 is not.
            try await rate(3, key: server.apiKey)
            try await rate(2, key: server.apiKey)
            #expect(try await server.outbox().isEmpty, "satisfied answers are not low")
            try await rate(1, key: server.otherAPIKey)
            #expect(try await server.outbox().isEmpty, "another unit's low rating: that unit has no webhook")
            try await rate(1, key: server.apiKey)
            let rows = try await server.outbox()
            #expect(rows.map(\.event) == ["rating.low"])
            let row = try #require(rows.first)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(row.body.utf8)) as? [String: Any])
            #expect(body["unit"] as? String == "tam-phuoc" && body["counter"] as? String == "q1" && body["officer"] as? String == "cb-lan")
            #expect(body["procedure"] as? String == "1.001193" && body["level"] as? Int == 1 && body["scale"] as? String == "quick3")
            #expect(body["respondedAt"] as? String == "2026-11-23T09:00:00+07:00" && body["event"] as? String == "rating.low")
        }
    }

    @Test func aWebhookAddedByAnotherProcessIsSeenAtTheWorkersNextPoll() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let parts = try await server.parts()
        // As `hailong webhook add` does, through another database handle: the server's
        // in-memory subscriptions do not know it until they are read again.
        let vault = try ContactVault(dataDirectory: server.config.dataDirectory)
        _ = try await server.database.createWebhook(
            unitCode: "tam-phuoc", url: "http://127.0.0.1:9/low", secretSealed: try vault.sealSecret(Self.secret), events: [.ratingLow], actor: "cli",
            now: server.clock.now)
        #expect(!parts.database.webhookSubscriptions.has(unitId: server.demo.units[0].id ?? 0, .ratingLow))
        await parts.webhookDeliverer.deliverDue(now: server.clock.now)
        #expect(parts.database.webhookSubscriptions.has(unitId: server.demo.units[0].id ?? 0, .ratingLow))
    }
}
