/// The campaign targets of domain.md §1 that satisfaction data can evaluate.
public struct CampaignTarget: Sendable, Equatable {
    public enum Measure: Sendable, Equatable {
        /// The SIPAS-style counter index of the whole unit.
        case index
        /// The overall satisfaction rate of each listed sector, every one at or above target.
        case sectors([String])
    }

    public var id: String
    public var target: Double
    public var measure: Measure
    public var name: LocalizedText

    public static let i1 = CampaignTarget(
        id: "I1", target: 95, measure: .index,
        name: LocalizedText(vi: "Chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy) ≥ 95%", en: "SIPAS-style counter index ≥ 95%"))
    public static let i2 = CampaignTarget(
        id: "I2", target: 95, measure: .sectors(["dat-dai", "xay-dung", "dau-tu"]),
        name: LocalizedText(
            vi: "Hài lòng với thủ tục đất đai, xây dựng, đầu tư ≥ 95% mỗi lĩnh vực",
            en: "Satisfaction with land, construction and investment procedures ≥ 95% each"))
    public static let i6 = CampaignTarget(
        id: "I6", target: 95, measure: .sectors(["y-te", "giao-duc"]),
        name: LocalizedText(
            vi: "Hài lòng với dịch vụ y tế, giáo dục công ≥ 95%",
            en: "Satisfaction with public health and education services ≥ 95%"))

    public static let satisfactionTargets = [i1, i2, i6]
}

/// A target's evaluation. `value` and `met` are nil when the data cannot say: no answers,
/// or a sector below the minimum n (never a guess, never a suppressed percentage). A sector
/// target is not met as soon as one shown sector is below it, whatever the withheld ones,
/// and its value is then the lowest shown rate.
public struct TargetResult: Sendable, Equatable {
    public var target: CampaignTarget
    public var value: Double?
    public var met: Bool?
    public var n: Int
    /// Per sector for sector targets: the cell, nil rate when suppressed or empty.
    public var parts: [(sector: String, rate: Double?, n: Int)]

    public static func == (lhs: TargetResult, rhs: TargetResult) -> Bool {
        lhs.target == rhs.target && lhs.value == rhs.value && lhs.met == rhs.met && lhs.n == rhs.n
            && lhs.parts.map(\.sector) == rhs.parts.map(\.sector) && lhs.parts.map(\.rate) == rhs.parts.map(\.rate)
            && lhs.parts.map(\.n) == rhs.parts.map(\.n)
    }
}

extension CampaignTarget {
    /// Evaluates this target on a unit's score and its sectors' overall rates.
    public func evaluate(score: SatisfactionScore, sectors: [String: RateFigure], rules: ScoringRules) -> TargetResult {
        switch measure {
        case .index:
            let n = score.factors.values.reduce(0) { $0 + $1.n }
            return TargetResult(target: self, value: score.index, met: score.index.map { rules.meets($0, target: target) }, n: n, parts: [])
        case .sectors(let codes):
            let parts = codes.map { code in
                let figure = sectors[code] ?? RateFigure()
                return (sector: code, rate: figure.isSuppressed(rules: rules) ? nil : figure.rate, n: figure.n)
            }
            let rates = parts.compactMap(\.rate)
            let complete = rates.count == parts.count
            let lowestShown = parts.filter { $0.rate != nil }.min { ($0.rate ?? 0) < ($1.rate ?? 0) }
            // "Each sector at target": one shown sector below it already decides, even while
            // another is withheld; the value is then that shown sector's rate, the evidence.
            // While every shown sector meets it and one is withheld, nothing is known.
            let failing = lowestShown?.rate.map { !rules.meets($0, target: target) } ?? false
            let decisive = complete || failing ? lowestShown : nil
            let value = decisive?.rate
            let met = value.map { rules.meets($0, target: target) }
            // The n of a rate is the answers it is computed from (domain.md §2): the lowest
            // sector's, when it gives the value; all three sectors' while none does.
            let n = decisive?.n ?? parts.reduce(0) { $0 + $1.n }
            return TargetResult(target: self, value: value, met: met, n: n, parts: parts)
        }
    }
}
