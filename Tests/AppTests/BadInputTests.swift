import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// Bad input of any kind gets a clear 4xx in Vietnamese (JSON for the API), never a 5xx,
/// never a partial write.
@Suite("Bad input is refused clearly and writes nothing")
struct BadInputTests {
    @Test func citizenFormRefusals() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let path = "/r/\(token)"
            let cases: [(String, HTTPFields, ByteBuffer, HTTPResponse.Status)] = [
                ("oversized body", [.contentType: "application/x-www-form-urlencoded"],
                 ByteBuffer(string: "overall=3&comment=" + String(repeating: "a", count: 20_000)), .contentTooLarge),
                ("invalid UTF-8", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(bytes: Array("overall=3&comment=".utf8) + [0xC3, 0x28]), .badRequest),
                ("invalid percent-encoded UTF-8", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=3&comment=%FF%FE"), .badRequest),
                ("unknown question", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=3&q99=4"), .unprocessableContent),
                ("level out of range", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=4"), .unprocessableContent),
                ("negative level", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=-1"), .unprocessableContent),
                ("level of the wrong type", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=abc"), .unprocessableContent),
                ("fraction", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=2.5"), .unprocessableContent),
                ("missing overall", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "access-1=5"), .unprocessableContent),
                ("repeated field", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "overall=3&overall=1"), .unprocessableContent),
                ("forged key", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "_k=../../x&overall=3"), .badRequest),
                ("JSON to the form route", [.contentType: "application/json"], ByteBuffer(string: #"{"overall":3}"#), .unsupportedMediaType),
                ("no content type", [:], ByteBuffer(string: "overall=3"), .unsupportedMediaType),
            ]
            for (name, headers, body, status) in cases {
                let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
                #expect(response.status == status, "\(name)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(name)")
                #expect(response.text.contains(#"<html lang="vi">"#), "\(name): a Vietnamese page")
            }
            #expect(try await server.writtenRows() == 0)
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE usedAt IS NOT NULL") == 0)
            // After all that, the ticket still takes its one rating.
            #expect(try await client.submitForm(path, "overall=3").status == .ok)
        }
    }

    @Test func apiResponseRefusals() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("malformed JSON", #"{"token": "\#(token)", "answers": {"overall": 3}"#, .badRequest, "invalid_body"),
                ("not an object", #"[1,2,3]"#, .badRequest, "invalid_body"),
                ("unknown field", #"{"token":"\#(token)","answers":{"overall":3},"phone":"0909"}"#, .unprocessableContent, "unknown_field"),
                ("unknown question", #"{"token":"\#(token)","answers":{"overall":3,"q99":1}}"#, .unprocessableContent, "unknown_question"),
                ("level out of range", #"{"token":"\#(token)","answers":{"overall":5}}"#, .unprocessableContent, "invalid_answer"),
                ("level as string", #"{"token":"\#(token)","answers":{"overall":"3"}}"#, .unprocessableContent, "invalid_answer"),
                ("level as fraction", #"{"token":"\#(token)","answers":{"overall":2.5}}"#, .unprocessableContent, "invalid_answer"),
                ("level as boolean", #"{"token":"\#(token)","answers":{"overall":true}}"#, .unprocessableContent, "invalid_answer"),
                ("missing overall", #"{"token":"\#(token)","answers":{"access-1":5}}"#, .unprocessableContent, "missing_overall"),
                ("missing answers", #"{"token":"\#(token)"}"#, .unprocessableContent, "invalid_field"),
                ("comment too long", #"{"token":"\#(token)","answers":{"overall":3},"comment":"\#(String(repeating: "x", count: 1001))"}"#, .unprocessableContent, "text_too_long"),
                // JSON names a field once, as a form does: Foundation would keep one value silently.
                ("repeated answer", #"{"token":"\#(token)","answers":{"overall":3,"overall":1}}"#, .unprocessableContent, "repeated_field"),
                ("repeated field", #"{"token":"\#(token)","answers":{"overall":3},"answers":{"overall":1}}"#, .unprocessableContent, "repeated_field"),
                ("repeated field, escaped", #"{"token":"\#(token)","answers":{"overall":3,"\u006fverall":1}}"#, .unprocessableContent, "repeated_field"),
                ("forged token", #"{"token":"AAAAAAAAAAAA","answers":{"overall":3}}"#, .notFound, "unknown_token"),
                ("token of another shape", #"{"token":"../etc/passwd","answers":{"overall":3}}"#, .notFound, "unknown_token"),
            ]
            for (name, body, status, code) in cases {
                let response = try await client.postJSON("/api/v1/responses", body)
                #expect(response.status == status, "\(name): \(response.text)")
                #expect(response.errorCode == code, "\(name): \(response.text)")
                let message = ((try? response.json())?["error"] as? [String: Any])?["message"] as? String
                #expect(message?.isEmpty == false, "\(name): a Vietnamese message")
            }
            let invalidUTF8 = try await client.execute(
                uri: "/api/v1/responses", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: Array(#"{"token":"\#(token)","answers":{"overall":3},"comment":""#.utf8) + [0xFF, 0x22, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
            #expect(invalidUTF8.errorCode == "invalid_utf8")
            let oversized = try await client.postJSON(
                "/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3},"comment":"\#(String(repeating: "x", count: 70_000))"}"#)
            #expect(oversized.status == .contentTooLarge)
            #expect(oversized.errorCode == "too_large")
            let form = try await client.execute(
                uri: "/api/v1/responses", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "overall=3"))
            #expect(form.status == .unsupportedMediaType)
            #expect(try await server.writtenRows() == 0)

            let ok = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3,"officer-1":0},"comment":"Nhanh"}"#)
            #expect(ok.status == .created)
            let used = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":1}}"#)
            #expect(used.status == .gone)
            #expect(used.errorCode == "ticket_used")
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
        }
    }

    @Test func apiTicketRefusals() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let cases: [(String, String, String?, HTTPResponse.Status, String)] = [
                ("no key", #"{"counter":"q1"}"#, nil, .unauthorized, "unauthorized"),
                ("wrong key", #"{"counter":"q1"}"#, "hl_wrong", .unauthorized, "unauthorized"),
                ("unknown counter", #"{"counter":"q9"}"#, server.apiKey, .unprocessableContent, "invalid_counter"),
                // chon-thanh has no q3: a key only reaches its own ward's counters.
                ("another ward's counter", #"{"counter":"q3"}"#, server.otherAPIKey, .unprocessableContent, "invalid_counter"),
                ("unknown officer", #"{"counter":"q1","officer":"nobody"}"#, server.apiKey, .unprocessableContent, "invalid_officer"),
                ("another ward's officer", #"{"counter":"q1","officer":"cb-lan"}"#, server.otherAPIKey, .unprocessableContent, "invalid_officer"),
                ("unknown procedure", #"{"counter":"q1","procedure":"9.999"}"#, server.apiKey, .unprocessableContent, "invalid_procedure"),
                ("unknown sector", #"{"counter":"q1","sector":"none"}"#, server.apiKey, .unprocessableContent, "invalid_sector"),
                ("counter of the wrong type", #"{"counter":1}"#, server.apiKey, .unprocessableContent, "invalid_field"),
                ("missing counter", #"{}"#, server.apiKey, .unprocessableContent, "invalid_field"),
                ("empty counter", #"{"counter":""}"#, server.apiKey, .unprocessableContent, "invalid_counter"),
                ("unknown field", #"{"counter":"q1","citizenPhone":"0909"}"#, server.apiKey, .unprocessableContent, "unknown_field"),
                ("malformed", #"{"counter":"#, server.apiKey, .badRequest, "invalid_body"),
                ("repeated counter", #"{"counter":"q1","counter":"q2"}"#, server.apiKey, .unprocessableContent, "repeated_field"),
            ]
            for (name, body, key, status, code) in cases {
                let response = try await client.postJSON("/api/v1/tickets", body, key: key)
                #expect(response.status == status, "\(name): \(response.text)")
                #expect(response.errorCode == code, "\(name): \(response.text)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(name)")
            }
            #expect(try await server.count("SELECT COUNT(*) FROM tickets") == 0)
        }
    }

    @Test func unknownRoutesAndMethodsAre4xx() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let page = try await client.get("/khong-co")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Không tìm thấy trang này"))
            let api = try await client.get("/api/v1/khong-co")
            #expect(api.status == .notFound)
            #expect(api.errorCode == "not_found")
            // The error page's language link stays on this site.
            let offsite = try await client.get("//evil.example/x")
            #expect(offsite.status == .notFound)
            #expect(!offsite.text.contains("href=\"//evil.example"))
            let delete = try await client.execute(uri: "/r/AAAAAAAAAAAA", method: .delete)
            #expect((400..<500).contains(delete.status.code))
        }
    }

    /// A query string is input too: bytes that are not UTF-8 are refused (`%ff` was read as
    /// U+FFFD and echoed back), and an API parameter named twice is not read as its first.
    @Test func queryStringsAreHeldToTheRulesOfBodies() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let auth: HTTPFields = [.authorization: "Bearer \(server.apiKey)"]
            let cases: [(String, String)] = [
                ("/api/v1/feedback?unit=%ff", "invalid_utf8"),
                ("/api/v1/indicators?unit=tam-phuoc&from=2026-11-01&to=2026-11-30&by=%C3%28", "invalid_utf8"),
                ("/api/v1/feedback?unit=tam-phuoc&unit=chon-thanh", "repeated_parameter"),
                ("/api/v1/feedback?unit=tam-phuoc&state=received&state=closed", "repeated_parameter"),
            ]
            for (uri, code) in cases {
                let response = try await client.get(uri, headers: auth)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.errorCode == code, "\(uri): \(response.text)")
            }
            let page = try await client.get("/public?month=%ff")
            #expect(page.status == .badRequest)
            #expect(page.text.contains("không phải văn bản UTF-8"))
            let open311 = try await client.get("/open311/v2/requests.json?jurisdiction_id=tam-phuoc&jurisdiction_id=chon-thanh")
            #expect(open311.status == .badRequest)
            #expect(open311.text.hasPrefix("[{"), "GeoReport's error list: \(open311.text)")
            // Pages keep their plain, valid queries.
            #expect(try await client.get("/public?month=2026-11&lang=en").status == .ok)
            #expect(try await client.get("/api/v1/feedback?unit=tam-phuoc&state=received", headers: auth).status == .ok)
        }
    }
}
