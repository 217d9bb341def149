import Domain
import Foundation
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Staff home: early warnings of feedback due soon and overdue")
struct StaffHomeWarningTests {
    @Test func theDirectorSeesTheUnitsAndTheOfficerTheirOwnWithLinksToTheQueue() async throws {
        // Monday 23/11/2026: a phản ánh with contact is due Monday 07/12/2026.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-lan", actor: "test", now: server.clock.now)
        try await server.test { client in
            let contact: [String: Any] = ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"]
            var codes: [String] = []
            // Three on the same day: the warnings count per due date and assignee, so two
            // unassigned items on one date must count twice.
            for _ in 0..<3 {
                let item = try await client.fileFeedback(
                    ["kind": "phan-anh", "category": "khac", "description": "x", "contact": contact, "consent": true], key: server.apiKey)
                codes.append(try #require(item["code"] as? String))
            }
            #expect(try await client.act(codes[0], ["action": "assign", "assignee": "canbo.lan", "task": "Trả lời công dân"], key: server.apiKey).status == .ok)

            var director = try await client.signIn("giamdoc")
            #expect(!(try await client.get(SiteURL.admin.path, cookie: director).text.contains("cần chú ý")), "nothing due yet")

            // Thursday 03/12: two working days left - due soon.
            server.clock.set(try LocalInstant.at("2026-12-03"))
            director = try await client.signIn("giamdoc")
            let soon = try await client.get(SiteURL.admin.path, cookie: director).text
            #expect(soon.contains("3 phản ánh sắp đến hạn của đơn vị"))
            #expect(soon.contains(SiteURL.feedbackQueue.path(["unit": "tam-phuoc", "due": "soon"]).replacingOccurrences(of: "&", with: "&amp;")))

            // Tuesday 08/12: overdue; the officer sees only their own.
            server.clock.set(try LocalInstant.at("2026-12-08"))
            director = try await client.signIn("giamdoc")
            #expect(try await client.get(SiteURL.admin.path, cookie: director).text.contains("3 phản ánh quá hạn của đơn vị"))
            let officer = try await client.signIn("canbo.lan")
            let own = try await client.get(SiteURL.admin.path, cookie: officer).text
            #expect(own.contains("1 phản ánh quá hạn được giao cho Ông/Bà"))
            #expect(!own.contains("của đơn vị"), "an officer's home shows their own items only")
        }
    }

    @Test func anItemOverdueForMonthsIsWarnedWhateverCameAfterIt() async throws {
        // The warnings once read the newest 1000 items only: an old overdue item behind them
        // was never counted.
        let server = try await TestServer(now: try LocalInstant.at("2026-06-01"))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let unitId = try #require(server.demo.units.first { $0.code == "tam-phuoc" }?.id)
        let vault = try ContactVault(dataDirectory: server.config.dataDirectory)
        let links = PublicURLs(base: TestServer.baseURL).webhookLinks
        try await server.database.seedCalendars(HolidayCalendar.shipped)
        _ = try await server.database.receiveFeedback(
            FeedbackIntake(
                unitId: unitId, kind: .phanAnh, category: .khac, channel: .web, description: "cũ", isAnonymous: false,
                sealedContact: try vault.seal(FeedbackContact(name: "An", address: "12 Lê Lợi", phone: "0912345678")),
                consentPurpose: FeedbackIntakeService.purpose, receivedAt: server.clock.now, actor: "citizen"),
            limits: .standard, links: links, now: server.clock.now)
        // Then 1,000 newer items without a clock (anonymous), months later.
        server.clock.set(try LocalInstant.at("2026-11-23"))
        for index in 0..<1000 {
            _ = try await server.database.receiveFeedback(
                FeedbackIntake(
                    unitId: unitId, kind: .gopY, category: .coSo, channel: .box, description: "góp ý \(index)", isAnonymous: true,
                    receivedAt: server.clock.now, actor: "staff"),
                limits: .standard, links: links, now: server.clock.now)
        }
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            #expect(try await client.get(SiteURL.admin.path, cookie: director).text.contains("1 phản ánh quá hạn của đơn vị"))
        }
    }
}
