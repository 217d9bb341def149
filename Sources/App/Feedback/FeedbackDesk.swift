import Domain
import Foundation
import Storage

/// Handling feedback items for whoever calls: a partner system's API key, a staff member on a
/// screen or through the API, or the citizen reopening from /track. One place decides who may
/// do which action on which item (through the access policy) and calls the same Storage and
/// Domain code, so the API and the screens can never disagree.
struct FeedbackDesk: Sendable {
    let database: AppDatabase
    let vault: ContactVault
    let limits: FeedbackLimits
    /// The links a `feedback.resolved` webhook body carries.
    let links: WebhookLinks
    let clock: any WallClock

    enum Caller: Sendable {
        case apiKey(APIKey)
        case staff(StaffSession)
        /// The person who filed the item, by its tracking code (reopen only).
        case citizen
    }

    /// The staff right an action needs.
    static func right(for action: FeedbackAction) -> StaffAction {
        switch action {
        case .start, .resolve: .workAssignedFeedback
        case .verify: .verifyConduct
        case .accept, .assign, .extend, .transfer, .reject, .close, .reopen, .reclassify: .handleFeedback
        }
    }

    /// An item the caller may read, with its history and its assignee as the access policy
    /// sees it (resolved once, for every check of the same request).
    struct Readable: Sendable {
        let item: FeedbackItem
        let events: [FeedbackEvent]
        let assignee: FeedbackAssignee?
    }

    /// The item if the caller may read it: 404 for a code that names no item, 403 for an item
    /// outside the caller's reach (product.md: "404/403 as usual"). Why not 404 for both: a
    /// tracking code's existence is public anyway (/track), so hiding it would only blur
    /// a partner's wrong key or a staff member's missing right into "no such item".
    func readable(_ code: TrackingCode, by caller: Caller) async throws -> Readable {
        guard let found = try await database.feedbackItemWithHistory(code: code) else { throw AppError(feedback: .unknownItem) }
        let assignee = try await database.feedbackAssignee(found.item.assignee, unitId: found.item.unitId)
        switch caller {
        case .apiKey(let key):
            guard key.unitId == found.item.unitId else { throw AppError.forbidden }
        case .staff(let session):
            guard AccessPolicy.allows(session.principal, .viewFeedback, onFeedbackIn: found.item.unitId, assignedTo: assignee) else {
                throw AppError.staffForbidden
            }
        case .citizen:
            break
        }
        return Readable(item: found.item, events: found.events, assignee: assignee)
    }

    /// Contact data, opened only for staff who handle the item, and audited.
    func contact(of readable: Readable, for caller: Caller) async throws -> FeedbackContact? {
        let item = readable.item
        guard case .staff(let session) = caller, item.hasContact else { return nil }
        guard AccessPolicy.allows(session.principal, .viewContactData, onFeedbackIn: item.unitId, assignedTo: readable.assignee),
            let sealed = try await database.feedbackContact(itemId: item.id)
        else { return nil }
        try await database.auditContactAccess(code: item.code, actor: session.user, now: clock.now)
        return try vault.open(sealed)
    }

    /// Applies an action for the caller: 403 outside its reach or without the right, 409
    /// when the state forbids it, 422 for fields that do not fit.
    func apply(
        _ action: FeedbackAction, to code: TrackingCode, fields: FeedbackActionFields, internalDue: LocalDate?, note: String?,
        by caller: Caller
    ) async throws -> (item: FeedbackItem, event: FeedbackEvent) {
        let found = try await readable(code, by: caller)
        let item = found.item
        let actor: String
        switch caller {
        case .apiKey(let key):
            actor = "api:\(key.prefix)"
        case .staff(let session):
            guard AccessPolicy.allows(session.principal, Self.right(for: action), onFeedbackIn: item.unitId, assignedTo: found.assignee) else {
                throw AppError.staffForbidden
            }
            actor = session.user.username
        case .citizen:
            guard action == .reopen else { throw AppError.staffForbidden }
            actor = "citizen"
        }
        let seenAssignee = item.assignee
        do {
            return try await database.applyFeedbackAction(
                code: code, action: action, fields: fields, internalDue: internalDue, note: note, actor: actor, now: clock.now,
                limits: limits, links: links
            ) { current in
                // Checked again inside the write: a reassignment in between voids the right.
                guard current.assignee == seenAssignee else { throw FeedbackError.forbidden }
            }
        } catch let error as FeedbackError {
            throw AppError(feedback: error)
        }
    }

    /// One item of a unit's queue as the account sees it.
    struct QueueEntry: Sendable {
        let item: FeedbackItem
        let standing: FeedbackStanding
        /// Assigned to this account (its username, or its officer record's code).
        let isMine: Bool
    }

    /// The unit's items the account may read (an officer: those assigned to them), each with
    /// where it stands against its due date today, for the queue screen.
    func queue(unitId: Int64, for session: StaffSession) async throws -> [QueueEntry] {
        let items = try await database.feedbackItems(unitId: unitId)
        let people = FeedbackPeople(officers: try await database.officers(unitId: unitId))
        let calendar = try await calendar()
        return items.compactMap { item in
            let assignee = people.assignee(item.assignee)
            guard AccessPolicy.allows(session.principal, .viewFeedback, onFeedbackIn: item.unitId, assignedTo: assignee) else { return nil }
            return QueueEntry(item: item, standing: standing(item, calendar: calendar), isMine: AccessPolicy.isAssignee(session.principal, assignee))
        }
    }

    /// The staff home's counts (see `warnings(unitId:for:)`).
    struct FeedbackWarnings: Sendable, Equatable {
        var mineOverdue = 0
        var mineDueSoon = 0
        var unitOverdue = 0
        var unitDueSoon = 0
    }

    /// How many open items are overdue or due soon today, the account's own and the unit's:
    /// the staff home's warnings. Read by due date (an index) rather than from the newest
    /// items, so an item overdue for months is still counted, and as two columns per item,
    /// so a unit with thousands of open items costs a few milliseconds.
    func warnings(unitId: Int64, for session: StaffSession) async throws -> FeedbackWarnings {
        let today = clock.today
        // Two working days never span more than three weeks, Tết included: a superset that
        // the due-soon rule then decides exactly.
        let due = try await database.openFeedbackDueDates(unitId: unitId, dueOnOrBefore: today.adding(days: 21))
        let people = FeedbackPeople(officers: try await database.officers(unitId: unitId))
        let calendar = try await calendar()
        var warnings = FeedbackWarnings()
        var standings: [LocalDate: FeedbackStanding] = [:]
        for (assignee, dueOn, count) in due {
            let standing = standings[dueOn] ?? FeedbackStanding(due: dueOn, today: today, calendar: calendar, limits: limits)
            standings[dueOn] = standing
            guard standing.overdue || standing.dueSoon else { continue }
            let mine = AccessPolicy.isAssignee(session.principal, people.assignee(assignee))
            if standing.overdue {
                warnings.unitOverdue += count
                if mine { warnings.mineOverdue += count }
            } else {
                warnings.unitDueSoon += count
                if mine { warnings.mineDueSoon += count }
            }
        }
        return warnings
    }

    /// The working calendar now stored, for due-soon and overdue.
    func calendar() async throws -> WorkingCalendar {
        do {
            return try WorkingCalendar(try await database.calendars())
        } catch let error as CalendarError {
            throw AppError(feedback: .calendar(error))
        }
    }

    func standing(_ item: FeedbackItem, calendar: WorkingCalendar) -> FeedbackStanding {
        FeedbackStanding(item, today: clock.today, calendar: calendar, limits: limits)
    }
}
