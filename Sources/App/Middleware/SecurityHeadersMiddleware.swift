import HTTPTypes
import Hummingbird

/// Headers on every response: no inline script may run, no page may be framed, no type
/// sniffing, and no full URL (which holds a rating token) leaks to another site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    // Not among swift-http-types' predefined names; both are plain ASCII tokens.
    static var frameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options") ?? .contentSecurityPolicy }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy") ?? .contentSecurityPolicy }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "same-origin"
        return response
    }
}
