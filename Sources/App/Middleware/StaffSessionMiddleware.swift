import Domain
import Foundation
import Hummingbird
import Storage

/// Staff routes: a valid session cookie or a redirect to /login; and on every POST the
/// session's CSRF token in the form's `_csrf` field, else 403.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    let idle: TimeInterval
    let clock: any WallClock

    static let cookieName = "hl_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let id = request.cookies[Self.cookieName]?.value, TokenGenerator.isWellFormed(id),
            let session = try await database.session(id: id, idle: idle, now: clock.now)
        else {
            return .redirect(SiteURL.login.path(["next": request.uri.path]))
        }
        var context = context
        context.staff = session
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The signed-in staff member; staff routes run behind `StaffSessionMiddleware`.
    func signedIn() throws -> StaffSession {
        guard let staff else { throw AppError.notSignedIn }
        return staff
    }
}

/// The CSRF check of a staff form: the posted `_csrf` must be the session's token.
enum CSRF {
    static let field = "_csrf"

    static func check(_ fields: [String: String], session: StaffSession) throws {
        guard let posted = fields[field], constantTimeEqual(posted, session.csrfToken) else { throw AppError.csrfRefused }
    }

    /// Compares without an early exit, so timing does not reveal how much of a guess matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
