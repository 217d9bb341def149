/// I4 (domain.md §6): officers with a substantiated conduct item, against the officers
/// serving at a counter in the period.
public struct ConductFigures: Sendable, Equatable {
    /// Officers of the unit serving at a counter in the period.
    public var officers: Int
    /// Distinct officers with a conduct item verified "có cơ sở" in the period, sorted.
    public var substantiatedOfficers: [String]

    public init(officers: Int, substantiatedOfficers: [String]) {
        self.officers = officers
        self.substantiatedOfficers = substantiatedOfficers
    }

    public var substantiated: Int { substantiatedOfficers.count }

    /// substantiated / officers x 100; nil when no officer served.
    public var rate: Double? {
        guard officers > 0 else { return nil }
        return Double(substantiated) * 100 / Double(officers)
    }

    /// The target is 0%: met when no officer has a substantiated item.
    public var met: Bool { substantiated == 0 }
}
