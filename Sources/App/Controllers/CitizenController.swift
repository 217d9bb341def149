import Domain
import Foundation
import Hummingbird
import Storage

/// The citizen's journey: `GET /r/{token}` asks the overall question; `POST /r/{token}`
/// records it and redirects (303) to `GET /r/{token}?k=KEY`, which offers the details; a post
/// of the details with the page's key adds them and redirects to the same URL, now a thank-you.
/// Post/redirect/get: a reload or the back button never posts a rating again, and the
/// durable write is all the POST does.
struct CitizenController: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let pages: PageRenderer
    let metrics: AppMetrics
    let recorder: RatingRecorder
    let secureCookies: Bool

    /// A citizen's form is a dozen small fields; anything larger is not a citizen's form.
    static let bodyLimit = 16 * 1024
    /// The hidden field that carries the page's submission key.
    static let keyField = "_k"
    /// A field people never see and bots fill in: a filled one is refused.
    static let honeypotField = "website"
    /// A random id per browser, so a poster can tell a repeat from a new citizen.
    static let deviceCookie = "hl_d"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURLs.ratingRoute, use: showRating)
        router.post(SiteURLs.ratingRoute, use: submit)
    }

    @Sendable func showRating(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = Language(parameter: query.get("lang"))
        if let token = context.parameters.get("token"), let key = query.get("k"), TokenGenerator.isWellFormed(token),
            TokenGenerator.isWellFormed(key), let submission = try await database.submission(token: token, key: key)
        {
            return try showProgress(submission, token: token, key: key, language: language)
        }
        let target = try await openTarget(token: context.parameters.get("token"))
        let (form, overall) = try currentForm(for: target.unit)
        var response = try pages.render(RatingPage(target: target, form: form, overall: overall, language: language, key: TokenGenerator.timeOrderedKey()))
        // A malformed device cookie is replaced like a missing one: it never reaches a header.
        if request.tokenCookie(Self.deviceCookie) == nil {
            response.setCookie(
                Cookie(
                    name: Self.deviceCookie, value: TokenGenerator.token(length: 22), maxAge: 365 * 86_400, path: "/r/", secure: secureCookies,
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        guard let token = context.parameters.get("token"), TokenGenerator.isWellFormed(token) else { throw AppError.unknownToken }
        var fields = try await RequestBody.form(request, limit: Self.bodyLimit)
        let postedKey = fields.removeValue(forKey: Self.keyField)
        if let postedKey, !TokenGenerator.isWellFormed(postedKey) { throw AppError.invalidKey }
        if let honeypot = fields.removeValue(forKey: Self.honeypotField), !honeypot.isEmpty {
            metrics.refused(reason: "honeypot")
            throw AppError(
                .badRequest, "honeypot", vi: "Không ghi nhận được đánh giá từ biểu mẫu này. Vui lòng quét lại mã QR.",
                en: "This form could not be accepted. Please scan the QR code again.")
        }
        let device = request.tokenCookie(Self.deviceCookie)
        let address = context.clientAddress(request)
        let raw = fields.mapValues { RawAnswer.text($0) }

        // The first post carries the overall answer: record it in one trip to the writer,
        // which also knows a repeat of this page (double tap) by its key.
        if forms.overallQuestionIds.contains(where: { fields[$0] != nil }) {
            let key = postedKey ?? TokenGenerator.timeOrderedKey()
            do {
                _ = try await recorder.record(token: token, key: key, channel: "web", device: device, address: address) { _ in raw }
            } catch let problem as AnswerProblem {
                return try await refuseRating(token: token, key: key, problem: problem, language: language)
            }
            return progressRedirect(token: token, key: key, language: language)
        }
        if let postedKey, let submission = try await database.submission(token: token, key: postedKey) {
            return try await addDetails(submission, token: token, key: postedKey, fields: fields, raw: raw, language: language)
        }
        metrics.refused(reason: AnswerProblem.missingOverall.code)
        return try await refuseRating(token: token, key: postedKey ?? TokenGenerator.timeOrderedKey(), problem: .missingOverall, language: language)
    }

    /// The rating page again, with what was wrong: 404 or 410 first if the token says so.
    private func refuseRating(token: String, key: String, problem: AnswerProblem, language: Language) async throws -> Response {
        let target = try await openTarget(token: token)
        let (form, overall) = try currentForm(for: target.unit)
        let page = RatingPage(target: target, form: form, overall: overall, language: language, key: key, error: problem.message)
        return try pages.render(page, status: .unprocessableContent)
    }

    /// Where a recorded response continues: the details page until they are given (or their
    /// window closes), then the thank-you page.
    private func showProgress(_ submission: Submission, token: String, key: String, language: Language) throws -> Response {
        guard let form = forms.form(id: submission.formId, version: submission.formVersion) else { throw AppError.internalError }
        if submission.detailsAt == nil && submission.detailsUntil > Date() {
            return try pages.render(DetailsPage(token: token, form: form, language: language, key: key))
        }
        return try pages.render(ThanksPage(token: token, language: language, detailsAdded: submission.detailsAt != nil))
    }

    private func progressRedirect(token: String, key: String, language: Language) -> Response {
        Response(status: .seeOther, headers: [.location: SiteURLs.progressPath(token: token, key: key, language: language)])
    }

    /// A post that carries the key of a recorded response: either the same first post again
    /// (a double tap) or the details. Neither ever touches the overall answer.
    private func addDetails(
        _ submission: Submission, token: String, key: String, fields: [String: String], raw: [String: RawAnswer], language: Language
    ) async throws -> Response {
        guard let form = forms.form(id: submission.formId, version: submission.formVersion) else { throw AppError.internalError }
        let repeatsFirstPost = form.overallQuestion.map { fields[$0.id] != nil } ?? false
        if repeatsFirstPost || submission.detailsAt != nil {
            return progressRedirect(token: token, key: key, language: language)
        }
        let answers: AnswerSet
        do {
            answers = try form.check(raw, stage: .details)
        } catch {
            metrics.refused(reason: error.code)
            let page = DetailsPage(token: token, form: form, language: language, key: key, input: fields, error: error.message)
            return try pages.render(page, status: .unprocessableContent)
        }
        if answers.isEmpty {
            return try pages.render(ThanksPage(token: token, language: language, detailsAdded: false))
        }
        _ = try await database.attachDetails(
            token: token, submissionKey: key, questions: form.questionMeta, levels: answers.levels, texts: answers.texts, now: Date())
        return progressRedirect(token: token, key: key, language: language)
    }

    /// The token's target if it can take a rating now: 404 for unknown, 410 used or expired.
    private func openTarget(token: String?) async throws -> RatingTarget {
        guard let token, TokenGenerator.isWellFormed(token), let target = try await database.ratingTarget(token: token) else {
            throw AppError.unknownToken
        }
        switch target.state {
        case .open: return target
        case .used: throw AppError.ticketUsed
        case .expired: throw AppError.ticketExpired
        }
    }

    private func currentForm(for unit: Storage.Unit) throws -> (FormDefinition, FormDefinition.Question) {
        guard let form = forms.current(id: unit.formId), let overall = form.overallQuestion else { throw AppError.internalError }
        return (form, overall)
    }
}
