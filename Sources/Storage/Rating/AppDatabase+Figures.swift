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
    /// Tickets issued in the group, for its response rate (domain.md §2: per counter and
    /// period); nil where a ticket's count does not follow the grouping (a sector or
    /// procedure is not kept with the count, a channel has no tickets).
    public var tickets: Int?
    /// Of those, the tickets rated (poster ratings have none, so responses may pass tickets).
    public var ticketsAnswered: Int?

    public init(
        key: String?, name: LocalizedText, responses: Int, tallies: [QuestionTally], returnVisits: ReturnVisitsFigure, from: LocalDate?, to: LocalDate?,
        tickets: Int? = nil, ticketsAnswered: Int? = nil
    ) {
        self.key = key
        self.name = name
        self.responses = responses
        self.tallies = tallies
        self.returnVisits = returnVisits
        self.from = from
        self.to = to
        self.tickets = tickets
        self.ticketsAnswered = ticketsAnswered
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
    /// a counter, officer, sector or procedure last); weeks and months in time order. A
    /// counter, officer, week or month that issued tickets is a group even if none was rated:
    /// its response rate of 0 is what the director must see.
    public func figureGroups(unitIds: [Int64], from: LocalDate, to: LocalDate, by grouping: FigureGrouping) async throws -> [FigureGroupData] {
        try await pool.read { db in
            let tickets = try Self.ticketsIssued(db, unitIds: unitIds, from: from, to: to, by: grouping)
            guard let dimension = RollupDimension(grouping) else {
                // Days fold into their ISO week or month, each clipped to the range asked.
                let rows = try Self.rollupRows(db, unitIds: unitIds, dimension: .unit, from: from, to: to, byDay: grouping == .week)
                var byPeriod: [String: (period: FigurePeriod, rows: [RollupRow], tickets: TicketTally)] = [:]
                // Each day's period once, not once per question and level.
                var periodOf: [String: FigurePeriod] = [:]
                func period(_ key: String) -> FigurePeriod? {
                    if let known = periodOf[key] { return known }
                    guard let day = LocalDate(key.count == 7 ? key + "-01" : key) else { return nil }
                    let period = grouping == .week ? FigurePeriod.week(containing: day) : FigurePeriod.month(containing: day)
                    periodOf[key] = period
                    return period
                }
                for row in rows {
                    guard let period = period(row.key) else { continue }
                    byPeriod[period.code, default: (period, [], TicketTally())].rows.append(row)
                }
                for (day, tally) in tickets ?? [:] {
                    guard let period = period(day) else { continue }
                    byPeriod[period.code, default: (period, [], TicketTally())].tickets.add(tally)
                }
                return byPeriod.values.sorted { $0.period.from < $1.period.from }.map { entry in
                    let folded = Self.fold(entry.rows)
                    return FigureGroupData(
                        key: entry.period.code, name: entry.period.name, responses: folded.responses, tallies: folded.tallies,
                        returnVisits: folded.visits, from: max(entry.period.from, from), to: min(entry.period.to, to), tickets: entry.tickets.issued,
                        ticketsAnswered: entry.tickets.answered)
                }
            }
            let names = try Self.groupNames(db, grouping: grouping)
            let rows = Dictionary(grouping: try Self.rollupRows(db, unitIds: unitIds, dimension: dimension, from: from, to: to), by: \.key)
            let groups = Set(rows.keys).union((tickets ?? [:]).keys).map { id in
                let folded = Self.fold(rows[id] ?? [])
                let name = Int64(id).flatMap { names[$0] }
                return FigureGroupData(
                    key: name?.code, name: name?.name ?? Self.noGroupName(grouping), responses: folded.responses, tallies: folded.tallies,
                    returnVisits: folded.visits, from: nil, to: nil, tickets: tickets.map { $0[id]?.issued ?? 0 },
                    ticketsAnswered: tickets.map { $0[id]?.answered ?? 0 })
            }
            return groups.sorted { ($0.key ?? "\u{10FFFF}", $0.name.vi) < ($1.key ?? "\u{10FFFF}", $1.name.vi) }
        }
    }

    /// Tickets issued and rated of one group.
    private struct TicketTally {
        var issued = 0
        var answered = 0

        mutating func add(_ other: TicketTally) {
            issued += other.issued
            answered += other.answered
        }
    }

    /// Tickets issued in [from, to] by counter or officer id (0: none), or by day for weeks
    /// and months; nil for a grouping the counts do not carry.
    private static func ticketsIssued(_ db: Database, unitIds: [Int64], from: LocalDate, to: LocalDate, by grouping: FigureGrouping) throws
        -> [String: TicketTally]?
    {
        let column: String
        switch grouping {
        case .counter: column = "counterId"
        case .officer: column = "officerId"
        case .week, .month: column = "day"
        case .sector, .procedure, .channel: return nil
        }
        guard !unitIds.isEmpty else { return [:] }
        let units = unitIds.map { _ in "?" }.joined(separator: ", ")
        var tallies: [String: TicketTally] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(column) AS groupKey, SUM(issued) AS issued, SUM(answered) AS answered FROM ticketCounts
                WHERE unitId IN (\(units)) AND day BETWEEN ? AND ? GROUP BY groupKey HAVING SUM(issued) > 0
                """, arguments: StatementArguments(unitIds) + [from.description, to.description])
        for row in rows {
            let key: String = grouping.isTime ? row["groupKey"] : String(row["groupKey"] as Int64)
            tallies[key] = TicketTally(issued: row["issued"], answered: row["answered"])
        }
        return tallies
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
        case .officer: LocalizedText(vi: "Không gắn cán bộ (mã QR dán tại quầy, phiếu không ghi cán bộ)", en: "No officer (counter poster, or a ticket without one)")
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
