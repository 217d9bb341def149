import Domain
import Foundation
import Hummingbird
import NIOCore
import Storage

/// `GET /admin/reports/{weekly|monthly|phase}?unit=CODE|all&period=...[&format=html|csv|xlsx]`
/// (product.md): the printable report, or its tables as CSV or XLSX. Who may read which
/// unit's report is the access policy's `viewReports`; `unit=all` (the city summary and every
/// unit) is for the accounts that read every unit.
struct ReportsController: Sendable {
    let reports: SatisfactionReports
    let pages: PageRenderer
    let scope: UnitScope
    let urls: PublicURLs
    let clock: any WallClock

    enum Format: String {
        case html, csv, xlsx
    }

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.report(.key).route, use: report)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard let kind = context.parameters.get("kind").flatMap(ReportKind.init(rawValue:)) else { throw AppError.notFound }
        try session.requireAnywhere(.viewReports)
        let query = request.uri.queryParameters
        let format = try Self.format(query.get("format"))
        let period = try Self.period(kind, code: query.get("period"), campaign: reports.campaign, today: clock.today)
        let signer = try Self.signer(query.get("signer"))
        let units = try await scope.units(session, for: .viewReports)
        let readsEveryUnit = AccessPolicy.units(session.principal, for: .viewReports) == .all
        let asked = query.get("unit") ?? ""
        let coverage: SatisfactionReports.Coverage
        if asked == "all" || (asked.isEmpty && session.user.unitId == nil && readsEveryUnit) {
            // The city is for accounts that read every unit.
            guard readsEveryUnit else { throw AppError.staffForbidden }
            coverage = .city(units)
        } else {
            coverage = .unit(try await scope.unit(request, session: session, for: .viewReports))
        }
        let unitCode: String =
            switch coverage {
            case .unit(let unit): unit.code
            case .city: "all"
            }
        let report = try await reports.report(kind, period: period, coverage: coverage)
        switch format {
        case .html:
            let page = ReportPage(
                report: report, tables: report.subjects.map { ReportTables(report, subject: $0) }, unitCode: unitCode, session: session, units: units,
                city: readsEveryUnit, exportsUnits: Self.mayExport(session, coverage: coverage), signer: signer,
                publicURL: urls.absolute(.transparency), language: request.language)
            return pages.render(page)
        case .csv:
            return Self.download(
                CSVWriter.document(ReportTables(report).all), type: RawExport.Format.csv.contentType,
                name: report.fileName(unitCode: unitCode, extension: "csv"))
        case .xlsx:
            // A report's workbook is a few kB: made in memory, at once.
            let data = try XLSXWriter.workbook(ReportTables(report).all)
            return Self.download(data, type: RawExport.Format.xlsx.contentType, name: report.fileName(unitCode: unitCode, extension: "xlsx"))
        }
    }

    /// Whether the page links the raw exports of what it shows: the policy's `exportRawData`
    /// for the unit (every unit for the city).
    static func mayExport(_ session: StaffSession, coverage: SatisfactionReports.Coverage) -> Bool {
        switch coverage {
        case .unit(let unit): unit.id.map { session.may(.exportRawData, inUnit: $0) } ?? false
        case .city: AccessPolicy.units(session.principal, for: .exportRawData) == .all
        }
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: query

    static func format(_ text: String?) throws -> Format {
        guard let text, !text.isEmpty else { return .html }
        guard let format = Format(rawValue: text.lowercased()) else {
            throw AppError(
                .badRequest, "invalid_format", vi: "Định dạng '\(text)' không hợp lệ: dùng html, csv hoặc xlsx.",
                en: "Format '\(text)' is not valid: use html, csv or xlsx.")
        }
        return format
    }

    /// The period asked, of the report's kind; the current one when none is asked.
    static func period(_ kind: ReportKind, code: String?, campaign: CampaignDefinition?, today: LocalDate) throws -> FigurePeriod {
        guard let code, !code.isEmpty else {
            guard let period = kind.defaultPeriod(today: today, campaign: campaign) else {
                throw AppError(
                    .notFound, "no_campaign", vi: "Chưa có tệp chiến dịch (Forms/campaign-*.json) nên chưa có giai đoạn nào để báo cáo.",
                    en: "No campaign file (Forms/campaign-*.json): there is no phase to report on.")
            }
            return period
        }
        guard let period = FigurePeriod.parse(code, campaign: campaign), period.kind == kind.periodKind else {
            throw AppError(
                .badRequest, "invalid_period",
                vi: "Kỳ '\(code)' không dùng được cho \(kind.name.vi.lowercased()): hãy ghi dạng \(kind.example).",
                en: "Period '\(code)' does not fit a \(kind.name.en.lowercased()): write it as \(kind.example).")
        }
        return period
    }

    /// The name printed under the signature: at most `ReportIssuer.signerLimit` characters.
    static func signer(_ text: String?) throws -> String? {
        let name = TextNormalizer.normalize(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return nil }
        guard name.count <= ReportIssuer.signerLimit, !name.contains(where: { $0.isNewline }) else {
            throw AppError(
                .badRequest, "invalid_signer", vi: "Tên người ký tối đa \(ReportIssuer.signerLimit) ký tự, trên một dòng.",
                en: "The signer's name is at most \(ReportIssuer.signerLimit) characters, on one line.")
        }
        return name
    }
}
