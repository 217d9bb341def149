import Domain
import Foundation
import Hummingbird
import Storage

/// The structure lists under /admin: a ward's officers (and which counter each serves),
/// and, for administrators, units (with the form each uses), sectors and procedures.
struct CatalogueController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let forms: FormRegistry
    let admin: AdminController

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("admin/officers", use: officers)
        staff.post("admin/officers", use: createOfficer)
        staff.post("admin/officers/{id}/assign", use: assignOfficer)
        staff.get("admin/units", use: units)
        staff.post("admin/units", use: createUnit)
        staff.post("admin/units/{id}/form", use: setUnitForm)
        staff.get("admin/sectors", use: sectors)
        staff.post("admin/sectors", use: createSector)
        staff.get("admin/procedures", use: procedures)
        staff.post("admin/procedures", use: createProcedure)
    }

    // MARK: officers

    @Sendable func officers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await admin.managedUnit(request, session: session)
        return try await officersPage(session, unit, request, notice: addedNotice(request))
    }

    @Sendable func createOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        let unit = try await admin.managedUnit(request, session: session)
        return try await changing(fields: fields, onError: { try await officersPage(session, unit, request, input: fields, error: $0, status: $1) }) {
            let officer = try await database.createOfficer(unitId: unit.id ?? 0, code: fields["code"] ?? "", name: fields["name"] ?? "", actor: session.user)
            return "/admin/officers?unit=\(unit.code)&added=\(officer.code)"
        }
    }

    @Sendable func assignOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init),
            let officer = try await database.pool.read({ db in try Officer.fetchOne(db, key: id) }),
            let counterId = fields["counter"].flatMap(Int64.init), let counter = try await database.counter(id: counterId)
        else { throw AppError.notFound }
        guard session.user.canManage(unitId: officer.unitId), counter.unitId == officer.unitId, let unit = try await database.unit(id: officer.unitId)
        else { throw AppError.staffForbidden }
        try await database.assignOfficer(officerId: id, counterId: counterId, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/admin/officers?unit=\(unit.code)"])
    }

    private func officersPage(
        _ session: StaffSession, _ unit: Storage.Unit, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = admin.language(request)
        let counters = try database.counters(unitId: unit.id ?? 0)
        let names = Dictionary(uniqueKeysWithValues: counters.compactMap { counter in counter.id.map { ($0, counter.name) } })
        let rows = try await database.officerAssignments(unitId: unit.id ?? 0).map { entry in
            CataloguePage.Row(cells: [
                CataloguePage.Cell(entry.officer.code), CataloguePage.Cell(entry.officer.name),
                CataloguePage.Cell(
                    entry.counterId.flatMap { names[$0] } ?? "-",
                    inline: CataloguePage.InlineForm(
                        action: "/admin/officers/\(entry.officer.id ?? 0)/assign", csrf: session.csrfToken, field: "counter",
                        fieldLabel: t("Quầy", "Counter", language),
                        options: counters.compactMap { counter in
                            counter.id.map { CataloguePage.Option(value: "\($0)", label: counter.name, selected: $0 == entry.counterId) }
                        }, button: t("Phân công", "Assign", language))),
            ])
        }
        let form = CataloguePage.AddForm(
            title: t("Thêm cán bộ", "Add an officer", language), action: "/admin/officers?unit=\(unit.code)", csrf: session.csrfToken,
            fields: [.text("code", t("Mã cán bộ", "Code", language), input: input), .text("name", t("Họ và tên", "Full name", language), input: input)],
            button: t("Thêm", "Add", language))
        let page = CataloguePage(
            session: session, path: "/admin/officers", title: LocalizedText(vi: "Cán bộ", en: "Officers"),
            heading: t("Cán bộ - \(unit.name)", "Officers - \(unit.name)", language), language: language,
            columns: [t("Mã", "Code", language), t("Họ và tên", "Name", language), t("Đang phục vụ tại quầy", "Serving at", language)], rows: rows,
            form: form, notice: notice, error: error)
        return try pages.render(page, status: status)
    }

    // MARK: units

    /// Administrators see every unit and add units; a director sees their own ward, to choose
    /// the form its citizens answer.
    @Sendable func units(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard session.user.role.managesStructure else { throw AppError.staffForbidden }
        return try await unitsPage(session, request, notice: addedNotice(request))
    }

    @Sendable func createUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        let formId = fields["form"] ?? ""
        guard forms.current(id: formId) != nil else { throw AppError.invalidField("form", vi: "Không có phiếu này.", en: "No such form.") }
        return try await changing(fields: fields, onError: { try await unitsPage(session, request, input: fields, error: $0, status: $1) }) {
            let unit = try await database.createUnit(
                code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", centreName: fields["centre"] ?? "",
                formId: formId, actor: session.user)
            return "/admin/units?added=\(unit.code)"
        }
    }

    @Sendable func setUnitForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard let id = context.parameters.get("id").flatMap(Int64.init), let formId = fields["form"], forms.current(id: formId) != nil else {
            throw AppError.notFound
        }
        guard session.user.canManage(unitId: id) else { throw AppError.staffForbidden }
        try await database.setUnitForm(unitId: id, formId: formId, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/admin/units"])
    }

    private func unitsPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = admin.language(request)
        let formIds = forms.currentIds
        let visible = try database.units().filter { unit in unit.id.map { session.user.canManage(unitId: $0) } ?? false }
        let rows = visible.map { unit in
            CataloguePage.Row(cells: [
                CataloguePage.Cell(unit.code), CataloguePage.Cell(unit.name), CataloguePage.Cell(unit.centreName),
                CataloguePage.Cell(
                    "",
                    inline: CataloguePage.InlineForm(
                        action: "/admin/units/\(unit.id ?? 0)/form", csrf: session.csrfToken, field: "form", fieldLabel: t("Phiếu", "Form", language),
                        options: formIds.map { CataloguePage.Option(value: $0, label: $0, selected: $0 == unit.formId) },
                        button: t("Dùng phiếu này", "Use this form", language))),
            ])
        }
        let form = session.user.role != .admin ? nil : CataloguePage.AddForm(
            title: t("Thêm đơn vị", "Add a unit", language), action: "/admin/units", csrf: session.csrfToken,
            fields: [
                .text("code", t("Mã đơn vị", "Code", language), input: input), .text("name", t("Tên đơn vị", "Name", language), input: input),
                .text("nameEn", t("Tên tiếng Anh", "English name", language), input: input, required: false),
                .text("centre", t("Tên Trung tâm Phục vụ hành chính công", "Service centre name", language), input: input, required: false),
                .select("form", t("Phiếu khảo sát", "Survey form", language), formIds.map { ($0, $0) }, input: input),
            ], button: t("Thêm", "Add", language))
        let page = CataloguePage(
            session: session, path: "/admin/units", title: LocalizedText(vi: "Đơn vị", en: "Units"), heading: t("Đơn vị", "Units", language),
            language: language,
            columns: [t("Mã", "Code", language), t("Tên", "Name", language), t("Trung tâm", "Centre", language), t("Phiếu đang dùng", "Form in use", language)],
            rows: rows, form: form, notice: notice, error: error)
        return try pages.render(page, status: status)
    }

    // MARK: sectors and procedures

    @Sendable func sectors(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await sectorsPage(try adminOnly(context), request, notice: addedNotice(request))
    }

    @Sendable func createSector(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        return try await changing(fields: fields, onError: { try await sectorsPage(session, request, input: fields, error: $0, status: $1) }) {
            let sector = try await database.createSector(code: fields["code"] ?? "", name: fields["name"] ?? "", nameEn: fields["nameEn"] ?? "", actor: session.user)
            return "/admin/sectors?added=\(sector.code)"
        }
    }

    private func sectorsPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = admin.language(request)
        let rows = try await database.sectors().map { CataloguePage.Row(cells: [.init($0.code), .init($0.name), .init($0.nameEn)]) }
        let form = CataloguePage.AddForm(
            title: t("Thêm lĩnh vực", "Add a sector", language), action: "/admin/sectors", csrf: session.csrfToken,
            fields: [
                .text("code", t("Mã lĩnh vực", "Code", language), input: input), .text("name", t("Tên", "Name", language), input: input),
                .text("nameEn", t("Tên tiếng Anh", "English name", language), input: input, required: false),
            ], button: t("Thêm", "Add", language))
        let page = CataloguePage(
            session: session, path: "/admin/sectors", title: LocalizedText(vi: "Lĩnh vực", en: "Sectors"), heading: t("Lĩnh vực", "Sectors", language),
            language: language, columns: [t("Mã", "Code", language), t("Tên", "Name", language), t("Tên tiếng Anh", "English", language)], rows: rows,
            form: form, notice: notice, error: error)
        return try pages.render(page, status: status)
    }

    @Sendable func procedures(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await proceduresPage(try adminOnly(context), request, notice: addedNotice(request))
    }

    @Sendable func createProcedure(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, fields) = try await signedForm(request, context)
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        return try await changing(fields: fields, onError: { try await proceduresPage(session, request, input: fields, error: $0, status: $1) }) {
            let procedure = try await database.createProcedure(
                code: fields["code"] ?? "", name: fields["name"] ?? "", sectorCode: fields["sector"] ?? "", actor: session.user)
            return "/admin/procedures?added=\(procedure.code)"
        }
    }

    private func proceduresPage(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = admin.language(request)
        let sectors = try await database.sectors()
        let sectorNames = Dictionary(uniqueKeysWithValues: sectors.compactMap { sector in sector.id.map { ($0, sector.name) } })
        let rows = try await database.procedures().map {
            CataloguePage.Row(cells: [.init($0.code), .init($0.name), .init($0.sectorId.flatMap { sectorNames[$0] } ?? "-")])
        }
        let form = CataloguePage.AddForm(
            title: t("Thêm thủ tục", "Add a procedure", language), action: "/admin/procedures", csrf: session.csrfToken,
            fields: [
                .text("code", t("Mã thủ tục (CSDL quốc gia)", "Code (national database)", language), input: input),
                .text("name", t("Tên thủ tục", "Name", language), input: input),
                .select("sector", t("Lĩnh vực", "Sector", language), sectors.map { ($0.code, $0.name) }, input: input),
            ], button: t("Thêm", "Add", language))
        let page = CataloguePage(
            session: session, path: "/admin/procedures", title: LocalizedText(vi: "Thủ tục", en: "Procedures"),
            heading: t("Thủ tục hành chính", "Procedures", language), language: language,
            columns: [t("Mã", "Code", language), t("Tên", "Name", language), t("Lĩnh vực", "Sector", language)], rows: rows, form: form, notice: notice,
            error: error)
        return try pages.render(page, status: status)
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
        fields: [String: String], onError: (LocalizedText, HTTPResponse.Status) async throws -> Response, change: () async throws -> String
    ) async throws -> Response {
        do {
            return Response(status: .seeOther, headers: [.location: try await change()])
        } catch let error as StructureError {
            let appError = AppError(from: error)
            return try await onError(appError.message, appError.status)
        }
    }

    private func adminOnly(_ context: AppRequestContext) throws -> StaffSession {
        let session = try context.signedIn()
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        return session
    }

    private func addedNotice(_ request: Request) -> LocalizedText? {
        request.uri.queryParameters.get("added").map { LocalizedText(vi: "Đã thêm \($0).", en: "\($0) added.") }
    }

    private func t(_ vi: String, _ en: String, _ language: Language) -> String { LocalizedText(vi: vi, en: en).text(in: language) }
}
