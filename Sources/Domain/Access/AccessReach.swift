/// How far an account's right to one action goes; one cell of the role table of `AccessPolicy`.
public enum AccessReach: Sendable, Equatable, Hashable {
    /// Never.
    case none
    /// Only feedback items of the account's own unit that are assigned to the account.
    case assignedItems
    /// Only the account's own unit.
    case ownUnit
    /// Every unit, and what belongs to no unit.
    case everyUnit
}
