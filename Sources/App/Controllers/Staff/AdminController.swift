import Domain
import Foundation
import Hummingbird
import Storage

/// The staff screens under /admin: home, counters with their posters, the audit log.
/// Every handler asks the access policy; a URL naming another ward's data gets 403.
struct AdminController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let urls: PublicURLs
    let scope: UnitScope
    let desk: FeedbackDesk
    let figures: FiguresService
    let campaign: CampaignDefinition?
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.admin.route, use: home)
        staff.get(SiteURL.counters.route, use: counters)
        staff.post(SiteURL.counters.route, use: createCounter)
        staff.get(SiteURL.counterPoster(.key).route, use: poster)
        staff.post(SiteURL.counterDisable(.key).route, use: disableCounter)
        staff.post(SiteURL.counterEnable(.key).route, use: enableCounter)
        staff.get(SiteURL.audit.route, use: audit)
        staff.get(SiteURL.auditCSV.route, use: auditCSV)
        addAPIKeyRoutes(to: staff)
        addUserRoutes(to: staff)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await session.user.unitId.asyncMap { try await database.unit(id: $0) } ?? nil
        // The unit's feedback standing, for accounts bound to a unit that read its feedback.
        var warnings: FeedbackDesk.FeedbackWarnings?
        if let unitId = unit?.id, session.may(.viewFeedback, inUnit: unitId) || AccessPolicy.reach(of: session.principal, for: .viewFeedback) == .assignedItems {
            warnings = try await desk.warnings(unitId: unitId, for: session)
        }
        // Directors, administrators and viewers get the dashboard; the others the staff home.
        let dashboard = session.mayAnywhere(.viewDashboard) ? try await dashboard(request, session: session) : nil
        return pages.render(
            AdminHomePage(session: session, unitName: unit?.name, language: request.language, warnings: warnings, unitCode: unit?.code, dashboard: dashboard))
    }

    @Sendable func counters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .viewCounters)
        let notice = request.uri.queryParameters.get("added").map { LocalizedText(vi: "Đã thêm quầy \($0).", en: "Counter \($0) added.") }
        return try await countersPage(session, unit, request, notice: notice)
    }

    @Sendable func createCounter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 8192)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .manageCounters)
        do {
            let counter = try await database.createCounter(
                unitId: unit.id ?? 0, code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", actor: session.user,
                now: clock.now)
            return .redirect(SiteURL.counters.path(language: request.language, ["unit": unit.code, "added": counter.code]))
        } catch let error as StructureError {
            let appError = AppError(from: error)
            return try await countersPage(session, unit, request, input: fields, error: appError.message, status: appError.status)
        }
    }

    private func countersPage(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = CountersPage(
            session: session, unit: unit, units: try await scope.units(session, for: .viewCounters), counters: try await database.counters(unitId: unitId),
            manage: session.may(.manageCounters, inUnit: unitId), urls: urls, language: request.language, input: input, error: error, notice: notice)
        return pages.render(page, status: status)
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
        try session.require(.manageCounters, inUnit: counter.unitId)
        try await database.setCounterActive(id: id, active: active, actor: session.user, now: clock.now)
        return .redirect(SiteURL.counters.path(language: request.language, ["unit": unit.code]))
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard let id = context.parameters.get("id").flatMap(Int64.init), let counter = try await database.counter(id: id),
            let unit = try await database.unit(id: counter.unitId)
        else { throw AppError.notFound }
        try session.require(.viewCounters, inUnit: counter.unitId)
        return pages.render(PosterPage(unit: unit, counter: counter, urls: urls, a5: request.uri.queryParameters.get("size") == "a5"))
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireGlobally(.readAuditLog)
        return pages.render(AuditPage(session: session, entries: try await database.auditEntries(), language: request.language))
    }

    @Sendable func auditCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireGlobally(.readAuditLog)
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
}

/// CSV fields for spreadsheets: quoted when needed, and a leading = + - @ neutralised so a
/// cell is never run as a formula.
enum CSVField {
    static func escape(_ field: String) -> String {
        var value = field
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension Response {
    /// 303 See Other: post/redirect/get, so a reload never posts again.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
