import Hummingbird
import Storage

/// Authenticates `Authorization: Bearer <api key>`; a missing, unknown or revoked key is 401.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw AppError.unauthorized }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty, secret.count <= 128, let key = try await database.apiKey(secret: secret) else { throw AppError.unauthorized }
        var context = context
        context.apiKey = key
        return try await next(request, context)
    }
}
