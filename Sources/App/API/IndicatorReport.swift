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

    struct Rules: Encodable {
        var version: String
        var satisfiedTopLevels: Int
        var minimumN: Int
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
    var feedbackRules: String

    init(unit: String, from: LocalDate, to: LocalDate, data: FigureData, feedback figures: FeedbackFigures, feedbackRulesVersion: String, rules: ScoringRules) {
        let score = SatisfactionScore(tallies: data.tallies, rules: rules)
        var sectorFigures: [String: RateFigure] = [:]
        for (code, tallies) in data.sectorOverall {
            sectorFigures[code] = SatisfactionScore(tallies: tallies, rules: rules).overall
        }
        self.unit = unit
        self.from = from.description
        self.to = to.description
        method = "chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy)"
        self.rules = Rules(version: rules.version, satisfiedTopLevels: rules.satisfiedTopLevels, minimumN: rules.minimumN)
        responses = data.responses
        tickets = data.ticketsIssued
        ticketsAnswered = data.ticketsAnswered
        // Of the tickets issued in the range, the share that was rated: never above 100%.
        responseRate = data.ticketsIssued > 0 ? Double(data.ticketsAnswered) * 100 / Double(data.ticketsIssued) : nil
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
        self.targets = targets.sorted { $0.id < $1.id }
        feedbackRules = feedbackRulesVersion
    }
}
