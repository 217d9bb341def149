import Domain
import Foundation
import Hummingbird
import Storage

/// The staff side of personal data requests (domain.md §5): a unit's queue with due and
/// overdue marked, one request's page (its contact data opened, audited, where the request
/// needs it), and its two actions, acknowledge and complete. Administrators everywhere and
/// directors in their unit (`handlePrivacyRequests`); nobody else.
struct PrivacyScreensController: Sendable {
    let privacy: PrivacyDesk
    let pages: PageRenderer
    let scope: UnitScope

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.privacyQueue.route, use: queue)
        staff.get(SiteURL.privacyRequest(.key).route, use: request)
        staff.post(SiteURL.privacyRequest(.key).route, use: act)
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .handlePrivacyRequests)
        let calendar = try await privacy.workingCalendar()
        let requests = try await privacy.database.privacyRequests(unitId: unit.id ?? 0).map { ($0, privacy.standing($0, calendar: calendar)) }
        let page = PrivacyQueuePage(
            session: session, unit: unit, units: try await scope.units(session, for: .handlePrivacyRequests), requests: requests,
            language: request.language)
        return pages.render(page)
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let reference = try reference(context)
        let notice: LocalizedText? =
            switch request.uri.queryParameters.get("done") ?? "" {
            case "acknowledge": LocalizedText(vi: "Đã xác nhận yêu cầu.", en: "Request acknowledged.")
            case "complete": LocalizedText(vi: "Đã hoàn thành yêu cầu.", en: "Request completed.")
            default: nil
            }
        return try await page(reference, session: session, language: request.language, notice: notice)
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4 * 1024)
        try CSRF.check(fields, session: session)
        let reference = try reference(context)
        let found = try await privacy.readable(reference, by: session)
        do {
            switch fields["action"] ?? "" {
            case "acknowledge": try await privacy.acknowledge(found.request, by: session)
            case "complete": try await privacy.complete(found.request, item: found.item, by: session)
            default:
                throw AppError.invalidField("action", vi: "Thao tác không hợp lệ (acknowledge, complete).", en: "Unknown action (acknowledge, complete).")
            }
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            return try await page(reference, session: session, language: request.language, error: error.message, status: error.status)
        }
        let action = fields["action"] ?? ""
        return .redirect(SiteURL.privacyRequest(.value(found.request.reference)).path(language: request.language, ["done": action]))
    }

    private func page(
        _ reference: String, session: StaffSession, language: Language, notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let found = try await privacy.readable(reference, by: session)
        let contact = try await privacy.contactData(for: found.request, item: found.item, session: session)
        let standing = privacy.standing(found.request, calendar: try await privacy.workingCalendar())
        let page = PrivacyRequestStaffPage(
            session: session, request: found.request, item: found.item, standing: standing, held: contact.held, corrected: contact.corrected,
            language: language, notice: notice, error: error)
        var response = pages.render(page, status: status)
        // Contact data may be on the page: never kept by a shared cache.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func reference(_ context: AppRequestContext) throws -> String {
        guard let raw = context.parameters.get("reference"), raw.count <= 20 else { throw AppError.notFound }
        return raw
    }
}
