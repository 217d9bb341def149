import Domain
import Foundation
import GRDB

/// One rating as the raw export gives it: where and when (the day only), through which
/// channel and form, and the level of each answer. Never contact data (a rating has none,
/// domain.md §2), never the comment's text (a citizen's words may name them), the ticket's
/// token or dossier number, or the time of day: with a counter, an officer and a minute, a
/// row could be matched to the person served then (NĐ 61/2018, Điều 27).
public struct ResponseExportRow: Sendable, Equatable {
    public var id: Int64
    public var unitCode: String
    public var day: String
    public var counterCode: String?
    public var officerCode: String?
    public var sectorCode: String?
    public var procedureCode: String?
    public var channel: String
    public var formId: String
    public var formVersion: Int
    /// Rated on a single-use ticket (else on the counter's poster).
    public var fromTicket: Bool
    /// Level by question id: 1-5 or 1-3, 0 for "no opinion", the choice's value for a choice.
    public var answers: [String: Int]
}

/// One feedback item of the register as the raw export gives it: codes, states and dates of
/// its handling. Never contact data (sealed apart, not even read here), never the citizen's
/// description, attachments, the dossier number or free-text notes.
public struct FeedbackExportRow: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var unitCode: String
    public var kind: String
    public var category: String
    public var channel: String
    public var state: String
    public var anonymous: Bool
    public var receivedAt: Date
    public var receivedOn: LocalDate
    public var dueOn: LocalDate?
    public var acceptedOn: LocalDate?
    public var handledAt: Date?
    public var handling: String?
    public var onTime: Bool?
    public var counterCode: String?
    public var officerCode: String?
    public var procedureCode: String?
    public var assignee: String?
    public var verification: String?
    public var verifiedOn: LocalDate?
    public var extensions: Int
}

/// Raw rows for the exports, a page at a time. Each page is its own short read: an export of
/// a million rows never keeps a read transaction open (and the WAL from checkpointing) while
/// the network takes its time. Pages follow the row id (keyset pagination): the next page
/// starts after the last id seen, so no row is skipped or repeated while ratings arrive, and
/// each page is a range scan of the table, never an OFFSET that rereads what came before.
extension AppDatabase {
    /// Responses of `unitIds` on days [`from`, `through`] with an id above `afterId`, in id
    /// order, at most `limit`.
    public func responsesForExport(unitIds: [Int64], from: LocalDate, through: LocalDate, afterId: Int64, limit: Int) async throws
        -> [ResponseExportRow]
    {
        guard !unitIds.isEmpty else { return [] }
        return try await pool.read { db in
            var rows: [ResponseExportRow] = []
            rows.reserveCapacity(limit)
            // LEFT JOINs keep `responses` the outer loop, walked by rowid from `afterId`: the
            // table has no index on unit or day, on purpose (each one costs every rating).
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.id, u.code AS unitCode, r.day, c.code AS counterCode, o.code AS officerCode, s.code AS sectorCode,
                      p.code AS procedureCode, r.channel, r.formId, r.formVersion, r.ticketId IS NOT NULL AS fromTicket
                    FROM responses r LEFT JOIN units u ON u.id = r.unitId LEFT JOIN counters c ON c.id = r.counterId
                    LEFT JOIN officers o ON o.id = r.officerId LEFT JOIN sectors s ON s.id = r.sectorId
                    LEFT JOIN procedures p ON p.id = r.procedureId
                    WHERE r.id > ? AND r.unitId IN (\(databaseQuestionMarks(count: unitIds.count))) AND r.day BETWEEN ? AND ?
                    ORDER BY r.id LIMIT ?
                    """,
                arguments: StatementArguments([afterId]) + StatementArguments(unitIds) + [from.description, through.description, max(limit, 1)])
            while let row = try cursor.next() {
                rows.append(
                    ResponseExportRow(
                        id: row["id"], unitCode: (row["unitCode"] as String?) ?? "", day: row["day"], counterCode: row["counterCode"], officerCode: row["officerCode"],
                        sectorCode: row["sectorCode"], procedureCode: row["procedureCode"], channel: row["channel"], formId: row["formId"],
                        formVersion: row["formVersion"], fromTicket: row["fromTicket"], answers: [:]))
            }
            guard let first = rows.first?.id, let last = rows.last?.id else { return rows }
            // The answers of the page by the primary key's range; rows of other units or days
            // in that range are passed over.
            var position: [Int64: Int] = [:]
            for (index, row) in rows.enumerated() { position[row.id] = index }
            let answers = try Row.fetchCursor(
                db, sql: "SELECT responseId, questionId, level FROM answers WHERE responseId BETWEEN ? AND ?", arguments: [first, last])
            while let answer = try answers.next() {
                guard let index = position[answer["responseId"]] else { continue }
                rows[index].answers[answer["questionId"]] = answer["level"]
            }
            return rows
        }
    }

    /// Feedback items of `unitIds` received on days [`from`, `through`] with an id above
    /// `afterId`, in id order, at most `limit`.
    public func feedbackForExport(unitIds: [Int64], from: LocalDate, through: LocalDate, afterId: Int64, limit: Int) async throws
        -> [FeedbackExportRow]
    {
        guard !unitIds.isEmpty else { return [] }
        return try await pool.read { db in
            var rows: [FeedbackExportRow] = []
            rows.reserveCapacity(limit)
            // Only these columns are read: the description, the dossier, notes and the sealed
            // contact data never leave the database through this method.
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT i.id, i.code, u.code AS unitCode, i.kind, i.category, i.channel, i.state, i.anonymous, i.receivedAt, i.receivedOn,
                      i.dueOn, i.acceptedOn, i.handledAt, i.handling, i.onTime, c.code AS counterCode, o.code AS officerCode,
                      p.code AS procedureCode, i.assignee, i.verification, i.verifiedOn,
                      (SELECT COUNT(*) FROM feedbackEvents e WHERE e.itemId = i.id AND e.action = 'extend') AS extensions
                    FROM feedbackItems i LEFT JOIN units u ON u.id = i.unitId LEFT JOIN counters c ON c.id = i.counterId
                    LEFT JOIN officers o ON o.id = i.officerId LEFT JOIN procedures p ON p.id = i.procedureId
                    WHERE i.id > ? AND i.unitId IN (\(databaseQuestionMarks(count: unitIds.count))) AND i.receivedOn BETWEEN ? AND ?
                    ORDER BY i.id LIMIT ?
                    """,
                arguments: StatementArguments([afterId]) + StatementArguments(unitIds) + [from.description, through.description, max(limit, 1)])
            while let row = try cursor.next() {
                func day(_ column: String) -> LocalDate? { (row[column] as String?).flatMap(LocalDate.init) }
                guard let receivedOn = day("receivedOn") else { continue }
                rows.append(
                    FeedbackExportRow(
                        id: row["id"], code: row["code"], unitCode: (row["unitCode"] as String?) ?? "", kind: row["kind"], category: row["category"],
                        channel: row["channel"], state: row["state"], anonymous: row["anonymous"], receivedAt: Self.date(row["receivedAt"]),
                        receivedOn: receivedOn, dueOn: day("dueOn"), acceptedOn: day("acceptedOn"), handledAt: (row["handledAt"] as String?).map(Self.date),
                        handling: row["handling"], onTime: row["onTime"], counterCode: row["counterCode"], officerCode: row["officerCode"],
                        procedureCode: row["procedureCode"], assignee: row["assignee"], verification: row["verification"], verifiedOn: day("verifiedOn"),
                        extensions: row["extensions"]))
            }
            return rows
        }
    }
}
