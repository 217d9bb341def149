import Domain
import Foundation
import Hummingbird
import Storage

/// The public side of feedback: the form (`GET /feedback`), intake (`POST /feedback` as a
/// form, a multipart form with up to three attachments, or JSON), and the tracking page
/// (`GET /track/{code}`, JSON when asked) with the citizen's reopen.
struct FeedbackController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let intake: FeedbackIntakeService
    let desk: FeedbackDesk
    let urls: PublicURLs
    let limiter: TrackLimiter
    let metrics: AppMetrics
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.feedback.route, use: form)
        router.post(SiteURL.feedback.route, use: submit)
        router.get(SiteURL.trackLookup.route, use: lookup)
        router.get(SiteURL.track(.key).route, use: track)
        router.post(SiteURL.trackReopen(.key).route, use: reopen)
    }

    // MARK: the form

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let input = [
            "unit": query.get("unit"), "counter": query.get("counter"), "from": query.get("from"), "k": query.get("k"),
        ].compactMapValues { $0 }
        return try await formPage(request.language, input: input)
    }

    /// The form, for a first visit or again with the input and the error after a refusal.
    private func formPage(_ language: Language, input: [String: String], error: LocalizedText? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        var origin: RatingOrigin?
        var originToken: (String, String)?
        if let token = input["from"], let key = input["k"], TokenGenerator.isWellFormed(token), TokenGenerator.isWellFormed(key) {
            origin = try await database.ratingOrigin(token: token, key: key)
            originToken = origin == nil ? nil : (token, key)
        }
        var unit: Storage.Unit?
        if let origin {
            unit = try await database.unit(id: origin.unitId)
        } else if let code = input["unit"] {
            unit = try await database.unit(code: code)
        }
        let units = unit == nil ? try await database.units() : []
        let counters = try await unit?.id.asyncMap { try await database.counters(unitId: $0) } ?? []
        let page = FeedbackFormPage(
            language: language, units: units, unit: unit, counters: counters, origin: origin, originToken: originToken, input: input, error: error,
            retentionMonths: intake.retentionMonths)
        return pages.render(page, status: status)
    }

    // MARK: intake

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        if MediaTypeCheck.matches(request, "application/json") {
            let submission = try await JSONBody.decode(FeedbackSubmission.self, from: request, limit: 64 * 1024)
            let item = try await intake.receive(submission, from: .citizen)
            return try JSONBody.response(FeedbackJSON.Created(item, urls: urls), status: .created)
        }
        var fields: [String: String]
        var attachments: [NewAttachment] = []
        if MediaTypeCheck.matches(request, "multipart/form-data") {
            let multipart = try await MultipartForm.collect(request)
            fields = multipart.fields
            let inspector = AttachmentInspector()
            for file in multipart.files where !file.bytes.isEmpty {
                do throws(AttachmentError) {
                    let checked = try inspector.inspect(file.bytes)
                    attachments.append(NewAttachment(kind: checked.kind.rawValue, bytes: checked.bytes, sha256: checked.sha256))
                } catch {
                    return try await formPage(language, input: fields, error: error.appError.message, status: error.appError.status)
                }
            }
        } else {
            fields = try await RequestBody.form(request, limit: 64 * 1024)
        }
        if let honeypot = fields["website"], !honeypot.isEmpty {
            metrics.refused(reason: "honeypot")
            throw AppError(
                .badRequest, "honeypot", vi: "Không gửi được phản ánh từ biểu mẫu này. Vui lòng tải lại trang.",
                en: "This form could not be accepted. Please reload the page.")
        }
        let unknown = Set(fields.keys).subtracting(FeedbackSubmission.formFields)
        guard unknown.isEmpty else { throw AppError.unknownFields(Array(unknown)) }
        do {
            let item = try await intake.receive(FeedbackSubmission(form: fields), from: .citizen, attachments: attachments)
            return .redirect(SiteURL.track(.value(item.code.description)).path(language: language, ["new": "1"]))
        } catch let error as AppError where error.status.code < 500 && error.status != .forbidden {
            return try await formPage(language, input: fields, error: error.message, status: error.status)
        }
    }

    // MARK: tracking

    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        guard let raw = request.uri.queryParameters.get("code"), !raw.isEmpty else {
            return pages.render(TrackLookupPage(language: language))
        }
        guard let code = TrackingCode(normalizing: raw) else {
            let error = LocalizedText(
                vi: "Mã tra cứu gồm 12 ký tự chữ và số (không có 0, O, 1, I, L). Vui lòng kiểm tra lại.",
                en: "A tracking code has 12 letters and digits (no 0, O, 1, I, L). Please check it.")
            return pages.render(TrackLookupPage(language: language, code: raw, error: error), status: .unprocessableContent)
        }
        return .redirect(SiteURL.track(.value(code.description)).path(language: language))
    }

    @Sendable func track(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, events) = try await trackedItem(request, context: context)
        if Self.wantsJSON(request) {
            var response = try JSONBody.response(FeedbackJSON.Track(item, events: events))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        let page = TrackPage(
            item: item, events: events, language: request.language, isNew: request.uri.queryParameters.get("new") == "1",
            reopenUntil: try await reopenUntil(item, events: events))
        return pages.render(page)
    }

    @Sendable func reopen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, events) = try await trackedItem(request, context: context)
        let fields = try await RequestBody.form(request, limit: 16 * 1024)
        let language = request.language
        do {
            let input = try FeedbackActionInput(
                action: FeedbackAction.reopen.rawValue, note: nil, assignee: nil, task: nil, dueAt: nil, reason: fields["reason"], complexity: nil,
                to: nil, result: nil, outcome: nil, kind: nil, category: nil)
            _ = try await desk.apply(.reopen, to: item.code, fields: input.fields, internalDue: nil, note: nil, by: .citizen)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            let page = TrackPage(
                item: item, events: events, language: language, isNew: false, reopenUntil: try await reopenUntil(item, events: events),
                error: error.message)
            return pages.render(page, status: error.status)
        }
        return .redirect(SiteURL.track(.value(item.code.description)).path(language: language))
    }

    /// The item a tracking URL names, within the per-address ceiling; a wrong code is 404 and
    /// counted, so guessing shows in the metrics.
    private func trackedItem(_ request: Request, context: AppRequestContext) async throws -> (FeedbackItem, [FeedbackEvent]) {
        guard limiter.admit(address: context.clientAddress(request), now: clock.now) else {
            metrics.refused(reason: "track_limit")
            throw TrackLimiter.refusal
        }
        guard let raw = context.parameters.get("code"), let code = TrackingCode(normalizing: raw),
            let found = try await database.feedbackItemWithHistory(code: code)
        else {
            metrics.refused(reason: "track_unknown")
            throw AppError(
                .notFound, "unknown_feedback", vi: "Không tìm thấy phản ánh với mã này.", en: "No feedback with this code.",
                advice: LocalizedText(vi: "Vui lòng kiểm tra lại mã tra cứu.", en: "Please check the tracking code."))
        }
        // The public record shows handling steps only: an event about contact data would tell
        // whoever holds the code that the person gave some.
        return (found.item, found.events.filter { FeedbackContactEvent(rawValue: $0.action) == nil })
    }

    /// The last day the citizen may reopen an answered item, or nil when they may not.
    private func reopenUntil(_ item: FeedbackItem, events: [FeedbackEvent]) async throws -> LocalDate? {
        guard item.state == .resolved || item.state == .closed, item.handling == .resolve || item.handledAt == nil,
            let resolved = events.last(where: { $0.action == FeedbackAction.resolve.rawValue })
        else { return nil }
        let calendar = try await desk.calendar()
        guard let until = try? FeedbackStateMachine.reopenDeadline(resolvedOn: LocalDate(resolved.at), limits: desk.limits, calendar: calendar),
            clock.today <= until
        else { return nil }
        return until
    }

    /// Whether the client asks for JSON: `application/json` in Accept, before any `text/html`
    /// (a browser lists text/html first).
    static func wantsJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased(), let json = accept.range(of: "application/json") else { return false }
        guard let html = accept.range(of: "text/html") else { return true }
        return json.lowerBound < html.lowerBound
    }
}
