/// What a thing an action touches belongs to.
public enum AccessScope: Sendable, Equatable, Hashable {
    /// Data of one unit (ward): its counters, officers, accounts, keys, figures, feedback.
    case unit(Int64)
    /// Things of no unit, or of every unit at once: sectors, procedures, the unit list, the
    /// holiday calendar, the audit log, figures across every unit. Only an account whose reach
    /// for the action is every unit is allowed here.
    case global
}
