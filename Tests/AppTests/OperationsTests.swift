import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Storage
import Synchronization
import Testing

@testable import App

@Suite("Health, metrics, headers, logs, durability")
struct OperationsTests {
    @Test func healthzAnswersOkWithSecurityHeaders() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            #expect(response.text == "ok")
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            let page = try await client.get("/r/AAAAAAAAAAAA")
            #expect(page.headers[.contentSecurityPolicy] != nil, "error pages carry the headers too")
        }
    }

    /// The Authorization scheme's name is case-insensitive (RFC 9110 §11.1): "bearer" works.
    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        let server = try await TestServer()
        try await server.test { client in
            for scheme in ["Bearer", "bearer", "BEARER"] {
                let response = try await client.execute(
                    uri: "/api/v1/tickets", method: .post,
                    headers: [.authorization: "\(scheme) \(server.apiKey)", .contentType: "application/json"], body: ByteBuffer(string: #"{"counter":"q1"}"#))
                #expect(response.status == .created, "\(scheme)")
            }
            let other = try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.authorization: "Basic \(server.apiKey)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"counter":"q1"}"#))
            #expect(other.status == .unauthorized)
        }
    }

    /// HEAD answers on the public read-only pages and files, with no body (RFC 9110 §9.3.2;
    /// every HEAD was 404).
    @Test func headAnswersWhereAGetChangesNothing() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            for uri in ["/healthz", "/metrics", "/login", "/r/\(poster)", "/qr/\(poster).svg", "/public"] {
                let get = try await client.get(uri)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.status == .ok, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
            }
            // Where a GET has effects, HEAD is refused before they happen: the counter display
            // would issue a ticket, a staff page record an access, /track spend a look-up.
            for uri in ["/counter", "/admin", "/track/AAAA-BBBB-CCCC", "/khong-co"] {
                let refused = try await client.execute(uri: uri, method: .head)
                #expect(refused.status == .methodNotAllowed, "\(uri)")
                // Answered as the path's other refusals are: a page here, with the security headers.
                #expect(refused.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(refused.headers[.contentSecurityPolicy] != nil, "\(uri)")
            }
            #expect(try await client.execute(uri: "/api/v1/feedback?unit=tam-phuoc", method: .head).headers[.contentType] == "application/json; charset=utf-8")
            #expect(try await server.count("SELECT COUNT(*) FROM tickets") == 0)
        }
    }

    @Test func metricsCountRatingsAndRefusals() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let poster = try server.posterToken()
            _ = try await client.postForm("/r/\(poster)", "overall=3")
            _ = try await client.postForm("/r/\(poster)", "overall=9")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains(#"hailong_ratings_recorded_total{channel="web"} 1"#))
            #expect(metrics.text.contains(#"hailong_submissions_refused_total{reason="invalid_answer"} 1"#))
        }
    }

    @Test func metricsTimeEachRouteByItsPatternAndPassPromtool() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let poster = try server.posterToken()
            _ = try await client.get("/r/\(poster)")
            _ = try await client.get("/r/\(poster)")
            _ = try await client.get("/khong-co-trang-nay")
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains(#"hailong_http_request_duration_seconds_count{route="/r/{token}",method="GET"} 2"#), "\(metrics)")
            #expect(metrics.contains(#"route="NotFound""#), "unmatched paths share one label, whatever was asked")
            #expect(!metrics.contains(poster), "never a token in a label")
            let size = metrics.split(separator: "\n").first { $0.hasPrefix("hailong_database_size_bytes ") }
            #expect((size?.split(separator: " ").last).flatMap { Double($0) } ?? 0 > 0)
            #expect(metrics.contains("hailong_write_batches_committed "))
            // The memory figures a soak reads to tell a leak from an allocator's retention.
            func value(_ name: String) -> Double {
                (metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }?.split(separator: " ").last).flatMap { Double($0) } ?? 0
            }
            #expect(value("process_resident_memory_bytes") > 1_000_000)
            #expect(value("hailong_malloc_in_use_bytes") > 0)
            #expect(value("hailong_sqlite_memory_used_bytes") > 0, "the test's database has open connections")
            #expect(value("hailong_sqlite_memory_highwater_bytes") >= value("hailong_sqlite_memory_used_bytes"))
            #expect(value("hailong_malloc_in_use_bytes") < value("process_resident_memory_bytes") * 4, "bytes, not kilobytes or pages")
            #expect(metrics.contains("# HELP hailong_ratings_recorded_total"))

            // Prometheus' own linter, as a scraper would read the page.
            let input = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString).txt")
            try Data(metrics.utf8).write(to: input)
            let check = try Subprocess.run("/bin/sh", ["-c", "promtool check metrics < '\(input.path)' 2>&1"])
            #expect(check.status == 0, "promtool: \(check.text)")
        }
    }

    @Test func jsonLogsGiveEachRequestAnIdItsRouteStatusAndDurationAndNoPath() async throws {
        let server = try await TestServer()
        let captured = Mutex<[[UInt8]]>([])
        var config = server.config
        config.logFormat = .json
        var logger = Logger(label: "hailong") { JSONLogHandler(label: $0, output: .lines { line in captured.withLock { $0.append(line) } }) }
        logger.logLevel = .info
        let app = try await buildApplication(config, logger: logger)
        let poster = try server.posterToken()
        try await app.test(.router) { client in
            _ = try await client.get("/r/\(poster)")
            _ = try await client.get("/healthz")
        }
        let objects = try captured.withLock { $0 }.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line)) as? [String: String], "not a JSON line: \(String(decoding: line, as: UTF8.self))")
        }
        let access = objects.filter { $0["message"] == "request" }
        #expect(access.count == 2)
        let page = try #require(access.first { $0["route"] == "/r/{token}" })
        #expect(page["status"] == "200" && page["method"] == "GET" && page["level"] == "info")
        #expect(Double(page["duration_ms"] ?? "") != nil)
        #expect((page["hb.request.id"] ?? "").isEmpty == false)
        #expect(Set(access.compactMap { $0["hb.request.id"] }).count == 2, "one id per request")
        #expect(!captured.withLock { $0 }.contains { String(decoding: $0, as: UTF8.self).contains(poster) }, "never the token")
    }

    @Test func theDatabaseIsDurableBeforeTheCitizenIsAnswered() async throws {
        let server = try await TestServer()
        try await server.test { _ in }
        // WAL with synchronous=FULL on the writer: a commit is on disk when it returns.
        await #expect(try server.database.journalMode() == "wal")
        await #expect(try server.database.synchronousMode() == 2)
    }

    @Test func answersAndCommentsNeverReachTheLogs() async throws {
        let server = try await TestServer()
        let lines = LogCapture()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .trace
        let app = try await buildApplication(server.config, logger: logger)
        let marker = "Bí-mật-\(UUID().uuidString)"
        try await app.test(.router) { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let encoded = marker.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            _ = try await client.postForm("/r/\(token)", "_k=\(key)&overall=1")
            _ = try await client.postForm("/r/\(token)", "_k=\(key)&access-1=9&comment=\(encoded)")  // refused
            _ = try await client.postForm("/r/\(token)", "_k=\(key)&comment=\(encoded)")
            _ = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":1},"comment":"\#(marker)"}"#)
            _ = try await client.postJSON("/api/v1/responses", #"{"token":"\#(try server.posterToken())","answers":{"overall":7},"comment":"\#(marker)"}"#)
        }
        #expect(!lines.all.isEmpty, "the capture works: requests were logged")
        #expect(!lines.all.contains { $0.contains(marker) || $0.contains("comment=") })
    }
}

