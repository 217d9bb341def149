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

