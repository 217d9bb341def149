import Domain
import Foundation
import Hummingbird
import Storage

/// The staff screens under /admin: home, counters with their posters, the audit log.
/// Every handler checks the account's role and unit; a URL naming another ward's data gets 403.
struct AdminController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let urls: SiteURLs

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("admin", use: home)
        staff.get("admin/counters", use: counters)
        staff.post("admin/counters", use: createCounter)
        staff.get("admin/counters/{id}/poster", use: poster)
        staff.post("admin/counters/{id}/disable", use: disableCounter)
        staff.post("admin/counters/{id}/enable", use: enableCounter)
        staff.get("admin/audit", use: audit)
        staff.get("admin/audit.csv", use: auditCSV)
        addAPIKeyRoutes(to: staff)
        addUserRoutes(to: staff)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await session.user.unitId.asyncMap { try await database.unit(id: $0) } ?? nil
        return try pages.render(AdminHomePage(session: session, unitName: unit?.name, language: language(request)))
    }

    @Sendable func counters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await visibleUnit(request, session: session)
        var notice: LocalizedText?
        if let added = request.uri.queryParameters.get("added") {
            notice = LocalizedText(vi: "Đã thêm quầy \(added).", en: "Counter \(added) added.")
        }
        return try pages.render(
            CountersPage(
                session: session, unit: unit, counters: try database.counters(unitId: unit.id ?? 0), urls: urls, language: language(request),
                notice: notice))
    }

    @Sendable func createCounter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 8192)
        try CSRF.check(fields, session: session)
        let unit = try await managedUnit(request, session: session)
        let unitId = unit.id ?? 0
        do {
            let counter = try await database.createCounter(
                unitId: unitId, code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", actor: session.user)
            return Response(status: .seeOther, headers: [.location: "/admin/counters?unit=\(unit.code)&added=\(counter.code)"])
        } catch let error as StructureError {
            let appError = AppError(from: error)
            let page = CountersPage(
                session: session, unit: unit, counters: try database.counters(unitId: unitId), urls: urls, language: language(request),
                input: fields, error: appError.message)
            return try pages.render(page, status: appError.status)
        }
    }

    @Sendable func disableCounter(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setCounter(request, context: context, active: false)
    }

    @Sendable func enableCounter(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setCounter(request, context: context, active: true)
    }

    private func setCounter(_ request: Request, context: AppRequestContext, active: Bool) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let counter = try await database.counter(id: id),
            let unit = try await database.unit(id: counter.unitId)
        else { throw AppError.notFound }
        guard session.user.canManage(unitId: counter.unitId) else { throw AppError.staffForbidden }
        try await database.setCounterActive(id: id, active: active, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/admin/counters?unit=\(unit.code)"])
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard let id = context.parameters.get("id").flatMap(Int64.init), let counter = try await database.counter(id: id),
            let unit = try await database.unit(id: counter.unitId)
        else { throw AppError.notFound }
        guard session.user.canSee(unitId: counter.unitId) else { throw AppError.staffForbidden }
        return try pages.render(PosterPage(unit: unit, counter: counter, urls: urls, a5: request.uri.queryParameters.get("size") == "a5"))
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard session.user.role.readsAuditLog else { throw AppError.staffForbidden }
        return try pages.render(AuditPage(session: session, entries: try await database.auditEntries(), language: language(request)))
    }

    @Sendable func auditCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard session.user.role.readsAuditLog else { throw AppError.staffForbidden }
        var csv = "at,actor,action,target,before,after\r\n"
        for entry in try await database.auditEntries(limit: 100_000) {
            csv += [LocalTime.iso8601(entry.at), entry.actor, entry.action, entry.target, entry.before ?? "", entry.after ?? ""]
                .map(CSVField.escape).joined(separator: ",") + "\r\n"
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"hailong-audit.csv\""],
            // A byte order mark, so that spreadsheet programs read the Vietnamese as UTF-8.
            body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + csv)))
    }

    /// The unit a page is about: `?unit=CODE` for accounts that see several, else their own.
    func visibleUnit(_ request: Request, session: StaffSession) async throws -> Storage.Unit {
        if let code = request.uri.queryParameters.get("unit") {
            guard let unit = try await database.unit(code: code), let id = unit.id else { throw AppError.notFound }
            guard session.user.canSee(unitId: id) else { throw AppError.staffForbidden }
            return unit
        }
        if let id = session.user.unitId, let unit = try await database.unit(id: id) { return unit }
        guard let first = try database.units().first else { throw AppError.notFound }
        return first
    }

    /// The unit a change is about, only if this account manages it.
    func managedUnit(_ request: Request, session: StaffSession) async throws -> Storage.Unit {
        let unit = try await visibleUnit(request, session: session)
        guard let id = unit.id, session.user.canManage(unitId: id) else { throw AppError.staffForbidden }
        return unit
    }

    func language(_ request: Request) -> Language { Language(parameter: request.uri.queryParameters.get("lang")) }
}

/// CSV fields for spreadsheets: quoted when needed, and a leading = + - @ neutralised so a
/// cell is never run as a formula.
enum CSVField {
    static func escape(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
