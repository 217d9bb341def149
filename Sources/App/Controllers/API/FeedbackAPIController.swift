import Domain
import Foundation
import Hummingbird
import Storage

/// The feedback JSON API of product.md for partner systems (the hotline, the one-stop
/// software) and signed-in staff: intake, queues, one item with its history, and actions.
struct FeedbackAPIController: Sendable {
    let database: AppDatabase
    let intake: FeedbackIntakeService
    let desk: FeedbackDesk
    let urls: PublicURLs
    let bodyLimit: Int
    let sessionIdle: TimeInterval
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        let keyed = router.group().add(middleware: APIKeyMiddleware(database: database, clock: clock))
        keyed.post(SiteURL.apiFeedback.route, use: create)
        let either = router.group().add(middleware: APIKeyMiddleware(database: database, clock: clock, orStaffSession: sessionIdle))
        either.get(SiteURL.apiFeedback.route, use: list)
        either.get(SiteURL.apiFeedbackItem(.key).route, use: show)
        either.post(SiteURL.apiFeedbackActions(.key).route, use: act)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let key = context.apiKey else { throw AppError.unauthorized }
        let submission = try await JSONBody.decode(FeedbackSubmission.self, from: request, limit: bodyLimit)
        let item = try await intake.receive(submission, from: .partner(unitId: key.unitId, keyPrefix: key.prefix))
        return try JSONBody.response(FeedbackJSON.Created(item, urls: urls), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let unitCode = query.get("unit"), !unitCode.isEmpty else {
            throw AppError(.badRequest, "missing_unit", vi: "Thiếu tham số unit (mã đơn vị).", en: "The unit parameter is missing.")
        }
        guard let unit = try await database.unit(code: unitCode), let unitId = unit.id else {
            throw AppError(.notFound, "unknown_unit", vi: "Không có đơn vị mã '\(unitCode)'.", en: "No unit '\(unitCode)'.")
        }
        let state: FeedbackState?
        if let raw = query.get("state") {
            guard let parsed = FeedbackState(rawValue: raw) else {
                throw AppError(.badRequest, "invalid_state", vi: "Trạng thái không hợp lệ.", en: "Unknown state.")
            }
            state = parsed
        } else {
            state = nil
        }
        let due: String? = query.get("due")
        guard due == nil || due == "soon" || due == "overdue" else {
            throw AppError(.badRequest, "invalid_due", vi: "Tham số due chỉ nhận soon hoặc overdue.", en: "due takes soon or overdue.")
        }
        let from = try day(query.get("from"), "from")
        let to = try day(query.get("to"), "to")
        if let from, let to { try DayRange.check(from: from, to: to) }
        var items = try await database.feedbackItems(unitId: unitId, state: state, from: from, to: to)
        if let key = context.apiKey {
            guard key.unitId == unitId else { throw AppError.forbidden }
        } else if let session = context.staff {
            switch AccessPolicy.reach(of: session.principal, for: .viewFeedback) {
            case .everyUnit: break
            case .ownUnit: guard session.user.unitId == unitId else { throw AppError.forbidden }
            case .assignedItems:
                guard session.user.unitId == unitId else { throw AppError.forbidden }
                let officerCode = try await session.user.officerId.asyncMap { try await database.officerCode(id: $0) } ?? nil
                items = items.filter { $0.assignee != nil && ($0.assignee == session.user.username || $0.assignee == officerCode) }
            case .none: throw AppError.forbidden
            }
        } else {
            throw AppError.unauthorized
        }
        let calendar = try await desk.calendar()
        let rows = items.map { FeedbackJSON.ListItem($0, standing: desk.standing($0, calendar: calendar)) }.filter { row in
            switch due {
            case "soon": row.dueSoon
            case "overdue": row.overdue
            default: true
            }
        }
        return try JSONBody.response(FeedbackJSON.List(items: rows))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try caller(context)
        let code = try trackingCode(context)
        let found = try await desk.readable(code, by: caller)
        let (item, events) = (found.item, found.events)
        let contact = try await desk.contact(of: found, for: caller)
        let detail = FeedbackJSON.Detail(item, events: events, standing: desk.standing(item, calendar: try await desk.calendar()), contact: contact)
        var response = try JSONBody.response(detail)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The body of an action: `{action, note?, ...}` with the action's own fields.
    struct ActionBody: Decodable, KnownKeys {
        var action: String
        var note: String?
        var assignee: String?
        var task: String?
        var dueAt: String?
        var reason: String?
        var complexity: String?
        var to: String?
        var result: String?
        var outcome: String?
        var kind: String?
        var category: String?

        static let knownKeys: Set<String> = [
            "action", "note", "assignee", "task", "dueAt", "reason", "complexity", "to", "result", "outcome", "kind", "category",
        ]
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try caller(context)
        let code = try trackingCode(context)
        let body = try await JSONBody.decode(ActionBody.self, from: request, limit: bodyLimit)
        let parsed = try FeedbackActionInput(
            action: body.action, note: body.note, assignee: body.assignee, task: body.task, dueAt: body.dueAt, reason: body.reason,
            complexity: body.complexity, to: body.to, result: body.result, outcome: body.outcome, kind: body.kind, category: body.category)
        let (item, event) = try await desk.apply(
            parsed.action, to: code, fields: parsed.fields, internalDue: parsed.internalDue, note: parsed.note, by: caller)
        return try JSONBody.response(
            FeedbackJSON.ActionDone(code: item.code.description, state: item.state.rawValue, dueAt: item.dueOn?.description, event: .init(event)))
    }

    private func caller(_ context: AppRequestContext) throws -> FeedbackDesk.Caller {
        if let key = context.apiKey { return .apiKey(key) }
        if let session = context.staff { return .staff(session) }
        throw AppError.unauthorized
    }

    private func trackingCode(_ context: AppRequestContext) throws -> TrackingCode {
        guard let raw = context.parameters.get("code"), let code = TrackingCode(normalizing: raw) else { throw AppError(feedback: .unknownItem) }
        return code
    }

    private func day(_ raw: String?, _ name: String) throws -> LocalDate? {
        guard let raw else { return nil }
        guard let day = LocalDate(raw) else {
            throw AppError(.badRequest, "invalid_dates", vi: "Tham số \(name) phải có dạng YYYY-MM-DD.", en: "\(name) must be a date as YYYY-MM-DD.")
        }
        return day
    }
}

/// An action's fields as text (JSON or a staff form), checked into Domain's types: an
/// unknown action, outcome, complexity, kind or category is a 422 naming the field; texts are
/// normalised and bounded.
struct FeedbackActionInput: Sendable {
    var action: FeedbackAction
    var fields: FeedbackActionFields
    var internalDue: LocalDate?
    var note: String?

    init(
        action: String, note: String?, assignee: String?, task: String?, dueAt: String?, reason: String?, complexity: String?, to: String?,
        result: String?, outcome: String?, kind: String?, category: String?
    ) throws {
        guard let parsed = FeedbackAction(rawValue: action) else {
            throw AppError.invalidField(
                "action", vi: "Thao tác không hợp lệ.",
                en: "Unknown action (accept, assign, start, extend, transfer, reject, resolve, verify, close, reopen, reclassify).")
        }
        func text(_ value: String?, _ field: String, max: Int = 5000) throws -> String? {
            guard let value else { return nil }
            let normalized = TextNormalizer.normalize(value)
            if normalized.isEmpty { return nil }
            guard normalized.count <= max else {
                throw AppError.invalidField(field, vi: "Trường '\(field)' quá dài.", en: "'\(field)' is too long.")
            }
            return normalized
        }
        func code<T: RawRepresentable>(_ value: String?, _ type: T.Type, _ field: String) throws -> T? where T.RawValue == String {
            guard let value, !value.isEmpty else { return nil }
            guard let parsed = T(rawValue: value) else {
                throw AppError.invalidField(field, vi: "Giá trị '\(field)' không hợp lệ.", en: "'\(field)' has an unknown value.")
            }
            return parsed
        }
        self.action = parsed
        self.note = try text(note, "note", max: 2000)
        if let dueAt, !dueAt.isEmpty {
            guard let day = LocalDate(dueAt) else {
                throw AppError.invalidField("dueAt", vi: "dueAt phải có dạng YYYY-MM-DD.", en: "dueAt must be a date as YYYY-MM-DD.")
            }
            internalDue = day
        }
        fields = FeedbackActionFields(
            result: try text(result, "result"), reason: try text(reason, "reason", max: 2000), assignee: try text(assignee, "assignee", max: 64),
            task: try text(task, "task", max: 500),
            transferTo: try text(to, "to", max: 300), outcome: try code(outcome, VerificationOutcome.self, "outcome"),
            complexity: try code(complexity, ExtensionComplexity.self, "complexity"), kind: try code(kind, FeedbackKind.self, "kind"),
            category: try code(category, FeedbackCategory.self, "category"))
    }
}
