import Domain
import Foundation
import Hummingbird
import Storage

/// The inspection committee's workspace (issue 9), for inspectors and, read-only, city
/// viewers: the units in scope with their counts, queues by deadline state and kind with
/// anonymous items apart, conduct items with their verification, each item's timeline with
/// its chain status, reviewer notes, and samples. Never contact data: the pages are built from
/// items without it, and nothing here opens the vault. Verification goes through the same
/// `FeedbackDesk` as every other action, so it lands in the item's history with the inspector
/// as actor; no other action is offered or accepted here.
struct InspectionController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let desk: FeedbackDesk
    let scope: UnitScope
    let clock: any WallClock

    static let noteLimit = 2000
    static let formLimit = 16 * 1024

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.inspection.route, use: overview)
        staff.get(SiteURL.inspectionQueue.route, use: queue)
        staff.get(SiteURL.inspectionConduct.route, use: conduct)
        staff.get(SiteURL.inspectionItem(.key).route, use: item)
        staff.post(SiteURL.inspectionVerify(.key).route, use: verify)
        staff.post(SiteURL.inspectionNote(.key).route, use: addNote)
        addSampleRoutes(to: staff)
    }

    /// The units a page covers: the one `?unit=CODE` names, or every unit in the account's
    /// reach. A unit outside it is refused (403), an unknown one 404.
    struct Coverage: Sendable {
        let units: [Storage.Unit]
        let chosen: Storage.Unit?
        var covered: [Storage.Unit] { chosen.map { [$0] } ?? units }
    }

    func coverage(_ request: Request, session: StaffSession, for action: StaffAction = .inspect) async throws -> Coverage {
        try session.requireAnywhere(action)
        let units = try await scope.units(session, for: action)
        guard let code = request.uri.queryParameters.get("unit"), !code.isEmpty, code != "all" else { return Coverage(units: units, chosen: nil) }
        guard let chosen = units.first(where: { $0.code == code }) else {
            let exists = try await database.unit(code: code) != nil
            throw exists ? AppError.staffForbidden : AppError.notFound
        }
        return Coverage(units: units, chosen: chosen)
    }

    /// The covered units' items, each with where it stands today.
    func entries(_ coverage: Coverage) async throws -> [InspectionEntry] {
        let items = try await database.feedbackItems(unitIds: coverage.covered.compactMap(\.id))
        let calendar = try await desk.calendar()
        return items.map { InspectionEntry(item: $0, standing: desk.standing($0, calendar: calendar)) }
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let coverage = try await coverage(request, session: session)
        let entries = try await entries(coverage)
        return pages.render(InspectionOverviewPage(session: session, units: coverage.covered, entries: entries, language: request.language))
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let coverage = try await coverage(request, session: session)
        let query = request.uri.queryParameters
        let filter = InspectionQueuePage.Filter(
            unit: coverage.chosen?.code, state: query.get("state").flatMap(InspectionDeadlineState.init(rawValue:)),
            kind: query.get("kind").flatMap(FeedbackKind.init(rawValue:)))
        let page = InspectionQueuePage(
            session: session, coverage: coverage, entries: try await entries(coverage), filter: filter, language: request.language)
        return pages.render(page)
    }

    @Sendable func conduct(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let coverage = try await coverage(request, session: session)
        let conduct = try await entries(coverage).filter(\.item.category.isConduct)
        return pages.render(InspectionConductPage(session: session, coverage: coverage, entries: conduct, language: request.language))
    }

    // MARK: one item

    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let code = try trackingCode(context)
        let done = request.uri.queryParameters.get("done")
        let notice: LocalizedText? =
            switch done ?? "" {
            case "verify": LocalizedText(vi: "Đã ghi kết quả xác minh.", en: "Verification recorded.")
            case "note": LocalizedText(vi: "Đã ghi ý kiến của người kiểm tra.", en: "Reviewer's note recorded.")
            default: nil
            }
        return try await itemPage(code, session: session, language: request.language, notice: notice)
    }

    /// Records the verification outcome of a conduct item through the desk (policy:
    /// `.verifyConduct`), so it is an event of the item's history with the inspector as actor.
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        let code = try trackingCode(context)
        try await requireInspectable(code, session: session)
        do {
            let input = try FeedbackActionInput(
                action: FeedbackAction.verify.rawValue, note: fields["note"], assignee: nil, task: nil, dueAt: nil, reason: nil, complexity: nil,
                to: nil, result: nil, outcome: fields["outcome"], kind: nil, category: nil)
            _ = try await desk.apply(.verify, to: code, fields: input.fields, internalDue: nil, note: input.note, by: .staff(session))
            return .redirect(SiteURL.inspectionItem(.value(code.description)).path(language: request.language, ["done": "verify"]))
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            var kept = fields
            kept["_csrf"] = nil
            return try await itemPage(code, session: session, language: request.language, error: error.message, input: kept, status: error.status)
        }
    }

    /// Adds a reviewer's note (policy: `.reviewFeedback`): the inspection's record, apart from
    /// the item's handling and history.
    @Sendable func addNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: Self.formLimit)
        try CSRF.check(fields, session: session)
        let code = try trackingCode(context)
        let item = try await requireInspectable(code, session: session)
        guard session.may(.reviewFeedback, inUnit: item.unitId) else { throw AppError.staffForbidden }
        let note = TextNormalizer.normalize(fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.noteLimit).contains(note.count) else {
            let error = LocalizedText(
                vi: "Ý kiến phải có từ 1 đến \(Self.noteLimit) ký tự.", en: "The note must be 1 to \(Self.noteLimit) characters long.")
            return try await itemPage(
                code, session: session, language: request.language, error: error, input: ["note": fields["note"] ?? ""], status: .unprocessableContent)
        }
        try await database.addReviewerNote(itemId: item.id, author: session.user.username, note: note, now: clock.now)
        return .redirect(SiteURL.inspectionItem(.value(code.description)).path(language: request.language, ["done": "note"]))
    }

    /// The item, if the account may inspect its unit: 404 for no such item, 403 for a ward
    /// out of reach (as `FeedbackDesk.readable`).
    @discardableResult
    private func requireInspectable(_ code: TrackingCode, session: StaffSession) async throws -> FeedbackItem {
        guard let item = try await database.feedbackItem(code: code) else { throw AppError(feedback: .unknownItem) }
        guard session.may(.inspect, inUnit: item.unitId) else { throw AppError.staffForbidden }
        return item
    }

    private func itemPage(
        _ code: TrackingCode, session: StaffSession, language: Language, notice: LocalizedText? = nil, error: LocalizedText? = nil,
        input: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await requireInspectable(code, session: session)
        let found = try await desk.readable(code, by: .staff(session))
        let item = found.item
        let standing = desk.standing(item, calendar: try await desk.calendar())
        let people = FeedbackPeople(officers: try await database.officers(unitId: item.unitId))
        let mayVerify =
            item.category.isConduct && FeedbackStateMachine.target(of: .verify, from: item.state) != nil
            && AccessPolicy.allows(session.principal, .verifyConduct, onFeedbackIn: item.unitId, assignedTo: found.assignee)
        let page = InspectionItemPage(
            session: session, item: item, events: found.events, chain: try await database.feedbackChainStatus(itemId: item.id),
            notes: try await database.reviewerNotes(itemId: item.id), standing: standing, people: people, mayVerify: mayVerify,
            mayNote: session.may(.reviewFeedback, inUnit: item.unitId), language: language, notice: notice, error: error, input: input)
        return pages.render(page, status: status)
    }

    func trackingCode(_ context: AppRequestContext) throws -> TrackingCode {
        guard let raw = context.parameters.get("code"), let code = TrackingCode(normalizing: raw) else { throw AppError(feedback: .unknownItem) }
        return code
    }
}

/// An item as the inspection's pages see it: where it stands today, and its deadline state
/// (nil for an anonymous item, outside the clock).
struct InspectionEntry: Sendable {
    let item: FeedbackItem
    let standing: FeedbackStanding

    var state: InspectionDeadlineState? {
        InspectionDeadlineState(
            isAnonymous: item.isAnonymous, isOpen: item.isOpen, overdue: standing.overdue, dueSoon: standing.dueSoon, onTime: item.onTime)
    }
}
