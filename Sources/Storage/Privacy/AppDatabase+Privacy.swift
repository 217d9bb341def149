import Crypto
import Domain
import Foundation
import GRDB

/// Personal data on the law's terms (domain.md §5): the person's requests, their handling,
/// and the erasure of contact data - on request or when the retention period ends - that
/// keeps the item, its description and its hash-chained history as they were.
extension AppDatabase {
    /// Rewrites an attachment's bytes without its personal metadata (`kind`, bytes) -> bytes;
    /// supplied by the App, which knows the file formats.
    public typealias AttachmentScrubber = @Sendable (String, Data) -> Data

    // MARK: requests

    /// Records a request about the contact data of item `itemId`, acknowledged within 2
    /// working days of `now` on the deadline clock. `sealedCorrection` is the correction's
    /// new values, sealed by the App's vault. Throws `FeedbackError.calendar` when the due
    /// date would fall in a year without a holiday calendar.
    public func recordPrivacyRequest(itemId: Int64, kind: PrivacyRequestKind, sealedCorrection: Data?, now: Date) async throws -> PrivacyRequest {
        let at = StoredTime.text(now)
        return try await pool.write { db in
            guard let item = try Self.feedbackItem(db, where: "i.id = ?", [itemId]) else { throw FeedbackError.unknownItem }
            let due: LocalDate
            do {
                due = try Deadline.due(receivedOn: LocalDate(now), limit: .workingDays(2), calendar: try Self.workingCalendar(db))
            } catch let error as CalendarError {
                throw FeedbackError.calendar(error)
            }
            var reference = Self.newReference()
            while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM privacyRequests WHERE reference = ?)", arguments: [reference]) == true {
                reference = Self.newReference()
            }
            try db.execute(
                sql: """
                    INSERT INTO privacyRequests (reference, itemId, unitId, kind, receivedAt, acknowledgeDueOn, sealedCorrection)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [reference, item.id, item.unitId, kind.rawValue, at, due.description, sealedCorrection])
            try Self.audit(
                db, actor: "citizen", userId: nil, action: "privacy.request", target: "feedback:\(item.code)", before: nil,
                after: "\(reference) \(kind.rawValue)", now: now)
            guard let request = try Self.privacyRequests(db, where: "r.reference = ?", [reference]).first else { throw PrivacyError.unknownRequest }
            return request
        }
    }

    /// `YC-` and 8 symbols of the tracking code's alphabet (39 bits): shown to the person,
    /// looked up only together with the item's tracking code.
    private static func newReference() -> String {
        var generator = SystemRandomNumberGenerator()
        let symbols = TokenGenerator.randomSymbols(8, from: TrackingCode.alphabet, using: &generator)
        return "YC-\(symbols.prefix(4))-\(symbols.suffix(4))"
    }

    /// A unit's requests: open ones first by due date, then the completed, newest first.
    public func privacyRequests(unitId: Int64, limit: Int = 500) async throws -> [PrivacyRequest] {
        try await pool.read { db in
            try Self.privacyRequests(
                db, where: "r.unitId = ?", [unitId], order: "r.completedAt IS NOT NULL, r.acknowledgeDueOn, r.completedAt DESC, r.id", limit: limit)
        }
    }

    public func privacyRequest(reference: String) async throws -> PrivacyRequest? {
        try await pool.read { db in try Self.privacyRequests(db, where: "r.reference = ?", [reference]).first }
    }

    /// The sealed new values of a pending correction.
    public func privacyCorrection(requestId: Int64) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT sealedCorrection FROM privacyRequests WHERE id = ?", arguments: [requestId])
        }
    }

    /// Staff acknowledge a request (once; a second time changes nothing).
    public func acknowledgePrivacyRequest(id: Int64, actor: StaffUser, now: Date) async throws -> PrivacyRequest {
        try await pool.write { db in
            guard let request = try Self.privacyRequests(db, where: "r.id = ?", [id]).first else { throw PrivacyError.unknownRequest }
            guard request.acknowledgedAt == nil else { return request }
            try db.execute(
                sql: "UPDATE privacyRequests SET acknowledgedAt = ?, acknowledgedBy = ? WHERE id = ?",
                arguments: [StoredTime.text(now), actor.username, id])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "privacy.request.acknowledge", target: "feedback:\(request.itemCode)",
                before: nil, after: request.reference, now: now)
            return try Self.privacyRequests(db, where: "r.id = ?", [id]).first ?? request
        }
    }

    /// Completes a request in one transaction (acknowledging it too if staff had not): an
    /// access request is done once staff have sent the data; a correction stores
    /// `correctedContact` (the whole contact, sealed) and records "contact changed" without
    /// values; a deletion or a withdrawal of consent erases the contact data. The request's
    /// sealed correction is dropped in every case.
    public func completePrivacyRequest(
        id: Int64, actor: StaffUser, now: Date, correctedContact: Data?, scrub: @escaping AttachmentScrubber
    ) async throws -> PrivacyRequest {
        let at = StoredTime.text(now)
        return try await pool.write { db in
            guard let request = try Self.privacyRequests(db, where: "r.id = ?", [id]).first else { throw PrivacyError.unknownRequest }
            guard request.isOpen else { throw PrivacyError.alreadyCompleted }
            guard let item = try Self.feedbackItem(db, where: "i.id = ?", [request.itemId]) else { throw FeedbackError.unknownItem }
            switch request.kind {
            case .access:
                break
            case .correction:
                guard item.hasContact, let correctedContact else { throw PrivacyError.noContact }
                try db.execute(sql: "UPDATE feedbackContacts SET sealed = ? WHERE itemId = ?", arguments: [correctedContact, item.id])
                try Self.appendContactEvent(db, item: item, event: .changed, reason: nil, actor: actor.username, at: at)
            case .deletion, .withdrawal:
                let reason: AnonymisationReason = request.kind == .deletion ? .deletion : .withdrawal
                _ = try Self.anonymise(db, item: item, reason: reason, actor: actor.username, userId: actor.id, now: now, scrub: scrub)
            }
            try db.execute(
                sql: """
                    UPDATE privacyRequests SET acknowledgedAt = COALESCE(acknowledgedAt, ?), acknowledgedBy = COALESCE(acknowledgedBy, ?),
                      completedAt = ?, completedBy = ?, sealedCorrection = NULL WHERE id = ?
                    """, arguments: [at, actor.username, at, actor.username, id])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "privacy.request.complete", target: "feedback:\(item.code)", before: nil,
                after: "\(request.reference) \(request.kind.rawValue)", now: now)
            return try Self.privacyRequests(db, where: "r.id = ?", [id]).first ?? request
        }
    }

    // MARK: retention

    /// Erases the contact data and attachments' metadata of every item closed more than
    /// `months` months before `today` (domain.md §5: default 24), keeping the items and their
    /// history. An open item is never touched, nor one reopened since. With `dryRun`, counts
    /// what would be erased and changes nothing. One transaction.
    public func applyRetention(today: LocalDate, months: Int, now: Date, dryRun: Bool, scrub: @escaping AttachmentScrubber) async throws
        -> RetentionReport
    {
        let closedStates = FeedbackState.allCases.filter { !$0.isOpen }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        // Closed at the last event that moved the item into a closed state (a state change,
        // so "contact erased" events, which keep the state, never restart the period).
        let sql = """
            SELECT i.id, (SELECT MAX(e.at) FROM feedbackEvents e WHERE e.itemId = i.id AND e.toState IN (\(closedStates))
                            AND (e.fromState IS NULL OR e.fromState <> e.toState)) AS closedAt
            FROM feedbackItems i
            WHERE i.anonymisedAt IS NULL AND i.state IN (\(closedStates))
              AND (EXISTS (SELECT 1 FROM feedbackContacts c WHERE c.itemId = i.id)
                   OR EXISTS (SELECT 1 FROM feedbackAttachments a WHERE a.itemId = i.id))
            """
        let work: @Sendable (Database) throws -> RetentionReport = { db in
            var report = RetentionReport()
            for row in try Row.fetchAll(db, sql: sql) {
                guard let closedAt = row["closedAt"] as String?,
                    PrivacyRetention.isExpired(closedOn: LocalDate(Self.date(closedAt)), today: today, months: months),
                    let item = try Self.feedbackItem(db, where: "i.id = ?", [row["id"] as Int64])
                else { continue }
                if dryRun {
                    report.items += 1
                    report.contacts += item.hasContact ? 1 : 0
                    report.attachments += item.attachmentCount
                    report.corrections +=
                        try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM privacyRequests WHERE itemId = ? AND sealedCorrection IS NOT NULL", arguments: [item.id]) ?? 0
                    continue
                }
                let erased = try Self.anonymise(db, item: item, reason: .retention, actor: "retention", userId: nil, now: now, scrub: scrub)
                report.items += 1
                report.contacts += erased.contacts
                report.attachments += erased.attachments
                report.corrections += erased.corrections
            }
            return report
        }
        return dryRun ? try await pool.read(work) : try await pool.write(work)
    }

    // MARK: shared

    /// Erases one item's contact data: the sealed contact, the consent row with it, any
    /// pending correction of its requests, and the attachments' personal metadata (through
    /// `scrub`). Kept: the item, its description and attachments' content (the record NĐ
    /// 20/2008 asks to archive), and every event: the history never held the contact data,
    /// so its chain verifies as before. One "contact erased" event is appended when there
    /// was contact data to erase.
    private static func anonymise(
        _ db: Database, item: FeedbackItem, reason: AnonymisationReason, actor: String, userId: Int64?, now: Date, scrub: AttachmentScrubber
    ) throws -> RetentionReport {
        var report = RetentionReport()
        let at = StoredTime.text(now)
        try db.execute(sql: "DELETE FROM feedbackContacts WHERE itemId = ?", arguments: [item.id])
        report.contacts = db.changesCount
        try db.execute(sql: "UPDATE privacyRequests SET sealedCorrection = NULL WHERE itemId = ? AND sealedCorrection IS NOT NULL", arguments: [item.id])
        report.corrections = db.changesCount
        for row in try Row.fetchAll(db, sql: "SELECT id, kind, bytes FROM feedbackAttachments WHERE itemId = ?", arguments: [item.id]) {
            let bytes: Data = row["bytes"]
            let scrubbed = scrub(row["kind"], bytes)
            guard scrubbed != bytes else { continue }
            try db.execute(
                sql: "UPDATE feedbackAttachments SET bytes = ?, size = ?, sha256 = ? WHERE id = ?",
                arguments: [scrubbed, scrubbed.count, Hex.encode(SHA256.hash(data: scrubbed)), row["id"] as Int64])
            report.attachments += 1
        }
        try db.execute(
            sql: "UPDATE feedbackItems SET anonymisedAt = ?, anonymisedReason = ? WHERE id = ?", arguments: [at, reason.rawValue, item.id])
        if report.contacts > 0 {
            try appendContactEvent(db, item: item, event: .erased, reason: reason.rawValue, actor: actor, at: at)
        }
        try audit(db, actor: actor, userId: userId, action: "feedback.contact.erase", target: "feedback:\(item.code)", before: nil, after: reason.rawValue, now: now)
        return report
    }

    /// Appends "contact changed" or "contact erased" to the item's chain: the state stays,
    /// and no value of the contact data is written (only why, for an erasure).
    private static func appendContactEvent(_ db: Database, item: FeedbackItem, event: FeedbackContactEvent, reason: String?, actor: String, at: String) throws {
        let prevHash = try String.fetchOne(
            db, sql: "SELECT hash FROM feedbackEvents WHERE itemId = ? ORDER BY seq DESC LIMIT 1", arguments: [item.id]) ?? FeedbackChain.genesis
        let seq = item.lastSeq + 1
        var data = FeedbackEventData()
        data.reason = reason
        try appendEvent(
            db, itemId: item.id, code: item.code.description, seq: seq, at: at, actor: actor, action: event.rawValue, from: item.state, to: item.state,
            note: nil, data: data, dueOn: item.dueOn, prevHash: prevHash)
        try db.execute(sql: "UPDATE feedbackItems SET lastSeq = ? WHERE id = ?", arguments: [seq, item.id])
    }

    private static func privacyRequests(
        _ db: Database, where condition: String, _ arguments: StatementArguments, order: String = "r.id", limit: Int = 1
    ) throws -> [PrivacyRequest] {
        let sql = """
            SELECT r.id, r.reference, r.itemId, i.code AS itemCode, r.unitId, r.kind, r.receivedAt, r.acknowledgeDueOn, r.acknowledgedAt,
              r.acknowledgedBy, r.completedAt, r.completedBy, r.sealedCorrection IS NOT NULL AS hasCorrection
            FROM privacyRequests r JOIN feedbackItems i ON i.id = r.itemId
            WHERE \(condition) ORDER BY \(order) LIMIT \(max(limit, 1))
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let code = TrackingCode(normalizing: row["itemCode"]), let kind = PrivacyRequestKind(rawValue: row["kind"]),
                let due = LocalDate(row["acknowledgeDueOn"] as String)
            else { return nil }
            return PrivacyRequest(
                id: row["id"], reference: row["reference"], itemId: row["itemId"], itemCode: code, unitId: row["unitId"], kind: kind,
                receivedAt: date(row["receivedAt"]), acknowledgeDueOn: due, acknowledgedAt: (row["acknowledgedAt"] as String?).map(date),
                acknowledgedBy: row["acknowledgedBy"], completedAt: (row["completedAt"] as String?).map(date), completedBy: row["completedBy"],
                hasCorrection: row["hasCorrection"])
        }
    }
}
