import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// `GET /api/v1/indicators?by=`: groups and TT 01/2018 indices, recomputed by hand from what
/// the test submits.
@Suite("Indicators by group and TT 01 indices")
struct IndicatorGroupTests {
    static let monday = "2026-11-23"

    /// Rates one fresh ticket of `officer` (nil: a poster rating at q3).
    static func rate(_ client: some TestClientProtocol, server: TestServer, officer: String?, procedure: String = "1.004227", answers: String) async throws {
        let token: String
        if let officer {
            token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"\#(officer)","procedure":"\#(procedure)"}"#)
        } else {
            token = try server.posterToken(counter: "q3")
        }
        let response = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{\#(answers)}}"#)
        try #require(response.status == .created, "\(response.text)")
    }

    /// cb-lan: 30 ratings, 27 at the top level (3) and 3 at 1 -> 90%; each answers the
    /// return-visits question: 18 x 0 visits (2 points), 9 x 1 (1 point), 3 x 2+ (0 points)
    /// -> mean 45 / 30 = 1.5, shares 60 / 30 / 10. cb-minh: 12 ratings at 3 (below n = 30).
    /// One poster rating at 2 with no officer.
    static func seed(_ client: some TestClientProtocol, server: TestServer) async throws {
        for i in 0..<30 {
            let visits = i < 18 ? 0 : (i < 27 ? 1 : 2)
            try await rate(client, server: server, officer: "cb-lan", answers: #""overall":\#(i < 27 ? 3 : 1),"visits":\#(visits)"#)
        }
        for _ in 0..<12 {
            try await rate(client, server: server, officer: "cb-minh", procedure: "1.009994", answers: #""overall":3"#)
        }
        try await rate(client, server: server, officer: nil, answers: #""overall":2"#)
    }

    static func indicators(_ client: some TestClientProtocol, server: TestServer, by: String?, from: String = monday, to: String = monday) async throws -> [String: Any] {
        let response = try await client.get(
            "/api/v1/indicators?unit=tam-phuoc&from=\(from)&to=\(to)" + (by.map { "&by=\($0)" } ?? ""), headers: [.authorization: "Bearer \(server.apiKey)"])
        try #require(response.status == .ok, "\(response.text)")
        return try response.json()
    }

    @Test func officersGroupsCarryTheirFiguresSuppressionAndTT01() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Self.monday))
        try await server.test { client in
            try await Self.seed(client, server: server)
            // A conduct item about cb-minh found substantiated: index 7 of cb-minh is 0.
            let contact: [String: Any] = ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"]
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "thai-do", "officer": "cb-minh", "description": "x", "contact": contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await client.act(code, ["action": "verify", "outcome": "co-co-so"], key: server.apiKey).status == .ok)

            let json = try await Self.indicators(client, server: server, by: "officer")
            #expect(json["by"] as? String == "officer")
            #expect(json["responses"] as? Int == 43)
            let tt01 = try #require(json["tt01"] as? [String: Any])
            let index3 = try #require(tt01["index3"] as? [String: Any])
            #expect(index3["n"] as? Int == 30)
            #expect(abs((index3["value"] as? Double ?? -1) - 1.5) < 1e-9)
            let shares = try #require(index3["shares"] as? [String: Double])
            #expect(abs((shares["2"] ?? -1) - 60) < 1e-9 && abs((shares["1"] ?? -1) - 30) < 1e-9 && abs((shares["0"] ?? -1) - 10) < 1e-9)
            #expect(tt01["index7"] as? Int == 0, "the unit has an officer with a substantiated conduct item")

            let groups = try #require(json["groups"] as? [[String: Any]])
            let lan = try #require(groups.first { $0["key"] as? String == "cb-lan" })
            #expect(lan["responses"] as? Int == 30)
            #expect(lan["suppressed"] as? Bool == false)
            let lanRate = try #require(lan["satisfaction"] as? [String: Any])
            #expect(abs((lanRate["rate"] as? Double ?? -1) - 90) < 1e-9)
            #expect(lanRate["n"] as? Int == 30)
            let ci = try #require(lanRate["ci95"] as? [Double])
            #expect(ci.count == 2 && ci[0] < 90 && ci[1] > 90)
            let lanTT01 = try #require(lan["tt01"] as? [String: Any])
            #expect(abs(((lanTT01["index3"] as? [String: Any])?["value"] as? Double ?? -1) - 1.5) < 1e-9)
            #expect(lanTT01["index7"] as? Int == 2)
            #expect(lanTT01["index8"] is NSNull, "no timed feedback about cb-lan")

            // cb-minh: n = 12 < 30 -> "chưa đủ mẫu": no rate, no interval, whatever the answers.
            let minh = try #require(groups.first { $0["key"] as? String == "cb-minh" })
            #expect(minh["suppressed"] as? Bool == true)
            let minhRate = try #require(minh["satisfaction"] as? [String: Any])
            #expect(minhRate["rate"] is NSNull)
            #expect(minhRate["ci95"] is NSNull)
            #expect(minhRate["n"] as? Int == 12)
            #expect((minh["tt01"] as? [String: Any])?["index7"] as? Int == 0)
            #expect((minh["tt01"] as? [String: Any])?["index8"] is NSNull, "the item about cb-minh is open and not yet due: nothing to judge")

            // The poster rating has no officer: its own group, key null.
            let none = try #require(groups.first { $0["key"] is NSNull })
            #expect(none["responses"] as? Int == 1)
            #expect(groups.count == 3)
        }
    }

    /// domain.md §2: response rate = responses / tickets issued, per counter and period. Each
    /// counter, officer, week and month group carries its tickets and rate; a counter that
    /// issued tickets nobody rated is a group with rate 0 (the 2026-11-30 audit found no
    /// per-counter rate anywhere). Sectors and procedures have no ticket counts: null.
    @Test func groupsCarryTheirTicketsAndResponseRate() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Self.monday))
        try await server.test { client in
            try await Self.seed(client, server: server)
            for _ in 0..<2 { _ = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q2","officer":"cb-hoa"}"#) }

            func groups(_ by: String) async throws -> [String: [String: Any]] {
                let list = try #require(try await Self.indicators(client, server: server, by: by)["groups"] as? [[String: Any]])
                return Dictionary(list.map { (($0["key"] as? String) ?? "none", $0) }, uniquingKeysWith: { first, _ in first })
            }
            func figures(_ group: [String: Any]?) -> [Double?] {
                ["responses", "tickets", "ticketsAnswered", "responseRate"].map { (group?[$0] as? NSNumber)?.doubleValue }
            }
            let counters = try await groups("counter")
            #expect(counters.keys.sorted() == ["q1", "q2", "q3"])
            #expect(figures(counters["q1"]) == [42, 42, 42, 100])
            #expect(figures(counters["q2"]) == [0, 2, 0, 0], "issued two, rated none")
            #expect(figures(counters["q3"]) == [1, 0, 0, nil], "a poster rating and no ticket: no rate")
            #expect(counters["q2"]?["suppressed"] as? Bool == true)

            let officers = try await groups("officer")
            #expect(figures(officers["cb-lan"]) == [30, 30, 30, 100])
            #expect(figures(officers["cb-minh"]) == [12, 12, 12, 100])
            #expect(figures(officers["cb-hoa"]) == [0, 2, 0, 0])
            #expect(figures(officers["none"]) == [1, 0, 0, nil])

            let week = try #require(try await groups("week")["2026-W48"])
            #expect(figures(week)[0...2] == [43, 44, 42])
            #expect(abs((week["responseRate"] as? Double ?? -1) - 4300.0 / 44) < 1e-9)
            let unit = try await Self.indicators(client, server: server, by: nil)
            #expect(unit["tickets"] as? Int == 44 && unit["responses"] as? Int == 43, "the groups add up to the unit")

            for sector in try await groups("sector").values {
                #expect(sector["tickets"] is NSNull && sector["responseRate"] is NSNull, "\(sector)")
            }
        }
    }

    /// An officer or a week with feedback figures but no rating still has its group: its TT 01
    /// indices 7 and 8 are figures (domain.md §6), and a substantiated complaint about an
    /// officer nobody rated must not vanish (the 2026-11-30 audit found it did). A week with
    /// neither stays out.
    @Test func feedbackWithoutRatingsStillHasItsGroup() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Self.monday))
        try await server.test { client in
            try await Self.seed(client, server: server)
            // About cb-hoa, whom nobody rated: received Tuesday 10/11 (week 46), due 24/11.
            let contact: [String: Any] = ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"]
            let item = try await client.fileFeedback(
                ["unit": "tam-phuoc", "channel": "hotline", "kind": "phan-anh", "category": "thai-do", "officer": "cb-hoa", "description": "x",
                 "contact": contact, "consent": true, "receivedAt": "2026-11-10T09:00:00+07:00"], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await client.act(code, ["action": "verify", "outcome": "co-co-so"], key: server.apiKey).status == .ok)

            let officers = try #require(try await Self.indicators(client, server: server, by: "officer")["groups"] as? [[String: Any]])
            #expect(officers.map { $0["key"] as? String } == ["cb-hoa", "cb-lan", "cb-minh", nil])
            let hoa = try #require(officers.first)
            #expect(hoa["responses"] as? Int == 0)
            #expect(hoa["suppressed"] as? Bool == true)
            #expect((hoa["tt01"] as? [String: Any])?["index7"] as? Int == 0)

            // Weeks 45 to 48: 45 has nothing; 46 received the item; 47 holds it open; 48 has ratings.
            let weeks = try #require(
                try await Self.indicators(client, server: server, by: "week", from: "2026-11-02", to: Self.monday)["groups"] as? [[String: Any]])
            #expect(weeks.map { $0["key"] as? String } == ["2026-W46", "2026-W47", "2026-W48"])
            #expect(weeks.map { $0["responses"] as? Int } == [0, 0, 43])
            #expect(weeks.first?["from"] as? String == "2026-11-09")
        }
    }

    @Test func everyGroupingAddsUpAndBadGroupingsAreRefused() async throws {
        let server = try await TestServer(now: try LocalInstant.at(Self.monday))
        try await server.test { client in
            try await Self.seed(client, server: server)
            for by in FigureGrouping.allCases {
                let json = try await Self.indicators(client, server: server, by: by.rawValue)
                let groups = try #require(json["groups"] as? [[String: Any]], "by=\(by)")
                #expect(groups.reduce(0) { $0 + ($1["responses"] as? Int ?? 0) } == 43, "by=\(by)")
                for group in groups {
                    let rate = try #require(group["satisfaction"] as? [String: Any])
                    let n = try #require(rate["n"] as? Int)
                    #expect((group["suppressed"] as? Bool) == (n < 30), "by=\(by) \(group["key"] ?? "")")
                    #expect((rate["rate"] is NSNull) == (n < 30))
                }
            }
            let sectors = try #require(try await Self.indicators(client, server: server, by: "sector")["groups"] as? [[String: Any]])
            #expect(Set(sectors.compactMap { $0["key"] as? String }) == ["dat-dai", "xay-dung"])
            let weeks = try #require(try await Self.indicators(client, server: server, by: "week")["groups"] as? [[String: Any]])
            #expect(weeks.map { $0["key"] as? String } == ["2026-W48"])
            let months = try #require(
                try await Self.indicators(client, server: server, by: "month", from: "2026-10-15", to: "2026-11-30")["groups"] as? [[String: Any]])
            #expect(months.map { $0["key"] as? String } == ["2026-11"])
            #expect(months.first?["from"] as? String == "2026-11-01")
            // Without by=, no groups: the fixed shape of product.md is unchanged.
            #expect(try await Self.indicators(client, server: server, by: nil)["groups"] == nil)
            let bad = try await client.get(
                "/api/v1/indicators?unit=tam-phuoc&from=\(Self.monday)&to=\(Self.monday)&by=citizen", headers: [.authorization: "Bearer \(server.apiKey)"])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("by"))
        }
    }
}

/// Ranges that start or end inside a month read whole months from the monthly roll-ups and
/// the days at the edges from the daily ones: every cut gives the hand count.
@Suite("Indicators across month boundaries")
struct IndicatorRangeTests {
    @Test func everyCutOfTheRangeGivesTheHandCount() async throws {
        // Today is Tuesday 15/12/2026; ratings every 10 days back to 16/10: 6 days, each
        // 3 by cb-lan (2 satisfied) and 1 by cb-minh (satisfied).
        let server = try await TestServer(now: try LocalInstant.at("2026-12-15"))
        for back in stride(from: 0, through: 50, by: 10) {
            try await server.recordRatings(officer: "cb-lan", levels: [3, 2, 1], visits: 1, daysBack: back)
            try await server.recordRatings(officer: "cb-minh", procedure: "1.009994", levels: [3], daysBack: back)
        }
        // Days rated: 15/12, 05/12, 25/11, 15/11, 05/11, 26/10.
        try await server.test { client in
            for (from, to, days) in [
                ("2026-10-01", "2026-12-31", 6), ("2026-11-01", "2026-11-30", 3), ("2026-10-20", "2026-12-10", 5),
                ("2026-11-06", "2026-12-05", 3), ("2026-11-16", "2026-11-24", 0), ("2026-10-26", "2026-10-26", 1),
            ] {
                let json = try await IndicatorGroupTests.indicators(client, server: server, by: nil, from: from, to: to)
                #expect(json["responses"] as? Int == 4 * days, "\(from)..\(to)")
                let satisfaction = try #require(json["satisfaction"] as? [String: Any])
                #expect(satisfaction["n"] as? Int == 4 * days)
                let index3 = try #require((json["tt01"] as? [String: Any])?["index3"] as? [String: Any])
                #expect(index3["n"] as? Int == 3 * days, "one visit each: 1 point")
                if days > 0 { #expect(index3["value"] as? Double == 1) }
                let officers = try #require(
                    try await IndicatorGroupTests.indicators(client, server: server, by: "officer", from: from, to: to)["groups"] as? [[String: Any]])
                #expect(officers.first { $0["key"] as? String == "cb-lan" }?["responses"] as? Int == (days > 0 ? 3 * days : nil), "\(from)..\(to)")
                let months = try #require(
                    try await IndicatorGroupTests.indicators(client, server: server, by: "month", from: from, to: to)["groups"] as? [[String: Any]])
                #expect(months.reduce(0) { $0 + ($1["responses"] as? Int ?? 0) } == 4 * days)
            }
        }
    }

    /// Periods after the items were received: only what can count is read (handled in the
    /// period, still open at its end), and an item handled before the period counts nowhere.
    @Test func laterPeriodsCountHandlingsAndOverdueItemsOnly() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-02"))
        try await server.test { client in
            // Three clocked items received 02/11 (due 16/11) and one anonymous.
            var codes: [String] = []
            for category in ["cham-tre", "thu-tuc", "phi"] {
                let item = try await client.fileFeedback(
                    ["kind": "phan-anh", "category": category, "description": "Nội dung", "contact": FeedbackAPITests.contact, "consent": true],
                    key: server.apiKey)
                codes.append(try #require(item["code"] as? String))
            }
            _ = try await client.fileFeedback(["kind": "gop-y", "category": "khac", "description": "Ẩn danh"], key: server.apiKey)
            server.clock.set(try LocalInstant.at("2026-11-10"))
            #expect(try await client.act(codes[0], ["action": "resolve", "result": "Đã xử lý"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-11-18"))
            #expect(try await client.act(codes[1], ["action": "resolve", "result": "Đã xử lý"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-11-25"))
            // (from, to): received, resolved, onTime, overdue, open.
            for (from, to, expected) in [
                ("2026-11-16", "2026-11-22", [0, 1, 0, 1, 1]), ("2026-11-23", "2026-11-29", [0, 0, 0, 1, 1]),
                ("2026-11-09", "2026-11-15", [0, 1, 1, 0, 2]), ("2026-11-01", "2026-11-30", [4, 2, 1, 1, 1]),
            ] {
                let json = try await IndicatorGroupTests.indicators(client, server: server, by: nil, from: from, to: to)
                let feedback = try #require(json["feedback"] as? [String: Any])
                let found = ["received", "resolved", "onTime", "overdue", "open"].map { feedback[$0] as? Int ?? -1 }
                #expect(found == expected, "\(from)..\(to)")
            }
        }
    }

    /// Figures computed once are not served stale after a feedback item changes.
    @Test func aVerificationShowsAtOnce() async throws {
        let server = try await TestServer(now: try LocalInstant.at(IndicatorGroupTests.monday))
        try await server.test { client in
            try await IndicatorGroupTests.seed(client, server: server)
            let before = try await IndicatorGroupTests.indicators(client, server: server, by: "officer")
            #expect((before["tt01"] as? [String: Any])?["index7"] as? Int == 2)
            let contact: [String: Any] = ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"]
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "nhung-nhieu", "officer": "cb-lan", "description": "x", "contact": contact, "consent": true],
                key: server.apiKey)
            #expect(try await client.act(try #require(item["code"] as? String), ["action": "verify", "outcome": "co-co-so"], key: server.apiKey).status == .ok)
            let after = try await IndicatorGroupTests.indicators(client, server: server, by: "officer")
            #expect((after["tt01"] as? [String: Any])?["index7"] as? Int == 0)
            #expect((after["feedback"] as? [String: Any])?["received"] as? Int == 1)
            let lan = (after["groups"] as? [[String: Any]])?.first { $0["key"] as? String == "cb-lan" }
            #expect((lan?["tt01"] as? [String: Any])?["index7"] as? Int == 0)
            #expect((after["conduct"] as? [String: Any])?["substantiated"] as? Int == 1)
        }
    }
}
