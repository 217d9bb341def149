/// Rules about staff accounts themselves: which roles an account may give, whose account it
/// may change, and which roles are created with a unit.
extension AccessPolicy {
    /// The roles the account may give to accounts it creates: an administrator every role; a
    /// director the accounts of their own counters, officer and viewer; nobody else any.
    public static func assignableRoles(by principal: StaffPrincipal) -> [StaffRole] {
        guard allowsAnywhere(principal, .manageStaffAccounts) else { return [] }
        return principal.role == .admin ? StaffRole.allCases : [.officer, .viewer]
    }

    /// Whether the account may change (disable, enable) another account: it manages staff
    /// accounts in that account's unit (every unit for an account without one), may give that
    /// account's role, and it is not its own account.
    public static func mayManage(_ principal: StaffPrincipal, account: StaffPrincipal) -> Bool {
        account.username != principal.username
            && allows(principal, .manageStaffAccounts, in: account.unitId.map(AccessScope.unit) ?? .global)
            && assignableRoles(by: principal).contains(account.role)
    }

    /// Whether an account of the role is created with a unit: directors and officers need
    /// one; a viewer or an inspector may have one (without it, they read every unit);
    /// administrators reach every unit and have none.
    public static func unitRequirement(for role: StaffRole) -> UnitRequirement {
        switch role {
        case .director, .officer: .required
        case .viewer, .inspector: .optional
        case .admin: .ignored
        }
    }
}
