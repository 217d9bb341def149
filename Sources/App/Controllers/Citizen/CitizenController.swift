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
    let clock: any WallClock

    /// A citizen's form is a dozen small fields; anything larger is not a citizen's form.
    static let bodyLimit = 16 * 1024
    static let keyField = CitizenForm.keyField
    static let honeypotField = CitizenForm.honeypotField
    /// A random id per browser, so a poster can tell a repeat from a new citizen.
    static let deviceCookie = "hl_d"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.rating(.key).route, use: showRating)
        router.post(SiteURL.rating(.key).route, use: submit)
    }

    @Sendable func showRating(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = Language(parameter: query.get("lang"))
        if let token = context.parameters.get("token"), let key = query.get("k"), TokenGenerator.isWellFormed(token),
            TokenGenerator.isWellFormed(key),
            let submission = try await database.recordedResponse(token: token, key: key, overallQuestionIds: forms.overallQuestionIdList)
        {
            return try await showProgress(
                submission, token: token, key: key, language: language, firstAnswerKept: query.get("kept") == "1",
                gzip: CompressionMiddleware<AppRequestContext>.acceptsGzip(request))
        }
        let target = try await openTarget(token: context.parameters.get("token"), language: language)
        let overall = try overallQuestion(for: target.unit)
        var response = pages.render(RatingPage(target: target, overall: overall, language: language, key: TokenGenerator.timeOrderedKey(now: clock.now)))
        // A malformed device cookie is replaced like a missing one: it never reaches a header.
        if request.tokenCookie(Self.deviceCookie) == nil {
            response.setCookie(
                Cookie(
                    name: Self.deviceCookie, value: TokenGenerator.token(length: 22), maxAge: 365 * 86_400, path: SiteURL.ratingPrefix, secure: secureCookies,
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
        if let overallId = forms.overallQuestionIds.first(where: { fields[$0] != nil }) {
            let key = postedKey ?? TokenGenerator.timeOrderedKey(now: clock.now)
            let outcome: RecordOutcome
            do {
                outcome = try await recorder.record(token: token, key: key, channel: .web, device: device, address: address) { _ in raw }
            } catch let problem as AnswerProblem {
                return try await refuseRating(token: token, key: key, problem: problem, language: language)
            } catch let error as RatingError where error == .ticketUsed || error == .ticketExpired {
                // The page a GET of this token shows: what happened, under the centre's header.
                _ = try await openTarget(token: token, language: language)
                throw error
            }
            if case .repeated(let responseId) = outcome {
                return try await repeatedRedirect(responseId: responseId, questionId: overallId, posted: fields[overallId], token: token, key: key, language: language)
            }
            return progressRedirect(token: token, key: key, language: language)
        }
        if let postedKey, let submission = try await database.recordedResponse(token: token, key: postedKey) {
            return try await addDetails(submission, token: token, key: postedKey, fields: fields, raw: raw, language: language)
        }
        metrics.refused(reason: AnswerProblem.missingOverall.code)
        return try await refuseRating(token: token, key: postedKey ?? TokenGenerator.timeOrderedKey(now: clock.now), problem: .missingOverall, language: language)
    }

    /// The rating page again, with what was wrong: 404 or 410 first if the token says so.
    private func refuseRating(token: String, key: String, problem: AnswerProblem, language: Language) async throws -> Response {
        let target = try await openTarget(token: token, language: language)
        let overall = try overallQuestion(for: target.unit)
        let page = RatingPage(target: target, overall: overall, language: language, key: key, error: problem.message)
        return pages.render(page, status: .unprocessableContent)
    }

    /// The same page's first post again (a double tap, or back and another answer): nothing is
    /// written. When the answer differs, the next page says the first one stands, rather than
    /// letting the citizen believe the new one was taken.
    private func repeatedRedirect(
        responseId: Int64, questionId: String, posted: String?, token: String, key: String, language: Language
    ) async throws -> Response {
        let recorded = try await database.answerLevel(responseId: responseId, questionId: questionId)
        let changed = recorded.map { "\($0)" != posted?.trimmingCharacters(in: .whitespaces) } ?? false
        return progressRedirect(token: token, key: key, language: language, firstAnswerKept: changed)
    }

    /// Where a recorded response continues: the details page until they are given (or their
    /// window closes), then the thank-you page.
    private func showProgress(
        _ submission: RecordedResponse, token: String, key: String, language: Language, firstAnswerKept: Bool, gzip: Bool
    ) async throws -> Response {
        guard let form = forms.form(id: submission.formId, version: submission.formVersion) else { throw AppError.internalError }
        if submission.detailsAt == nil && submission.detailsUntil > clock.now {
            // The lowest overall answer gets a one-tap path to feedback about this very visit.
            let lowest = submission.overallLevel == 1
            // The same page for every citizen of this form version and language but for the
            // token and key: spliced, not rendered (SplicedPage).
            let cacheKey = "details:\(form.id):\(form.version):\(language.rawValue):\(firstAnswerKept):\(lowest)"
            return pages.spliced(cacheKey, token: token, key: key, gzip: gzip) { token, key in
                DetailsPage(token: token, form: form, language: language, key: key, firstAnswerKept: firstAnswerKept, offerFeedback: lowest)
            }
        }
        return pages.render(ThanksPage(token: token, key: key, language: language, detailsAdded: submission.detailsAt != nil))
    }

    /// The page after a recorded rating: details, then thanks. The key makes it this
    /// citizen's page; without it the URL is the (used) ticket's.
    private func progressRedirect(token: String, key: String, language: Language, firstAnswerKept: Bool = false) -> Response {
        let location = SiteURL.rating(.value(token)).path(language: language, ["k": key, "kept": firstAnswerKept ? "1" : nil])
        return Response(status: .seeOther, headers: [.location: location])
    }

    /// A post that carries the key of a recorded response: either the same first post again
    /// (a double tap) or the details. Neither ever touches the overall answer.
    private func addDetails(
        _ submission: RecordedResponse, token: String, key: String, fields: [String: String], raw: [String: RawAnswer], language: Language
    ) async throws -> Response {
        guard let form = forms.form(id: submission.formId, version: submission.formVersion) else { throw AppError.internalError }
        if let overall = form.overallQuestion, fields[overall.id] != nil {
            return try await repeatedRedirect(
                responseId: submission.responseId, questionId: overall.id, posted: fields[overall.id], token: token, key: key, language: language)
        }
        if submission.detailsAt != nil {
            return progressRedirect(token: token, key: key, language: language)
        }
        let answers: AnswerSet
        do {
            answers = try form.check(raw, stage: .details)
        } catch {
            metrics.refused(reason: error.code)
            let page = DetailsPage(token: token, form: form, language: language, key: key, input: fields, error: error.message)
            return pages.render(page, status: .unprocessableContent)
        }
        if answers.isEmpty {
            return pages.render(ThanksPage(token: token, key: key, language: language, detailsAdded: false))
        }
        _ = try await database.attachDetails(
            token: token, submissionKey: key, questions: forms.questionMeta(of: form), levels: answers.levels, texts: answers.texts, now: clock.now)
        return progressRedirect(token: token, key: key, language: language)
    }

    /// The token's target if it can take a rating now: 404 for unknown, 410 used or expired,
    /// the latter under the centre's header.
    private func openTarget(token: String?, language: Language) async throws -> RatingTarget {
        guard let token, TokenGenerator.isWellFormed(token), let target = try await database.ratingTarget(token: token, now: clock.now) else {
            throw AppError.unknownToken
        }
        var error: AppError
        switch target.state {
        case .open: return target
        case .used: error = .ticketUsed
        case .expired: error = .ticketExpired
        }
        error.header = CentreHeader(target: target, language: language)
        throw error
    }

    private func overallQuestion(for unit: Storage.Unit) throws -> FormDefinition.Question {
        guard let form = forms.current(id: unit.formId), let overall = form.overallQuestion else { throw AppError.internalError }
        return overall
    }
}
