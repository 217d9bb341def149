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
}
