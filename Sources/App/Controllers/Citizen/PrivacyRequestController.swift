import Domain
import Foundation
import Hummingbird
import Storage

/// The person's requests about their contact data (domain.md §5), reached from the tracking
/// page: `GET /track/{code}/privacy` the form, `POST` the request, proven by the tracking code
/// and the phone number or e-mail given at filing, and `GET /track/{code}/privacy/{reference}`
/// its receipt. Counted against the same per-address ceiling as tracking look-ups. A proof
/// that does not match answers exactly as an unknown code does.
struct PrivacyRequestController: Sendable {
    let privacy: PrivacyDesk
    let pages: PageRenderer
    let limiter: TrackLimiter
    let metrics: AppMetrics
    let retentionMonths: Int
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.trackPrivacy(.key).route, use: form)
        router.post(SiteURL.trackPrivacy(.key).route, use: submit)
        router.get(SiteURL.trackPrivacyReceipt(.key, .key).route, use: receipt)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try trackingCode(context)
        return pages.render(PrivacyRequestPage(code: code, language: request.language, retentionMonths: retentionMonths))
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try admit(request, context: context)
        let code = try trackingCode(context)
        let language = request.language
        let fields = try await RequestBody.form(request, limit: 16 * 1024)
        func refuse(_ error: AppError) -> Response {
            var kept = fields
            kept["proof"] = nil
            let page = PrivacyRequestPage(code: code, language: language, retentionMonths: retentionMonths, input: kept, error: error.message)
            return pages.render(page, status: error.status)
        }
        let unknown = Set(fields.keys).subtracting(Self.formFields)
        guard unknown.isEmpty else { return refuse(AppError.unknownFields(Array(unknown))) }
        guard let kind = fields["kind"].flatMap(PrivacyRequestKind.init(rawValue:)) else {
            return refuse(AppError.invalidField("kind", vi: "Vui lòng chọn yêu cầu của Ông/Bà.", en: "Please choose what you ask for."))
        }
        let proof = TextNormalizer.normalize(fields["proof"] ?? "")
        guard !proof.isEmpty, proof.count <= 254 else {
            return refuse(
                AppError.invalidField(
                    "proof", vi: "Vui lòng ghi số điện thoại hoặc thư điện tử Ông/Bà đã ghi khi gửi phản ánh.",
                    en: "Please give the phone number or e-mail you gave with the feedback."))
        }
        var correction: FeedbackContact?
        if kind == .correction {
            do {
                let change = try FeedbackIntakeService.checkedContact(
                    FeedbackContact(name: fields["contact.name"], address: fields["contact.address"], phone: fields["contact.phone"], email: fields["contact.email"]))
                guard change.hasAnyField else {
                    return refuse(
                        AppError.invalidField(
                            "contact", vi: "Vui lòng ghi thông tin cần sửa.", en: "Please give the details to correct."))
                }
                correction = change
            } catch let error as AppError {
                return refuse(error)
            }
        }
        guard let created = try await privacy.submit(code: code, kind: kind, proof: proof, correction: correction) else {
            metrics.refused(reason: "privacy_proof")
            return refuse(Self.noMatch)
        }
        return .redirect(SiteURL.trackPrivacyReceipt(.value(code.description), .value(created.reference)).path(language: language))
    }

    @Sendable func receipt(_ request: Request, context: AppRequestContext) async throws -> Response {
        try admit(request, context: context)
        let code = try trackingCode(context)
        guard let reference = context.parameters.get("reference"), reference.count <= 20,
            let found = try await privacy.receipt(code: code, reference: reference)
        else { throw Self.unknown }
        let standing = privacy.standing(found, calendar: try await privacy.workingCalendar())
        var response = pages.render(PrivacyReceiptPage(request: found, overdue: standing.overdue, language: request.language))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Form fields the request form may carry.
    static let formFields: Set<String> = ["kind", "proof", "contact.name", "contact.address", "contact.phone", "contact.email", "lang"]

    /// One answer for an unknown code, an item without contact data and a wrong proof.
    static let noMatch = AppError(
        .unprocessableContent, "privacy_no_match",
        vi: "Không ghi nhận được yêu cầu: mã tra cứu và thông tin liên hệ không khớp với hồ sơ phản ánh nào. Vui lòng kiểm tra lại, hoặc liên hệ trực tiếp Trung tâm.",
        en: "The request could not be recorded: the tracking code and contact details do not match a feedback record. Please check them, or contact the centre directly.")

    static let unknown = AppError(
        .notFound, "unknown_request", vi: "Không tìm thấy yêu cầu với mã này.", en: "No request with this reference.")

    private func admit(_ request: Request, context: AppRequestContext) throws {
        guard limiter.admit(address: context.clientAddress(request), now: clock.now) else {
            metrics.refused(reason: "track_limit")
            throw TrackLimiter.refusal
        }
    }

    /// A code that is not even well formed is 404, as on the tracking page; a well-formed
    /// code is never looked up before the proof, so the form reveals nothing either.
    private func trackingCode(_ context: AppRequestContext) throws -> TrackingCode {
        guard let raw = context.parameters.get("code"), let code = TrackingCode(normalizing: raw) else {
            throw AppError(.notFound, "unknown_feedback", vi: "Không tìm thấy phản ánh với mã này.", en: "No feedback with this code.")
        }
        return code
    }
}
