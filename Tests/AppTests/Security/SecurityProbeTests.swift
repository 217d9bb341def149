import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// What an outside security probe found, each kept fixed: hostile cookies, broken framing,
/// control characters in paths, slow clients, and the data directory's permissions.
@Suite("Security probe findings stay fixed")
struct SecurityProbeTests {
    /// Values a browser would never send back for a cookie we set: each must be replaced by
    /// a fresh token, never copied into Set-Cookie (the debug build asserted on them).
    static let malformedCookieValues = ["a b", "a\"b", "a,b", "a\\b", "a;b", "tiếng-việt-0123456789", "\"0123456789abcdef\"", "abc123"]

    @Test(arguments: malformedCookieValues)
    func aMalformedLoginCookieIsReplacedNeverEchoed(value: String) async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.get("/login", headers: [.cookie: "\(AuthController.loginCookie)=\(value)"])
            #expect(response.status == .ok)
            let issued = try #require(response.cookie(named: AuthController.loginCookie))
            #expect(TokenGenerator.isWellFormed(issued), "issued \(issued)")
            #expect(response.text.contains(#"name="_csrf" value="\#(issued)""#), "the form carries the fresh token, not the cookie")
        }
    }

    @Test func aWellFormedLoginCookieIsStillReused() async throws {
        let server = try await TestServer()
        let token = TokenGenerator.token(length: 32)
        try await server.test { client in
            let response = try await client.get("/login", headers: [.cookie: "\(AuthController.loginCookie)=\(token)"])
            #expect(response.cookie(named: AuthController.loginCookie) == token)
        }
    }

    @Test(arguments: malformedCookieValues)
    func aMalformedDeviceCookieIsReplacedAndRatingStillWorks(value: String) async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            let cookie = "\(CitizenController.deviceCookie)=\(value)"
            let page = try await client.get("/r/\(poster)", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let issued = try #require(page.cookie(named: CitizenController.deviceCookie), "a fresh device cookie replaces the malformed one")
            #expect(TokenGenerator.isWellFormed(issued))
            let posted = try await client.execute(
                uri: "/r/\(poster)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "overall=3"))
            #expect(posted.status == .seeOther)
            #expect(posted.headers[values: .setCookie].allSatisfy { !$0.contains(value) })
        }
    }
}
