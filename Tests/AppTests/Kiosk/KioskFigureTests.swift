import Domain
import Foundation
import HummingbirdTesting
import Testing

@testable import App
@testable import Storage

/// Each response's channel in the figures: `by=channel` in the indicators API and a breakdown
/// on the dashboard, the same numbers from the same roll-ups.
@Suite("Kiosk figures")
struct KioskFigureTests {
    @Test func figuresBreakDownByChannelInTheAPIAndOnTheDashboard() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("quantri", .admin, unit: nil)
        let device = try await server.kioskDevice()
        try await server.test { client in
            // A phone on the poster, the one-stop software through the API, the tablet twice.
            #expect(try await client.submitForm("/r/\(try server.posterToken())", "overall=3").status == .ok)
            let ticket = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.postJSON("/api/v1/responses", #"{"token":"\#(ticket)","answers":{"overall":1}}"#).status == .created)
            let tablet = try await client.pairKiosk(device.code.description)
            #expect(try await client.tap(tablet, key: "channelTapKey001", level: 3).status == .created)
            server.clock.advance(by: 30)
            #expect(try await client.tap(tablet, key: "channelTapKey002", level: 2).status == .created)

            let today = server.clock.today
            let month = FigurePeriod.month(containing: today)
            // A day (read from the day rows) and the whole month (the month rows) agree.
            for (from, to) in [(today, today), (month.from, month.to)] {
                let response = try await client.get(
                    "/api/v1/indicators?unit=tam-phuoc&from=\(from)&to=\(to)&by=channel", headers: [.authorization: "Bearer \(server.apiKey)"])
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["by"] as? String == "channel")
                let groups = try #require(json["groups"] as? [[String: Any]])
                #expect(groups.map { $0["key"] as? String } == ["api", "kiosk", "web"], "\(from)...\(to)")
                #expect(groups.map { $0["responses"] as? Int } == [1, 2, 1])
                #expect(groups.first { $0["key"] as? String == "kiosk" }?["name"] as? String == "Thiết bị đánh giá tại quầy")
                #expect(json["responses"] as? Int == 4)
            }

            let dashboard = try await client.get("/admin", cookie: try await client.signIn("giamdoc"))
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("Theo kênh đánh giá"))
            #expect(dashboard.text.contains("kiosk - Thiết bị đánh giá tại quầy"))
            // The city compares channels too (its counters' codes repeat from ward to ward).
            let city = try await client.get("/admin?unit=all", cookie: try await client.signIn("quantri"))
            #expect(city.text.contains("Theo kênh đánh giá"))
            #expect(!city.text.contains("Theo quầy"))
        }
    }
}
