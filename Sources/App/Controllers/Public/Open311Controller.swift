import Domain
import Foundation
import Hummingbird
import Storage

/// Open311 GeoReport v2, read-only (product.md): the city's and other software's standard
/// way to read service requests. `jurisdiction_id` is a unit's code; no personal data leaves
/// (see `Open311JSON`). Errors are Open311's error list (`ErrorMiddleware`).
struct Open311Controller: Sendable {
    let database: AppDatabase
    let urls: PublicURLs
    let clock: any WallClock

    /// The spec bounds a query to 90 days and a page to 1,000 requests.
    static let maximumSpan: TimeInterval = 90 * 86_400
    static let pageSize = 1000

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.open311Discovery.route, use: discovery)
        router.get(SiteURL.open311Services.route, use: services)
        router.get(SiteURL.open311Requests.route, use: requests)
        router.get(SiteURL.open311Request(.key).route, use: request)
    }

    @Sendable func discovery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let document = Open311JSON.Discovery(
            changeset: "2026-11-29T00:00:00+07:00",
            contact: "Trung tâm Phục vụ hành chính công / Public service centre: " + urls.absolute(.feedback),
            key_service: "Chỉ đọc, không cần khóa / Read-only, no key needed",
            endpoints: [
                .init(
                    specification: Open311JSON.specification, url: urls.absolute(.open311Root), changeset: "2026-11-29T00:00:00+07:00",
                    type: "production", formats: ["application/json"])
            ])
        return try JSONBody.response(document)
    }

    @Sendable func services(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await jurisdiction(request)
        return try JSONBody.response(FeedbackCategory.allCases.map(Open311JSON.Service.init))
    }

    @Sendable func requests(_ request: Request, context: AppRequestContext) async throws -> Response {
        let unit = try await jurisdiction(request)
        let query = request.uri.queryParameters
        let codes = try query.get("service_request_id").map { raw in
            try list(raw).map { code in
                guard let parsed = TrackingCode(normalizing: code) else {
                    throw AppError(.badRequest, "invalid_id", vi: "Mã yêu cầu không hợp lệ.", en: "Invalid service_request_id.")
                }
                return parsed
            }
        }
        let categories = try query.get("service_code").map { raw in
            try list(raw).map { code in
                guard let category = FeedbackCategory(rawValue: code) else {
                    throw AppError(.badRequest, "invalid_service_code", vi: "Mã dịch vụ không hợp lệ.", en: "Unknown service_code.")
                }
                return category
            }
        }
        let open: Bool? = try query.get("status").flatMap { raw in
            let statuses = Set(try list(raw))
            guard statuses.isSubset(of: ["open", "closed"]), !statuses.isEmpty else {
                throw AppError(.badRequest, "invalid_status", vi: "status chỉ nhận open, closed.", en: "status takes open or closed.")
            }
            return statuses.count == 2 ? nil : statuses.contains("open")
        }
        let now = clock.now
        let end = try instant(query.get("end_date"), "end_date") ?? now
        let start = try instant(query.get("start_date"), "start_date") ?? end.addingTimeInterval(-Self.maximumSpan)
        // The spec: several ids override every other argument, the date window included.
        let window: (Date, Date) = codes == nil ? (start, end) : (.distantPast, .distantFuture)
        guard window.0 <= window.1 else {
            throw AppError(.badRequest, "invalid_range", vi: "start_date sau end_date.", en: "start_date is after end_date.")
        }
        guard codes != nil || end.timeIntervalSince(start) <= Self.maximumSpan else {
            throw AppError(.badRequest, "range_too_long", vi: "Khoảng thời gian tối đa 90 ngày.", en: "The range may not span more than 90 days.")
        }
        let entries = try await database.feedbackRegister(
            unitId: try unitId(unit), receivedFrom: window.0, before: window.1.addingTimeInterval(0.001), codes: codes,
            categories: codes == nil ? categories : nil, open: codes == nil ? open : nil, limit: Self.pageSize)
        return try JSONBody.response(entries.map { Open311JSON.Request($0, unit: unit) })
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let unit = try await jurisdiction(request)
        let file = try context.parameters.require("code")
        guard file.hasSuffix(".json"), let code = TrackingCode(normalizing: String(file.dropLast(5))) else { throw AppError.notFound }
        let entries = try await database.feedbackRegister(
            unitId: try unitId(unit), receivedFrom: .distantPast, before: .distantFuture, codes: [code], limit: 1)
        guard !entries.isEmpty else {
            throw AppError(.notFound, "unknown_request", vi: "Không có yêu cầu mã này.", en: "No request with this id.")
        }
        // The spec answers a single request as a list of one.
        return try JSONBody.response(entries.map { Open311JSON.Request($0, unit: unit) })
    }

    /// The unit named by `jurisdiction_id`; optional while the service holds one unit.
    private func jurisdiction(_ request: Request) async throws -> Storage.Unit {
        if let code = request.uri.queryParameters.get("jurisdiction_id") {
            guard let unit = try await database.unit(code: code) else {
                throw AppError(.notFound, "unknown_jurisdiction", vi: "Không có đơn vị mã này.", en: "Unknown jurisdiction_id.")
            }
            return unit
        }
        let units = try await database.units()
        guard units.count == 1, let only = units.first else {
            throw AppError(
                .badRequest, "missing_jurisdiction", vi: "Thiếu jurisdiction_id (mã đơn vị).", en: "jurisdiction_id (a unit code) is required.")
        }
        return only
    }

    private func unitId(_ unit: Storage.Unit) throws -> Int64 {
        guard let id = unit.id else { throw AppError.notFound }
        return id
    }

    private func list(_ raw: String) throws -> [String] {
        let items = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty, items.count <= 100 else {
            throw AppError(.badRequest, "invalid_list", vi: "Danh sách không hợp lệ.", en: "Invalid list.")
        }
        return items
    }

    /// The spec's dates are ISO 8601 with a zone (`2026-11-05T08:15:30+07:00` or `...Z`);
    /// a bare day is read as its first second in Asia/Ho_Chi_Minh.
    private func instant(_ raw: String?, _ name: String) throws -> Date? {
        guard let raw else { return nil }
        if let date = ISOInstant.parse(raw) { return date }
        if let day = LocalDate(raw) { return day.start }
        throw AppError(
            .badRequest, "invalid_date", vi: "\(name) phải là ngày giờ ISO 8601 (2026-11-05T08:15:30+07:00).",
            en: "\(name) must be an ISO 8601 date-time (2026-11-05T08:15:30+07:00).")
    }
}
