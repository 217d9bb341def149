import Domain
import Foundation
import HummingbirdBcrypt
import HummingbirdTesting
@testable import Storage
import NIOCore
import Testing

@testable import App

extension TestServer {
    /// Creates an account (bcrypt at the lowest cost: tests need the check, not its price).
    func addUser(_ username: String, _ role: StaffRole, unit: String?, password: String = "mat-khau-dai-du") async throws {
        _ = try await database.createUser(
            username: username, passwordHash: Bcrypt.hash(password, cost: 4), role: role, unitCode: unit, actor: "test", now: clock.now)
    }
}

extension TestClientProtocol {
    /// Signs in through the form as a browser would; returns the session cookie ("hl_session=...").
    func signIn(_ username: String, password: String = "mat-khau-dai-du", address: String = "10.0.0.1") async throws -> String {
        let (response, _) = try await postLogin(username: username, password: password, address: address)
        try #require(response.status == .seeOther, "sign-in failed: \(response.status) \(response.text)")
        return try #require(response.cookie(named: StaffSessionMiddleware.cookieName).map { "\(StaffSessionMiddleware.cookieName)=\($0)" })
    }

    func postLogin(username: String, password: String, next: String = "/admin", address: String = "10.0.0.1", extraCookie: String? = nil)
        async throws -> (TestResponse, String)
    {
        let form = try await get("/login")
        let token = try #require(form.cookie(named: AuthController.loginCookie))
        var cookie = "\(AuthController.loginCookie)=\(token)"
        if let extraCookie { cookie += "; " + extraCookie }
        let body = "_csrf=\(token)&username=\(username)&password=\(password)&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let response = try await execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie, AppRequestContext.realIP: address],
            body: ByteBuffer(string: body))
        return (response, token)
    }

    func get(_ uri: String, cookie: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    func post(_ uri: String, cookie: String, form: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie], body: ByteBuffer(string: form))
    }

    /// The CSRF token a staff page carries in its forms.
    func csrf(cookie: String) async throws -> String {
        let page = try await get("/admin", cookie: cookie)
        let marker = #"name="_csrf" value=""#
        let range = try #require(page.text.range(of: marker))
        return String(page.text[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    /// The value a Set-Cookie header gives `name`.
    func cookie(named name: String) -> String? {
        setCookie(named: name).flatMap { $0.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init) }
    }

    func setCookie(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}
