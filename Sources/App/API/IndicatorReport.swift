import Domain
import Storage

/// The body of `GET /api/v1/indicators` (product.md): every rate with its n and a Wilson
/// 95% interval, percentages from 0 to 100, nulls where the data cannot say.
struct IndicatorReport: Encodable {
    struct Rate: Encodable {
        @ExplicitNull var rate: Double?
        var n: Int
        var satisfied: Int
        @ExplicitNull var ci95: [Double]?

        init(_ figure: RateFigure) {
            rate = figure.rate
            n = figure.n
            satisfied = figure.satisfied
            ci95 = figure.ci95.map { [$0.lowerBound, $0.upperBound] }
        }
    }

    /// A breakdown cell: below the minimum n its rate is withheld ("chưa đủ mẫu").
    struct Cell: Encodable {
        @ExplicitNull var rate: Double?
        var n: Int
        var suppressed: Bool
    }

    struct FactorValue: Encodable {
        var value: Double
        var n: Int
    }

    struct Index: Encodable {
        @ExplicitNull var value: Double?
        var n: Int
        var factors: [String: FactorValue]
    }

    /// domain.md §6: counts over [from, end], end = min(to, today); I3 = onTimeRate.
    struct Feedback: Encodable {
        var received = 0
        var resolved = 0
        var onTime = 0
        @ExplicitNull var onTimeRate: Double? = nil
        var overdue = 0
        var open = 0
        var anonymous = 0
        /// TT 01/2018 index 8 of the unit (2, 1, 0; null with no clocked item).
        @ExplicitNull var index8: Int? = nil
        var end: String = ""

        init(_ counts: FeedbackCounts, end: LocalDate) {
            received = counts.received
            resolved = counts.resolved
            onTime = counts.onTime
            onTimeRate = counts.onTimeRate
            overdue = counts.overdue
            open = counts.open
            anonymous = counts.anonymous
            index8 = counts.index8
            self.end = end.description
        }
    }

    /// I4: distinct officers with a conduct item verified "có cơ sở" in the period, over the
    /// officers who served at a counter in it.
    struct Conduct: Encodable {
        var officers: Int
        var substantiated: Int
        @ExplicitNull var rate: Double?
    }

    struct Target: Encodable {
        var id: String
        var target: Double
        @ExplicitNull var value: Double?
        @ExplicitNull var met: Bool?
        var n: Int
        var name: String
    }

    /// TT 01/2018/TT-VPCP indices 3, 7 and 8 (domain.md §2, §6). Index 3 is the mean points
    /// of the return-visits answers (2, 1, 0) with the share of answers at each; 7 and 8 are
    /// 2, 1 or 0, null where the data or the rules give none.
    struct TT01: Encodable {
        struct Index3: Encodable {
            @ExplicitNull var value: Double?
            var n: Int
            var suppressed: Bool
            /// Percent of the answers at 2, 1 and 0 points.
            @ExplicitNull var shares: [String: Double]?

            /// `breakdown`: a group's cell, withheld below the minimum n like any other.
            init(_ figure: ReturnVisitsFigure, rules: ScoringRules, breakdown: Bool) {
                n = figure.n
                suppressed = breakdown && figure.n < rules.minimumN
                value = suppressed ? nil : figure.mean
                shares =
                    suppressed || figure.n == 0
                    ? nil : Dictionary(uniqueKeysWithValues: [2, 1, 0].map { ("\($0)", figure.share(points: $0) ?? 0) })
            }
        }

        var index3: Index3
        @ExplicitNull var index7: Int?
        @ExplicitNull var index8: Int?
    }

    /// A satisfaction rate in a breakdown cell: below the minimum n neither rate nor interval.
    struct GroupRate: Encodable {
        @ExplicitNull var rate: Double?
        var n: Int
        @ExplicitNull var ci95: [Double]?
        var suppressed: Bool

        init(_ figure: RateFigure, rules: ScoringRules) {
            n = figure.n
            suppressed = figure.isSuppressed(rules: rules)
            rate = suppressed ? nil : figure.rate
            ci95 = suppressed ? nil : figure.ci95.map { [$0.lowerBound, $0.upperBound] }
        }
    }

    /// The index of a breakdown cell; n is the valid answers of its factors.
    struct GroupIndex: Encodable {
        @ExplicitNull var value: Double?
        var n: Int
        var suppressed: Bool
    }

    /// One group of `by=`: the same figures as the whole, each cell under the minimum n.
    struct Group: Encodable {
        @ExplicitNull var key: String?
        var name: String
        var nameEn: String
        /// The group's days, for week and month groups (clipped to the range asked).
        var from: String?
        var to: String?
        var responses: Int
        /// Tickets issued in the group and responses per ticket (x 100), as the unit's
        /// `responseRate`; null for sectors and procedures, which the ticket counts do not
        /// carry, and for a group that issued none.
        @ExplicitNull var tickets: Int?
        @ExplicitNull var ticketsAnswered: Int?
        @ExplicitNull var responseRate: Double?
        var satisfaction: GroupRate
        var index: GroupIndex
        /// The group's satisfaction has fewer valid answers than the minimum n.
        var suppressed: Bool
        var tt01: TT01

        init(_ data: FigureGroupData, tt01 index7: Int?, _ index8: Int?, rules: ScoringRules) {
            let score = SatisfactionScore(tallies: data.tallies, rules: rules)
            key = data.key
            name = data.name.vi
            nameEn = data.name.text(in: .en)
            from = data.from?.description
            to = data.to?.description
            responses = data.responses
            tickets = data.tickets
            ticketsAnswered = data.ticketsAnswered
            responseRate = data.tickets.flatMap { $0 > 0 ? Double(data.responses) * 100 / Double($0) : nil }
            satisfaction = GroupRate(score.overall, rules: rules)
            let indexN = score.factors.values.reduce(0) { $0 + $1.n }
            let indexSuppressed = indexN < rules.minimumN
            index = GroupIndex(value: indexSuppressed ? nil : score.index, n: indexN, suppressed: indexSuppressed)
            suppressed = satisfaction.suppressed
            tt01 = TT01(index3: .init(data.returnVisits, rules: rules, breakdown: true), index7: index7, index8: index8)
        }
    }

    struct Rules: Encodable {
        var version: String
        var satisfiedTopLevels: Int
        var minimumN: Int
    }

    /// The figure's name everywhere (domain.md §2): a SIPAS-style counter index, never the
    /// official SIPAS.
    static let methodName = "chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy)"

    /// Calendar months that [from, through] touches; 0 when it is empty.
    static func months(from: LocalDate, through: LocalDate) -> Int {
        guard from <= through else { return 0 }
        return (through.year * 12 + through.month) - (from.year * 12 + from.month) + 1
    }

    var unit: String
    var from: String
    var to: String
    var method: String
    var rules: Rules
    var responses: Int
    var tickets: Int
    var ticketsAnswered: Int
    @ExplicitNull var responseRate: Double?
    var satisfaction: Rate
    var index: Index
    var sectors: [String: Cell]
    var feedback: Feedback
    var conduct: Conduct
    var targets: [Target]
    var tt01: TT01
    /// Present when `by=` asked for a breakdown.
    var by: String?
    var groups: [Group]?
    var feedbackRules: String

    init(
        unit: String, from: LocalDate, to: LocalDate, data: FigureData, feedback figures: FeedbackFigures, feedbackRulesVersion: String,
        rules: ScoringRules
    ) {
        let score = SatisfactionScore(tallies: data.tallies, rules: rules)
        var sectorFigures: [String: RateFigure] = [:]
        for (code, tallies) in data.sectorOverall {
            sectorFigures[code] = SatisfactionScore(tallies: tallies, rules: rules).overall
        }
        self.unit = unit
        self.from = from.description
        self.to = to.description
        method = Self.methodName
        self.rules = Rules(version: rules.version, satisfiedTopLevels: rules.satisfiedTopLevels, minimumN: rules.minimumN)
        responses = data.responses
        tickets = data.ticketsIssued
        ticketsAnswered = data.ticketsAnswered
        // domain.md §2: responses / tickets issued. Poster ratings count as responses without a
        // ticket, so a counter with both may pass 100%; `ticketsAnswered` says how many of the
        // tickets themselves were rated.
        responseRate = data.ticketsIssued > 0 ? Double(data.responses) * 100 / Double(data.ticketsIssued) : nil
        satisfaction = Rate(score.overall)
        index = Index(
            value: score.index, n: score.factors.values.reduce(0) { $0 + $1.n },
            factors: Dictionary(uniqueKeysWithValues: score.factors.map { ($0.key.rawValue, FactorValue(value: $0.value.value, n: $0.value.n)) }))
        sectors = sectorFigures.mapValues { figure in
            let suppressed = figure.isSuppressed(rules: rules)
            return Cell(rate: suppressed ? nil : figure.rate, n: figure.n, suppressed: suppressed)
        }
        feedback = Feedback(figures.counts, end: figures.end)
        conduct = Conduct(
            officers: figures.conduct.officers, substantiated: figures.conduct.substantiated, rate: figures.conduct.rate)
        var targets = CampaignTarget.satisfactionTargets.map { target in
            let result = target.evaluate(score: score, sectors: sectorFigures, rules: rules)
            return Target(id: target.id, target: target.target, value: result.value, met: result.met, n: result.n, name: target.name.vi)
        }
        // I3: every clocked item handled on time; nothing to judge without one.
        let handled = figures.counts.resolved + figures.counts.overdue
        targets.append(
            Target(
                id: "I3", target: 100, value: figures.counts.onTimeRate, met: figures.counts.onTimeRate.map { $0 >= 100 }, n: handled,
                name: "Tỷ lệ phản ánh, kiến nghị được giải quyết đúng hạn"))
        // I4: no officer with a substantiated conduct item.
        targets.append(
            Target(
                id: "I4", target: 0, value: figures.conduct.rate, met: figures.conduct.met, n: figures.conduct.officers,
                name: "Tỷ lệ cán bộ bị phản ánh có cơ sở về thái độ, nhũng nhiễu"))
        // I5: every result published. /public and /api/v1/public show every unit's month as it
        // stands, from these same figures, without a login: each month of the range up to
        // today is published (n = those months); a range not yet begun has nothing to publish.
        let months = Self.months(from: from, through: figures.end)
        targets.append(
            Target(
                id: "I5", target: 100, value: months > 0 ? 100 : nil, met: months > 0 ? true : nil, n: months,
                name: "Tỷ lệ kết quả đánh giá được công khai (trang công khai hằng tháng)"))
        self.targets = targets.sorted { $0.id < $1.id }
        tt01 = TT01(index3: .init(data.returnVisits, rules: rules, breakdown: false), index7: figures.index7, index8: figures.counts.index8)
        feedbackRules = feedbackRulesVersion
    }
}
