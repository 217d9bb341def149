import Hummingbird

/// HEAD on the public, read-only pages and files only. The router answers HEAD by running
/// the GET handler and dropping the body (`autoGenerateHeadEndpoints`), which is right where a
/// GET changes nothing: a poster, a QR image, a stylesheet, /healthz - what link checkers and
/// monitors ask for. Elsewhere a GET has effects a HEAD must not have: the counter display
/// issues a ticket, a staff item page records who opened contact data, /track spends the
/// address's look-ups. There HEAD is refused with 405 before any handler runs.
struct HeadRequestMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Path prefixes whose GET is free of effects.
    static let readOnly = [
        "/healthz", "/metrics", "/r/", "/qr/", "/static/", "/favicon.ico", "/public", "/feedback", "/login", "/api/v1/public",
        "/api/v1/forms/", "/api/v1/indicators", "/api/openapi.json", "/open311/",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        let path = request.uri.path
        guard Self.readOnly.contains(where: { path == $0 || path.hasPrefix($0) }) else { throw AppError.headNotAllowed }
        return try await next(request, context)
    }
}
