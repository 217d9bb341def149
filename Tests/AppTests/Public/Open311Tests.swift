import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

@Suite("Open311 GeoReport v2: read-only requests without personal data")
struct Open311Tests {
    /// Every field GeoReport v2 lists for a request (GET Service Requests).
    static let requestFields: Set<String> = [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
        "long", "media_url",
    ]

    static func list(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]], "not a JSON list: \(response.text)")
    }

    @Test func discoveryAndServicesDescribeTheEndpointAndEveryCategory() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let discovery = try await client.getJSON(SiteURL.open311Discovery.path)
            #expect(discovery.status == .ok)
            let document = try discovery.json()
            let endpoints = try #require(document["endpoints"] as? [[String: Any]])
            #expect(endpoints.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect(endpoints.first?["url"] as? String == "\(TestServer.baseURL)/open311/v2")
            #expect(endpoints.first?["formats"] as? [String] == ["application/json"])

            let services = try Self.list(try await client.getJSON(SiteURL.open311Services.path(["jurisdiction_id": "tam-phuoc"])))
            #expect(services.compactMap { $0["service_code"] as? String } == FeedbackCategory.allCases.map(\.rawValue))
            for service in services {
                #expect(Set(service.keys) == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"])
                #expect(service["type"] as? String == "realtime")
            }
        }
    }

    @Test func requestsPublishStatusAndDueDateButNoPersonalData() async throws {
        // Monday 23/11/2026: a phản ánh is due ten working days later, Monday 07/12/2026.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi", "phone": "0912345678"]
            let first = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ của Nguyễn Văn An trễ hẹn", "contact": contact,
                 "consent": true], key: server.apiKey)
            let firstCode = try #require(first["code"] as? String)
            server.clock.advance(by: 3600)
            let second = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
            let secondCode = try #require(second["code"] as? String)
            _ = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Đơn vị khác"], key: server.otherAPIKey, unit: "chon-thanh")
            server.clock.advance(by: 86_400)
            let resolved = try await client.act(firstCode, ["action": "resolve", "result": "Đã trả hồ sơ ngày 24/11"], key: server.apiKey)
            try #require(resolved.status == .ok, "\(resolved.text)")

            let all = try await client.getJSON(SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc"]))
            #expect(all.status == .ok)
            #expect(!all.text.contains("Nguyễn") && !all.text.contains("0912345678") && !all.text.contains("Lê Lợi"))
            let requests = try Self.list(all)
            #expect(requests.compactMap { $0["service_request_id"] as? String } == [firstCode, secondCode])
            let closed = try #require(requests.first)
            #expect(Set(closed.keys) == Self.requestFields)
            #expect(closed["status"] as? String == "closed")
            #expect(closed["status_notes"] as? String == "Đã trả hồ sơ ngày 24/11")
            #expect(closed["service_code"] as? String == "cham-tre")
            #expect(closed["description"] is NSNull)
            #expect(closed["requested_datetime"] as? String == "2026-11-23T09:00:00+07:00")
            #expect(closed["updated_datetime"] as? String == "2026-11-24T10:00:00+07:00")
            #expect(closed["expected_datetime"] as? String == "2026-12-07T23:59:59+07:00")
            let open = requests[1]
            #expect(open["status"] as? String == "open")
            #expect(open["expected_datetime"] is NSNull)

            let onlyOpen = try Self.list(try await client.getJSON(SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "status": "open"])))
            #expect(onlyOpen.compactMap { $0["service_request_id"] as? String } == [secondCode])
            let byService = try Self.list(
                try await client.getJSON(SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "service_code": "cham-tre"])))
            #expect(byService.compactMap { $0["service_request_id"] as? String } == [firstCode])
            let window = try Self.list(
                try await client.getJSON(
                    SiteURL.open311Requests.path([
                        "jurisdiction_id": "tam-phuoc", "start_date": "2026-11-23T09:30:00+07:00", "end_date": "2026-11-24T00:00:00Z",
                    ])))
            #expect(window.compactMap { $0["service_request_id"] as? String } == [secondCode])

            let one = try Self.list(try await client.getJSON(SiteURL.open311Request(.value(firstCode + ".json")).path(["jurisdiction_id": "tam-phuoc"])))
            #expect(one.count == 1)
            #expect(one.first?["service_request_id"] as? String == firstCode)
        }
    }

    @Test func badQueriesGetOpen311ErrorListsInVietnamese() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let item = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            let cases: [(String, HTTPResponse.Status)] = [
                (SiteURL.open311Requests.path, .badRequest),
                (SiteURL.open311Requests.path(["jurisdiction_id": "khong-co"]), .notFound),
                (SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "status": "pending"]), .badRequest),
                (SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "service_code": "=cmd"]), .badRequest),
                (SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "start_date": "hôm qua"]), .badRequest),
                // Hour 25 is no hour (it was read as 01:00 the next day).
                (SiteURL.open311Requests.path(["jurisdiction_id": "tam-phuoc", "start_date": "2026-11-20T25:00:00+07:00"]), .badRequest),
                (
                    SiteURL.open311Requests.path([
                        "jurisdiction_id": "tam-phuoc", "start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-11-01T00:00:00+07:00",
                    ]),
                    .badRequest
                ),
                (SiteURL.open311Request(.value("ZZZZ-ZZZZ-ZZZZ.json")).path(["jurisdiction_id": "tam-phuoc"]), .notFound),
                // An item of one unit is not found under another's jurisdiction.
                (SiteURL.open311Request(.value(code + ".json")).path(["jurisdiction_id": "chon-thanh"]), .notFound),
                (SiteURL.open311Request(.value(code + ".xml")).path(["jurisdiction_id": "tam-phuoc"]), .notFound),
            ]
            for (uri, status) in cases {
                let response = try await client.getJSON(uri)
                #expect(response.status == status, "\(uri): \(response.status)")
                let errors = try Self.list(response)
                #expect(errors.first?["code"] as? Int == Int(status.code), "\(uri)")
                #expect((errors.first?["description"] as? String)?.isEmpty == false, "\(uri)")
            }
        }
    }
}
