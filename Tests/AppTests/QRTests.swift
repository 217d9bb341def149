import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

@Suite("QR images of rating URLs")
struct QRTests {
    @Test func thePNGDecodesToTheExactRatingURL() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let png = try await client.get("/qr/\(token).png")
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
            try Data(png.body.readableBytesView).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            #expect(try ZBar.decode(file.path) == "\(TestServer.baseURL)/r/\(token)")

            let svg = try await client.get("/qr/\(try server.posterToken()).svg")
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.hasPrefix("<svg"))
        }
    }

    @Test func onlyIssuedTokensGetAnImage() async throws {
        let server = try await TestServer()
        try await server.test { client in
            #expect(try await client.get("/qr/AAAAAAAAAAAA.png").status == .notFound)
            #expect(try await client.get("/qr/AAAAAAAAAAAA.svg").status == .notFound)
            let poster = try server.posterToken()
            #expect(try await client.get("/qr/\(poster).gif").status == .notFound)
            #expect(try await client.get("/qr/\(poster)").status == .notFound)
        }
    }

}
