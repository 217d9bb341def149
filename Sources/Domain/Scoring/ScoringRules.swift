/// The configurable defaults of domain.md §2. `version` is recorded with every figure so a
/// published number can be traced to the rules that produced it.
public struct ScoringRules: Sendable, Equatable {
    public var version: String
    /// An answer counts as satisfied when it is one of this many top levels of its scale.
    public var satisfiedTopLevels: Int
    /// A breakdown cell with fewer valid answers is shown as "chưa đủ mẫu", never a percentage.
    public var minimumN: Int

    public init(version: String = "hailong-scoring-1", satisfiedTopLevels: Int = 2, minimumN: Int = 30) {
        self.version = version
        self.satisfiedTopLevels = satisfiedTopLevels
        self.minimumN = minimumN
    }

    public static let `default` = ScoringRules()

    /// Whether `value` reaches `target`. Values are compared at 1e-6 of a percent, so the
    /// last-bit error of a mean of rates (94.99999999999999 for an exact 95) never decides a
    /// target; no real count distinguishes values closer than that.
    public func meets(_ value: Double, target: Double) -> Bool {
        (value * 1_000_000).rounded() >= target * 1_000_000
    }

    public func isSatisfied(level: Int, on scale: RatingScale) -> Bool {
        scale.isValid(level) && level > scale.maxLevel - satisfiedTopLevels
    }

    /// A valid answer outside the satisfied levels: what lowers the satisfaction rate
    /// (domain.md §2 counts it as "not satisfied"). On likert5 that is 1-3 (neutral
    /// included: the rate counts it against the target just as much), on quick3 "Chưa hài
    /// lòng"; "no opinion" is never one. The `rating.low` webhook fires on these, so it warns
    /// of exactly the answers that pull a unit's figure below its 95% target.
    public func isDissatisfied(level: Int, on scale: RatingScale) -> Bool {
        scale.isValid(level) && !isSatisfied(level: level, on: scale)
    }
}
