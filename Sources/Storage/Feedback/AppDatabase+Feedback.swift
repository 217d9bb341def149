import Domain
import Foundation
import GRDB

/// Feedback items: intake, actions, reads. Every change is one write transaction that checks
/// the item's standing, asks Domain's state machine and clock, appends one hash-chained event
/// and updates the item's row - so the row is always what its history says.
extension AppDatabase {
    // MARK: intake

    /// Records a new item and its first event ("receive"), with its contact data (sealed) and
    /// attachments. Throws `FeedbackError` for a subject code that names nothing in the unit
    /// and `.calendar` when the due date would fall in a year without a holiday calendar.
    ///
    /// `feedback.received` goes to the webhook outbox in the same transaction, so a webhook
    /// hears of every item recorded and of none that was not.
    public func receiveFeedback(_ intake: FeedbackIntake, limits: FeedbackLimits, links: WebhookLinks, now: Date) async throws -> FeedbackItem {
        let at = StoredTime.text(intake.receivedAt)
        let (item, enqueued) = try await pool.write { db in
            var subject = try Self.subject(db, intake)
            let receivedOn = LocalDate(intake.receivedAt)
            let calendar = try Self.workingCalendar(db)
            let clock = FeedbackClock(kind: intake.kind, isAnonymous: intake.isAnonymous, receivedOn: receivedOn)
            let due: LocalDate?
            do {
                due = try clock.due(limits: limits, calendar: calendar)
            } catch let error as CalendarError {
                throw FeedbackError.calendar(error)
            }
            var code = TrackingCode.generate()
            while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM feedbackItems WHERE code = ?)", arguments: [code.description]) == true {
                code = TrackingCode.generate()
            }
            subject.officerText = subject.officerId == nil ? intake.officerText : nil
            try db.execute(
                sql: """
                    INSERT INTO feedbackItems (code, unitId, kind, category, channel, state, anonymous, description, counterId, officerId,
                      officerText, procedureId, dossier, responseId, receivedAt, receivedOn, dueOn, lastSeq, rulesVersion)
                    VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [
                    code.description, intake.unitId, intake.kind.rawValue, intake.category.rawValue, intake.channel.rawValue, intake.isAnonymous,
                    intake.description, subject.counterId, subject.officerId, subject.officerText, subject.procedureId, subject.dossier,
                    intake.responseId, at, receivedOn.description, due?.description, limits.rulesVersion,
                ])
            let itemId = db.lastInsertedRowID
            if let sealed = intake.sealedContact {
                try db.execute(
                    sql: "INSERT INTO feedbackContacts (itemId, sealed, consentAt, purpose) VALUES (?, ?, ?, ?)",
                    arguments: [itemId, sealed, at, intake.consentPurpose])
            }
            for attachment in intake.attachments {
                try db.execute(
                    sql: "INSERT INTO feedbackAttachments (itemId, kind, size, sha256, bytes, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [itemId, attachment.kind, attachment.bytes.count, attachment.sha256, attachment.bytes, at])
            }
            let data = FeedbackEventData(
                receivedOn: receivedOn.description, channel: intake.channel, attachments: intake.attachments.isEmpty ? nil : intake.attachments.count,
                contactGiven: intake.sealedContact != nil)
            try Self.appendEvent(
                db, itemId: itemId, code: code.description, seq: 1, at: at, actor: intake.actor, action: "receive", from: nil, to: .received,
                note: nil, data: data, dueOn: due, prevHash: FeedbackChain.genesis)
            guard let item = try Self.feedbackItem(db, where: "i.id = ?", [itemId]) else { throw FeedbackError.unknownItem }
            let enqueued = try Self.enqueueWebhookEvent(
                db, unitId: item.unitId, event: .feedbackReceived, payload: WebhookPayload(event: .feedbackReceived, item: item, at: now, links: links),
                now: now)
            return (item, enqueued)
        }
        if enqueued { webhookSubscriptions.enqueued() }
        return item
    }

    private struct Subject {
        var counterId: Int64?
        var officerId: Int64?
        var officerText: String?
        var procedureId: Int64?
        var dossier: String?
    }

    /// The item's subject: from the rating it came from, or from codes in the unit.
    private static func subject(_ db: Database, _ intake: FeedbackIntake) throws -> Subject {
        var subject = Subject(dossier: intake.dossier)
        if let responseId = intake.responseId,
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.counterId, r.officerId, r.procedureId, t.dossier FROM responses r LEFT JOIN tickets t ON t.id = r.ticketId
                    WHERE r.id = ? AND r.unitId = ?
                    """, arguments: [responseId, intake.unitId])
        {
            subject.counterId = row["counterId"]
            subject.officerId = row["officerId"]
            subject.procedureId = row["procedureId"]
            subject.dossier = subject.dossier ?? row["dossier"]
        }
        if let code = intake.counterCode {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM counters WHERE unitId = ? AND code = ?", arguments: [intake.unitId, code])
            else { throw FeedbackError.unknownCounter(code) }
            subject.counterId = id
        }
        if let code = intake.officerCode {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM officers WHERE unitId = ? AND code = ?", arguments: [intake.unitId, code])
            else { throw FeedbackError.unknownOfficer(code) }
            subject.officerId = id
        }
        if let code = intake.procedureCode {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM procedures WHERE code = ?", arguments: [code])
            else { throw FeedbackError.unknownProcedure(code) }
            subject.procedureId = id
        }
        return subject
    }

    /// What a feedback form carried from a rating (`?from=TOKEN&k=KEY`) needs: the response,
    /// its unit, and the counter and procedure names a citizen may see. The officer stays
    /// server-side.
    public func ratingOrigin(token: String, key: String) async throws -> RatingOrigin? {
        try await pool.read { db in
            guard let recorded = try Self.recordedResponse(db, token: token, key: key),
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.unitId, u.code AS unitCode, c.code AS counterCode, c.name AS counterName, p.name AS procedureName,
                          p.code AS procedureCode, o.code AS officerCode, t.dossier AS dossier
                        FROM responses r JOIN units u ON u.id = r.unitId JOIN counters c ON c.id = r.counterId
                        LEFT JOIN procedures p ON p.id = r.procedureId LEFT JOIN officers o ON o.id = r.officerId
                        LEFT JOIN tickets t ON t.id = r.ticketId
                        WHERE r.id = ?
                        """, arguments: [recorded.responseId])
            else { return nil }
            return RatingOrigin(
                responseId: recorded.responseId, unitId: row["unitId"], unitCode: row["unitCode"], counterCode: row["counterCode"],
                counterName: row["counterName"], procedureName: row["procedureName"], procedureCode: row["procedureCode"],
                officerCode: row["officerCode"], dossier: row["dossier"])
        }
    }

    // MARK: actions

    /// Applies one action to the item with `code`, in one transaction: `authorize` sees the
    /// item as it stands and throws to refuse (an officer acting on an item not assigned to
    /// them); Domain's state machine decides the new state; the clock the new due date. The
    /// event is appended to the chain and the row updated together.
    public func applyFeedbackAction(
        code: TrackingCode, action: FeedbackAction, fields: FeedbackActionFields, internalDue: LocalDate? = nil,
        note: String? = nil, actor: String, now: Date, limits: FeedbackLimits, links: WebhookLinks,
        authorize: @escaping @Sendable (FeedbackItem) throws -> Void
    ) async throws -> (item: FeedbackItem, event: FeedbackEvent) {
        let at = StoredTime.text(now)
        let today = LocalDate(now)
        let (item, event, enqueued) = try await pool.write { db in
            guard let item = try Self.feedbackItem(db, where: "i.code = ?", [code.description]) else { throw FeedbackError.unknownItem }
            try authorize(item)
            let events = try Self.feedbackEvents(db, itemId: item.id)
            let calendar = try Self.workingCalendar(db)
            var clock = FeedbackClock(kind: item.kind, isAnonymous: item.isAnonymous, receivedOn: item.receivedOn, events: Self.clockEvents(events))
            let facts = Self.facts(item, events: events, clock: clock)
            let state: FeedbackState
            do {
                state = try FeedbackStateMachine.next(
                    from: item.state, action: action, facts: facts, fields: fields, today: today, limits: limits, calendar: calendar)
            } catch let error as FeedbackTransitionError {
                throw FeedbackError.transition(error)
            }
            var data = FeedbackEventData()
            // Column -> new value; nil stores NULL (set through `updateValue`, since assigning nil
            // to a dictionary's subscript would remove the entry and leave the column as it was).
            var updates: [String: (any DatabaseValueConvertible)?] = ["state": state.rawValue]
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) { updates.updateValue(value, forKey: column) }
            var eventDue: LocalDate?
            do {
                switch action {
                case .accept:
                    clock.events.append(.accepted(on: today))
                    set("acceptedOn", today.description)
                case .assign:
                    let assignee = try Self.checkAssignee(db, fields.assignee ?? "", unitId: item.unitId)
                    let legal = try clock.due(limits: limits, calendar: calendar)
                    if let internalDue, let legal, internalDue > legal { throw FeedbackError.internalDueAfterLegal(legal) }
                    if let internalDue, internalDue < today { throw FeedbackError.internalDueInThePast }
                    data.assignee = assignee
                    data.task = fields.task
                    data.dueAt = internalDue?.description
                    set("assignee", assignee)
                    set("task", fields.task)
                    set("internalDueOn", internalDue?.description)
                    set("assignedBy", actor)
                case .extend:
                    let granted: FeedbackExtension
                    do {
                        granted = try clock.extend(
                            on: today, reason: fields.reason ?? "", complexity: fields.complexity ?? .complex, limits: limits, calendar: calendar)
                    } catch let error as FeedbackExtensionError {
                        throw FeedbackError.extensionRefused(error)
                    }
                    clock.events.append(.extended(granted))
                    data.extension = granted
                    data.reason = fields.reason
                    data.complexity = fields.complexity
                case .transfer, .reject, .resolve:
                    guard let handling = action.handling else { break }
                    let due = try clock.due(for: handling, limits: limits, calendar: calendar)
                    eventDue = due
                    // The published due date is the one the handling is judged against: for a
                    // transfer, its own 5 working days, so /track never shows a handling
                    // before `dueAt` marked late.
                    set("dueOn", due?.description)
                    set("handledAt", at)
                    set("handling", handling.rawValue)
                    set("onTime", due.map { today <= $0 })
                    data.reason = fields.reason
                    data.to = fields.transferTo
                    if action == .resolve {
                        data.result = fields.result
                        set("result", fields.result)
                    }
                case .verify:
                    data.outcome = fields.outcome
                    set("verification", fields.outcome?.rawValue)
                    set("verifiedOn", today.description)
                case .reopen:
                    clock.events.append(.reopened(on: today))
                    data.reason = fields.reason
                    // The answer no longer stands: /track shows none until the next one (the
                    // history keeps it).
                    set("handledAt", nil)
                    set("handling", nil)
                    set("onTime", nil)
                    set("result", nil)
                case .reclassify:
                    data.fromKind = item.kind
                    data.fromCategory = item.category
                    data.kind = fields.kind
                    data.category = fields.category
                    if let kind = fields.kind {
                        clock.kind = kind
                        set("kind", kind.rawValue)
                    }
                    if let category = fields.category { set("category", category.rawValue) }
                    clock.events.append(.reclassified(on: today, kindChanged: fields.kind.map { $0 != item.kind } ?? false))
                case .start, .close:
                    break
                }
                if action.handling == nil {
                    eventDue = try clock.due(limits: limits, calendar: calendar)
                    set("dueOn", eventDue?.description)
                }
            } catch let error as CalendarError {
                throw FeedbackError.calendar(error)
            }
            let seq = item.lastSeq + 1
            let prevHash = events.last?.hash ?? FeedbackChain.genesis
            let event = try Self.appendEvent(
                db, itemId: item.id, code: item.code.description, seq: seq, at: at, actor: actor, action: action.rawValue, from: item.state,
                to: state, note: note, data: data, dueOn: eventDue, prevHash: prevHash)
            updates.updateValue(seq, forKey: "lastSeq")
            let columns = updates.keys.sorted()
            try db.execute(
                sql: "UPDATE feedbackItems SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?",
                arguments: StatementArguments(columns.map { updates[$0] ?? nil } + [item.id]))
            guard let updated = try Self.feedbackItem(db, where: "i.id = ?", [item.id]) else { throw FeedbackError.unknownItem }
            // `feedback.resolved` with the resolve itself: never told of a resolve that rolled back.
            var enqueued = false
            if action == .resolve {
                enqueued = try Self.enqueueWebhookEvent(
                    db, unitId: updated.unitId, event: .feedbackResolved,
                    payload: WebhookPayload(event: .feedbackResolved, item: updated, at: now, links: links), now: now)
            }
            return (updated, event, enqueued)
        }
        if enqueued { webhookSubscriptions.enqueued() }
        return (item, event)
    }

    /// An assignee is an officer of the unit (by code) or an active staff account (by username)
    /// that could work on the item (`AccessPolicy.mayBeAssigned`); returned as given, normalised.
    private static func checkAssignee(_ db: Database, _ raw: String, unitId: Int64) throws -> String {
        let name = TextNormalizer.normalize(raw).lowercased()
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM officers WHERE code = ? AND unitId = ?)", arguments: [name, unitId]) == true {
            return name
        }
        guard let user = try StaffUser.filter(StaffUser.Columns.username == name && StaffUser.Columns.active).fetchOne(db),
            AccessPolicy.mayBeAssigned(user.principal, itemIn: unitId)
        else { throw FeedbackError.unknownAssignee(raw) }
        return name
    }

    /// The clock's view of an item's history: acceptance, extensions, reclassifications,
    /// reopenings, in the order recorded (also for screens: the extensions granted).
    public static func clockEvents(_ events: [FeedbackEvent]) -> [FeedbackClockEvent] {
        events.compactMap { event in
            let on = LocalDate(event.at)
            switch FeedbackAction(rawValue: event.action) {
            case .accept: return .accepted(on: on)
            case .reopen: return .reopened(on: on)
            case .reclassify:
                let data = try? JSONDecoder().decode(FeedbackEventData.self, from: Data(event.data.utf8))
                return .reclassified(on: on, kindChanged: data.map { $0.kind != $0.fromKind } ?? true)
            case .extend:
                guard let data = try? JSONDecoder().decode(FeedbackEventData.self, from: Data(event.data.utf8)), let granted = data.extension
                else { return nil }
                return .extended(granted)
            default: return nil
            }
        }
    }

    private static func facts(_ item: FeedbackItem, events: [FeedbackEvent], clock: FeedbackClock) -> FeedbackItemFacts {
        let lastHandling = events.last { FeedbackAction(rawValue: $0.action)?.handling != nil }.flatMap { event -> FeedbackHandling? in
            guard let kind = FeedbackAction(rawValue: event.action)?.handling else { return nil }
            return FeedbackHandling(kind: kind, on: LocalDate(event.at), due: event.dueOn)
        }
        return FeedbackItemFacts(
            kind: item.kind, isAnonymous: item.isAnonymous, isAccepted: clock.acceptedOn != nil, isConduct: item.category.isConduct,
            lastHandling: lastHandling)
    }

    @discardableResult
    static func appendEvent(
        _ db: Database, itemId: Int64, code: String, seq: Int, at: String, actor: String, action: String, from: FeedbackState?,
        to: FeedbackState, note: String?, data: FeedbackEventData, dueOn: LocalDate?, prevHash: String
    ) throws -> FeedbackEvent {
        let json = try Self.canonicalJSON(data)
        let hash = FeedbackChain.hash(
            FeedbackChain.Fields(
                code: code, seq: seq, at: at, actor: actor, action: action, fromState: from?.rawValue, toState: to.rawValue, note: note, data: json,
                dueOn: dueOn?.description, prevHash: prevHash))
        try db.execute(
            sql: """
                INSERT INTO feedbackEvents (itemId, seq, at, actor, action, fromState, toState, note, data, dueOn, prevHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [itemId, seq, at, actor, action, from?.rawValue, to.rawValue, note, json, dueOn?.description, prevHash, hash])
        if seq == 1 { try db.execute(sql: "UPDATE feedbackItems SET lastSeq = 1 WHERE id = ?", arguments: [itemId]) }
        return FeedbackEvent(
            seq: seq, at: Self.date(at), actor: actor, action: action, fromState: from, toState: to, note: note, data: json, dueOn: dueOn,
            prevHash: prevHash, hash: hash)
    }

    static func canonicalJSON(_ data: FeedbackEventData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }

    /// Parses a stored time back; stored times are always written by `StoredTime`.
    static func date(_ stored: String) -> Date {
        Date.fromDatabaseValue(stored.databaseValue) ?? Date(timeIntervalSince1970: 0)
    }

    static func workingCalendar(_ db: Database) throws -> WorkingCalendar {
        let calendars = try Self.calendars(db)
        do throws(CalendarError) {
            return try WorkingCalendar(calendars)
        } catch {
            throw FeedbackError.calendar(error)
        }
    }
}

/// What a rating carries into the feedback form.
public struct RatingOrigin: Sendable, Equatable {
    public var responseId: Int64
    public var unitId: Int64
    public var unitCode: String
    public var counterCode: String
    public var counterName: String
    public var procedureName: String?
    public var procedureCode: String?
    public var officerCode: String?
    public var dossier: String?
}
