/// The units an account may see, or act on, for some purpose.
public enum UnitSet: Sendable, Equatable, Hashable {
    /// No unit.
    case none
    /// Exactly this unit.
    case one(Int64)
    /// Every unit.
    case all

    /// Whether the set holds the unit.
    public func contains(_ unitId: Int64) -> Bool {
        switch self {
        case .none: false
        case .one(let id): id == unitId
        case .all: true
        }
    }

    /// The one unit to restrict a query to: nil when the set is every unit (no restriction).
    /// Check `.none` first; for it this answers nil too.
    public var restriction: Int64? {
        if case .one(let id) = self { id } else { nil }
    }
}
