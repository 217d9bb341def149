import Domain
import Foundation
import Hummingbird
import Storage

/// The structure lists under /admin: a ward's officers (and which counter each serves),
/// units (with the form each uses), sectors and procedures. Handlers decide who may and
/// what changes; the pages build every row.
struct StructureController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let forms: FormRegistry
    let scope: UnitScope
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.officers.route, use: officers)
        staff.post(SiteURL.officers.route, use: createOfficer)
        staff.post(SiteURL.officerAssign(.key).route, use: assignOfficer)
        staff.get(SiteURL.units.route, use: units)
        staff.post(SiteURL.units.route, use: createUnit)
        staff.post(SiteURL.unitForm(.key).route, use: setUnitForm)
        staff.get(SiteURL.sectors.route, use: sectors)
        staff.post(SiteURL.sectors.route, use: createSector)
        staff.get(SiteURL.procedures.route, use: procedures)
        staff.post(SiteURL.procedures.route, use: createProcedure)
    }

    // MARK: officers

    @Sendable func officers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .manageOfficers)
        return try await officersPage(session, unit, request, notice: addedNotice(request))
    }

    @Sendable func createOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        let unit = try await scope.unit(request, session: session, for: .manageOfficers)
        return try await changing(onError: { try await officersPage(session, unit, request, input: fields, error: $0, status: $1) }) {
            let officer = try await database.createOfficer(
                unitId: unit.id ?? 0, code: fields["code"] ?? "", name: fields["name"] ?? "", actor: session.user, now: clock.now)
            return SiteURL.officers.path(language: request.language, ["unit": unit.code, "added": officer.code])
        }
    }

    @Sendable func assignOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let officer = try await database.officer(id: id) else {
            throw AppError.notFound
        }
        try session.require(.manageOfficers, inUnit: officer.unitId)
        // The counter is a field of the form: a missing one is bad input, not a missing page.
        guard let counterId = fields["counter"].flatMap(Int64.init), let counter = try await database.counter(id: counterId) else {
            throw AppError.invalidField("counter", vi: "Không có quầy này.", en: "No such counter.")
        }
        guard counter.unitId == officer.unitId, let unit = try await database.unit(id: officer.unitId) else { throw AppError.staffForbidden }
        try await database.assignOfficer(officerId: id, counterId: counterId, actor: session.user, now: clock.now)
        return .redirect(SiteURL.officers.path(language: request.language, ["unit": unit.code]))
    }

    private func officersPage(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = OfficersPage(
            session: session, unit: unit, units: try await scope.units(session, for: .manageOfficers),
            officers: try await database.officerAssignments(unitId: unitId), counters: try await database.counters(unitId: unitId),
            language: request.language, input: input, notice: notice, error: error)
        return pages.render(page, status: status)
    }

    // MARK: units

    /// Administrators see every unit and add units; a director sees their own ward, to choose
    /// the form its citizens answer.
    @Sendable func units(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireAnywhere(.chooseUnitForm)
        return try await unitsPage(session, request, notice: addedNotice(request))
    }

    @Sendable func createUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        try session.requireGlobally(.manageUnits)
        let formId = fields["form"] ?? ""
        guard forms.current(id: formId) != nil else { throw AppError.invalidField("form", vi: "Không có phiếu này.", en: "No such form.") }
        return try await changing(onError: { try await unitsPage(session, request, input: fields, error: $0, status: $1) }) {
            let unit = try await database.createUnit(
                code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", centreName: fields["centre"] ?? "",
                formId: formId, actor: session.user, now: clock.now)
            return SiteURL.units.path(language: request.language, ["added": unit.code])
        }
    }

    @Sendable func setUnitForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound }
        try session.require(.chooseUnitForm, inUnit: id)
        guard try await database.unit(id: id) != nil else { throw AppError.notFound }
        let formId = fields["form"] ?? ""
        guard forms.current(id: formId) != nil else { throw AppError.invalidField("form", vi: "Không có phiếu này.", en: "No such form.") }
        try await database.setUnitForm(unitId: id, formId: formId, actor: session.user, now: clock.now)
        return .redirect(SiteURL.units.path(language: request.language))
    }

    private func unitsPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = UnitsPage(
            session: session, units: try await scope.units(session, for: .chooseUnitForm), formIds: forms.currentIds, language: request.language,
            input: input, notice: notice, error: error)
        return pages.render(page, status: status)
    }

    // MARK: sectors and procedures

    @Sendable func sectors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireGlobally(.manageSectors)
        return try await sectorsPage(session, request, notice: addedNotice(request))
    }

    @Sendable func createSector(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        try session.requireGlobally(.manageSectors)
        return try await changing(onError: { try await sectorsPage(session, request, input: fields, error: $0, status: $1) }) {
            let sector = try await database.createSector(
                code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", actor: session.user, now: clock.now)
            return SiteURL.sectors.path(language: request.language, ["added": sector.code])
        }
    }

    private func sectorsPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = SectorsPage(session: session, sectors: try await database.sectors(), language: request.language, input: input, notice: notice, error: error)
        return pages.render(page, status: status)
    }

    @Sendable func procedures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireGlobally(.manageProcedures)
        return try await proceduresPage(session, request, notice: addedNotice(request))
    }

    @Sendable func createProcedure(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        try session.requireGlobally(.manageProcedures)
        return try await changing(onError: { try await proceduresPage(session, request, input: fields, error: $0, status: $1) }) {
            let procedure = try await database.createProcedure(
                code: fields["code"] ?? "", name: fields["name"] ?? "", sectorCode: fields["sector"] ?? "", actor: session.user, now: clock.now)
            return SiteURL.procedures.path(language: request.language, ["added": procedure.code])
        }
    }

    private func proceduresPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = ProceduresPage(
            session: session, procedures: try await database.procedures(), sectors: try await database.sectors(), language: request.language,
            input: input, notice: notice, error: error)
        return pages.render(page, status: status)
    }

    // MARK: shared steps

    private func signedForm(_ request: Request, _ context: AppRequestContext) async throws -> (StaffSession, [String: String]) {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 8192)
        try CSRF.check(fields, session: session)
        return (session, fields)
    }

    /// Runs a change; a refused one re-renders its page with the error and the input kept,
    /// a done one redirects (post/redirect/get).
    private func changing(
        onError: (LocalizedText, HTTPResponse.Status) async throws -> Response, change: () async throws -> String
    ) async throws -> Response {
        do {
            return .redirect(try await change())
        } catch let error as StructureError {
            let appError = AppError(from: error)
            return try await onError(appError.message, appError.status)
        }
    }

    private func addedNotice(_ request: Request) -> LocalizedText? {
        request.uri.queryParameters.get("added").map { LocalizedText(vi: "Đã thêm \($0).", en: "\($0) added.") }
    }
}
