import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import Storage

extension AdminController {
    func addUserRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("admin/users", use: users)
        staff.post("admin/users", use: createUser)
        staff.post("admin/users/{id}/disable", use: disableUser)
        staff.post("admin/users/{id}/enable", use: enableUser)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await managedUnit(request, session: session)
        return try await usersPage(session: session, unit: unit, request: request, notice: request.uri.queryParameters.get("added").map {
            LocalizedText(vi: "Đã thêm tài khoản \($0).", en: "Account \($0) added.")
        })
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        let unit = try await managedUnit(request, session: session)
        guard let role = fields["role"].flatMap(StaffRole.init(rawValue:)), UsersPage.assignableRoles(by: session.user).contains(role) else {
            throw AppError.staffForbidden
        }
        let password = fields["password"] ?? ""
        var input = fields
        input["password"] = nil
        if let problem = PasswordPolicy.problem(password) {
            return try await usersPage(session: session, unit: unit, request: request, input: input, error: problem, status: .unprocessableContent)
        }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: PasswordPolicy.bcryptCost) }
        let officer = fields["officer"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let user = try database.createUser(
                username: fields["username"] ?? "", passwordHash: hash, role: role, unitCode: role.needsUnit ? unit.code : nil, officerCode: officer,
                actor: session.user.username)
            return Response(status: .seeOther, headers: [.location: "/admin/users?unit=\(unit.code)&added=\(user.username)"])
        } catch let error as StaffError {
            let message = LocalizedText(vi: error.description, en: error.description)
            return try await usersPage(session: session, unit: unit, request: request, input: input, error: message, status: .unprocessableContent)
        }
    }

    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await toggleUser(request, context: context, active: false)
    }

    @Sendable func enableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await toggleUser(request, context: context, active: true)
    }

    private func toggleUser(_ request: Request, context: AppRequestContext, active: Bool) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let user = try await database.user(id: id) else { throw AppError.notFound }
        // A director manages their own ward's officers and viewers; nobody disables themselves.
        let allowed =
            session.user.role == .admin
            || (session.user.role == .director && user.unitId == session.user.unitId && UsersPage.assignableRoles(by: session.user).contains(user.role))
        guard allowed, user.id != session.user.id else { throw AppError.staffForbidden }
        try await database.setUserActive(id: id, active: active, actor: session.user)
        let unitCode = try await user.unitId.asyncMap { try await database.unit(id: $0)?.code } ?? nil
        return Response(status: .seeOther, headers: [.location: "/admin/users" + (unitCode.map { "?unit=\($0)" } ?? "")])
    }

    private func usersPage(
        session: StaffSession, unit: Storage.Unit, request: Request, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = UsersPage(
            session: session, unit: unit, users: try await database.users(unitId: unitId), officers: try await database.officers(unitId: unitId),
            language: language(request), input: input, notice: notice, error: error)
        return try pages.render(page, status: status)
    }
}
