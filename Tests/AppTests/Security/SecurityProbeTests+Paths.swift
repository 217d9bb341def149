import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

extension SecurityProbeTests {
    /// `counter.js%00.html` once served the script as text/html. A control character has no
    /// place in any of our paths, raw or percent-encoded, so it is refused before routing.
    static let encodedControlCharacterPaths = [
        "/static/counter.js%00.html", "/static/counter.js%00", "/static/%0acounter.js", "/static/counter.js%1F", "/static/counter.js%7f",
        "/r/%0D%0AAAAAAAAAAAA", "/api/v1/forms%09", "/login%1b", "/static/counter.js%FF%00.html",
    ]

    @Test(arguments: encodedControlCharacterPaths)
    func aPercentEncodedControlCharacterInThePathIs400(path: String) async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.get(path)
            #expect(response.status == .badRequest, "\(path.debugDescription): \(response.status)")
            #expect(response.headers[.contentType]?.hasPrefix("text/javascript") != true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            if path.hasPrefix("/api/") {
                #expect(response.errorCode == "invalid_path")
            } else {
                #expect(response.text.contains(#"<html lang="vi">"#))
            }
        }
    }

    /// Raw control characters cannot be sent through the router-mode client (swift-http-types
    /// turns them into spaces), so these go over a socket to the live server.
    @Test func aRawControlCharacterInThePathIs400() async throws {
        let server = try await TestServer()
        let app = try await buildApplication(server.config)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for byte: UInt8 in [0x00, 0x01, 0x09, 0x0B, 0x1B, 0x1F, 0x7F] {
                let request = Array("GET /static/counter.js".utf8) + [byte] + Array(".html HTTP/1.1\r\nHost: hailong.test\r\nConnection: close\r\n\r\n".utf8)
                let exchange = try await RawHTTP.exchange(port: port, send: request, wait: 10)
                #expect(exchange.status == 400, "byte \(byte): \(exchange.received.prefix(200))")
                #expect(!exchange.received.contains("Counter display"), "byte \(byte): the script is not served")
            }
        }
    }

    @Test func ordinaryPathsAndEncodedCharactersStillWork() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let script = try await client.get("/static/counter.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.contains("javascript") == true)
            // Encoded, but not control characters: routed as before (here, not found).
            for path in ["/static/counter%20js", "/static/%C3%A2.js", "/static/%2500.js"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
            }
        }
    }
}
