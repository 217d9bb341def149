import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

@Suite("Poster abuse limits")
struct PosterLimitTests {
    private func rate(_ client: some TestClientProtocol, _ token: String, cookie: String? = nil, address: String = "10.1.1.1", extra: String = "")
        async throws -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", AppRequestContext.realIP: address]
        if let cookie { headers[.cookie] = cookie }
        let key = TokenGenerator.timeOrderedKey(now: Date())
        return try await client.execute(uri: "/r/\(token)", method: .post, headers: headers, body: ByteBuffer(string: "_k=\(key)&overall=3\(extra)"))
    }

    @Test func oneDeviceRatesAPosterOnceInItsInterval() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            let page = try await client.get("/r/\(poster)")
            let header = try #require(page.setCookie(named: CitizenController.deviceCookie))
            #expect(header.contains("HttpOnly") && header.contains("Path=/r/"))
            let device = "\(CitizenController.deviceCookie)=\(try #require(page.cookie(named: CitizenController.deviceCookie)))"

            #expect(try await rate(client, poster, cookie: device).status == .seeOther)
            let again = try await rate(client, poster, cookie: device)
            #expect(again.status == .tooManyRequests)
            #expect(again.text.contains("Ông/Bà vừa đánh giá tại quầy này"))
            // Another counter's poster, or a ticket, is another matter.
            #expect(try await rate(client, try server.posterToken(counter: "q2"), cookie: device).status == .seeOther)
            let ticket = try await client.issueTicket(key: server.apiKey)
            #expect(try await rate(client, ticket, cookie: device).status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 3)
            let metrics = try await client.get("/metrics")
            #expect(metrics.text.contains(#"hailong_submissions_refused_total{reason="poster_limit"} 1"#))
        }
    }

    @Test func oneAddressIsCappedPerWindowAndOthersAreNot() async throws {
        let server = try await TestServer { $0.posterLimits = PosterLimits(deviceInterval: 600, perAddress: 3, addressWindow: 600) }
        let poster = try server.posterToken()
        try await server.test { client in
            for _ in 0..<3 { #expect(try await rate(client, poster, address: "10.2.2.2").status == .seeOther) }
            let busy = try await rate(client, poster, address: "10.2.2.2")
            #expect(busy.status == .tooManyRequests)
            #expect(busy.text.contains("cùng một mạng"))
            let api = try await client.execute(
                uri: "/api/v1/responses", method: .post, headers: [.contentType: "application/json", AppRequestContext.realIP: "10.2.2.2"],
                body: ByteBuffer(string: #"{"token":"\#(poster)","answers":{"overall":3}}"#))
            #expect(api.status == .tooManyRequests)
            #expect(api.errorCode == "poster_busy")
            #expect(try await rate(client, poster, address: "10.3.3.3").status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 4)
        }
    }

    @Test func aFilledHoneypotIsRefusedAndRecordsNothing() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            let page = try await client.get("/r/\(poster)")
            #expect(page.text.contains(#"name="website""#))
            let bot = try await rate(client, poster, extra: "&website=http%3A%2F%2Fspam.example")
            #expect(bot.status == .badRequest)
            #expect(bot.text.contains("Không ghi nhận được"))
            #expect(try await rate(client, poster, extra: "&website=").status == .seeOther, "people leave it empty")
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
        }
    }
}
