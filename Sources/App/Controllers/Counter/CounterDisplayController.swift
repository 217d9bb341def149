import Domain
import Foundation
import Hummingbird
import Storage

/// `/counter`: the display an officer opens on the tablet facing citizens. It shows the
/// counter's current single-use ticket and moves on by itself once the ticket is rated or
/// expires (script polling; without script, a refresh link).
struct CounterDisplayController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let lifetime: TimeInterval
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.counterDisplay.route, use: show)
        staff.post(SiteURL.counterNext.route, use: next)
        staff.post(SiteURL.counterTake.route, use: take)
        staff.get(SiteURL.counterStatus.route, use: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        guard let counter = try await counter(for: request, session: session) else { return try await chooser(session) }
        return try await render(counter: counter, session: session, next: false)
    }

    @Sendable func next(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        try CSRF.check(try await RequestBody.form(request, limit: 4096), session: session)
        guard let counter = try await counter(for: request, session: session), let id = counter.id else { throw AppError.notFound }
        _ = try await database.displayTicket(counterId: id, user: session.user, next: true, lifetime: lifetime, now: clock.now)
        return .redirect(SiteURL.counterDisplay.path(["counter": String(id)]))
    }

    /// An officer takes a counter: from now on its tickets are attributed to them. A POST
    /// with the CSRF token, never a GET: a link must not move anyone between counters.
    @Sendable func take(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let fields = try await RequestBody.form(request, limit: 4096)
        try CSRF.check(fields, session: session)
        guard let officerId = session.user.officerId else { throw AppError.staffForbidden }
        guard let id = fields["counter"].flatMap(Int64.init), let counter = try await database.counter(id: id) else { throw AppError.notFound }
        try session.require(.operateCounterDisplay, inUnit: counter.unitId)
        try await database.assignOfficer(officerId: officerId, counterId: id, actor: session.user, now: clock.now)
        return .redirect(SiteURL.counterDisplay.path(["counter": String(id)]))
    }

    /// `{"state": "open" | "used" | "expired"}` for a ticket of a ward the account operates.
    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let units = AccessPolicy.units(session.principal, for: .operateCounterDisplay)
        guard units != .none, let token = request.uri.queryParameters.get("token"), TokenGenerator.isWellFormed(token),
            let state = try await database.ticketState(token: token, unitId: units.restriction, now: clock.now)
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
        let ticket = try await database.displayTicket(counterId: id, user: session.user, next: next, lifetime: lifetime, now: clock.now)
        return pages.render(CounterDisplayPage(unit: unit, counter: counter, ticket: ticket, session: session))
    }

    /// The counter to show: `?counter=ID`, or the officer's current counter; nil asks the
    /// account to choose. Showing never assigns anyone (that is `take`, a POST).
    private func counter(for request: Request, session: StaffSession) async throws -> Counter? {
        try session.requireAnywhere(.operateCounterDisplay)
        if let id = request.uri.queryParameters.get("counter").flatMap(Int64.init) {
            guard let counter = try await database.counter(id: id) else { throw AppError.notFound }
            try session.require(.operateCounterDisplay, inUnit: counter.unitId)
            return counter
        }
        if let officerId = session.user.officerId { return try await database.assignedCounter(officerId: officerId) }
        return nil
    }

    /// The counters to choose from: an officer takes one (a form), others open its display.
    private func chooser(_ session: StaffSession) async throws -> Response {
        let counters: [Counter]
        switch AccessPolicy.units(session.principal, for: .operateCounterDisplay) {
        case .none: counters = []
        case .one(let id): counters = try await database.counters(unitId: id)
        case .all: counters = try await database.counters()
        }
        return pages.render(CounterChooserPage(session: session, counters: counters.filter(\.active), takes: session.user.officerId != nil))
    }
}
