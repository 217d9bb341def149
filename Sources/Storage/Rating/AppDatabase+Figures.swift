import Domain
import Foundation
import GRDB

/// The raw counts behind a unit's figures for a range of days, read from the roll-ups.
public struct FigureData: Sendable, Equatable {
    public var responses: Int
    public var ticketsIssued: Int
    /// Tickets issued in the range that have been rated.
    public var ticketsAnswered: Int
    public var tallies: [QuestionTally]
    /// Overall-question tallies per sector code.
    public var sectorOverall: [String: [QuestionTally]]
    public var officers: Int
}

extension AppDatabase {
    /// Everything `GET /api/v1/indicators` needs for one unit and an inclusive range of days.
    public func figureData(unitId: Int64, from: LocalDate, to: LocalDate) async throws -> FigureData {
        let range: StatementArguments = [unitId, from.description, to.description]
        return try await pool.read { db in
            let responses =
                try Int.fetchOne(
                    db, sql: "SELECT COALESCE(SUM(n), 0) FROM answerCounts WHERE unitId = ? AND day BETWEEN ? AND ? AND overall", arguments: range)
                ?? 0
            let tickets = try Row.fetchOne(
                db, sql: "SELECT COALESCE(SUM(issued), 0) AS issued, COALESCE(SUM(answered), 0) AS answered FROM ticketCounts WHERE unitId = ? AND day BETWEEN ? AND ?",
                arguments: range)
            let tallies = try Self.tallies(
                db,
                sql: """
                    SELECT questionId, scale, factor, overall, level, SUM(n) AS n FROM answerCounts
                    WHERE unitId = ? AND day BETWEEN ? AND ? GROUP BY questionId, scale, factor, overall, level
                    """, arguments: range)
            var sectors: [String: [QuestionTally]] = [:]
            let sectorRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.code AS sector, a.questionId, a.scale, a.factor, a.overall, a.level, SUM(a.n) AS n
                    FROM answerCounts a JOIN sectors s ON s.id = a.sectorId
                    WHERE a.unitId = ? AND a.day BETWEEN ? AND ? AND a.overall = 1
                    GROUP BY s.code, a.questionId, a.scale, a.level
                    """, arguments: range)
            for (code, rows) in Dictionary(grouping: sectorRows, by: { $0["sector"] as String }) {
                sectors[code] = Self.tallies(from: rows)
            }
            let officers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM officers WHERE unitId = ? AND active", arguments: [unitId]) ?? 0
            return FigureData(
                responses: responses, ticketsIssued: tickets?["issued"] ?? 0, ticketsAnswered: tickets?["answered"] ?? 0, tallies: tallies,
                sectorOverall: sectors, officers: officers)
        }
    }

    /// One officer's answer tallies over an inclusive range of days, from the roll-ups.
    public func officerTallies(officerId: Int64, from: LocalDate, to: LocalDate) async throws -> [QuestionTally] {
        try await pool.read { db in
            try Self.tallies(
                db,
                sql: """
                    SELECT questionId, scale, factor, overall, level, SUM(n) AS n FROM answerCounts
                    WHERE officerId = ? AND day BETWEEN ? AND ? GROUP BY questionId, scale, factor, overall, level
                    """, arguments: [officerId, from.description, to.description])
        }
    }

    static func tallies(_ db: Database, sql: String, arguments: StatementArguments) throws -> [QuestionTally] {
        tallies(from: try Row.fetchAll(db, sql: sql, arguments: arguments))
    }

    /// Folds roll-up rows (questionId, scale, factor, overall, level, n) into tallies.
    static func tallies(from rows: [Row]) -> [QuestionTally] {
        var byQuestion: [String: QuestionTally] = [:]
        for row in rows {
            let scaleName: String = row["scale"]
            // Choice questions (visits) have no rating scale and no satisfaction rate.
            guard let scale = RatingScale(rawValue: scaleName) else { continue }
            let questionId: String = row["questionId"]
            let key = questionId + "|" + scaleName
            let factorName: String = row["factor"]
            var tally =
                byQuestion[key]
                ?? QuestionTally(questionId: questionId, scale: scale, factor: Factor(rawValue: factorName), overall: row["overall"], counts: [:])
            tally.counts[row["level"], default: 0] += row["n"] as Int
            byQuestion[key] = tally
        }
        return byQuestion.values.sorted { $0.questionId < $1.questionId }
    }
}
