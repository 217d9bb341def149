/// Answer counts of one rating question, by level (0 = no opinion), as stored.
public struct QuestionTally: Sendable, Equatable {
    public var questionId: String
    public var scale: RatingScale
    public var factor: Factor?
    public var overall: Bool
    public var counts: [Int: Int]

    public init(questionId: String, scale: RatingScale, factor: Factor?, overall: Bool, counts: [Int: Int]) {
        self.questionId = questionId
        self.scale = scale
        self.factor = factor
        self.overall = overall
        self.counts = counts
    }

    /// Satisfied answers and valid answers under `rules`; no-opinion is not valid.
    public func figure(rules: ScoringRules) -> RateFigure {
        var figure = RateFigure()
        for (level, count) in counts where scale.isValid(level) {
            figure.n += count
            if rules.isSatisfied(level: level, on: scale) { figure.satisfied += count }
        }
        return figure
    }
}

/// A satisfaction rate with its evidence: satisfied out of n valid answers.
public struct RateFigure: Sendable, Equatable {
    public var satisfied: Int
    public var n: Int

    public init(satisfied: Int = 0, n: Int = 0) {
        self.satisfied = satisfied
        self.n = n
    }

    /// Percent from 0 to 100; nil without valid answers.
    public var rate: Double? { n > 0 ? Double(satisfied) * 100 / Double(n) : nil }
    public var ci95: ClosedRange<Double>? { WilsonInterval.percent(successes: satisfied, n: n) }

    /// Below the minimum n a breakdown cell is "chưa đủ mẫu", never a percentage.
    public func isSuppressed(rules: ScoringRules) -> Bool { n < rules.minimumN }

    public static func + (lhs: RateFigure, rhs: RateFigure) -> RateFigure {
        RateFigure(satisfied: lhs.satisfied + rhs.satisfied, n: lhs.n + rhs.n)
    }
}

/// One factor's index: the mean of its criterion rates that have at least one valid answer.
public struct FactorFigure: Sendable, Equatable {
    public var value: Double
    /// Valid answers over all the factor's criteria.
    public var n: Int
    /// Criteria that had a valid answer and so entered the mean.
    public var criteria: Int
}

/// The figures of domain.md §2 for one set of responses.
public struct SatisfactionScore: Sendable, Equatable {
    /// Overall satisfaction rate (tỷ lệ hài lòng): the form's overall question.
    public var overall: RateFigure
    /// Criterion rates by question id.
    public var criteria: [String: RateFigure]
    public var factors: [Factor: FactorFigure]
    /// SIPAS-style counter index: the mean of the factor indices present; nil with none.
    public var index: Double?

    /// Computes every figure from tallies; tallies of the same question (say, from two form
    /// versions) are added together before any rate is taken.
    public init(tallies: [QuestionTally], rules: ScoringRules = .default) {
        var overall = RateFigure()
        var criteria: [String: RateFigure] = [:]
        var criterionFactor: [String: Factor] = [:]
        for tally in tallies {
            let figure = tally.figure(rules: rules)
            if tally.overall {
                overall = overall + figure
            } else if let factor = tally.factor {
                criteria[tally.questionId, default: RateFigure()] = criteria[tally.questionId, default: RateFigure()] + figure
                criterionFactor[tally.questionId] = factor
            }
        }
        // Sums run in a fixed order (factor rank, then question id): floating-point addition is
        // not associative, and a figure must not depend on how a dictionary lists its keys.
        var factors: [Factor: FactorFigure] = [:]
        for factor in Factor.allCases {
            let rates = criteria.filter { criterionFactor[$0.key] == factor && $0.value.n > 0 }
                .sorted { $0.key < $1.key }.map(\.value)
            guard !rates.isEmpty else { continue }
            let mean = rates.compactMap(\.rate).reduce(0, +) / Double(rates.count)
            factors[factor] = FactorFigure(value: mean, n: rates.reduce(0) { $0 + $1.n }, criteria: rates.count)
        }
        self.overall = overall
        self.criteria = criteria
        self.factors = factors
        self.index = factors.isEmpty ? nil : factors.sorted { $0.key < $1.key }.map(\.value.value).reduce(0, +) / Double(factors.count)
    }
}
