import Domain
import Foundation
import GRDB

/// Reading the roll-ups for a range of days: whole months from `figureRollups`' month rows,
/// the days outside them from its day rows (the unit as a whole, its sectors and channels) or
/// from `answerCounts` (a breakdown by counter, officer or procedure), so a month, a quarter
/// or a campaign reads a few thousand rows.
extension AppDatabase {
    /// The dimensions of `figureRollups` (its `dim` column) and their `answerCounts` column.
    enum RollupDimension: Int {
        case unit = 0, counter, officer, sector, procedure
        /// The response's channel (v8-kiosk), by `ResponseChannel.rollupId`.
        case channel

        init?(_ grouping: FigureGrouping) {
            switch grouping {
            case .counter: self = .counter
            case .officer: self = .officer
            case .sector: self = .sector
            case .procedure: self = .procedure
            case .channel: self = .channel
            case .week, .month: return nil
            }
        }

        var answerCountsColumn: String {
            switch self {
            case .unit: "0"
            case .counter: "counterId"
            case .officer: "officerId"
            case .sector: "sectorId"
            case .procedure: "procedureId"
            // Never read: the channel has day rows of its own (`hasDayRows`).
            case .channel: "0"
            }
        }

        /// Whether `figureRollups` holds day rows of this dimension (the sector's since v9:
        /// I2 and I6 over any range read them); the others' days outside whole months are
        /// read from `answerCounts`, which has no channel.
        var hasDayRows: Bool { self == .unit || self == .sector || self == .channel }
    }

    /// One question's answers by level within a group: a day, a month, or a counter,
    /// officer, sector or procedure id (as text).
    struct RollupRow {
        var key: String
        var questionId: String
        var scale: String
        var factor: String
        var overall: Bool
        var counts: [Int: Int]
    }

    /// [from, to] as the whole months inside it (first and last `YYYY-MM`) and the ranges of
    /// days before and after them.
    static func split(from: LocalDate, to: LocalDate) -> (months: (String, String)?, days: [(LocalDate, LocalDate)]) {
        let firstMonth = from.day == 1 ? FigurePeriod.month(containing: from) : FigurePeriod.month(containing: FigurePeriod.month(containing: from).to.adding(days: 1))
        let lastOfTo = FigurePeriod.month(containing: to)
        let lastMonth = lastOfTo.to == to ? lastOfTo : FigurePeriod.month(containing: lastOfTo.from.adding(days: -1))
        guard firstMonth.from <= lastMonth.from, firstMonth.from >= from, lastMonth.to <= to else { return (nil, [(from, to)]) }
        var days: [(LocalDate, LocalDate)] = []
        if from < firstMonth.from { days.append((from, firstMonth.from.adding(days: -1))) }
        if lastMonth.to < to { days.append((lastMonth.to.adding(days: 1), to)) }
        return ((firstMonth.code, lastMonth.code), days)
    }

    /// The rows of one dimension over [from, to] in `unitIds`. For `.unit` the key is the
    /// day or the month of the row (`byDay`: days only, for weeks); otherwise the id.
    static func rollupRows(_ db: Database, unitIds: [Int64], dimension: RollupDimension, from: LocalDate, to: LocalDate, byDay: Bool = false, overallOnly: Bool = false)
        throws -> [RollupRow]
    {
        guard !unitIds.isEmpty, from <= to else { return [] }
        let units = "unitId IN (" + unitIds.map { _ in "?" }.joined(separator: ", ") + ")"
        let unitArguments = StatementArguments(unitIds)
        let overall = overallOnly ? " AND overall = 1" : ""
        let levelSums = (0...5).map { "SUM(l\($0)) AS l\($0)" }.joined(separator: ", ")
        let key = dimension == .unit ? "period" : "dimId"
        var rows: [RollupRow] = []
        func rollups(grain: String, first: String, last: String) throws {
            let fetched = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(key) AS groupKey, questionId, scale, factor, overall, \(levelSums) FROM figureRollups
                    WHERE \(units) AND dim = ? AND grain = ? AND period BETWEEN ? AND ?\(overall)
                    GROUP BY groupKey, questionId, scale, factor, overall
                    """, arguments: unitArguments + [dimension.rawValue, grain, first, last])
            for row in fetched {
                var counts: [Int: Int] = [:]
                for level in 0...5 {
                    let n: Int = row["l\(level)"]
                    if n > 0 { counts[level] = n }
                }
                rows.append(
                    RollupRow(
                        key: dimension == .unit ? row["groupKey"] as String : String(row["groupKey"] as Int64),
                        questionId: row["questionId"], scale: row["scale"], factor: row["factor"], overall: row["overall"], counts: counts))
            }
        }
        let (months, days) = byDay ? (nil, [(from, to)]) : split(from: from, to: to)
        if let months { try rollups(grain: "m", first: months.0, last: months.1) }
        for (first, last) in days {
            if dimension.hasDayRows {
                try rollups(grain: "d", first: first.description, last: last.description)
                continue
            }
            // A breakdown's days outside whole months come from the daily roll-ups.
            let fetched = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(dimension.answerCountsColumn) AS groupKey, questionId, scale, factor, overall, level, SUM(n) AS n FROM answerCounts
                    WHERE \(units) AND day BETWEEN ? AND ?\(overall)
                    GROUP BY groupKey, questionId, scale, factor, overall, level
                    """, arguments: unitArguments + [first.description, last.description])
            for row in fetched {
                let id: Int64 = row["groupKey"]
                rows.append(
                    RollupRow(
                        key: String(id), questionId: row["questionId"], scale: row["scale"], factor: row["factor"], overall: row["overall"],
                        counts: [row["level"]: row["n"]]))
            }
        }
        return rows
    }

    /// Folds rows into responses (the overall rows count them), rating tallies and the
    /// return-visits answers.
    static func fold(_ rows: [RollupRow]) -> (responses: Int, tallies: [QuestionTally], visits: ReturnVisitsFigure) {
        var responses = 0
        var visits = ReturnVisitsFigure()
        var byQuestion: [String: QuestionTally] = [:]
        for row in rows {
            if row.overall { responses += row.counts.values.reduce(0, +) }
            if row.questionId == ReturnVisitsFigure.questionId, row.scale == "choice" {
                visits.visits.merge(row.counts, uniquingKeysWith: +)
            }
            // Choice questions (visits) have no rating scale and no satisfaction rate.
            guard let scale = RatingScale(rawValue: row.scale) else { continue }
            let key = row.questionId + "|" + row.scale
            var tally =
                byQuestion[key] ?? QuestionTally(questionId: row.questionId, scale: scale, factor: Factor(rawValue: row.factor), overall: row.overall, counts: [:])
            tally.counts.merge(row.counts, uniquingKeysWith: +)
            byQuestion[key] = tally
        }
        return (responses, byQuestion.values.sorted { $0.questionId < $1.questionId }, visits)
    }
}
