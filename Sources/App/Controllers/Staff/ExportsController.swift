import Domain
import Foundation
import Hummingbird
import Storage

/// The raw exports under /admin/exports: `responses.csv|xlsx` (every rating) and
/// `feedback.csv|xlsx` (the feedback register), `?unit=CODE|all&from=YYYY-MM-DD&to=YYYY-MM-DD`,
/// never contact data, streamed (`RawExport`). The access policy's `exportRawData` decides:
/// administrators every unit (and `all`), directors their own.
struct ExportsController: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let scope: UnitScope
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.exportResponsesCSV.route) { request, context in try await responses(request, context: context, format: .csv) }
        staff.get(SiteURL.exportResponsesXLSX.route) { request, context in try await responses(request, context: context, format: .xlsx) }
        staff.get(SiteURL.exportFeedbackCSV.route) { request, context in try await feedback(request, context: context, format: .csv) }
        staff.get(SiteURL.exportFeedbackXLSX.route) { request, context in try await feedback(request, context: context, format: .xlsx) }
    }

    func responses(_ request: Request, context: AppRequestContext, format: RawExport.Format) async throws -> Response {
        let asked = try await selection(request, context: context)
        let export = RawExport.responses(database: database, unitIds: asked.unitIds, from: asked.from, to: asked.to, questions: forms.answerQuestionIds)
        return export.response(format, fileName: "hailong-luot-danh-gia-\(asked.unitCode)-\(asked.from)-\(asked.to).\(format.rawValue)")
    }

    func feedback(_ request: Request, context: AppRequestContext, format: RawExport.Format) async throws -> Response {
        let asked = try await selection(request, context: context)
        let export = RawExport.feedback(database: database, unitIds: asked.unitIds, from: asked.from, to: asked.to, today: clock.today)
        return export.response(format, fileName: "hailong-so-phan-anh-\(asked.unitCode)-\(asked.from)-\(asked.to).\(format.rawValue)")
    }

    struct Selection {
        let unitIds: [Int64]
        let unitCode: String
        let from: LocalDate
        let to: LocalDate
    }

    /// The units and days asked, checked: a unit the account may export (`all` only for an
    /// account that exports every unit; none given: its own unit, or every unit for an account
    /// without one), and a range of days (this month when none is given).
    func selection(_ request: Request, context: AppRequestContext) async throws -> Selection {
        let session = try context.signedIn()
        try session.requireAnywhere(.exportRawData)
        let query = request.uri.queryParameters
        let everyUnit = AccessPolicy.units(session.principal, for: .exportRawData) == .all
        let asked = query.get("unit") ?? ""
        let unitIds: [Int64]
        let unitCode: String
        if asked == "all" || (asked.isEmpty && session.user.unitId == nil && everyUnit) {
            guard everyUnit else { throw AppError.staffForbidden }
            unitIds = try await scope.units(session, for: .exportRawData).compactMap(\.id)
            unitCode = "all"
        } else {
            let unit = try await scope.unit(request, session: session, for: .exportRawData)
            unitIds = unit.id.map { [$0] } ?? []
            unitCode = unit.code
        }
        let (from, to) = try Self.range(from: query.get("from"), to: query.get("to"), today: clock.today)
        return Selection(unitIds: unitIds, unitCode: unitCode, from: from, to: to)
    }

    static func range(from: String?, to: String?, today: LocalDate) throws -> (LocalDate, LocalDate) {
        guard (from ?? "").isEmpty == false || (to ?? "").isEmpty == false else {
            let month = FigurePeriod.month(containing: today)
            return (month.from, month.to)
        }
        guard let first = from.flatMap(LocalDate.init), let last = to.flatMap(LocalDate.init) else {
            throw AppError(
                .badRequest, "invalid_dates", vi: "Tham số from và to phải là ngày dạng YYYY-MM-DD.", en: "from and to must be dates as YYYY-MM-DD.")
        }
        try DayRange.check(from: first, to: last)
        return (first, last)
    }
}
