import Domain
import Foundation
import Hummingbird
import Storage

extension AdminController {
    func addAPIKeyRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("admin/apikeys", use: apiKeys)
        staff.post("admin/apikeys", use: createAPIKey)
        staff.post("admin/apikeys/{id}/revoke", use: revokeAPIKey)
    }

    @Sendable func apiKeys(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await visibleUnit(request, session: session)
        guard let unitId = unit.id, session.user.canManage(unitId: unitId) || session.user.role == .inspector else {
            throw AppError.staffForbidden
        }
        return try pages.render(APIKeysPage(session: session, unit: unit, keys: try await database.apiKeys(unitId: unitId), language: language(request)))
    }

    @Sendable func createAPIKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        let unit = try await managedUnit(request, session: session)
        let unitId = unit.id ?? 0
        let name = TextNormalizer.normalize(fields["name"] ?? "")
        guard (1...120).contains(name.count) else {
            let page = APIKeysPage(
                session: session, unit: unit, keys: try await database.apiKeys(unitId: unitId), language: language(request),
                error: LocalizedText(vi: "Tên khóa phải có từ 1 đến 120 ký tự.", en: "A key's name has 1 to 120 characters."))
            return try pages.render(page, status: .unprocessableContent)
        }
        let created = try database.createApiKey(name: name, unitCode: unit.code, actor: session.user.username, userId: session.user.id)
        // The secret is shown on this response only (no redirect: it must not reach a URL).
        let page = APIKeysPage(
            session: session, unit: unit, keys: try await database.apiKeys(unitId: unitId), language: language(request), secret: created.secret)
        return try pages.render(page, status: .created)
    }

    @Sendable func revokeAPIKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let key = try await database.apiKey(id: id) else { throw AppError.notFound }
        guard session.user.canManage(unitId: key.unitId), let unit = try await database.unit(id: key.unitId) else { throw AppError.staffForbidden }
        try await database.revokeApiKey(id: id, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/admin/apikeys?unit=\(unit.code)"])
    }
}
