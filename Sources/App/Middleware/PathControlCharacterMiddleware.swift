import Domain
import Hummingbird

/// Refuses any path holding a control character (U+0000-U+001F, U+007F), raw or
/// percent-encoded, with 400 before anything reads the path. `/static/counter.js%00.html`
/// once reached the file middleware as `counter.js` while its type came from `.html`; no
/// route, file or token of ours contains such a character, so none is lost.
struct PathControlCharacterMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard Self.hasControlCharacter(path) else { return try await next(request, context) }
        context.logger.debug("request refused", metadata: ["code": "\(AppError.invalidPath.code)", "status": "400"])
        if path.hasPrefix(SiteURL.apiPrefix) {
            return try APIErrorBody(.invalidPath).response(status: .badRequest)
        }
        // The page's language link gets "/" rather than this path.
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        let page = ErrorPage(error: .invalidPath, language: language) { SiteURL.appending([("lang", $0 == .vi ? nil : $0.rawValue)], to: "/") }
        return pages.render(page, status: .badRequest)
    }

    /// Checks the bytes themselves, so an encoding that is not valid UTF-8 once decoded
    /// (`%FF%00`) cannot hide a NUL from the check.
    static func hasControlCharacter(_ path: String) -> Bool {
        func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
        let bytes = Array(path.utf8)
        for (index, byte) in bytes.enumerated() {
            if isControl(byte) { return true }
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = Hex.value(of: bytes[index + 1]), let low = Hex.value(of: bytes[index + 2]),
                isControl(high << 4 | low)
            {
                return true
            }
        }
        return false
    }
}

extension AppError {
    static let invalidPath = AppError(
        .badRequest, "invalid_path", vi: "Địa chỉ trang chứa ký tự không hợp lệ.", en: "The address contains characters that are not allowed.")
}
