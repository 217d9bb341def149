import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// Figures recomputed by hand from what the test itself submits, as an outside checker would.
@Suite("GET /api/v1/indicators")
struct IndicatorTests {
    /// Submits one rating for a fresh ticket through the API.
    private func rate(_ client: some TestClientProtocol, key: String, procedure: String, answers: String) async throws {
        let token = try await client.issueTicket(key: key, body: #"{"counter":"q1","procedure":"\#(procedure)"}"#)
        let response = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{\#(answers)}}"#)
        try #require(response.status == .created, "\(response.text)")
    }

    @Test func figuresMatchAHandComputation() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken(counter: "q3")
        try await server.test { client in
            let land = "1.004227", building = "1.009994"
            // Land: 40 ratings, overall 30 x 3, 8 x 2, 2 x 1 -> 38 / 40 satisfied.
            // The first ten also answer details:
            //   access-1: 5 x6, 3 x2, 0 x2 -> 6 / 8 valid = 75%; access-2: 4 x4 -> 100%; access = 87.5
            //   officer-1: 5 x5, 1 x5 -> 50%; officer = 50. index = (87.5 + 50) / 2 = 68.75
            for i in 0..<40 {
                let overall = i < 30 ? 3 : (i < 38 ? 2 : 1)
                var answers = #""overall":\#(overall)"#
                if i < 10 {
                    let access1 = i < 6 ? 5 : (i < 8 ? 3 : 0)
                    answers += #","access-1":\#(access1),"officer-1":\#(i < 5 ? 5 : 1)"#
                    if i < 4 { answers += #","access-2":4"# }
                }
                try await rate(client, key: server.apiKey, procedure: land, answers: answers)
            }
            // Construction: 10 ratings, 3 x 3 and 7 x 1 -> 3 / 10, below the minimum n of 30.
            for i in 0..<10 {
                try await rate(client, key: server.apiKey, procedure: building, answers: #""overall":\#(i < 3 ? 3 : 1)"#)
            }
            // Five tickets never rated; two poster ratings: no opinion, and 2.
            for _ in 0..<5 { _ = try await client.issueTicket(key: server.apiKey) }
            for level in [0, 2] {
                let response = try await client.postJSON("/api/v1/responses", #"{"token":"\#(poster)","answers":{"overall":\#(level)}}"#)
                #expect(response.status == .created)
            }

            let today = server.clock.today
            let report = try await client.get(
                "/api/v1/indicators?unit=tam-phuoc&from=\(today.adding(days: -3))&to=\(today)", headers: [.authorization: "Bearer \(server.apiKey)"])
            #expect(report.status == .ok)
            let json = try report.json()
            #expect(json["responses"] as? Int == 52)
            #expect(json["tickets"] as? Int == 55)
            #expect(json["ticketsAnswered"] as? Int == 50)
            // domain.md §2: responses / tickets issued, poster ratings included (52 / 55, not 50 / 55).
            #expect(try close(json["responseRate"], 52.0 / 55.0 * 100))
            // I5: every month of the range is on the public page, so 100%, n = those months.
            let i5 = try #require((json["targets"] as? [[String: Any]])?.first { $0["id"] as? String == "I5" })
            #expect(i5["value"] as? Double == 100)
            #expect(i5["met"] as? Bool == true)
            #expect(i5["n"] as? Int == (today.adding(days: -3).month == today.month ? 1 : 2))

            // Overall: valid n = 40 + 10 + 1 (no opinion left out); satisfied = 38 + 3 + 1.
            let satisfaction = try #require(json["satisfaction"] as? [String: Any])
            #expect(satisfaction["n"] as? Int == 51)
            #expect(try close(satisfaction["rate"], 42.0 / 51.0 * 100))
            let ci = try #require(satisfaction["ci95"] as? [Double])
            let wilson = wilson95(42, 51)
            #expect(abs(ci[0] - wilson.low) < 1e-9 && abs(ci[1] - wilson.high) < 1e-9)

            let index = try #require(json["index"] as? [String: Any])
            #expect(try close(index["value"], 68.75))
            let factors = try #require(index["factors"] as? [String: [String: Any]])
            #expect(Set(factors.keys) == ["access", "officer"])
            #expect(try close(factors["access"]?["value"], 87.5))
            #expect(factors["access"]?["n"] as? Int == 12)
            #expect(try close(factors["officer"]?["value"], 50))
            #expect(factors["officer"]?["n"] as? Int == 10)

            let sectors = try #require(json["sectors"] as? [String: [String: Any]])
            #expect(try close(sectors["dat-dai"]?["rate"], 95))
            #expect(sectors["dat-dai"]?["n"] as? Int == 40)
            #expect(sectors["xay-dung"]?["rate"] is NSNull, "n = 10 is below the minimum n: never a percentage")
            #expect(sectors["xay-dung"]?["suppressed"] as? Bool == true)
            #expect(sectors["xay-dung"]?["n"] as? Int == 10)

            let targets = try #require(json["targets"] as? [[String: Any]])
            let i1 = try #require(targets.first { $0["id"] as? String == "I1" })
            #expect(try close(i1["value"], 68.75))
            #expect(i1["met"] as? Bool == false)
            #expect(i1["target"] as? Double == 95)
            let i2 = try #require(targets.first { $0["id"] as? String == "I2" })
            #expect(i2["value"] is NSNull)
            #expect(i2["met"] is NSNull)

            let feedback = try #require(json["feedback"] as? [String: Any])
            #expect(feedback["received"] as? Int == 0)
            #expect(feedback["onTimeRate"] is NSNull)
            // domain.md §6 counts the officers who served at a counter in the period (an
            // assignment or a ticket issued for them): none did here, though the ward has three.
            #expect((json["conduct"] as? [String: Any])?["officers"] as? Int == 0)

            // The other ward saw none of it; a range without data has no rates at all.
            let other = try await client.get(
                "/api/v1/indicators?unit=chon-thanh&from=\(today)&to=\(today)", headers: [.authorization: "Bearer \(server.otherAPIKey)"]
            ).json()
            #expect(other["responses"] as? Int == 0)
            #expect((other["satisfaction"] as? [String: Any])?["rate"] is NSNull)
            #expect(other["responseRate"] is NSNull)
            let past = try await client.get(
                "/api/v1/indicators?unit=tam-phuoc&from=2026-01-01&to=2026-01-31", headers: [.authorization: "Bearer \(server.apiKey)"]
            ).json()
            #expect(past["responses"] as? Int == 0)
        }
    }

    @Test func theMinimumNIsConfigurable() async throws {
        let server = try await TestServer { $0.minimumN = 5 }
        try await server.test { client in
            for level in [3, 3, 2, 2, 1] {
                try await rate(client, key: server.apiKey, procedure: "1.009994", answers: #""overall":\#(level)"#)
            }
            let today = server.clock.today
            let json = try await client.get(
                "/api/v1/indicators?unit=tam-phuoc&from=\(today)&to=\(today)", headers: [.authorization: "Bearer \(server.apiKey)"]
            ).json()
            let sectors = try #require(json["sectors"] as? [String: [String: Any]])
            #expect(try close(sectors["xay-dung"]?["rate"], 80))
            #expect((json["rules"] as? [String: Any])?["minimumN"] as? Int == 5)
        }
    }

    @Test func accessIsScopedToTheKeysUnitAndQueriesAreChecked() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let auth: HTTPFields = [.authorization: "Bearer \(server.apiKey)"]
            let cases: [(String, HTTPFields, HTTPResponse.Status, String)] = [
                ("/api/v1/indicators?unit=chon-thanh&from=2026-11-01&to=2026-11-30", auth, .forbidden, "forbidden"),
                ("/api/v1/indicators?unit=tam-phuoc&from=2026-11-01&to=2026-11-30", [:], .unauthorized, "unauthorized"),
                ("/api/v1/indicators?unit=tam-phuoc&from=2026-11-01&to=2026-11-30", [.authorization: "Basic YWRtaW46YWRtaW4="], .unauthorized, "unauthorized"),
                ("/api/v1/indicators?unit=khong-co&from=2026-11-01&to=2026-11-30", auth, .notFound, "unknown_unit"),
                ("/api/v1/indicators?from=2026-11-01&to=2026-11-30", auth, .badRequest, "missing_unit"),
                ("/api/v1/indicators?unit=tam-phuoc&from=2026-11-31&to=2026-12-01", auth, .badRequest, "invalid_dates"),
                ("/api/v1/indicators?unit=tam-phuoc&from=01/11/2026&to=2026-11-30", auth, .badRequest, "invalid_dates"),
                ("/api/v1/indicators?unit=tam-phuoc&from=2026-11-30&to=2026-11-01", auth, .badRequest, "invalid_range"),
                // Ten years at most, as the exports and the dashboard (a 130-year range took seconds).
                ("/api/v1/indicators?unit=tam-phuoc&from=1970-01-01&to=2099-12-31&by=week", auth, .badRequest, "range_too_long"),
                // The feedback list keeps the same rule (it answered an empty list).
                ("/api/v1/feedback?unit=tam-phuoc&from=2026-11-30&to=2026-11-01", auth, .badRequest, "invalid_range"),
            ]
            for (uri, headers, status, code) in cases {
                let response = try await client.get(uri, headers: headers)
                #expect(response.status == status, "\(uri)")
                #expect(response.errorCode == code, "\(uri): \(response.text)")
            }
        }
    }

    private func close(_ value: Any?, _ expected: Double) throws -> Bool {
        let number = try #require(value as? Double, "not a number: \(String(describing: value))")
        return abs(number - expected) < 1e-9
    }

    /// Wilson's formula written out independently of the code under test.
    private func wilson95(_ successes: Double, _ n: Double) -> (low: Double, high: Double) {
        let z = 1.96, p = successes / n
        let centre = p + z * z / (2 * n)
        let margin = z * ((p * (1 - p) + z * z / (4 * n)) / n).squareRoot()
        let denominator = 1 + z * z / n
        return ((centre - margin) / denominator * 100, (centre + margin) / denominator * 100)
    }
}
