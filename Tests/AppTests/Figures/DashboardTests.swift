import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App
@testable import Storage

/// `GET /admin` as the dashboard: who sees it, of which units, for which period, and that
/// every figure on it is the indicators API's.
@Suite("Dashboard")
struct DashboardTests {
    typealias Seed = IndicatorGroupTests

    /// A cell as the dashboard writes it, from the API's JSON group.
    static func cellText(_ rate: [String: Any]) -> String {
        let n = rate["n"] as? Int ?? -1
        guard let value = rate["rate"] as? Double, let ci = rate["ci95"] as? [Double] else { return "chưa đủ mẫu (n = \(n))" }
        return "\(FigureText.percent(value, .vi))% [\(FigureText.percent(ci[0], .vi))–\(FigureText.percent(ci[1], .vi))], n = \(n)"
    }

    /// A group's response rate as the dashboard writes it, from the API's JSON group.
    static func responseRateText(_ group: [String: Any]) -> String {
        guard let rate = group["responseRate"] as? Double, let tickets = group["tickets"] as? Int else { return "–" }
        return "\(FigureText.percent(rate, .vi))% (\(group["responses"] as? Int ?? -1) / \(tickets))"
    }

    @Test func theDashboardAndTheAPIAgreeForEveryGrouping() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Seed.monday))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            try await Seed.seed(client, server: server)
            let director = try await client.signIn("giamdoc")
            let page = try await client.get(SiteURL.admin.path + "?period=2026-W48", cookie: director)
            #expect(page.status == .ok)
            let html = page.text
            for by in ["counter", "officer", "sector", "procedure"] {
                let json = try await Seed.indicators(client, server: server, by: by, from: "2026-11-23", to: "2026-11-29")
                for group in try #require(json["groups"] as? [[String: Any]]) {
                    let name = (group["key"] as? String).map { "\($0) - " } ?? ""
                    // Counters and officers also show their response rate, from the same JSON.
                    let responseRate = ["counter", "officer"].contains(by) ? "<td>" + Self.responseRateText(group) + "</td>" : ""
                    let row = "<td>\(name)\(group["name"] as? String ?? "")</td><td>\(group["responses"] as? Int ?? -1)</td>\(responseRate)<td>"
                        + Self.cellText(try #require(group["satisfaction"] as? [String: Any])) + "</td>"
                    #expect(html.contains(row.replacingOccurrences(of: "\"", with: "&quot;")), "by=\(by): \(row)")
                }
            }
            // The trend of a week: the twelve weeks up to it, by week (from Monday 07/09).
            let weeks = try await Seed.indicators(client, server: server, by: "week", from: "2026-09-07", to: "2026-11-23")
            for group in try #require(weeks["groups"] as? [[String: Any]]) {
                #expect(html.contains("<td>\(group["name"] as? String ?? "")</td><td>\(Self.cellText(try #require(group["satisfaction"] as? [String: Any])))</td>"))
            }
            // The trend of a phase: by month, from the phase's start to today.
            let phase = try await client.get(SiteURL.admin.path + "?period=P2", cookie: director).text
            let months = try await Seed.indicators(client, server: server, by: "month", from: "2026-06-01", to: "2026-11-23")
            let monthGroups = try #require(months["groups"] as? [[String: Any]])
            #expect(!monthGroups.isEmpty)
            for group in monthGroups {
                #expect(phase.contains("<td>\(group["name"] as? String ?? "")</td><td>\(Self.cellText(try #require(group["satisfaction"] as? [String: Any])))</td>"))
            }
            // The tiles: the same overall rate as the API (42 of 43 valid answers satisfied: 97.7%).
            let whole = try await Seed.indicators(client, server: server, by: nil, from: "2026-11-23", to: "2026-11-29")
            let satisfaction = try #require(whole["satisfaction"] as? [String: Any])
            #expect(satisfaction["n"] as? Int == 43)
            #expect(html.contains("<p class=\"v\">\(FigureText.percent(try #require(satisfaction["rate"] as? Double), .vi))%</p>"))
        }
    }

    @Test func suppressedOfficersShowNoRateAndTheChartIsAccessible() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Seed.monday))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            try await Seed.seed(client, server: server)
            let html = try await client.get(SiteURL.admin.path, cookie: try await client.signIn("giamdoc")).text
            // After the ratings and the response rate (a count of tickets, never suppressed).
            let minh = "<td>cb-minh - Trần Văn Minh</td><td>12</td><td>100,0% (12 / 12)</td>"
            #expect(html.contains(minh + "<td>chưa đủ mẫu (n = 12)</td>"))
            #expect(!html.contains(minh + "<td>100"))
            #expect(html.contains("<td>cb-lan - Nguyễn Thị Lan</td><td>30</td><td>100,0% (30 / 30)</td><td>90,0% ["))
            // Tiles for I1-I6 with met / not met / not enough data in words.
            for id in ["I1.", "I2.", "I3.", "I4.", "I5.", "I6."] { #expect(html.contains(id)) }
            #expect(html.contains("Chưa đủ dữ liệu"))
            // The chart: SVG with a title, a description and its data behind <details>; no script.
            #expect(html.contains("<svg"))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("<title id=\"trend-t\">"))
            #expect(html.contains("<desc id=\"trend-d\">"))
            #expect(html.contains("class=\"target\""))
            #expect(html.contains("class=\"band\""))
            #expect(html.contains("<details class=\"chartdata\">"))
            #expect(!html.contains("<script"))
            // English second.
            let english = try await client.get(SiteURL.admin.path + "?lang=en", cookie: try await client.signIn("giamdoc")).text
            #expect(english.contains("not enough data (n = 12)"))
        }
    }

    @Test func eachRoleSeesItsOwnScope() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Seed.monday))
        try await server.addUser("xem.phuong", .viewer, unit: "tam-phuoc")
        try await server.addUser("xem.thanhpho", .viewer, unit: nil)
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.addUser("quantri", .admin, unit: nil)
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-lan", actor: "test", now: server.clock.now)
        try await server.test { client in
            try await Seed.seed(client, server: server)
            // A unit viewer: their unit, never another.
            let viewer = try await client.signIn("xem.phuong")
            #expect(try await client.get(SiteURL.admin.path, cookie: viewer).text.contains("Bảng điều hành - Phường Tam Phước"))
            #expect(try await client.get(SiteURL.admin.path + "?unit=chon-thanh", cookie: viewer).status == .forbidden)
            #expect(try await client.get(SiteURL.admin.path + "?unit=all", cookie: viewer).status == .forbidden)
            // The city: every unit together, and a table by unit; no officer breakdown across wards.
            for account in ["xem.thanhpho", "quantri"] {
                let city = try await client.get(SiteURL.admin.path, cookie: try await client.signIn(account)).text
                #expect(city.contains("Bảng điều hành - toàn thành phố"), "\(account)")
                #expect(city.contains("<h2>Theo đơn vị</h2>"))
                #expect(city.contains("<td>Phường Tam Phước</td><td>43</td>"))
                #expect(city.contains("<td>Phường Chơn Thành</td><td>0</td>"))
                #expect(!city.contains("Theo cán bộ"))
                let one = try await client.get(SiteURL.admin.path + "?unit=chon-thanh", cookie: try await client.signIn(account)).text
                #expect(one.contains("Bảng điều hành - Phường Chơn Thành"))
            }
            // Officers and inspectors keep the staff home; the officer's own figures are at /me.
            for account in ["canbo.lan", "kiemtra"] {
                let home = try await client.get(SiteURL.admin.path, cookie: try await client.signIn(account))
                #expect(home.status == .ok)
                #expect(!home.text.contains("Bảng điều hành"), "\(account)")
                #expect(!home.text.contains("cb-minh"))
            }
            // An officer's session cannot read the unit's figures through the API either.
            let officer = try await client.signIn("canbo.lan")
            #expect(try await client.getJSON("/api/v1/indicators?unit=tam-phuoc&from=2026-11-23&to=2026-11-23&by=officer", cookie: officer).status == .forbidden)
        }
    }

    @Test func everyKindOfPeriodWithItsPreviousOne() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Seed.monday))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            func page(_ query: String) async throws -> String {
                let response = try await client.get(SiteURL.admin.path + "?" + query, cookie: director)
                try #require(response.status == .ok, "\(query): \(response.status)")
                return response.text
            }
            // The default is this month, compared with the one before.
            let month = try await page("")
            #expect(month.contains("Kỳ: Tháng 11/2026"))
            #expect(month.contains("So sánh với kỳ trước: Tháng 10/2026"))
            // ISO week 53 of 2026 crosses into 2027; the week before is week 52.
            let week = try await page("period=2026-W53")
            #expect(week.contains("Kỳ: Tuần 53/2026 (28/12/2026–03/01/2027)"))
            #expect(week.contains("kỳ trước: Tuần 52/2026 (21/12/2026–27/12/2026)"))
            // Week 1 of 2027 is compared with week 53 of 2026.
            #expect(try await page("period=2027-W01").contains("kỳ trước: Tuần 53/2026"))
            #expect(try await page("period=2027-Q1").contains("kỳ trước: Quý 4/2026"))
            // Phases come from Forms/campaign-2026.json; P3 follows P2 across the new year.
            let p3 = try await page("period=P3")
            #expect(p3.contains("Kỳ: Giai đoạn 3 (01/01/2027–31/03/2027)"))
            #expect(p3.contains("kỳ trước: Giai đoạn 2 (01/06/2026–31/12/2026)"))
            // P5 runs from 2027 to the end of 2030; it follows P4.
            let p5 = try await page("period=P5")
            #expect(p5.contains("Kỳ: Giai đoạn 5 (01/10/2027–31/12/2030)"))
            #expect(p5.contains("kỳ trước: Giai đoạn 4 (01/04/2027–30/09/2027)"))
            // P1 has no phase before it: the as-long range just before.
            #expect(try await page("period=P1").contains("kỳ trước: 31/03/2026–30/04/2026"))
            let custom = try await page("from=2026-12-20&to=2027-01-10")
            #expect(custom.contains("Kỳ: 20/12/2026–10/01/2027"))
            #expect(custom.contains("kỳ trước: 28/11/2026–19/12/2026"))
            for bad in ["period=2026-W54", "period=P9", "period=2026-13", "from=2026-12-20&to=2026-12-01", "from=x&to=2026-12-01"] {
                let response = try await client.get(SiteURL.admin.path + "?" + bad, cookie: director)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(!response.text.isEmpty)
            }
        }
    }
}
