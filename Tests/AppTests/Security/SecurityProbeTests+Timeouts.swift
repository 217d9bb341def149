import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

extension SecurityProbeTests {
    /// Without nginx in front, a client that connects and sends nothing, half a head, or
    /// half a body must not hold a connection open for ever.
    @Test func idleAndHalfSentConnectionsAreClosedByTheServer() async throws {
        #expect((30...60).contains(AppConfiguration().idleTimeout), "a sensible default")
        let server = try await TestServer { $0.idleTimeout = 1 }
        let app = try await buildApplication(server.config)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let cases = [
                ("nothing sent", ""),
                ("half a head", "GET /healthz HTTP/1.1\r\nHost: hailong.test\r\nUser-Agent: slo"),
                ("half a body", "POST /api/v1/responses HTTP/1.1\r\nHost: hailong.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"token\":"),
            ]
            for (name, text) in cases {
                let exchange = try await RawHTTP.exchange(port: port, send: text, wait: 8)
                #expect(exchange.closedByServer, "\(name): still open after \(exchange.elapsed) s")
                #expect(exchange.elapsed < 5, "\(name): closed after \(exchange.elapsed) s")
            }
            // A complete request is answered as before; then the idle connection closes too.
            let complete = try await RawHTTP.exchange(port: port, send: "GET /healthz HTTP/1.1\r\nHost: hailong.test\r\n\r\n", wait: 8)
            #expect(complete.status == 200)
            #expect(complete.closedByServer)
        }
    }
}
