import Hummingbird

/// A query string is input like a body and is held to the same rules: percent-encoded bytes
/// must form UTF-8 (400; `?unit=%ff` was decoded to U+FFFD and echoed back in a 404), and
/// under /api/ and /open311/, where other systems build the URLs, a parameter named twice
/// is refused (400) rather than read as its first value. Inside the error middleware, so the
/// refusal is a page or JSON as the path's others are.
struct QueryStringMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let query = request.uri.query, !query.isEmpty else { return try await next(request, context) }
        let strict = request.uri.path.hasPrefix(SiteURL.apiPrefix) || request.uri.path.hasPrefix(SiteURL.open311Prefix + "/")
        guard strict || query.utf8.contains(UInt8(ascii: "%")) else { return try await next(request, context) }
        var names: Set<String> = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = RequestBody.decodeComponent(parts[0]), parts.count == 1 || RequestBody.decodeComponent(parts[1]) != nil else {
                throw AppError.invalidQueryEncoding
            }
            if strict, !names.insert(name).inserted { throw AppError.repeatedParameter(name) }
        }
        return try await next(request, context)
    }
}

extension AppError {
    static let invalidQueryEncoding = AppError(
        .badRequest, "invalid_utf8", vi: "Tham số trên địa chỉ không phải văn bản UTF-8 hợp lệ.", en: "The query string is not valid UTF-8.")

    static func repeatedParameter(_ name: String) -> AppError {
        AppError(.badRequest, "repeated_parameter", vi: "Tham số '\(name)' bị gửi lặp lại.", en: "Parameter '\(name)' was sent twice.")
    }
}
