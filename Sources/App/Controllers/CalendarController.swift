import Domain
import Foundation
import Hummingbird
import Storage

/// `/admin/holidays`: the holiday calendar per year that deadlines are counted with. The
/// government moves days every year, so it is data an administrator keeps; 2026 and 2027
/// ship with the service, lunar dates of 2027 marked tentative.
struct CalendarController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("admin/holidays", use: show)
        staff.post("admin/holidays", use: add)
        staff.post("admin/holidays/{date}/remove", use: remove)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard session.user.role == .admin || session.user.role == .director else { throw AppError.staffForbidden }
        return try await page(session, request, notice: request.uri.queryParameters.get("changed").map { LocalizedText(vi: "Đã cập nhật \($0).", en: "\($0) updated.") })
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        guard let date = LocalDate(fields["date"] ?? "") else {
            return try await page(session, request, input: fields, error: LocalizedText(vi: "Ngày phải có dạng YYYY-MM-DD.", en: "The date must read YYYY-MM-DD."), status: .unprocessableContent)
        }
        let name = LocalizedText(vi: TextNormalizer.normalize(fields["nameVi"] ?? ""), en: TextNormalizer.normalize(fields["nameEn"] ?? ""))
        guard (1...160).contains(name.vi.count), name.en.count <= 160 else {
            return try await page(session, request, input: fields, error: LocalizedText(vi: "Cần tên ngày nghỉ (1-160 ký tự).", en: "A name is needed (1-160 characters)."), status: .unprocessableContent)
        }
        let kind: HolidayCalendar.CalendarDay.Kind = fields["kind"] == "makeUpWorkingDay" ? .makeUpWorkingDay : .holiday
        do {
            try await database.addCalendarDay(
                HolidayCalendar.CalendarDay(date: date, kind: kind, name: name, tentative: fields["tentative"] == "yes"), actor: session.user)
        } catch let error as CalendarError {
            return try await page(session, request, input: fields, error: error.message, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/admin/holidays?year=\(date.year)&changed=\(date)"])
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard session.user.role == .admin else { throw AppError.staffForbidden }
        guard let date = context.parameters.get("date").flatMap(LocalDate.init) else { throw AppError.notFound }
        try await database.removeCalendarDay(date, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/admin/holidays?year=\(date.year)&changed=\(date)"])
    }

    private func page(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        func t(_ vi: String, _ en: String) -> String { LocalizedText(vi: vi, en: en).text(in: language) }
        let calendars = try await database.calendars()
        let year = request.uri.queryParameters.get("year").flatMap(Int.init) ?? LocalDate.today().year
        let editable = session.user.role == .admin
        let weekdays = language == .vi ? ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = calendars.first { $0.year == year }?.days.sorted { $0.date < $1.date } ?? []
        let rows = days.map { day in
            CataloguePage.Row(cells: [
                CataloguePage.Cell(day.date.vietnamese), CataloguePage.Cell(weekdays[day.date.weekday]),
                CataloguePage.Cell(day.kind == .holiday ? t("Nghỉ", "Day off") : t("Làm bù", "Make-up working day")),
                CataloguePage.Cell(day.name.text(in: language) + (day.tentative ? t(" (dự kiến)", " (tentative)") : "")),
                CataloguePage.Cell(
                    "",
                    inline: editable
                        ? CataloguePage.InlineForm(
                            action: "/admin/holidays/\(day.date)/remove", csrf: session.csrfToken, field: "", fieldLabel: "", options: [],
                            button: t("Xóa", "Remove")) : nil),
            ])
        }
        let years = calendars.map { String($0.year) }.joined(separator: ", ")
        let form =
            editable
            ? CataloguePage.AddForm(
                title: t("Thêm ngày", "Add a day"), action: "/admin/holidays", csrf: session.csrfToken,
                fields: [
                    .text("date", t("Ngày (YYYY-MM-DD)", "Date (YYYY-MM-DD)"), input: input),
                    .select("kind", t("Loại", "Kind"), [("holiday", t("Ngày nghỉ", "Day off")), ("makeUpWorkingDay", t("Ngày làm bù", "Make-up working day"))], input: input),
                    .text("nameVi", t("Tên", "Name (Vietnamese)"), input: input),
                    .text("nameEn", t("Tên tiếng Anh", "Name (English)"), input: input, required: false),
                    .select("tentative", t("Dự kiến (chưa có quyết định chính thức)", "Tentative (not yet decided)"), [("no", t("Không", "No")), ("yes", t("Có", "Yes"))], input: input),
                ], button: t("Thêm", "Add")) : nil
        let page = CataloguePage(
            session: session, path: "/admin/holidays", title: LocalizedText(vi: "Lịch nghỉ lễ", en: "Holiday calendar"),
            heading: t("Lịch nghỉ lễ năm \(year) (có lịch: \(years))", "Holiday calendar \(year) (years on file: \(years))"), language: language,
            columns: [t("Ngày", "Date"), t("Thứ", "Weekday"), t("Loại", "Kind"), t("Tên", "Name"), ""], rows: rows, form: form, notice: notice,
            error: error)
        return try pages.render(page, status: status)
    }
}
