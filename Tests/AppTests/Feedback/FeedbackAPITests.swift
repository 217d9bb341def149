import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Synchronization
import Testing

@testable import App

/// Instants at chosen local times (Asia/Ho_Chi_Minh), for a clock set to a known day.
enum LocalInstant {
    static func at(_ day: String, _ hour: Int = 9, _ minute: Int = 0) throws -> Date {
        let date = try #require(LocalDate(day))
        return date.start.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }
}

extension TestClientProtocol {
    func postJSON(_ uri: String, _ body: [String: Any], key: String? = nil, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let cookie { headers[.cookie] = cookie }
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: data))
    }

    func getJSON(_ uri: String, key: String? = nil, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let cookie { headers[.cookie] = cookie }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Files an item through the partner API and returns its JSON answer; `unit` and
    /// `channel`, which the API requires, default to the first demo ward's and "api".
    func fileFeedback(_ body: [String: Any], key: String, unit: String = "tam-phuoc") async throws -> [String: Any] {
        let response = try await postJSON(SiteURL.apiFeedback.path, ["unit": unit, "channel": "api"].merging(body) { $1 }, key: key)
        try #require(response.status == .created, "not filed: \(response.status) \(response.text)")
        return try response.json()
    }

    func act(_ code: String, _ body: [String: Any], key: String) async throws -> TestResponse {
        try await postJSON(SiteURL.apiFeedbackActions(.value(code)).path, body, key: key)
    }
}

@Suite("Feedback API: intake, deadlines, actions, history")
struct FeedbackAPITests {
    nonisolated(unsafe) static let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi, Tam Phước", "phone": "0912 345 678"]
    /// A khiếu nại with its filer's contact: on the statutory clock.
    nonisolated(unsafe) static let complaint: [String: Any] = [
        "kind": "khieu-nai", "category": "thu-tuc", "description": "Khiếu nại quyết định từ chối hồ sơ", "contact": contact, "consent": true,
    ]

    @Test func aPhanAnhWithContactGetsTenWorkingDaysAndAnAnonymousOneNone() async throws {
        // Monday 23/11/2026, 09:00: ten working days later is Monday 07/12/2026.
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "cham-tre", "description": "Hồ sơ trễ hẹn 5 ngày", "contact": Self.contact, "consent": true],
                key: server.apiKey)
            #expect(item["dueAt"] as? String == "2026-12-07")
            #expect(item["anonymous"] as? Bool == false)
            #expect(item["state"] as? String == "received")
            #expect((item["receivedAt"] as? String)?.hasPrefix("2026-11-23T09:00:00+07:00") == true)
            let code = try #require(item["code"] as? String)
            #expect(TrackingCode(normalizing: code)?.description == code)
            #expect(item["trackUrl"] as? String == "\(TestServer.baseURL)/track/\(code)")

            let anonymous = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "co-so", "description": "Thiếu ghế chờ"], key: server.apiKey)
            #expect(anonymous["anonymous"] as? Bool == true)
            #expect(anonymous["dueAt"] is NSNull)
            // Name and phone without an address is still anonymous: NĐ 20/2008 asks for all three.
            let partial = try await client.fileFeedback(
                ["kind": "kien-nghi", "category": "thu-tuc", "description": "Đề nghị thêm quầy", "contact": ["name": "An", "phone": "0912345678"],
                 "consent": true], key: server.apiKey)
            #expect(partial["anonymous"] as? Bool == true)
        }
    }

    @Test func aComplaintIsAcceptedThenDecidedWithinThirtyDaysOfAcceptance() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let item = try await client.fileFeedback(Self.complaint, key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(item["dueAt"] as? String == "2026-12-07", "accept within 10 working days")
            // Resolving before acceptance is refused: 409.
            let early = try await client.act(code, ["action": "resolve", "result": "Giữ nguyên quyết định"], key: server.apiKey)
            #expect(early.status == .conflict)
            #expect(early.errorCode == "not_accepted")

            server.clock.set(try LocalInstant.at("2026-11-24", 10))
            let accepted = try await client.act(code, ["action": "accept"], key: server.apiKey)
            #expect(accepted.status == .ok)
            let json = try accepted.json()
            #expect(json["state"] as? String == "accepted")
            // Thirty days from Tuesday 24/11 is Thursday 24/12/2026.
            #expect(json["dueAt"] as? String == "2026-12-24")
            let event = try #require(json["event"] as? [String: Any])
            #expect(event["seq"] as? Int == 2)
            #expect(event["action"] as? String == "accept")
            #expect(event["from"] as? String == "received")
            #expect(event["to"] as? String == "accepted")
            #expect((event["hash"] as? String)?.count == 64)

            // An extension as complex: 45 days from acceptance, Friday 08/01/2027.
            let extended = try await client.act(code, ["action": "extend", "reason": "Cần xác minh thêm", "complexity": "complex"], key: server.apiKey)
            #expect(extended.status == .ok, "\(extended.text)")
            #expect(try extended.json()["dueAt"] as? String == "2027-01-08")
            let again = try await client.act(code, ["action": "extend", "reason": "Lần hai", "complexity": "complex"], key: server.apiKey)
            #expect(again.status == .conflict, "khiếu nại is extended once")

            server.clock.set(try LocalInstant.at("2026-12-30", 15))
            let resolved = try await client.act(code, ["action": "resolve", "result": "Chấp nhận một phần khiếu nại"], key: server.apiKey)
            #expect(resolved.status == .ok)
            #expect(try resolved.json()["state"] as? String == "resolved")

            let detail = try await client.getJSON(SiteURL.apiFeedbackItem(.value(code)).path, key: server.apiKey)
            #expect(detail.status == .ok)
            let body = try detail.json()
            #expect(body["onTime"] as? Bool == true)
            #expect(body["contact"] == nil, "never contact data through an API key")
            #expect((body["extensions"] as? [[String: Any]])?.first?["number"] as? Int == 1)
            let events = try #require(body["events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["receive", "accept", "extend", "resolve"])
            #expect(events[1]["actor"] as? String == "api:" + String(server.apiKey.prefix(8)))
        }
    }

    /// A khiếu nại assigned (and started) before its acceptance is still accepted, then
    /// decided; another is still refused. Before, both were stuck: accept and reject 409 for
    /// the state, resolve and extend 409 for the missing acceptance, and the item ran overdue.
    @Test func aComplaintAssignedBeforeItsAcceptanceIsStillAcceptedOrRefused() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            var codes: [String] = []
            for _ in 0..<2 {
                let item = try await client.fileFeedback(Self.complaint, key: server.apiKey)
                let code = try #require(item["code"] as? String)
                #expect(try await client.act(code, ["action": "assign", "assignee": "cb-lan", "task": "Xem xét thụ lý"], key: server.apiKey).status == .ok)
                codes.append(code)
            }
            #expect(try await client.act(codes[0], ["action": "start"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-11-24", 10))
            let accepted = try await client.act(codes[0], ["action": "accept"], key: server.apiKey)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let json = try accepted.json()
            #expect(json["state"] as? String == "in-progress", "the work under way goes on")
            #expect(json["dueAt"] as? String == "2026-12-24", "thirty days from the acceptance")
            #expect(try await client.act(codes[0], ["action": "accept"], key: server.apiKey).status == .conflict, "accepted once")
            #expect(try await client.act(codes[0], ["action": "reject", "reason": "Muộn"], key: server.apiKey).status == .conflict)
            #expect(try await client.act(codes[0], ["action": "resolve", "result": "Đã giải quyết"], key: server.apiKey).status == .ok)

            let refused = try await client.act(codes[1], ["action": "reject", "reason": "Không đủ điều kiện thụ lý"], key: server.apiKey)
            #expect(refused.status == .ok, "\(refused.text)")
            #expect(try refused.json()["state"] as? String == "rejected")
        }
    }

    /// A change of category alone is the same law: the extension in force stays, and so does
    /// the limit on extensions (the 2026-11-30 audit found both dropped). A change of kind
    /// recomputes from receipt and acceptance without the old kind's extensions.
    @Test func aNewCategoryKeepsTheExtensionAndANewKindDropsIt() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let item = try await client.fileFeedback(Self.complaint, key: server.apiKey)
            let code = try #require(item["code"] as? String)
            server.clock.set(try LocalInstant.at("2026-11-24", 10))
            #expect(try await client.act(code, ["action": "accept"], key: server.apiKey).status == .ok)
            let refused = try await client.act(code, ["action": "reject", "reason": "Không đủ điều kiện"], key: server.apiKey)
            #expect(refused.status == .conflict, "rejected means not accepted: too late once accepted")
            let extended = try await client.act(code, ["action": "extend", "reason": "Cần xác minh thêm", "complexity": "complex"], key: server.apiKey)
            #expect(try extended.json()["dueAt"] as? String == "2027-01-08")

            let recategorized = try await client.act(code, ["action": "reclassify", "kind": "khieu-nai", "category": "phi"], key: server.apiKey)
            #expect(recategorized.status == .ok, "\(recategorized.text)")
            #expect(try recategorized.json()["dueAt"] as? String == "2027-01-08", "still 45 days from acceptance")
            let again = try await client.act(code, ["action": "extend", "reason": "Lần hai", "complexity": "complex"], key: server.apiKey)
            #expect(again.status == .conflict, "khiếu nại is extended once, whatever its category")
            let tracked = try await client.execute(uri: SiteURL.track(.value(code)).path, method: .get, headers: [.accept: "application/json"])
            #expect(try tracked.json()["dueAt"] as? String == "2027-01-08")

            // As tố cáo: 30 days from acceptance (24/12), and tố cáo's own extension is open.
            let rekinded = try await client.act(code, ["action": "reclassify", "kind": "to-cao", "category": "phi"], key: server.apiKey)
            #expect(try rekinded.json()["dueAt"] as? String == "2026-12-24")
            let toCao = try await client.act(code, ["action": "extend", "reason": "Phức tạp", "complexity": "complex"], key: server.apiKey)
            #expect(toCao.status == .ok, "\(toCao.text)")
            #expect(try toCao.json()["dueAt"] as? String == "2027-01-25", "60 days from 24/11 is Saturday 23/01, moved to Monday")
        }
    }

    /// A transfer is judged against its own limit (5 working days from receipt), and that is
    /// the `dueAt` published after it: /track never shows a handling before `dueAt` marked
    /// late (the 2026-11-30 audit found 01/12 shown beside a late transfer on 30/11).
    @Test func aTransferPublishesTheDueDateItWasJudgedAgainst() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-16", 9))
        try await server.test { client in
            var codes: [String] = []
            for _ in 0..<2 {
                let item = try await client.fileFeedback(
                    ["kind": "phan-anh", "category": "thu-tuc", "description": "Việc của Sở", "contact": Self.contact, "consent": true], key: server.apiKey)
                #expect(item["dueAt"] as? String == "2026-11-30")
                codes.append(try #require(item["code"] as? String))
            }
            let transfer: [String: Any] = ["action": "transfer", "to": "Sở Xây dựng", "reason": "Ngoài thẩm quyền"]
            let early = try await client.act(codes[0], transfer, key: server.apiKey)
            #expect(try early.json()["dueAt"] as? String == "2026-11-23")

            server.clock.set(try LocalInstant.at("2026-11-24", 10))
            // An internal date already past is refused before anything else is written.
            let past = try await client.act(codes[1], ["action": "assign", "assignee": "cb-lan", "task": "Chuyển hồ sơ", "dueAt": "2026-11-20"], key: server.apiKey)
            #expect(past.status == .unprocessableContent)
            #expect(past.errorCode == "invalid_dueAt")
            let late = try await client.act(codes[1], transfer, key: server.apiKey)
            #expect(late.status == .ok)
            #expect(try late.json()["dueAt"] as? String == "2026-11-23")
            // Where it went and why are in the history the API gives, not only on the staff page.
            let details = try #require((try late.json()["event"] as? [String: Any])?["details"] as? [String: Any])
            #expect(details["to"] as? String == "Sở Xây dựng")
            #expect(details["reason"] as? String == "Ngoài thẩm quyền")
            let item = try await client.getJSON(SiteURL.apiFeedbackItem(.value(codes[1])).path, key: server.apiKey).json()
            let events = try #require(item["events"] as? [[String: Any]])
            #expect((events.last?["details"] as? [String: Any])?["to"] as? String == "Sở Xây dựng")
            for (code, onTime) in zip(codes, [true, false]) {
                let tracked = try await client.execute(uri: SiteURL.track(.value(code)).path, method: .get, headers: [.accept: "application/json"])
                let json = try tracked.json()
                #expect(json["dueAt"] as? String == "2026-11-23")
                #expect(json["onTime"] as? Bool == onTime)
                #expect(json["state"] as? String == "transferred")
            }
        }
    }

    @Test func theStateMachineRefusesWith409AndBadFieldsWith422() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.addUser("xem.phuong", .viewer, unit: "tam-phuoc")
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "gop-y", "category": "khac", "description": "Nên có wifi", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await client.act(code, ["action": "start"], key: server.apiKey).status == .conflict)
            let noResult = try await client.act(code, ["action": "resolve"], key: server.apiKey)
            #expect(noResult.status == .unprocessableContent)
            #expect(try await client.act(code, ["action": "fly"], key: server.apiKey).status == .unprocessableContent)
            #expect(try await client.act(code, ["action": "verify", "outcome": "co-co-so"], key: server.apiKey).status == .conflict, "not a conduct item")
            #expect(try await client.act(code, ["action": "resolve", "result": "x", "colour": "red"], key: server.apiKey).status == .unprocessableContent)
            #expect(try await client.act("ZZZZ-ZZZZ-ZZZZ", ["action": "accept"], key: server.apiKey).status == .notFound)
            // An assignment says who and what (the "6 rõ"): without a task it is refused.
            let noTask = try await client.act(code, ["action": "assign", "assignee": "canbo.lan"], key: server.apiKey)
            #expect(noTask.status == .unprocessableContent)
            #expect(noTask.errorCode == "invalid_task")
            // Only to someone who could then work on it: never a viewer or an inspector (the
            // 2026-11-30 audit assigned items to both, leaving nobody to handle them).
            for reader in ["xem.phuong", "kiemtra"] {
                let refused = try await client.act(code, ["action": "assign", "assignee": reader, "task": "Xem"], key: server.apiKey)
                #expect(refused.status == .unprocessableContent, "\(reader)")
                #expect(refused.errorCode == "invalid_assignee", "\(reader)")
            }
            // Another ward's key neither sees nor changes it: 403, as for that ward's list.
            #expect(try await client.act(code, ["action": "accept"], key: server.otherAPIKey).status == .forbidden)
            #expect(try await client.getJSON(SiteURL.apiFeedbackItem(.value(code)).path, key: server.otherAPIKey).status == .forbidden)
            #expect(try await client.getJSON(SiteURL.apiFeedback.path(["unit": "tam-phuoc"]), key: server.otherAPIKey).status == .forbidden)
            // Only the receive event exists: refusals wrote nothing.
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents") == 1)
            // The unit's director can be assigned (and the officers, by account or code).
            #expect(try await client.act(code, ["action": "assign", "assignee": "giamdoc", "task": "Trả lời"], key: server.apiKey).status == .ok)
        }
    }

    @Test func badIntakeIsRefusedWithAClear4xxAndWritesNothing() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let cases: [([String: Any], String)] = [
                (["kind": "phan-anh", "category": "khac", "description": "x", "contact": Self.contact], "invalid_consent"),
                (["kind": "than-phien", "category": "khac", "description": "x"], "invalid_kind"),
                (["kind": "phan-anh", "category": "xau", "description": "x"], "invalid_category"),
                (["kind": "phan-anh", "category": "khac", "description": ""], "invalid_description"),
                (["kind": "phan-anh", "category": "khac", "description": String(repeating: "a", count: 5001)], "invalid_description"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "receivedAt": "2026-11-24T09:00:00+07:00"], "invalid_receivedAt"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "receivedAt": "2026-10-01"], "invalid_receivedAt"),
                // Hour 25 was read as 01:30 the next day, and the due date moved with it.
                (["kind": "phan-anh", "category": "khac", "description": "x", "receivedAt": "2026-11-19T25:30:00+07:00"], "invalid_receivedAt"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "receivedAt": "2026-11-20T09:61:00+07:00"], "invalid_receivedAt"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "channel": "fax"], "invalid_channel"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "counter": "q99"], "invalid_counter"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "extra": 1], "unknown_field"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "contact": ["name": "An", "cccd": "079123456789"], "consent": true], "unknown_field"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "unit": NSNull()], "invalid_unit"),
                (["kind": "phan-anh", "category": "khac", "description": "x", "channel": NSNull()], "invalid_channel"),
            ]
            for (fields, code) in cases {
                // A case's NSNull removes the field it names from the valid base.
                var body: [String: Any] = ["unit": "tam-phuoc", "channel": "hotline"]
                for (name, value) in fields { body[name] = value is NSNull ? nil : value }
                let response = try await client.postJSON(SiteURL.apiFeedback.path, body, key: server.apiKey)
                #expect(response.status == .unprocessableContent, "\(code): \(response.status)")
                #expect(response.errorCode == code, "\(response.text)")
            }
            let invalidUTF8 = try await client.execute(
                uri: SiteURL.apiFeedback.path, method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(server.apiKey)"],
                body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0x22, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
            // A kind sent twice is not filed as whichever of the two JSON parsing kept.
            for body in [
                #"{"unit":"tam-phuoc","channel":"hotline","kind":"gop-y","kind":"to-cao","category":"khac","description":"x"}"#,
                #"{"unit":"tam-phuoc","channel":"hotline","kind":"phan-anh","category":"khac","description":"x","consent":true,"contact":{"name":"An","name":"Bình"}}"#,
            ] {
                let repeated = try await client.execute(
                    uri: SiteURL.apiFeedback.path, method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(server.apiKey)"],
                    body: ByteBuffer(string: body))
                #expect(repeated.status == .unprocessableContent, "\(repeated.text)")
                #expect(repeated.errorCode == "repeated_field", "\(repeated.text)")
            }
            #expect(try await client.postJSON(SiteURL.apiFeedback.path, ["kind": "phan-anh"]).status == .unauthorized)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 0)
        }
    }

    @Test func aBackdatedHotlineCallIsTimedFromItsRealReceipt() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-30", 8))
        try await server.test { client in
            // Received on Saturday 21/11: the count starts on Monday; ten working days end on Friday 04/12.
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "phi", "description": "Thu phí sai", "channel": "hotline", "receivedAt": "2026-11-21T16:00:00+07:00",
                 "contact": Self.contact, "consent": true], key: server.apiKey)
            #expect(item["dueAt"] as? String == "2026-12-04")
            let list = try await client.getJSON(SiteURL.apiFeedback.path(["unit": "tam-phuoc"]), key: server.apiKey)
            let rows = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(rows.first?["channel"] as? String == "hotline")
            #expect(rows.first?["dueSoon"] as? Bool == false)
            server.clock.set(try LocalInstant.at("2026-12-03"))
            let soon = try await client.getJSON(SiteURL.apiFeedback.path(["unit": "tam-phuoc", "due": "soon"]), key: server.apiKey)
            #expect((try soon.json()["items"] as? [[String: Any]])?.count == 1)
            server.clock.set(try LocalInstant.at("2026-12-07"))
            let overdue = try await client.getJSON(SiteURL.apiFeedback.path(["unit": "tam-phuoc", "due": "overdue"]), key: server.apiKey)
            #expect((try overdue.json()["items"] as? [[String: Any]])?.first?["overdue"] as? Bool == true)
        }
    }

    @Test func theIndicatorsCountFeedbackAsDomainSection6Says() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-02"))
        try await server.test { client in
            // Three clocked items received 02/11 (due 16/11), one anonymous.
            var codes: [String] = []
            for category in ["cham-tre", "thu-tuc", "phi"] {
                let item = try await client.fileFeedback(
                    ["kind": "phan-anh", "category": category, "description": "Nội dung", "contact": Self.contact, "consent": true], key: server.apiKey)
                #expect(item["dueAt"] as? String == "2026-11-16")
                codes.append(try #require(item["code"] as? String))
            }
            _ = try await client.fileFeedback(["kind": "gop-y", "category": "khac", "description": "Ẩn danh"], key: server.apiKey)
            // One answered on time, one answered late, one still open and late at the end.
            server.clock.set(try LocalInstant.at("2026-11-10"))
            #expect(try await client.act(codes[0], ["action": "resolve", "result": "Đã xử lý"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-11-18"))
            #expect(try await client.act(codes[1], ["action": "resolve", "result": "Đã xử lý"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-11-25"))

            let report = try await client.getJSON(
                SiteURL.apiIndicators.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30"]), key: server.apiKey)
            #expect(report.status == .ok)
            let feedback = try #require(try report.json()["feedback"] as? [String: Any])
            #expect(feedback["received"] as? Int == 4)
            #expect(feedback["anonymous"] as? Int == 1)
            #expect(feedback["resolved"] as? Int == 2)
            #expect(feedback["onTime"] as? Int == 1)
            #expect(feedback["overdue"] as? Int == 1)
            #expect(feedback["open"] as? Int == 1)
            // onTime / (resolved + overdue) = 1 / 3.
            let rate = try #require(feedback["onTimeRate"] as? Double)
            #expect(abs(rate - 100.0 / 3.0) < 0.005)
            let targets = try #require(try report.json()["targets"] as? [[String: Any]])
            let i3 = try #require(targets.first { $0["id"] as? String == "I3" })
            #expect(i3["met"] as? Bool == false)
            let i4 = try #require(targets.first { $0["id"] as? String == "I4" })
            #expect(i4["met"] as? Bool == true)
        }
    }

    @Test func aSubstantiatedConductItemCountsAgainstItsOfficer() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-02"))
        try await server.test { client in
            _ = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"cb-lan"}"#)
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "thai-do", "officer": "cb-lan", "description": "Cán bộ quát tháo", "contact": Self.contact,
                 "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await client.act(code, ["action": "verify", "outcome": "co-co-so"], key: server.apiKey).status == .ok)
            let report = try await client.getJSON(
                SiteURL.apiIndicators.path(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30"]), key: server.apiKey)
            let conduct = try #require(try report.json()["conduct"] as? [String: Any])
            #expect(conduct["substantiated"] as? Int == 1)
            #expect((conduct["officers"] as? Int ?? 0) >= 1)
            let targets = try #require(try report.json()["targets"] as? [[String: Any]])
            #expect(targets.first { $0["id"] as? String == "I4" }?["met"] as? Bool == false)
        }
    }

    @Test func editingTheHistoryBehindTheServicesBackIsFoundAndNamed() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        let filed = Mutex("")
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "khac", "description": "Nội dung", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            filed.withLock { $0 = code }
            #expect(try await client.act(code, ["action": "accept"], key: server.apiKey).status == .ok)
            #expect(try await client.act(code, ["action": "resolve", "result": "Đã trả lời"], key: server.apiKey).status == .ok)
        }
        let code = filed.withLock { $0 }
        #expect(try await server.database.feedbackChainProblems().isEmpty)
        // The item row moved behind the service's back, its history intact: found too (the
        // 2026-11-30 audits closed an item, then moved its due date and verdict, with sqlite3,
        // and `verify` said ok).
        for (column, value, history) in [("state", "closed", "resolved"), ("dueOn", "2027-06-01", "2026-12-07"), ("onTime", "0", "1"), ("result", "khác", "Đã trả lời")] {
            let original = try await server.database.pool.read { db in
                try String.fetchOne(db, sql: "SELECT \(column) FROM feedbackItems WHERE code = ?", arguments: [code])
            }
            try await server.database.pool.write { db in
                try db.execute(sql: "UPDATE feedbackItems SET \(column) = ? WHERE code = ?", arguments: [value, code])
            }
            #expect(try await server.database.feedbackChainProblems() == ["feedback \(code): \(column) is '\(value)' but its history says '\(history)'"])
            try await server.database.pool.write { db in
                try db.execute(sql: "UPDATE feedbackItems SET \(column) = ? WHERE code = ?", arguments: [original, code])
            }
            #expect(try await server.database.feedbackChainProblems().isEmpty, "\(column) put back")
        }
        // The database itself refuses to rewrite history...
        await #expect(throws: (any Error).self) {
            try await server.database.pool.write { db in try db.execute(sql: "UPDATE feedbackEvents SET note = 'sửa' WHERE seq = 2") }
        }
        await #expect(throws: (any Error).self) {
            try await server.database.pool.write { db in try db.execute(sql: "DELETE FROM feedbackEvents WHERE seq = 3") }
        }
        // ...and someone who drops the trigger to do it is found out, by item and event.
        try await server.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER feedbackEventsNoUpdate")
            try db.execute(sql: "UPDATE feedbackEvents SET actor = 'someone-else' WHERE seq = 2")
        }
        let problems = try await server.database.feedbackChainProblems()
        #expect(problems == ["feedback \(code): event 2: edited: its hash no longer matches"])
        let verified = try await Maintenance.verify(dataDirectory: server.config.dataDirectory)
        #expect(verified.contains { $0.contains(code) && $0.contains("event 2") })
    }
}
