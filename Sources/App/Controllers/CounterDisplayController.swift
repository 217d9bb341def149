import Domain
import Foundation
import Hummingbird
import Storage

/// `/counter`: the display an officer opens on the tablet facing citizens. It shows the
/// counter's current single-use ticket and moves on by itself once the ticket is rated or
/// expires (script polling, with a meta refresh for browsers without script).
struct CounterDisplayController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let lifetime: TimeInterval

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("counter", use: show)
        staff.post("counter/next", use: next)
        staff.post("counter/take", use: take)
        staff.get("counter/status", use: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard let counter = try await counter(for: request, session: session) else { return try chooser(session) }
        return try await render(counter: counter, session: session, next: false)
    }

    @Sendable func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let counter = try await counter(for: request, session: session), let id = counter.id else { throw AppError.notFound }
        _ = try await database.displayTicket(counterId: id, user: session.user, next: true, lifetime: lifetime)
        return Response(status: .seeOther, headers: [.location: "/counter?counter=\(id)"])
    }

    /// An officer takes a counter: from now on its tickets are attributed to them. A POST
    /// with the CSRF token, never a GET: a link must not move anyone between counters.
    @Sendable func take(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        guard let officerId = session.user.officerId else { throw AppError.staffForbidden }
        guard let id = fields["counter"].flatMap(Int64.init), let counter = try await database.counter(id: id) else { throw AppError.notFound }
        guard session.user.canSee(unitId: counter.unitId) else { throw AppError.staffForbidden }
        try await database.assignOfficer(officerId: officerId, counterId: id, actor: session.user)
        return Response(status: .seeOther, headers: [.location: "/counter?counter=\(id)"])
    }

    /// `{"state": "open" | "used" | "expired"}` for a ticket of the account's ward.
    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let unitId = session.user.role == .admin ? nil : session.user.unitId
        guard let token = request.uri.queryParameters.get("token"), TokenGenerator.isWellFormed(token),
            let state = try await database.ticketState(token: token, unitId: unitId)
        else { throw AppError.unknownToken }
        let name =
            switch state {
            case .open: "open"
            case .used: "used"
            case .expired: "expired"
            }
        var response = try JSONBody.response(["state": name])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func render(counter: Counter, session: StaffSession, next: Bool) async throws -> Response {
        guard let id = counter.id, let unit = try await database.unit(id: counter.unitId) else { throw AppError.notFound }
        let ticket = try await database.displayTicket(counterId: id, user: session.user, next: next, lifetime: lifetime)
        return try pages.render(CounterDisplayPage(unit: unit, counter: counter, ticket: ticket, session: session))
    }

    /// The counter to show: `?counter=ID`, or the officer's current counter; nil asks the
    /// account to choose. Showing never assigns anyone (that is `take`, a POST).
    private func counter(for request: Request, session: StaffSession) async throws -> Counter? {
        let user = session.user
        guard [.officer, .director, .admin].contains(user.role) else { throw AppError.staffForbidden }
        if let id = request.uri.queryParameters.get("counter").flatMap(Int64.init) {
            guard let counter = try await database.counter(id: id) else { throw AppError.notFound }
            guard user.canSee(unitId: counter.unitId) else { throw AppError.staffForbidden }
            return counter
        }
        if let officerId = user.officerId { return try await database.assignedCounter(officerId: officerId) }
        return nil
    }

    /// The counters to choose from: an officer takes one (a form), others open its display.
    private func chooser(_ session: StaffSession) throws -> Response {
        let unitIds = try session.user.unitId.map { [$0] } ?? database.units().compactMap(\.id)
        let counters = try unitIds.flatMap { try database.counters(unitId: $0) }.filter(\.active)
        let takes = session.user.officerId != nil
        let rows = counters.compactMap { counter -> CataloguePage.Row? in
            guard let id = counter.id else { return nil }
            let action =
                takes
                ? CataloguePage.InlineForm(
                    action: "/counter/take", csrf: session.csrfToken, field: "counter", fieldLabel: counter.name,
                    options: [CataloguePage.Option(value: "\(id)", label: counter.name, selected: true)], button: "Nhận quầy này / Take this counter")
                : nil
            return CataloguePage.Row(cells: [CataloguePage.Cell(counter.name, href: takes ? nil : "/counter?counter=\(id)", inline: action)])
        }
        let page = CataloguePage(
            session: session, path: "/counter", title: LocalizedText(vi: "Màn hình quầy", en: "Counter display"),
            heading: "Chọn quầy để hiển thị mã QR / Choose the counter to display", language: .vi,
            columns: ["Quầy / Counter"], rows: rows, form: nil)
        return try pages.render(page)
    }
}
