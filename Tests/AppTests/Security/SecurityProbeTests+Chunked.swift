import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import App

extension SecurityProbeTests {
    /// A chunk size that is not hexadecimal is the client's mistake: 400 in the audience's
    /// error shape, logged at debug, never a 500 or an error line. Over a real socket, since
    /// the router-mode test client never parses chunked framing.
    @Test func aMalformedChunkedBodyIs400InTheErrorShapeOfItsAudience() async throws {
        let server = try await TestServer()
        let lines = LogCapture()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .trace
        let app = try await buildApplication(server.config, logger: logger)
        let poster = try server.posterToken()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            func post(_ path: String, contentType: String) async throws -> RawHTTP.Exchange {
                try await RawHTTP.exchange(
                    port: port,
                    send: "POST \(path) HTTP/1.1\r\nHost: hailong.test\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\noverall=3\r\n0\r\n\r\n",
                    wait: 10)
            }

            let api = try await post("/api/v1/responses", contentType: "application/json")
            #expect(api.status == 400, "\(api.received)")
            #expect(api.header("Content-Type") == "application/json; charset=utf-8")
            let error = try #require(
                (try? JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])?["error"] as? [String: Any], "\(api.received)")
            #expect(error["code"] as? String == "invalid_body")
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect((error["messageEn"] as? String)?.isEmpty == false)
            #expect(api.received.components(separatedBy: "HTTP/1.1 ").count == 2, "one response only: \(api.received)")
            #expect(api.closedByServer, "the broken stream is not read further")

            let page = try await post("/r/\(poster)", contentType: "application/x-www-form-urlencoded")
            #expect(page.status == 400, "\(page.received)")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.body.contains(#"<html lang="vi">"#))
            #expect(page.received.components(separatedBy: "HTTP/1.1 ").count == 2, "one response only: \(page.received)")
        }
        #expect(try await server.writtenRows() == 0)
        #expect(!lines.all.contains { $0.hasPrefix("error") || $0.hasPrefix("critical") }, "\(lines.all.filter { $0.hasPrefix("error") })")
        #expect(lines.all.contains { $0.hasPrefix("debug request refused") }, "the refusal is logged at debug")
    }
}
