import Domain
import Foundation
import Hummingbird
import Storage

/// The public transparency page, its CSV, and `GET /api/v1/public` (product.md): no login.
struct TransparencyController: Sendable {
    let figures: PublicFigures
    let pages: PageRenderer
    let rules: ScoringRules
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.transparency.route, use: page)
        router.get(SiteURL.transparencyCSV.route, use: csv)
        router.get(SiteURL.apiPublic.route, use: api)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        let period = try month(request)
        let choices = Self.lastMonths(from: clock.today, count: 12)
        var trend: [PublicFigures.Month] = []
        for choice in choices.reversed() { trend.append(try await figures.month(choice)) }
        let shown = try await figures.month(period)
        var response = pages.render(TransparencyPage(month: shown, trend: trend, choices: choices, rules: rules, language: language))
        // Public and the same for everyone: a proxy or browser may keep it for a minute.
        response.headers[.cacheControl] = "public, max-age=60"
        return response
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let month = try await figures.month(try month(request))
        let table = ReportTable(
            name: "public-\(month.period.code)",
            headers: ["month", "unit", "name", "responses", "satisfaction_rate", "satisfaction_n", "ci95_low", "ci95_high", "index", "feedback_received",
                "on_time_rate", "on_time_n", "suppressed", "method"],
            rows: PublicJSON(month, minimumN: rules.minimumN).units.map { unit in
                [
                    .text(month.period.code), .text(unit.unit), .text(unit.name), .integer(unit.responses),
                    unit.satisfaction.rate.map(ReportCell.number) ?? .empty, .integer(unit.satisfaction.n),
                    unit.satisfaction.ci95.map { .number($0[0]) } ?? .empty, unit.satisfaction.ci95.map { .number($0[1]) } ?? .empty,
                    unit.index.value.map(ReportCell.number) ?? .empty, .integer(unit.feedback.received),
                    unit.feedback.onTimeRate.map(ReportCell.number) ?? .empty, .integer(unit.feedback.n), .text(unit.suppressed ? "true" : "false"),
                    .text(IndicatorReport.methodName),
                ]
            })
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"hailong-public-\(month.period.code).csv\"",
                .cacheControl: "public, max-age=60",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: CSVWriter.document(table))))
    }

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let month = try await figures.month(try month(request))
        var response = try JSONBody.response(PublicJSON(month, minimumN: rules.minimumN))
        response.headers[.cacheControl] = "public, max-age=60"
        return response
    }

    /// `?month=YYYY-MM`, this month when absent.
    private func month(_ request: Request) throws -> FigurePeriod {
        guard let text = request.uri.queryParameters.get("month") else { return FigurePeriod.month(containing: clock.today) }
        guard let period = PublicFigures.period(text) else {
            throw AppError(.badRequest, "invalid_month", vi: "Tháng phải viết dạng YYYY-MM, ví dụ 2026-11.", en: "month is YYYY-MM, e.g. 2026-11.")
        }
        return period
    }

    /// The `count` months up to the one holding `today`, newest first.
    static func lastMonths(from today: LocalDate, count: Int) -> [FigurePeriod] {
        var months: [FigurePeriod] = []
        var day = today
        for _ in 0..<count {
            let month = FigurePeriod.month(containing: day)
            months.append(month)
            day = month.from.adding(days: -1)
        }
        return months
    }
}
