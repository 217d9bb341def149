import Domain
import Foundation
import Hummingbird
import Storage

/// The feedback screens for directors, assignees and inspectors: the queue of a unit, one
/// item with its history and the actions allowed now, and the key-in form for items received
/// by hotline, letter, in person or box. Every decision goes through the same `FeedbackDesk`
/// and `FeedbackIntakeService` as the JSON API, so screens and API never disagree on what
/// is allowed; this controller only decodes forms and chooses pages.
struct FeedbackScreensController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let intake: FeedbackIntakeService
    let desk: FeedbackDesk
    let scope: UnitScope
    let clock: any WallClock

    /// A 5,000-character Vietnamese description percent-encodes to about 45 kB.
    static let formLimit = 64 * 1024

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.feedbackQueue.route, use: queue)
        staff.get(SiteURL.feedbackNew.route, use: newItem)
        staff.post(SiteURL.feedbackNew.route, use: createItem)
        staff.get(SiteURL.feedbackItem(.key).route, use: item)
        staff.post(SiteURL.feedbackAction(.key).route, use: act)
    }

    // MARK: queue

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await queueUnit(request, session: session)
        let unitId = unit.id ?? 0
        let people = FeedbackPeople(officers: try await database.officers(unitId: unitId))
        // The access policy decides row by row: an officer keeps the items assigned to them.
        let entries = try await desk.queue(unitId: unitId, for: session)
        let query = request.uri.queryParameters
        let filter = FeedbackQueueFilter { query.get($0) }
        let notice = query.get("received").map {
            LocalizedText(vi: "Đã tiếp nhận phản ánh mã \($0).", en: "Item \($0) recorded.")
        }
        let page = FeedbackQueuePage(
            session: session, unit: unit, units: try await scope.units(session, for: .viewFeedback), entries: entries, filter: filter, people: people,
            mayIntake: session.may(.intakeFeedback, inUnit: unitId), language: request.language, notice: notice)
        return pages.render(page)
    }

    /// The unit whose queue is shown. An account that sees only items assigned to it (an
    /// officer) sees its own unit's; `UnitScope` covers the accounts that see a whole unit.
    private func queueUnit(_ request: Request, session: StaffSession) async throws -> Storage.Unit {
        guard AccessPolicy.reach(of: session.principal, for: .viewFeedback) == .assignedItems else {
            return try await scope.unit(request, session: session, for: .viewFeedback)
        }
        guard let id = AccessPolicy.units(session.principal, for: .viewFeedback).restriction, let unit = try await database.unit(id: id) else {
            throw AppError.staffForbidden
        }
        if let code = request.uri.queryParameters.get("unit"), !code.isEmpty, code != unit.code { throw AppError.staffForbidden }
        return unit
    }

    // MARK: one item

    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let code = try trackingCode(context)
        let query = request.uri.queryParameters
        let notice: LocalizedText? =
            if let done = query.get("done").flatMap(FeedbackAction.init(rawValue:)) {
                LocalizedText(vi: "Đã ghi thao tác: \(done.name.vi).", en: "Recorded: \(done.name.en).")
            } else if query.get("received") != nil {
                LocalizedText(vi: "Đã tiếp nhận phản ánh mã \(code).", en: "Item \(code) recorded.")
            } else {
                nil
            }
        return try await itemPage(code, session: session, language: request.language, notice: notice)
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        let code = try trackingCode(context)
        let requested = fields["action"].flatMap(FeedbackAction.init(rawValue:))
        do {
            let input = try FeedbackActionInput(
                action: fields["action"] ?? "", note: fields["note"], assignee: fields["assignee"], task: fields["task"], dueAt: fields["dueAt"],
                reason: fields["reason"], complexity: fields["complexity"], to: fields["to"], result: fields["result"], outcome: fields["outcome"],
                kind: fields["kind"], category: fields["category"])
            _ = try await desk.apply(
                input.action, to: code, fields: input.fields, internalDue: input.internalDue, note: input.note, by: .staff(session))
            return .redirect(SiteURL.feedbackItem(.value(code.description)).path(language: request.language, ["done": input.action.rawValue]))
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            // Refused by the state machine or for its fields: the same page, the message, what was typed.
            var kept = fields
            kept["_csrf"] = nil
            return try await itemPage(
                code, session: session, language: request.language, error: error.message, refused: requested, input: kept, status: error.status)
        }
    }

    private func itemPage(
        _ code: TrackingCode, session: StaffSession, language: Language, notice: LocalizedText? = nil, error: LocalizedText? = nil,
        refused: FeedbackAction? = nil, input: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let caller = FeedbackDesk.Caller.staff(session)
        let found = try await desk.readable(code, by: caller)
        let (item, events) = (found.item, found.events)
        let contact = try await desk.contact(of: found, for: caller)
        let standing = desk.standing(item, calendar: try await desk.calendar())
        let officers = try await database.officers(unitId: item.unitId)
        let people = FeedbackPeople(officers: officers)
        let assignee = people.assignee(item.assignee)
        let actions = FeedbackAction.allCases.filter { action in
            FeedbackStateMachine.target(of: action, from: item.state) != nil && Self.applies(action, to: item)
                && AccessPolicy.allows(session.principal, FeedbackDesk.right(for: action), onFeedbackIn: item.unitId, assignedTo: assignee)
        }
        let assignees = actions.contains(.assign) ? try await assigneeChoices(item: item, officers: officers, language: language) : []
        let page = FeedbackItemPage(
            session: session, item: item, events: events, contact: contact, standing: standing, people: people, actions: actions,
            assignees: assignees, language: language, notice: notice, error: error, refused: refused, input: input)
        var response = pages.render(page, status: status)
        // Contact data may be on the page: never kept by a shared cache.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Offers only forms that can succeed for this item's kind and history; the desk still
    /// decides (a form posted anyway gets the state machine's message).
    private static func applies(_ action: FeedbackAction, to item: FeedbackItem) -> Bool {
        let awaitsAcceptance = item.kind.awaitsAcceptance(isAnonymous: item.isAnonymous, isAccepted: item.acceptedOn != nil)
        return switch action {
        case .verify: item.category.isConduct
        case .extend: item.kind.needsAcceptance && !item.isAnonymous && item.acceptedOn != nil
        case .resolve: !awaitsAcceptance
        case .reopen: item.handling == .resolve
        // After an assignment, only an item still to be accepted or refused.
        case .accept, .reject: item.state == .received || awaitsAcceptance
        case .assign, .start, .transfer, .close, .reclassify: true
        }
    }

    /// Who an item can be assigned to: the unit's active accounts that may work on assigned
    /// feedback (directors, officers), then the unit's officers by their records.
    private func assigneeChoices(item: FeedbackItem, officers: [Officer], language: Language) async throws -> [(value: String, label: String)] {
        let accounts = try await database.users(unitId: item.unitId).filter { user in
            user.active && AccessPolicy.mayBeAssigned(user.principal, itemIn: item.unitId)
        }
        let officerWord = LocalizedText(vi: "hồ sơ cán bộ", en: "officer record").text(in: language)
        let accountChoices = accounts.map { (value: $0.username, label: "\($0.username) - \($0.role.name.text(in: language))") }
        let officerChoices = officers.filter(\.active).map { (value: $0.code, label: "\($0.name) (\($0.code)) - \(officerWord)") }
        return accountChoices + officerChoices
    }

    // MARK: key-in

    @Sendable func newItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unit = try await scope.unit(request, session: session, for: .intakeFeedback)
        let notice = request.uri.queryParameters.get("received").map {
            LocalizedText(vi: "Đã tiếp nhận phản ánh mã \($0).", en: "Item \($0) recorded.")
        }
        return try await newPage(session: session, unit: unit, language: request.language, notice: notice)
    }

    @Sendable func createItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        let unit = try await scope.unit(request, session: session, for: .intakeFeedback)
        var kept = fields
        kept["_csrf"] = nil
        do {
            var submission = FeedbackSubmission(form: fields)
            submission.unit = unit.code
            submission.from = nil
            submission.key = nil
            submission.receivedAt = try Self.receivedAt(date: fields["receivedDate"], time: fields["receivedTime"])
            let principal = session.principal
            let item = try await intake.receive(
                submission,
                from: .staff(username: session.user.username, mayIntake: { AccessPolicy.allows(principal, .intakeFeedback, in: .unit($0)) }))
            let code = item.code.description
            // An officer keys in items they may not read until one is assigned to them.
            guard AccessPolicy.allows(principal, .viewFeedback, onFeedbackIn: item.unitId, assignedTo: nil) else {
                return .redirect(SiteURL.feedbackNew.path(language: request.language, ["unit": unit.code, "received": code]))
            }
            return .redirect(SiteURL.feedbackItem(.value(code)).path(language: request.language, ["received": "1"]))
        } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
            return try await newPage(
                session: session, unit: unit, language: request.language, input: kept, error: error.message, status: error.status)
        }
    }

    /// The real moment of receipt from the form's date and optional time, in Asia/Ho_Chi_Minh,
    /// as the intake reads it (`2026-11-24T09:30:00+07:00`); nil (now) without a date.
    static func receivedAt(date: String?, time: String?) throws -> String? {
        guard let date = date.flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard let day = LocalDate(date) else {
            throw AppError.invalidField("receivedAt", vi: "Ngày nhận phải có dạng ngày hợp lệ.", en: "The date received is not a valid date.")
        }
        guard let time = time?.trimmingCharacters(in: .whitespaces), !time.isEmpty else { return day.description }
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else {
            throw AppError.invalidField("receivedAt", vi: "Giờ nhận phải có dạng 09:30.", en: "The time received must look like 09:30.")
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day.description)T\(two(hour)):\(two(minute)):00+07:00"
    }

    private func newPage(
        session: StaffSession, unit: Storage.Unit, language: Language, input: [String: String] = [:], notice: LocalizedText? = nil,
        error: LocalizedText? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let unitId = unit.id ?? 0
        let page = FeedbackNewPage(
            session: session, unit: unit, units: try await scope.units(session, for: .intakeFeedback), counters: try await database.counters(unitId: unitId),
            officers: try await database.officers(unitId: unitId), procedures: try await database.procedures(), today: clock.today, language: language,
            input: input, notice: notice, error: error, retentionMonths: intake.retentionMonths)
        return pages.render(page, status: status)
    }

    private func trackingCode(_ context: AppRequestContext) throws -> TrackingCode {
        guard let raw = context.parameters.get("code"), let code = TrackingCode(normalizing: raw) else { throw AppError(feedback: .unknownItem) }
        return code
    }
}
