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
    /// Answers to the return-visits question (TT 01/2018 index 3).
    public var returnVisits: ReturnVisitsFigure
}

/// One group of a breakdown (`by=` of the indicators): its key (a counter, officer, sector or
/// procedure code, `2026-W48`, `2026-11`; nil for responses with none), its name, and the
/// raw counts of its responses. Time groups carry their days, clipped to the range asked.
public struct FigureGroupData: Sendable, Equatable {
    public var key: String?
    public var name: LocalizedText
    public var responses: Int
    public var tallies: [QuestionTally]
    public var returnVisits: ReturnVisitsFigure
    public var from: LocalDate?
    public var to: LocalDate?

    public init(
        key: String?, name: LocalizedText, responses: Int, tallies: [QuestionTally], returnVisits: ReturnVisitsFigure, from: LocalDate?, to: LocalDate?
    ) {
        self.key = key
        self.name = name
        self.responses = responses
        self.tallies = tallies
        self.returnVisits = returnVisits
        self.from = from
        self.to = to
    }
}

extension AppDatabase {
    /// Everything `GET /api/v1/indicators` needs for one unit and an inclusive range of days.
    public func figureData(unitId: Int64, from: LocalDate, to: LocalDate) async throws -> FigureData {
        try await figureData(unitIds: [unitId], from: from, to: to)
    }

    /// The same for several units taken together (the city view), from the roll-ups.
    public func figureData(unitIds: [Int64], from: LocalDate, to: LocalDate) async throws -> FigureData {
        try await pool.read { db in
            let units = unitIds.map { _ in "?" }.joined(separator: ", ")
            let range = StatementArguments(unitIds) + [from.description, to.description]
            let tickets = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(issued), 0) AS issued, COALESCE(SUM(answered), 0) AS answered FROM ticketCounts
                    WHERE unitId IN (\(units)) AND day BETWEEN ? AND ?
                    """, arguments: range)
            let folded = Self.fold(try Self.rollupRows(db, unitIds: unitIds, dimension: .unit, from: from, to: to))
            let sectorRows = try Self.rollupRows(db, unitIds: unitIds, dimension: .sector, from: from, to: to, overallOnly: true)
            let sectorCodes = try Self.groupNames(db, grouping: .sector)
            var sectors: [String: [QuestionTally]] = [:]
            for (id, rows) in Dictionary(grouping: sectorRows, by: \.key) {
                guard let code = Int64(id).flatMap({ sectorCodes[$0]?.code }) else { continue }
                sectors[code] = Self.fold(rows).tallies
            }
            let officers =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM officers WHERE active AND unitId IN (\(units))", arguments: StatementArguments(unitIds)) ?? 0
            return FigureData(
                responses: folded.responses, ticketsIssued: tickets?["issued"] ?? 0, ticketsAnswered: tickets?["answered"] ?? 0,
                tallies: folded.tallies, sectorOverall: sectors, officers: officers, returnVisits: folded.visits)
        }
    }

    /// The groups of a breakdown of some units over an inclusive range of days, from the
    /// roll-ups, with names from the structure. Groups come sorted by key (responses without
    /// a counter, officer, sector or procedure last); weeks and months in time order.
    public func figureGroups(unitIds: [Int64], from: LocalDate, to: LocalDate, by grouping: FigureGrouping) async throws -> [FigureGroupData] {
        try await pool.read { db in
            guard let dimension = RollupDimension(grouping) else {
                // Days fold into their ISO week or month, each clipped to the range asked.
                let rows = try Self.rollupRows(db, unitIds: unitIds, dimension: .unit, from: from, to: to, byDay: grouping == .week)
                var byPeriod: [String: (period: FigurePeriod, rows: [RollupRow])] = [:]
                // Each day's period once, not once per question and level.
                var periodOf: [String: FigurePeriod] = [:]
                for row in rows {
                    if periodOf[row.key] == nil {
                        guard let day = LocalDate(row.key.count == 7 ? row.key + "-01" : row.key) else { continue }
                        periodOf[row.key] = grouping == .week ? FigurePeriod.week(containing: day) : FigurePeriod.month(containing: day)
                    }
                    guard let period = periodOf[row.key] else { continue }
                    byPeriod[period.code, default: (period, [])].rows.append(row)
                }
                return byPeriod.values.sorted { $0.period.from < $1.period.from }.map { entry in
                    let folded = Self.fold(entry.rows)
                    return FigureGroupData(
                        key: entry.period.code, name: entry.period.name, responses: folded.responses, tallies: folded.tallies,
                        returnVisits: folded.visits, from: max(entry.period.from, from), to: min(entry.period.to, to))
                }
            }
            let names = try Self.groupNames(db, grouping: grouping)
            let rows = try Self.rollupRows(db, unitIds: unitIds, dimension: dimension, from: from, to: to)
            let groups = Dictionary(grouping: rows, by: \.key).map { id, rows in
                let folded = Self.fold(rows)
                let name = Int64(id).flatMap { names[$0] }
                return FigureGroupData(
                    key: name?.code, name: name?.name ?? Self.noGroupName(grouping), responses: folded.responses, tallies: folded.tallies,
                    returnVisits: folded.visits, from: nil, to: nil)
            }
            return groups.sorted { ($0.key ?? "\u{10FFFF}", $0.name.vi) < ($1.key ?? "\u{10FFFF}", $1.name.vi) }
        }
    }

    /// Code and name of every counter, officer, sector or procedure, by id.
    private static func groupNames(_ db: Database, grouping: FigureGrouping) throws -> [Int64: (code: String, name: LocalizedText)] {
        let sql: String
        switch grouping {
        case .counter: sql = "SELECT id, code, name, nameEn FROM counters"
        case .officer: sql = "SELECT id, code, name, '' AS nameEn FROM officers"
        case .sector: sql = "SELECT id, code, name, nameEn FROM sectors"
        case .procedure: sql = "SELECT id, code, name, nameEn FROM procedures"
        case .channel:
            return Dictionary(uniqueKeysWithValues: ResponseChannel.allCases.map { ($0.rollupId, (code: $0.rawValue, name: $0.name)) })
        case .week, .month: return [:]
        }
        var names: [Int64: (code: String, name: LocalizedText)] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            names[row["id"]] = (row["code"], LocalizedText(vi: row["name"], en: row["nameEn"]))
        }
        return names
    }

    private static func noGroupName(_ grouping: FigureGrouping) -> LocalizedText {
        switch grouping {
        case .counter: LocalizedText(vi: "Không rõ quầy", en: "No counter")
        case .officer: LocalizedText(vi: "Không gắn cán bộ (mã QR dán tại quầy)", en: "No officer (counter poster)")
        case .sector: LocalizedText(vi: "Không rõ lĩnh vực", en: "No sector")
        case .procedure: LocalizedText(vi: "Không rõ thủ tục", en: "No procedure")
        case .channel: LocalizedText(vi: "Không rõ kênh", en: "Unknown channel")
        case .week, .month: LocalizedText(vi: "", en: "")
        }
    }

    /// One officer's answer tallies over an inclusive range of days, from the roll-ups of
    /// their unit's officers (whole months from the monthly rows).
    public func officerTallies(officerId: Int64, from: LocalDate, to: LocalDate) async throws -> [QuestionTally] {
        try await pool.read { db in
            guard let unitId = try Int64.fetchOne(db, sql: "SELECT unitId FROM officers WHERE id = ?", arguments: [officerId]) else { return [] }
            let rows = try Self.rollupRows(db, unitIds: [unitId], dimension: .officer, from: from, to: to)
            return Self.fold(rows.filter { $0.key == String(officerId) }).tallies
        }
    }
}
