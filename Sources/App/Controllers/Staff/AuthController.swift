import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import Storage

/// `/login` and `/logout`. Sessions are server-side (SQLite); the cookie carries a random id,
/// HttpOnly, SameSite=Lax, Secure when the public URL is https, and a new id at each sign-in.
struct AuthController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let throttle: LoginThrottle
    let secureCookies: Bool
    let sessionLifetime: TimeInterval
    /// A bcrypt hash to check against when the username is unknown, so that a missing
    /// account takes as long to refuse as a wrong password.
    let decoyHash: String
    let clock: any WallClock

    /// Guards the sign-in form itself (login CSRF): the form's token must match this cookie.
    static let loginCookie = "hl_login"

    func addRoutes(to router: Router<AppRequestContext>, staff: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.login.route, use: showLogin)
        router.post(SiteURL.login.route, use: login)
        staff.post(SiteURL.logout.route, use: logout)
    }

    @Sendable func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        // The cookie is reused (several open tabs share one token) only when it is well formed.
        let token = request.tokenCookie(Self.loginCookie) ?? TokenGenerator.token(length: 32)
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        var response = pages.render(LoginPage(language: language, csrf: token, next: next))
        response.setCookie(loginCookie(token))
        return response
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        let fields = try await RequestBody.form(request, limit: 4096)
        guard let cookie = request.tokenCookie(Self.loginCookie), let posted = fields[CSRF.field],
            CSRF.constantTimeEqual(cookie, posted)
        else { throw AppError.csrfRefused }
        let username = TextNormalizer.normalize(fields["username"] ?? "").lowercased()
        let password = fields["password"] ?? ""
        let next = Self.safeNext(fields["next"])
        let address = context.clientAddress(request)
        func refuse(_ error: AppError) throws -> Response {
            var response = pages.render(
                LoginPage(language: language, csrf: cookie, next: next, username: username, error: error.message), status: error.status)
            // The throttle's window, for clients that wait by themselves (RFC 9110 §10.2.3).
            if error.status == .tooManyRequests { response.headers[.retryAfter] = "900" }
            return response
        }
        guard throttle.admit(account: username, address: address, now: clock.now) else { return try refuse(.tooManyLogins) }

        let user = try await database.user(username: username)
        let hash = user?.passwordHash ?? decoyHash
        // bcrypt costs tens of milliseconds of CPU: off the event loop.
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let user, let userId = user.id, user.active, matches, !password.isEmpty else {
            // No username in the log: people type passwords into that field.
            context.logger.info("sign-in refused")
            return try refuse(
                AppError(.unauthorized, "bad_login", vi: "Sai tên đăng nhập hoặc mật khẩu.", en: "Wrong username or password."))
        }
        throttle.succeeded(account: username, address: address)
        let session = try await database.openSession(userId: userId, lifetime: sessionLifetime, now: clock.now)
        var response = Response(status: .seeOther, headers: [.location: next])
        response.setCookie(
            Cookie(
                name: StaffSessionMiddleware.cookieName, value: session.id, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: SiteURL.login.path, secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        if let id = request.cookies[StaffSessionMiddleware.cookieName]?.value { try await database.closeSession(id: id) }
        var response = Response.redirect(SiteURL.login.path)
        response.setCookie(
            Cookie(name: StaffSessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    private func loginCookie(_ token: String) -> Cookie {
        Cookie(name: Self.loginCookie, value: token, maxAge: 3600, path: SiteURL.login.path, secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Only a path on this site: never `//host`, a full URL, or anything with a control
    /// character or backslash that a browser might strip into one (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.count < 200, next.hasPrefix("/"), !next.hasPrefix("//"),
            next.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return SiteURL.admin.path }
        return next
    }
}
