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
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.holidays.route, use: show)
        staff.post(SiteURL.holidays.route, use: add)
        staff.post(SiteURL.holidayRemove(.key).route, use: remove)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try session.requireGlobally(.viewHolidayCalendar)
        let notice = request.uri.queryParameters.get("changed").map { LocalizedText(vi: "Đã cập nhật \($0).", en: "\($0) updated.") }
        return try await page(session, request, notice: notice)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        try session.requireGlobally(.editHolidayCalendar)
        guard let date = LocalDate(fields["date"] ?? "") else {
            let error = LocalizedText(vi: "Ngày phải có dạng YYYY-MM-DD.", en: "The date must read YYYY-MM-DD.")
            return try await page(session, request, input: fields, error: error, status: .unprocessableContent)
        }
        let name = LocalizedText(vi: TextNormalizer.normalize(fields["nameVi"] ?? ""), en: TextNormalizer.normalize(fields["nameEn"] ?? ""))
        guard (1...160).contains(name.vi.count), name.en.count <= 160 else {
            let error = LocalizedText(vi: "Cần tên ngày nghỉ (1-160 ký tự).", en: "A name is needed (1-160 characters).")
            return try await page(session, request, input: fields, error: error, status: .unprocessableContent)
        }
        // The form's two kinds only: anything else had been stored as a day off, moving deadlines.
        let kind: HolidayCalendar.CalendarDay.Kind
        switch fields["kind"] {
        case "holiday": kind = .holiday
        case "makeUpWorkingDay": kind = .makeUpWorkingDay
        default:
            let error = LocalizedText(vi: "Loại ngày phải là ngày nghỉ hoặc ngày làm bù.", en: "The kind must be a day off or a make-up working day.")
            return try await page(session, request, input: fields, error: error, status: .unprocessableContent)
        }
        do {
            try await database.addCalendarDay(
                HolidayCalendar.CalendarDay(date: date, kind: kind, name: name, tentative: fields["tentative"] == "yes"), actor: session.user,
                now: clock.now)
        } catch let error as CalendarError {
            return try await page(session, request, input: fields, error: error.message, status: .unprocessableContent)
        }
        return .redirect(SiteURL.holidays.path(language: request.language, ["year": String(date.year), "changed": date.description]))
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        try session.requireGlobally(.editHolidayCalendar)
        guard let date = context.parameters.get("date").flatMap(LocalDate.init),
            try await database.removeCalendarDay(date, actor: session.user, now: clock.now)
        else { throw AppError.notFound }
        return .redirect(SiteURL.holidays.path(language: request.language, ["year": String(date.year), "changed": date.description]))
    }

    private func page(
        _ session: StaffSession, _ request: Request, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let year = request.uri.queryParameters.get("year").flatMap(Int.init) ?? clock.today.year
        let page = HolidaysPage(
            session: session, calendars: try await database.calendars(), year: year, language: request.language, input: input, notice: notice,
            error: error)
        return pages.render(page, status: status)
    }
}
