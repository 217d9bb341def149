import Domain
import Hummingbird
import Logging

/// Turns every error into what its audience reads: a JSON error under /api/, an HTML page
/// in Vietnamese (or English with ?lang=en) everywhere else. 5xx is logged as an error,
/// 4xx at debug: a citizen's bad tap is not an incident.
struct ErrorMiddleware: RouterMiddleware {
    /// JSON under /api/, and wherever the client speaks JSON: a JSON body posted to
    /// `/feedback`, `Accept: application/json` on `/track/{code}`, the rating tablet's script.
    static func answersJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix(SiteURL.apiPrefix)
            || (request.uri.path == SiteURL.feedback.path && MediaTypeCheck.matches(request, "application/json"))
            || FeedbackController.wantsJSON(request) || KioskController.wantsJSON(request)
    }

    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = AppError(from: error)
            if appError.status.code >= 500 {
                // The error's type only: its description could quote a citizen's input.
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))", "path": "\(request.uri.path)"])
            } else {
                context.logger.debug("request refused", metadata: ["code": "\(appError.code)", "status": "\(appError.status.code)"])
            }
            if request.uri.path.hasPrefix(SiteURL.open311Prefix + "/") {
                let description = appError.message.vi + " / " + appError.message.en
                return try JSONBody.response([Open311JSON.Error(code: Int(appError.status.code), description: description)], status: appError.status)
            }
            if Self.answersJSON(request) {
                return try APIErrorBody(appError).response(status: appError.status)
            }
            let language = Language(parameter: request.uri.queryParameters.get("lang"))
            // The language link repeats the path: only a plain path of this site, never `//host`.
            let path = request.uri.path
            let safePath = path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") ? path : "/"
            let key = request.uri.queryParameters.get("k").flatMap { TokenGenerator.isWellFormed(String($0)) ? String($0) : nil }
            let page = ErrorPage(error: appError, language: language, header: appError.header) { other in
                SiteURL.appending([("k", key), ("lang", other == .vi ? nil : other.rawValue)], to: safePath)
            }
            return pages.render(page, status: appError.status)
        }
    }
}
