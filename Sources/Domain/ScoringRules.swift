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

    public func isSatisfied(level: Int, on scale: RatingScale) -> Bool {
        scale.isValid(level) && level > scale.maxLevel - satisfiedTopLevels
    }
}
