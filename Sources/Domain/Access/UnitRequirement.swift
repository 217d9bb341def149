/// Whether an account of a role is created with a unit.
public enum UnitRequirement: Sendable, Equatable, Hashable {
    /// Needs a unit: the role acts only within it.
    case required
    /// May have one: without it the account reads every unit (a city viewer).
    case optional
    /// Has none: the role reaches every unit, and a unit given is ignored.
    case ignored
}
