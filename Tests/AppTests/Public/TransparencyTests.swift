import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

@Suite("The public transparency page and GET /api/v1/public")
struct TransparencyTests {
    @Test func everyUnitsMonthWithNIntervalAndSuppressionWithoutLogin() async throws {
        // Friday 20/11/2026: 30 ratings in Tam Phước (27 satisfied), none in Chơn Thành.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-20"))
        try await server.recordRatings(officer: "cb-lan", levels: Array(repeating: 3, count: 27) + Array(repeating: 1, count: 3))
        try await server.test { client in
            _ = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
            // Chơn Thành: three people answering all 14 factor questions, 42 answers for the index.
            let factors = ["access", "procedure", "officer", "result"].flatMap { f in (1...3).map { "\"\(f)-\($0)\":5" } } + ["\"feedback-1\":5", "\"feedback-2\":5"]
            for _ in 0..<3 {
                let token = try await client.issueTicket(key: server.otherAPIKey)
                let rated = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3,\#(factors.joined(separator: ","))}}"#)
                try #require(rated.status == .created, "\(rated.text)")
            }
            let response = try await client.getJSON(SiteURL.apiPublic.path(["month": "2026-11"]))
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["month"] as? String == "2026-11")
            #expect((body["method"] as? String)?.contains("SIPAS, khảo sát tại quầy") == true)
            let units = try #require(body["units"] as? [[String: Any]])
            #expect(units.compactMap { $0["unit"] as? String }.sorted() == ["chon-thanh", "tam-phuoc"])
            let tamPhuoc = try #require(units.first { $0["unit"] as? String == "tam-phuoc" })
            #expect(Set(tamPhuoc.keys) == ["unit", "name", "responses", "satisfaction", "index", "feedback", "suppressed"])
            #expect(tamPhuoc["responses"] as? Int == 30)
            #expect(tamPhuoc["suppressed"] as? Bool == false)
            let satisfaction = try #require(tamPhuoc["satisfaction"] as? [String: Any])
            #expect(satisfaction["rate"] as? Double == 90)
            #expect(satisfaction["n"] as? Int == 30)
            let interval = try #require(satisfaction["ci95"] as? [Double])
            #expect(abs(interval[0] - 74.38) < 0.01 && abs(interval[1] - 96.54) < 0.01, "Wilson 27/30: \(interval)")
            let feedback = try #require(tamPhuoc["feedback"] as? [String: Any])
            #expect(feedback["received"] as? Int == 1)
            #expect(feedback["onTimeRate"] is NSNull)
            #expect(feedback["n"] as? Int == 0)

            // The same figures as the indicators API for that unit and month.
            let indicators = try await client.getJSON(
                SiteURL.apiIndicators.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30"]), key: server.apiKey
            ).json()
            let official = try #require(indicators["satisfaction"] as? [String: Any])
            #expect(official["rate"] as? Double == satisfaction["rate"] as? Double)
            #expect(official["ci95"] as? [Double] == interval)

            // Below the minimum n: no rate, no interval, no index (its 42 answers are three
            // people's), "suppressed".
            let chonThanh = try #require(units.first { $0["unit"] as? String == "chon-thanh" })
            #expect(chonThanh["suppressed"] as? Bool == true)
            let few = try #require(chonThanh["satisfaction"] as? [String: Any])
            #expect(few["rate"] is NSNull && few["ci95"] is NSNull && few["n"] as? Int == 3)
            #expect((chonThanh["index"] as? [String: Any])?["value"] is NSNull)

            let page = try await client.get(SiteURL.transparency.path(["month": "2026-11"]))
            #expect(page.status == .ok)
            #expect(page.text.contains("chưa đủ mẫu"))
            #expect(page.text.contains("90,0%"))
            #expect(page.text.contains("theo phương pháp SIPAS, khảo sát tại quầy"))
            #expect(page.text.contains("<svg") && page.text.contains("<details"))
            #expect(page.text.contains(SiteURL.transparencyCSV.path(["month": "2026-11"]).replacingOccurrences(of: "&", with: "&amp;")))

            let csv = try await client.get(SiteURL.transparencyCSV.path(["month": "2026-11"]))
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark")
            #expect(csv.text.contains("2026-11,tam-phuoc,Phường Tam Phước,30,90,30"))
        }
    }

    @Test func aBadMonthIsA400InVietnamese() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-20"))
        try await server.test { client in
            for month in ["2026-13", "11-2026", "2026-1", "x", "2026-11-01"] {
                let response = try await client.getJSON(SiteURL.apiPublic.path(["month": month]))
                #expect(response.status == .badRequest, "\(month)")
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect(error["code"] as? String == "invalid_month")
                #expect((error["message"] as? String)?.contains("Tháng") == true)
            }
            let page = try await client.get(SiteURL.transparency.path(["month": "<script>"]))
            #expect(page.status == .badRequest)
            #expect(!page.text.contains("<script>"))
            let current = try await client.getJSON(SiteURL.apiPublic.path)
            #expect(try current.json()["month"] as? String == "2026-11")
        }
    }
}
