import Domain
import Foundation
import Hummingbird
import Storage

extension AdminController {
    func addAPIKeyRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.apiKeys.route, use: apiKeys)
        staff.post(SiteURL.apiKeys.route, use: createAPIKey)
        staff.post(SiteURL.apiKeyRevoke(.key).route, use: revokeAPIKey)
    }

    @Sendable func apiKeys(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .viewAPIKeys)
        return try await apiKeysPage(session, unit, request)
    }

    @Sendable func createAPIKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .manageAPIKeys)
        guard let name = APIKeyName.checked(fields["name"] ?? "") else {
            return try await apiKeysPage(session, unit, request, error: APIKeyName.problem, status: .unprocessableContent)
        }
        let created = try await database.createAPIKey(
            name: name, unitCode: unit.code, actor: session.user.username, userId: session.user.id, now: clock.now)
        // The secret is shown on this response only (no redirect: it must not reach a URL).
        return try await apiKeysPage(session, unit, request, secret: created.secret, status: .created)
    }

    private func apiKeysPage(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, secret: String? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = APIKeysPage(
            session: session, unit: unit, units: try await scope.units(session, for: .viewAPIKeys), keys: try await database.apiKeys(unitId: unit.id ?? 0),
            language: request.language, secret: secret, error: error)
        return pages.render(page, status: status)
    }

    @Sendable func revokeAPIKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let key = try await database.apiKey(id: id) else { throw AppError.notFound }
        try session.require(.manageAPIKeys, inUnit: key.unitId)
        guard let unit = try await database.unit(id: key.unitId) else { throw AppError.notFound }
        try await database.revokeAPIKey(id: id, actor: session.user, now: clock.now)
        return .redirect(SiteURL.apiKeys.path(language: request.language, ["unit": unit.code]))
    }
}
