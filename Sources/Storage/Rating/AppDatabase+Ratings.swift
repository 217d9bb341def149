import Foundation
import Domain
import GRDB

extension AppDatabase {
    /// Resolves a token to its ticket or counter poster; nil for a token we never issued.
    /// Reads the ticket's row alone: what it names comes from memory (`RatingStructure`).
    public func ratingTarget(token: String, now: Date) async throws -> RatingTarget? {
        let structure = ratingStructure
        // A poster's page, and a ticket this process issued, open no read at all while the
        // snapshot is held; any other ticket is one statement's read.
        if let held = structure.held {
            if let poster = held.posterTarget(token) { return poster }
            if let ticket = recentRecords.ticket(token), let target = held.ticketTarget(token, ticket, used: false, now: now) { return target }
            guard let (ticket, used) = try readStatementOnCallingThread({ db in try Self.ticketEntry(db, token: token) })
            else { return nil }
            if let target = held.ticketTarget(token, ticket, used: used, now: now) { return target }
        }
        return try readOnCallingThread { db in
            let snapshot = try structure.snapshot(db)
            if let poster = snapshot.posterTarget(token) { return poster }
            // Neither a ticket nor a poster of the snapshot, which holds every counter
            // committed before it was taken.
            guard let (ticket, used) = try Self.ticketEntry(db, token: token) else { return nil }
            // A ticket of a counter or procedure newer than the snapshot: read it whole.
            return try snapshot.ticketTarget(token, ticket, used: used, now: now) ?? Self.ratingTarget(db, token: token, now: now)
        }
    }

    /// A ticket's own row, columns by position (a look-up by name lowercases each name).
    private static func ticketEntry(_ db: Database, token: String) throws -> (RecentRecords.TicketEntry, used: Bool)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, unitId, counterId, officerId, procedureId, sectorId, issuedDay, expiresAt, usedAt IS NOT NULL
                        FROM tickets WHERE token = ?
                        """),
                arguments: [token])
        else { return nil }
        let ticket = RecentRecords.TicketEntry(
            id: row[0], unitId: row[1], counterId: row[2], officerId: row[3], procedureId: row[4], sectorId: row[5], issuedDay: row[6],
            expiresAt: row[7])
        return (ticket, row[8])
    }

    /// One query per page view: the ticket (or poster) with its unit, counter, procedure and
    /// sector joined, each record read from its own columns of the row. (It was up to five
    /// queries; the rating page is the page citizens open most.)
    static func ratingTarget(_ db: Database, token: String, now: Date) throws -> RatingTarget? {
        if let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT t.*, u.*, c.*, p.*, s.* FROM tickets t JOIN units u ON u.id = t.unitId JOIN counters c ON c.id = t.counterId
                    LEFT JOIN procedures p ON p.id = t.procedureId LEFT JOIN sectors s ON s.id = COALESCE(t.sectorId, p.sectorId)
                    WHERE t.token = ?
                    """), arguments: [token], adapter: try targetAdapter(db, ["tickets", "units", "counters", "procedures", "sectors"]))
        {
            guard let ticketRow = row.scopes["0"], let unitRow = row.scopes["1"], let counterRow = row.scopes["2"] else { return nil }
            let ticket = try Ticket(row: ticketRow)
            let procedure = try row.scopes["3"].flatMap { $0["id"] == nil ? nil : try Procedure(row: $0) }
            let sector = try row.scopes["4"].flatMap { $0["id"] == nil ? nil : try Sector(row: $0) }
            let state: RatingTarget.State = ticket.usedAt != nil ? .used : (ticket.expiresAt <= now ? .expired : .open)
            return RatingTarget(
                kind: .ticket, token: token, unit: try Unit(row: unitRow), counter: try Counter(row: counterRow), officerId: ticket.officerId,
                procedure: procedure, sector: sector, state: state, ticketId: ticket.id, expiresAt: ticket.expiresAt)
        }
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT c.*, u.* FROM counters c JOIN units u ON u.id = c.unitId WHERE c.posterToken = ?"),
                arguments: [token], adapter: try targetAdapter(db, ["counters", "units"])),
            let counterRow = row.scopes["0"], let unitRow = row.scopes["1"]
        else { return nil }
        let counter = try Counter(row: counterRow)
        return RatingTarget(
            kind: .poster, token: token, unit: try Unit(row: unitRow), counter: counter, officerId: nil, procedure: nil, sector: nil,
            state: counter.active ? .open : .expired, ticketId: nil, expiresAt: nil)
    }

    /// Splits a row of `SELECT a.*, b.*, ...` into one scope per table ("0", "1", ...), by the
    /// tables' column counts (GRDB caches the schema, so this reads no table).
    private static func targetAdapter(_ db: Database, _ tables: [String]) throws -> ScopeAdapter {
        let counts = try tables.map { try db.columns(in: $0).count }
        let adapters = splittingRowAdapters(columnCounts: counts)
        return ScopeAdapter(Dictionary(uniqueKeysWithValues: adapters.enumerated().map { (String($0.offset), $0.element) }))
    }

    /// Records a rating durably, in one transaction with its roll-ups and the ticket's use.
    ///
    /// Everything happens inside that transaction, in one trip to the writer: the token is
    /// resolved with one query (authoritative, as writes are serialized), `prepare` checks
    /// the answers against the form of the token's unit and any limit on posters (it gets the
    /// slot, and throws to refuse), and the rows are written. A post that repeats an earlier
    /// submission key of the same token returns that response and writes nothing.
    ///
    /// A ticket this process holds in memory (`heldSlot`) is resolved before the write, and its
    /// answers are checked on the caller's thread: the writer only claims the ticket - an
    /// update that succeeds only while it is open - and writes. The writer's one thread bounds
    /// every rating, and the slot's query, the key's look-up and the form check were a fifth of
    /// its time (bench/README.md, sixth pass). A claim that fails (a double tap, a use or an
    /// expiry meanwhile) takes the resolving path inside the write, which tells those apart.
    public func recordResponse(
        token: String, submissionKey: String, channel: ResponseChannel, now: Date, detailsWindow: TimeInterval,
        prepare: @escaping @Sendable (_ slot: RatingSlot) throws -> PreparedAnswers
    ) async throws -> RecordOutcome {
        let stamp = Stamp(now: now, detailsWindow: detailsWindow)
        let subscriptions = webhookSubscriptions
        let rollups = batcher.rollups
        let recent = recentRecords
        let held = heldSlot(token: token, now: now)
        let checked = try held.map { try prepare(RatingSlot(formId: $0.formId, counterId: $0.counterId, isPoster: false)) }
        let (outcome, enqueued, ticketCounter) = try await batcher.write { db -> (RecordOutcome, Bool, Int64?) in
            let slot: Slot
            let answers: PreparedAnswers
            if let held, let checked, let ticketId = held.ticketId, try Self.claim(db, ticketId: ticketId, stamp: stamp) {
                (slot, answers) = (held, checked)
            } else {
                guard let found = try Self.slot(db, token: token, now: stamp.nowText) else { throw RatingError.unknownToken }
                // Only a poster or a used ticket can have a response of this key already (an
                // open ticket's row refuses a key that is another's: `writeResponse`).
                if found.ticketId == nil || found.state == .used, let earlier = try Self.earlierResponse(db, token: token, key: submissionKey) {
                    return (.repeated(responseId: earlier), false, nil)
                }
                switch found.state {
                case .open: break
                case .used: throw RatingError.ticketUsed
                case .expired: throw RatingError.ticketExpired
                }
                answers = try prepare(RatingSlot(formId: found.formId, counterId: found.counterId, isPoster: found.ticketId == nil))
                if let ticketId = found.ticketId, try !Self.claim(db, ticketId: ticketId, stamp: stamp) { throw RatingError.ticketUsed }
                slot = found
            }
            let written = try Self.writeResponse(
                db, slot: slot, channel: channel, submissionKey: submissionKey, answers: answers, stamp: stamp, subscriptions: subscriptions,
                rollups: rollups, claimed: true)
            let response = RecordedResponse(
                responseId: written.responseId, formId: answers.formId, formVersion: answers.formVersion,
                detailsUntil: RecentRecords.stored(stamp.detailsUntil), detailsAt: answers.hasDetails ? RecentRecords.stored(stamp.now) : nil,
                overallLevel: nil)
            recent.stage(
                response: RecentRecords.ResponseEntry(
                    token: token, response: response, levels: answers.levels.map { ($0.key, $0.value) }),
                key: submissionKey)
            return (.recorded(responseId: written.responseId), written.enqueued, slot.ticketId == nil ? nil : slot.counterId)
        }
        if enqueued { subscriptions.enqueued() }
        // A used ticket ends the counter's transaction: its tablet goes back to idle.
        if let ticketCounter { counterSignals.changed(counterId: ticketCounter) }
        return outcome
    }

    /// The slot of an open ticket this process issued, from memory: nil when the ticket or
    /// the structure is not held, or the ticket names a unit or procedure newer than it
    /// (the same test as its page's, `ticketTarget`).
    private func heldSlot(token: String, now: Date) -> Slot? {
        guard let structure = ratingStructure.held, let ticket = recentRecords.ticket(token),
            let target = structure.ticketTarget(token, ticket, used: false, now: now), target.state == .open
        else { return nil }
        return Slot(
            unitId: ticket.unitId, counterId: ticket.counterId, officerId: ticket.officerId, procedureId: ticket.procedureId,
            sectorId: ticket.sectorId ?? target.procedure?.sectorId, ticketId: ticket.id, issuedDay: ticket.issuedDay,
            formId: target.unit.formId, state: .open)
    }

    /// The response an earlier post of this page made with `key`: a double tap. A key that is
    /// another token's is no pass (`keyInUse`).
    private static func earlierResponse(_ db: Database, token: String, key: String) throws -> Int64? {
        guard let earlier = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM responses WHERE submissionKey = ?"), arguments: [key])
        else { return nil }
        guard try recordedResponse(db, token: token, key: key) != nil else { throw RatingError.keyInUse }
        return earlier
    }

    /// Marks a ticket used if it is still open; false when it was used or has expired.
    private static func claim(_ db: Database, ticketId: Int64, stamp: Stamp) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE tickets SET usedAt = ? WHERE id = ? AND usedAt IS NULL AND expiresAt > ?")
            .execute(arguments: [stamp.nowText, ticketId, stamp.nowText])
        return db.changesCount == 1
    }

    /// The times a response is stamped with, made before the write: the writer's one thread
    /// only binds them (see `StoredTime`).
    struct Stamp {
        var now: Date
        var day: String
        var nowText: String
        var detailsUntil: Date
        var detailsUntilText: String

        init(now: Date, detailsWindow: TimeInterval) {
            self.now = now
            day = LocalDate(now).description
            nowText = StoredTime.text(now)
            detailsUntil = now.addingTimeInterval(detailsWindow)
            detailsUntilText = StoredTime.text(detailsUntil)
        }
    }

    /// Writes a new response for `slot` inside the caller's transaction: the ticket's use (unless
    /// the caller `claimed` it already), the response, its answers and roll-ups, and a
    /// `rating.low` when the unit subscribes. A submission key already another response's
    /// throws `keyInUse` (its unique index refuses the row).
    static func writeResponse(
        _ db: Database, slot: Slot, channel: ResponseChannel, submissionKey: String, answers: PreparedAnswers, stamp: Stamp,
        subscriptions: WebhookSubscriptions, rollups: RollupBatch, claimed: Bool = false
    ) throws -> (responseId: Int64, enqueued: Bool) {
        let dims = Dimensions(
            unitId: slot.unitId, day: stamp.day, counterId: slot.counterId, officerId: slot.officerId ?? 0, sectorId: slot.sectorId ?? 0,
            procedureId: slot.procedureId ?? 0, channelId: channel.rollupId)
        if let ticketId = slot.ticketId {
            if !claimed {
                try db.cachedStatement(sql: "UPDATE tickets SET usedAt = ? WHERE id = ?").execute(arguments: [stamp.nowText, ticketId])
            }
            try db.cachedStatement(
                sql: """
                    UPDATE ticketCounts SET answered = answered + 1
                    WHERE unitId = ? AND day = ? AND counterId = ? AND officerId = ?
                    """
            ).execute(arguments: [slot.unitId, slot.issuedDay, slot.counterId, slot.officerId ?? 0])
        }
        do {
            try db.cachedStatement(
                sql: """
                    INSERT INTO responses (unitId, counterId, officerId, procedureId, sectorId, ticketId, channel, formId,
                      formVersion, createdAt, day, submissionKey, detailsUntil, detailsAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                slot.unitId, slot.counterId, slot.officerId, slot.procedureId, slot.sectorId, slot.ticketId, channel.rawValue,
                answers.formId, answers.formVersion, stamp.nowText, stamp.day, submissionKey, stamp.detailsUntilText,
                answers.hasDetails ? stamp.nowText : nil,
            ])
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && error.message?.contains("responses.submissionKey") == true
        {
            throw RatingError.keyInUse
        }
        let responseId = db.lastInsertedRowID
        try Self.insertAnswers(db, responseId: responseId, levels: answers.levels, texts: answers.texts, answers: answers, dims: dims, rollups: rollups)
        // The in-memory check first: without a subscription a rating costs no extra query.
        var enqueued = false
        if answers.isDissatisfied, subscriptions.has(unitId: slot.unitId, .ratingLow) {
            enqueued = try Self.enqueueRatingLow(db, slot: slot, answers: answers, now: stamp.now)
        }
        return (responseId, enqueued)
    }

    /// `rating.low`: where and about whom, the overall level and when; never the answers'
    /// other details or a comment.
    private static func enqueueRatingLow(_ db: Database, slot: Slot, answers: PreparedAnswers, now: Date) throws -> Bool {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT u.code AS unit, c.code AS counter, o.code AS officer, p.code AS procedure
                    FROM units u JOIN counters c ON c.id = ? LEFT JOIN officers o ON o.id = ? LEFT JOIN procedures p ON p.id = ?
                    WHERE u.id = ?
                    """, arguments: [slot.counterId, slot.officerId, slot.procedureId, slot.unitId]),
            let overall = answers.levels.first(where: { answers.questions[$0.key]?.overall == true })
        else { return false }
        var payload = WebhookPayload(event: .ratingLow, unit: row["unit"], at: now)
        payload.counter = row["counter"]
        payload.officer = row["officer"]
        payload.procedure = row["procedure"]
        payload.level = overall.value
        payload.scale = answers.questions[overall.key]?.scale
        payload.respondedAt = LocalDate.iso8601(now)
        return try enqueueWebhookEvent(db, unitId: slot.unitId, event: .ratingLow, payload: payload, now: now)
    }

    /// What recording needs of a token, in one query and without decoding whole records.
    struct Slot {
        var unitId: Int64
        var counterId: Int64
        var officerId: Int64?
        var procedureId: Int64?
        var sectorId: Int64?
        var ticketId: Int64?
        var issuedDay: String
        var formId: String
        var state: RatingTarget.State
    }

    /// The slot of a ticket or a poster's token, as of this transaction.
    private static func slot(_ db: Database, token: String, now: String) throws -> Slot? {
        if let ticket = try ticketSlot(db, token: token, now: now) { return ticket }
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT c.id, c.unitId, c.active, u.formId FROM counters c JOIN units u ON u.id = c.unitId WHERE c.posterToken = ?"),
                arguments: [token])
        else { return nil }
        let active: Bool = row["active"]
        return Slot(
            unitId: row["unitId"], counterId: row["id"], officerId: nil, procedureId: nil, sectorId: nil, ticketId: nil, issuedDay: "",
            formId: row["formId"], state: active ? .open : .expired)
    }

    /// A ticket's slot in one statement, columns by position (a look-up by name lowercases each name).
    private static func ticketSlot(_ db: Database, token: String, now: String) throws -> Slot? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT t.id, t.unitId, t.counterId, t.officerId, t.procedureId, COALESCE(t.sectorId, p.sectorId),
                          t.issuedDay, u.formId, t.usedAt IS NOT NULL, t.expiresAt <= ?
                        FROM tickets t JOIN units u ON u.id = t.unitId LEFT JOIN procedures p ON p.id = t.procedureId
                        WHERE t.token = ?
                        """), arguments: [now, token])
        else { return nil }
        let used: Bool = row[8]
        let expired: Bool = row[9]
        return Slot(
            unitId: row[1], counterId: row[2], officerId: row[3], procedureId: row[4], sectorId: row[5], ticketId: row[0], issuedDay: row[6],
            formId: row[7], state: used ? .used : (expired ? .expired : .open))
    }

    /// The response a submission key made on this token, if any; with its answer to one of
    /// `overallQuestionIds` (the forms' overall questions), read in the same query.
    public func recordedResponse(token: String, key: String, overallQuestionIds: [String] = []) async throws -> RecordedResponse? {
        // The details page right after a rating, and its post, read nothing (`RecentRecords`).
        if let recorded = recentRecords.response(token: token, key: key, overallQuestionIds: overallQuestionIds) { return recorded }
        return try readOnCallingThread { db in try Self.recordedResponse(db, token: token, key: key, overallQuestionIds: overallQuestionIds) }
    }

    static func recordedResponse(_ db: Database, token: String, key: String, overallQuestionIds: [String] = []) throws -> RecordedResponse? {
        let overall =
            overallQuestionIds.isEmpty
            ? "NULL"
            : "(SELECT level FROM answers a WHERE a.responseId = r.id AND a.questionId IN ("
                + Array(repeating: "?", count: overallQuestionIds.count).joined(separator: ", ") + ") LIMIT 1)"
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT r.id, r.formId, r.formVersion, r.detailsUntil, r.detailsAt, r.ticketId, r.counterId,
                          t.token AS ticketToken, c.posterToken, \(overall) AS overallLevel
                        FROM responses r JOIN counters c ON c.id = r.counterId LEFT JOIN tickets t ON t.id = r.ticketId
                        WHERE r.submissionKey = ?
                        """), arguments: StatementArguments(overallQuestionIds + [key]))
        else { return nil }
        // The key must belong to this very token: a key is no pass to another counter's response.
        let ticketToken: String? = row["ticketToken"]
        let posterToken: String = row["posterToken"]
        guard ticketToken == token || (ticketToken == nil && posterToken == token) else { return nil }
        return RecordedResponse(
            responseId: row["id"], formId: row["formId"], formVersion: row["formVersion"], detailsUntil: row["detailsUntil"],
            detailsAt: row["detailsAt"], overallLevel: row["overallLevel"])
    }

    /// The level a response gave one question, if it answered it: to tell a citizen who went
    /// back and chose again that the first answer stands.
    public func answerLevel(responseId: Int64, questionId: String) async throws -> Int? {
        try await pool.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT level FROM answers WHERE responseId = ? AND questionId = ?"), arguments: [responseId, questionId])
        }
    }

    /// Adds the optional details to the response a submission key made, within its window.
    /// Details already given are not replaced: a repeated post returns `false` and writes nothing.
    public func attachDetails(
        token: String, submissionKey: String, questions: [String: QuestionMeta], levels: [String: Int], texts: [String: String],
        now: Date
    ) async throws -> Bool {
        let rollups = batcher.rollups
        return try await batcher.write { db in
            guard let recorded = try Self.recordedResponse(db, token: token, key: submissionKey) else {
                throw RatingError.unknownResponse
            }
            if recorded.detailsAt != nil { return false }
            guard now <= recorded.detailsUntil else { throw RatingError.detailsClosed }
            try Self.attachAnswers(
                db, responseId: recorded.responseId, questions: questions, levels: levels, texts: texts, now: now, rollups: rollups)
            return true
        }
    }

    /// Writes the details of a response (never its overall answer, which was recorded once
    /// and stays as it was) with their roll-ups, and marks the details given.
    static func attachAnswers(
        _ db: Database, responseId: Int64, questions: [String: QuestionMeta], levels: [String: Int], texts: [String: String], now: Date,
        rollups: RollupBatch
    ) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT unitId, day, counterId, officerId, sectorId, procedureId, channel, formId, formVersion FROM responses WHERE id = ?",
                arguments: [responseId])
        else { throw RatingError.unknownResponse }
        let dims = Dimensions(
            unitId: row["unitId"], day: row["day"], counterId: row["counterId"], officerId: row["officerId"] ?? 0,
            sectorId: row["sectorId"] ?? 0, procedureId: row["procedureId"] ?? 0, channelId: ResponseChannel.rollupId(of: row["channel"]))
        let overallIds = Set(questions.filter { $0.value.overall }.keys)
        let detailLevels = levels.filter { !overallIds.contains($0.key) }
        let answers = PreparedAnswers(formId: row["formId"], formVersion: row["formVersion"], questions: questions, levels: detailLevels, texts: texts)
        try Self.insertAnswers(db, responseId: responseId, levels: detailLevels, texts: texts, answers: answers, dims: dims, rollups: rollups)
        try db.execute(sql: "UPDATE responses SET detailsAt = ? WHERE id = ?", arguments: [now, responseId])
    }

    private static func insertAnswers(
        _ db: Database, responseId: Int64, levels: [String: Int], texts: [String: String], answers new: PreparedAnswers, dims: Dimensions,
        rollups: RollupBatch
    ) throws {
        let answer = try db.cachedStatement(sql: "INSERT INTO answers (responseId, questionId, level) VALUES (?, ?, ?)")
        for (questionId, level) in levels {
            try answer.execute(arguments: [responseId, questionId, level])
            guard let meta = new.questions[questionId] else { continue }
            rollups.add(dims, form: new.formId, version: new.formVersion, question: questionId, meta: meta, level: level)
        }
        let text = try db.cachedStatement(sql: "INSERT INTO responseTexts (responseId, questionId, text) VALUES (?, ?, ?)")
        for (questionId, value) in texts {
            try text.execute(arguments: [responseId, questionId, value])
        }
    }
}

/// The key columns shared by every roll-up row of one response.
struct Dimensions {
    var unitId: Int64
    var day: String
    var counterId: Int64
    var officerId: Int64
    var sectorId: Int64
    var procedureId: Int64
    /// The response's channel in `figureRollups` (`ResponseChannel.rollupId`).
    var channelId: Int64

    /// The nine `figureRollups` rows one answer adds to: the unit's day and month, the
    /// month of its counter, officer, sector and procedure, the day of its sector (v9), and
    /// the day and month of its channel.
    func rollupKeys(form: String, version: Int, question: String) -> [RollupKey] {
        let month = String(day.prefix(7))
        typealias D = AppDatabase.RollupDimension
        return [
            (D.unit, "d", day, Int64(0)), (.unit, "m", month, 0), (.counter, "m", month, counterId), (.officer, "m", month, officerId),
            (.sector, "m", month, sectorId), (.procedure, "m", month, procedureId), (.sector, "d", day, sectorId),
            (.channel, "d", day, channelId), (.channel, "m", month, channelId),
        ].map { dim, grain, period, dimId in
            RollupKey(
                unitId: unitId, dim: dim.rawValue, grain: grain, period: period, dimId: dimId, formId: form, formVersion: version,
                questionId: question)
        }
    }
}
