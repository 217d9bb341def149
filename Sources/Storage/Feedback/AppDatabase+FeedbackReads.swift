import Domain
import Foundation
import GRDB

/// Reading feedback: one item, its history, queues, contact data, figures, the chain check.
extension AppDatabase {
    public func feedbackItem(code: TrackingCode) async throws -> FeedbackItem? {
        try await pool.read { db in try Self.feedbackItem(db, where: "i.code = ?", [code.description]) }
    }

    /// The item and its whole history, read together.
    public func feedbackItemWithHistory(code: TrackingCode) async throws -> (item: FeedbackItem, events: [FeedbackEvent])? {
        try await pool.read { db in
            guard let item = try Self.feedbackItem(db, where: "i.code = ?", [code.description]) else { return nil }
            return (item, try Self.feedbackEvents(db, itemId: item.id))
        }
    }

    /// Items of a unit, newest first, optionally by state and by receipt day.
    public func feedbackItems(unitId: Int64, state: FeedbackState? = nil, from: LocalDate? = nil, to: LocalDate? = nil, limit: Int = 1000)
        async throws -> [FeedbackItem]
    {
        try await pool.read { db in
            var conditions = ["i.unitId = ?"]
            var arguments: [any DatabaseValueConvertible] = [unitId]
            if let state {
                conditions.append("i.state = ?")
                arguments.append(state.rawValue)
            }
            if let from {
                conditions.append("i.receivedOn >= ?")
                arguments.append(from.description)
            }
            if let to {
                conditions.append("i.receivedOn <= ?")
                arguments.append(to.description)
            }
            return try Self.feedbackItems(
                db, where: conditions.joined(separator: " AND "), StatementArguments(arguments), order: "i.receivedAt DESC, i.id DESC", limit: limit)
        }
    }

    /// How many of a unit's open items fall on each assignee and due date, for the items due
    /// on or before `day` (the index by unit, state and due date serves it), without a limit:
    /// warnings must count them all. Counted per date, the caller decides each distinct due
    /// date once, not once per item (thousands of overdue items share a few hundred dates).
    public func openFeedbackDueDates(unitId: Int64, dueOnOrBefore day: LocalDate) async throws -> [(assignee: String?, dueOn: LocalDate, count: Int)] {
        let open = FeedbackState.allCases.filter(\.isOpen).map(\.rawValue)
        return try await pool.read { db in
            var arguments: [any DatabaseValueConvertible] = [unitId]
            arguments += open
            arguments.append(day.description)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT assignee, dueOn, COUNT(*) AS n FROM feedbackItems
                    WHERE unitId = ? AND state IN (\(databaseQuestionMarks(count: open.count))) AND dueOn IS NOT NULL AND dueOn <= ?
                    GROUP BY assignee, dueOn
                    """, arguments: StatementArguments(arguments)
            ).compactMap { row in (row["dueOn"] as String?).flatMap(LocalDate.init).map { (row["assignee"], $0, row["n"]) } }
        }
    }

    /// The sealed contact data of an item, if any; the App opens it for staff who handle it.
    public func feedbackContact(itemId: Int64) async throws -> Data? {
        try await pool.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM feedbackContacts WHERE itemId = ?", arguments: [itemId]) }
    }

    /// Everything the figures of domain.md §6 need for a unit up to `end`: each item received
    /// by then with its history after receipt (leaving out the items that cannot count: received
    /// before `from`, handled, and unchanged since before `from`), and the officers who served in [from, end]
    /// (an assignment to a counter overlapping the period, or a ticket issued for them in it).
    public func feedbackFigureData(unitId: Int64, from: LocalDate, through end: LocalDate) async throws -> (
        items: [FeedbackFigureItem], servingOfficers: Set<String>
    ) {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                // Three indexed sets: received in the period, still open, changed since its start.
                sql: """
                    WITH relevant(id) AS (
                      SELECT id FROM feedbackItems WHERE unitId = ? AND receivedOn BETWEEN ? AND ?
                      UNION SELECT id FROM feedbackItems WHERE unitId = ? AND receivedOn < ? AND handledAt IS NULL
                      UNION SELECT l.itemId FROM feedbackEvents l JOIN feedbackItems f ON f.id = l.itemId
                        WHERE l.at >= ? AND f.unitId = ? AND f.receivedOn < ?)
                    SELECT i.id, i.receivedOn, i.anonymous, i.category, o.code AS officer, e.seq, e.at, e.action, e.dueOn, e.data
                    FROM relevant r JOIN feedbackItems i ON i.id = r.id JOIN feedbackEvents e ON e.itemId = i.id
                    LEFT JOIN officers o ON o.id = i.officerId
                    WHERE i.receivedOn <= ?
                    ORDER BY i.id, e.seq
                    """,
                arguments: [
                    unitId, from.description, end.description, unitId, from.description, StoredTime.text(from.start), unitId, from.description,
                    end.description,
                ])
            var items: [FeedbackFigureItem] = []
            var currentId: Int64?
            for row in rows {
                let id: Int64 = row["id"]
                let seq: Int = row["seq"]
                let dueOn = (row["dueOn"] as String?).flatMap(LocalDate.init)
                if id != currentId {
                    currentId = id
                    guard let receivedOn = LocalDate(row["receivedOn"] as String),
                        let category = FeedbackCategory(rawValue: row["category"])
                    else { continue }
                    items.append(
                        FeedbackFigureItem(
                            receivedOn: receivedOn, isAnonymous: row["anonymous"], category: category, officer: row["officer"],
                            dueAtReceipt: seq == 1 ? dueOn : nil))
                }
                guard seq > 1, let action = FeedbackAction(rawValue: row["action"]), !items.isEmpty else { continue }
                let outcome: VerificationOutcome? =
                    action == .verify
                    ? (try? JSONDecoder().decode(FeedbackEventData.self, from: Data((row["data"] as String).utf8)))?.outcome : nil
                items[items.count - 1].events.append(
                    FeedbackFigureEvent(on: LocalDate(Self.date(row["at"])), action: action, due: dueOn, outcome: outcome))
            }
            let serving = try Self.servingOfficers(db, unitId: unitId, from: from, through: end)
            return (items, serving)
        }
    }

    /// The officers who served in [from, end]: an assignment to a counter overlapping the
    /// period, or a ticket issued for them in it (I4's denominator, domain.md §6).
    public func servingOfficers(unitId: Int64, from: LocalDate, through end: LocalDate) async throws -> Set<String> {
        try await pool.read { db in try Self.servingOfficers(db, unitId: unitId, from: from, through: end) }
    }

    static func servingOfficers(_ db: Database, unitId: Int64, from: LocalDate, through end: LocalDate) throws -> Set<String> {
        let startText = StoredTime.text(from.start)
        let endText = StoredTime.text(end.adding(days: 1).start)
        return try String.fetchSet(
            db,
            sql: """
                SELECT o.code FROM officerAssignments a JOIN officers o ON o.id = a.officerId
                WHERE o.unitId = ? AND a.startedAt < ? AND (a.endedAt IS NULL OR a.endedAt >= ?)
                UNION
                SELECT o.code FROM ticketCounts t JOIN officers o ON o.id = t.officerId
                WHERE t.unitId = ? AND t.day BETWEEN ? AND ? AND t.issued > 0
                """, arguments: [unitId, endText, startText, unitId, from.description, end.description])
    }

    /// Recomputes every item's chain. Empty when every history is intact; otherwise the item
    /// and event where it breaks (edited, deleted or reordered events).
    public func feedbackChainProblems() async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, code, lastSeq, state, dueOn, onTime, result, verification, kind, category FROM feedbackItems ORDER BY id"
            ).compactMap { item in
                if let problem = try Self.chainProblem(db, itemId: item["id"], code: item["code"], lastSeq: item["lastSeq"]) {
                    return problem.description
                }
                return try Self.standingProblem(db, item: item)
            }
        }
    }

    /// Where an item's row is not what its (intact) history says it holds: the state and due
    /// date of the last event, the on-time verdict and public result of the last handling
    /// since any reopen, the last verification, the kind and category of the last
    /// reclassification. I3 and I4 read these columns, so a row edited behind the service's
    /// back is as much a tampering as an edited event. Nil when they agree.
    static func standingProblem(_ db: Database, item: Row) throws -> String? {
        let events = try Row.fetchAll(
            db, sql: "SELECT at, action, toState, data, dueOn FROM feedbackEvents WHERE itemId = ? ORDER BY seq", arguments: [item["id"] as Int64])
        guard let last = events.last else { return nil }
        var expected: [(column: String, value: String?)] = [("state", last["toState"]), ("dueOn", last["dueOn"])]
        var onTime: String?
        var result: String?
        var verification: String?
        var kind: String?
        var category: String?
        for event in events {
            let data = try? JSONDecoder().decode(FeedbackEventData.self, from: Data((event["data"] as String).utf8))
            let action = FeedbackAction(rawValue: event["action"])
            if let handling = action?.handling {
                let due = (event["dueOn"] as String?).flatMap(LocalDate.init)
                onTime = due.map { LocalDate(Self.date(event["at"])) <= $0 ? "1" : "0" }
                if handling == .resolve { result = data?.result }
            }
            switch action {
            case .reopen: (onTime, result) = (nil, nil)
            case .verify: verification = data?.outcome?.rawValue
            case .reclassify: (kind, category) = (data?.kind?.rawValue, data?.category?.rawValue)
            default: break
            }
        }
        expected += [("onTime", onTime), ("result", result), ("verification", verification)]
        if let kind, let category { expected += [("kind", kind), ("category", category)] }
        let code: String = item["code"]
        for (column, value) in expected {
            let stored: String? = column == "onTime" ? (item["onTime"] as Bool?).map { $0 ? "1" : "0" } : item[column]
            if stored != value {
                return "feedback \(code): \(column) is '\(stored ?? "null")' but its history says '\(value ?? "null")'"
            }
        }
        return nil
    }

    /// The first place one item's chain breaks, or nil when its history is intact.
    static func chainProblem(_ db: Database, itemId id: Int64, code: String, lastSeq: Int) throws -> FeedbackChain.Problem? {
        let events = try Row.fetchAll(db, sql: "SELECT * FROM feedbackEvents WHERE itemId = ? ORDER BY seq", arguments: [id])
        var previous = FeedbackChain.genesis
        var expectedSeq = 1
        for event in events {
            let seq: Int = event["seq"]
            let recorded: String = event["hash"]
            let prevHash: String = event["prevHash"]
            if seq != expectedSeq {
                return FeedbackChain.Problem(code: code, seq: expectedSeq, reason: "missing or out of order (found \(seq))")
            }
            let computed = FeedbackChain.hash(
                FeedbackChain.Fields(
                    code: code, seq: seq, at: event["at"], actor: event["actor"], action: event["action"], fromState: event["fromState"],
                    toState: event["toState"], note: event["note"], data: event["data"], dueOn: event["dueOn"], prevHash: prevHash))
            if prevHash != previous {
                return FeedbackChain.Problem(code: code, seq: seq, reason: "does not follow the previous event")
            }
            if computed != recorded {
                return FeedbackChain.Problem(code: code, seq: seq, reason: "edited: its hash no longer matches")
            }
            previous = recorded
            expectedSeq += 1
        }
        if expectedSeq - 1 != lastSeq {
            return FeedbackChain.Problem(code: code, seq: expectedSeq, reason: "events after \(expectedSeq - 1) are missing")
        }
        return nil
    }

    // MARK: shared reads

    static let itemColumns = """
        SELECT i.*, u.code AS unitCode, c.code AS counterCode, o.code AS officerCode, p.code AS procedureCode,
          EXISTS (SELECT 1 FROM feedbackContacts fc WHERE fc.itemId = i.id) AS hasContact,
          (SELECT COUNT(*) FROM feedbackAttachments fa WHERE fa.itemId = i.id) AS attachmentCount
        FROM feedbackItems i JOIN units u ON u.id = i.unitId LEFT JOIN counters c ON c.id = i.counterId
        LEFT JOIN officers o ON o.id = i.officerId LEFT JOIN procedures p ON p.id = i.procedureId
        """

    static func feedbackItem(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> FeedbackItem? {
        try feedbackItems(db, where: condition, arguments, order: "i.id", limit: 1).first
    }

    static func feedbackItems(_ db: Database, where condition: String, _ arguments: StatementArguments, order: String, limit: Int) throws
        -> [FeedbackItem]
    {
        try Row.fetchAll(db, sql: itemColumns + " WHERE " + condition + " ORDER BY " + order + " LIMIT \(max(limit, 1))", arguments: arguments)
            .compactMap(Self.feedbackItem(row:))
    }

    private static func feedbackItem(row: Row) -> FeedbackItem? {
        guard let code = TrackingCode(normalizing: row["code"]), let kind = FeedbackKind(rawValue: row["kind"]),
            let category = FeedbackCategory(rawValue: row["category"]), let channel = FeedbackChannel(rawValue: row["channel"]),
            let state = FeedbackState(rawValue: row["state"]), let receivedOn = LocalDate(row["receivedOn"] as String)
        else { return nil }
        func day(_ column: String) -> LocalDate? { (row[column] as String?).flatMap(LocalDate.init) }
        return FeedbackItem(
            id: row["id"], code: code, unitId: row["unitId"], unitCode: row["unitCode"], kind: kind, category: category, channel: channel,
            state: state, isAnonymous: row["anonymous"], description: row["description"], counterCode: row["counterCode"],
            officerCode: row["officerCode"], officerText: row["officerText"], procedureCode: row["procedureCode"], dossier: row["dossier"],
            receivedAt: date(row["receivedAt"]), receivedOn: receivedOn, dueOn: day("dueOn"), acceptedOn: day("acceptedOn"),
            handledAt: (row["handledAt"] as String?).map(date), handling: (row["handling"] as String?).flatMap(FeedbackHandlingKind.init(rawValue:)),
            onTime: row["onTime"], result: row["result"], assignee: row["assignee"], task: row["task"], internalDueOn: day("internalDueOn"),
            assignedBy: row["assignedBy"], verification: (row["verification"] as String?).flatMap(VerificationOutcome.init(rawValue:)),
            verifiedOn: day("verifiedOn"), lastSeq: row["lastSeq"], rulesVersion: row["rulesVersion"], hasContact: row["hasContact"],
            attachmentCount: row["attachmentCount"], anonymisedAt: (row["anonymisedAt"] as String?).map(date),
            anonymisedReason: (row["anonymisedReason"] as String?).flatMap(AnonymisationReason.init(rawValue:)))
    }

    static func feedbackEvents(_ db: Database, itemId: Int64) throws -> [FeedbackEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM feedbackEvents WHERE itemId = ? ORDER BY seq", arguments: [itemId]).compactMap { row in
            guard let to = FeedbackState(rawValue: row["toState"]) else { return nil }
            return FeedbackEvent(
                seq: row["seq"], at: date(row["at"]), actor: row["actor"], action: row["action"],
                fromState: (row["fromState"] as String?).flatMap(FeedbackState.init(rawValue:)), toState: to, note: row["note"], data: row["data"],
                dueOn: (row["dueOn"] as String?).flatMap(LocalDate.init), prevHash: row["prevHash"], hash: row["hash"])
        }
    }
}

extension AppDatabase {
    /// Who an item's assignee is, for the access policy: an officer of the item's unit by
    /// code, else a staff account by username.
    public func feedbackAssignee(_ assignee: String?, unitId: Int64) async throws -> FeedbackAssignee? {
        guard let assignee else { return nil }
        return try await pool.read { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM officers WHERE code = ? AND unitId = ?", arguments: [assignee, unitId]) {
                return .officer(id: id)
            }
            return .staff(username: assignee)
        }
    }

    /// Records that a staff member read an item's contact data (domain.md §5: every access
    /// to personal data is accounted for). The entry names the item, never the data.
    public func auditContactAccess(code: TrackingCode, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "feedback.contact.view", target: "feedback:\(code)", before: nil, after: nil,
                now: now)
        }
    }

    /// The officer code of the account's officer record, to match items assigned by code.
    public func officerCode(id: Int64) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT code FROM officers WHERE id = ?", arguments: [id]) }
    }
}

extension AppDatabase {
    /// A number that grows with every change to any feedback item: each change appends an
    /// event, and events are never updated or deleted.
    public func feedbackGeneration() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM feedbackEvents") ?? 0 }
    }
}
