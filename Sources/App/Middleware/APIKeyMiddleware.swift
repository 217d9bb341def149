import Domain
import Foundation
import Hummingbird
import Storage

/// Authenticates `Authorization: Bearer <api key>`; a missing, unknown or revoked key is 401.
/// With `orStaffSession`, a request without the header may instead carry a staff session.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    let clock: any WallClock
    var orStaffSession: TimeInterval?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.headers[.authorization] == nil, let idle = orStaffSession,
            let id = request.cookies[StaffSessionMiddleware.cookieName]?.value, TokenGenerator.isWellFormed(id),
            let session = try await database.session(id: id, idle: idle, now: clock.now)
        {
            var context = context
            context.staff = session
            return try await next(request, context)
        }
        // The scheme's name is case-insensitive (RFC 9110 §11.1): "bearer" is "Bearer".
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer " else { throw AppError.unauthorized }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty, secret.count <= 128, let key = try await database.apiKey(secret: secret) else { throw AppError.unauthorized }
        var context = context
        context.apiKey = key
        return try await next(request, context)
    }
}
