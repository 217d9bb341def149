import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import Storage

extension AdminController {
    func addUserRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.users.route, use: users)
        staff.post(SiteURL.users.route, use: createUser)
        staff.post(SiteURL.userDisable(.key).route, use: disableUser)
        staff.post(SiteURL.userEnable(.key).route, use: enableUser)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .manageStaffAccounts)
        return try await usersPage(session: session, unit: unit, request: request, notice: request.uri.queryParameters.get("added").map {
            LocalizedText(vi: "Đã thêm tài khoản \($0).", en: "Account \($0) added.")
        })
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .manageStaffAccounts)
        let password = fields["password"] ?? ""
        var input = fields
        input["password"] = nil
        // No such role is a mistake in the form (422, shown on the page); a real role this
        // account may not give is a refusal (403).
        guard let role = fields["role"].flatMap(StaffRole.init(rawValue:)) else {
            let message = LocalizedText(vi: "Vai trò không hợp lệ.", en: "Unknown role.")
            return try await usersPage(session: session, unit: unit, request: request, input: input, error: message, status: .unprocessableContent)
        }
        guard AccessPolicy.assignableRoles(by: session.principal).contains(role) else { throw AppError.staffForbidden }
        if let problem = PasswordPolicy.problem(password) {
            return try await usersPage(session: session, unit: unit, request: request, input: input, error: problem, status: .unprocessableContent)
        }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: PasswordPolicy.bcryptCost) }
        let officer = fields["officer"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let user = try await database.createUser(
                username: fields["username"] ?? "", passwordHash: hash, role: role,
                unitCode: AccessPolicy.unitRequirement(for: role) == .ignored ? nil : unit.code, officerCode: officer, actor: session.user.username,
                now: clock.now)
            return .redirect(SiteURL.users.path(language: request.language, ["unit": unit.code, "added": user.username]))
        } catch let error as StaffError {
            let message = LocalizedText(vi: error.description, en: error.description)
            return try await usersPage(session: session, unit: unit, request: request, input: input, error: message, status: .unprocessableContent)
        }
    }

    /// A lock ends the person's sessions at once, so it takes two steps: the list's button
    /// opens a confirmation, whose form posts `confirm=yes`. Unlocking takes one.
    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await toggleUser(request, context: context, active: false)
    }

    @Sendable func enableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await toggleUser(request, context: context, active: true)
    }

    private func toggleUser(_ request: Request, context: AppRequestContext, active: Bool) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let user = try await database.user(id: id) else { throw AppError.notFound }
        // A director manages their own ward's officers and viewers; nobody locks themselves.
        guard AccessPolicy.mayManage(session.principal, account: user.principal) else { throw AppError.staffForbidden }
        let unitCode = try await user.unitId.asyncMap { try await database.unit(id: $0)?.code } ?? nil
        if !active && fields["confirm"] != "yes" {
            return pages.render(UserLockPage(session: session, user: user, unitCode: unitCode, language: request.language))
        }
        try await database.setUserActive(id: id, active: active, actor: session.user, now: clock.now)
        return .redirect(SiteURL.users.path(language: request.language, ["unit": unitCode]))
    }

    private func usersPage(
        session: StaffSession, unit: Storage.Unit, request: Request, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = UsersPage(
            session: session, unit: unit, units: try await scope.units(session, for: .manageStaffAccounts), users: try await database.users(unitId: unitId),
            officers: try await database.officers(unitId: unitId), language: request.language, input: input, notice: notice, error: error)
        return pages.render(page, status: status)
    }
}
