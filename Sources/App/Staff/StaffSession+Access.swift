import Domain
import Storage

/// The App's one way to ask the access policy (Domain's `AccessPolicy`) about the signed-in
/// account. Controllers and views call these; none compares roles.
extension StaffSession {
    var principal: StaffPrincipal { user.principal }

    /// May the account do `action` on what belongs to the unit?
    func may(_ action: StaffAction, inUnit unitId: Int64) -> Bool {
        AccessPolicy.allows(principal, action, in: .unit(unitId))
    }

    /// May the account do `action` on what belongs to no unit (sectors, the calendar)?
    func mayGlobally(_ action: StaffAction) -> Bool {
        AccessPolicy.allows(principal, action, in: .global)
    }

    /// May the account do `action` somewhere: for menus and links.
    func mayAnywhere(_ action: StaffAction) -> Bool {
        AccessPolicy.allowsAnywhere(principal, action)
    }

    /// Throws 403 unless `may(action, inUnit:)`.
    func require(_ action: StaffAction, inUnit unitId: Int64) throws {
        guard may(action, inUnit: unitId) else { throw AppError.staffForbidden }
    }

    /// Throws 403 unless `mayGlobally(action)`.
    func requireGlobally(_ action: StaffAction) throws {
        guard mayGlobally(action) else { throw AppError.staffForbidden }
    }

    /// Throws 403 unless `mayAnywhere(action)`.
    func requireAnywhere(_ action: StaffAction) throws {
        guard mayAnywhere(action) else { throw AppError.staffForbidden }
    }

    /// Whether the ward chooser is shown: the account reads more than one ward.
    var choosesUnit: Bool { AccessPolicy.mayChooseUnit(principal) }
}
