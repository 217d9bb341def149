/// Who is asking: the few facts of a signed-in staff account that the access policy needs.
/// The App fills it from the account (Storage's `StaffUser`), which Domain cannot see.
public struct StaffPrincipal: Sendable, Equatable, Hashable {
    /// The account's role.
    public var role: StaffRole
    /// The unit (ward) the account belongs to. Required for directors and officers; nil for a
    /// viewer makes a city viewer; ignored for administrators and inspectors.
    public var unitId: Int64?
    /// The officer record the account is linked to (counter officers), if any.
    public var officerId: Int64?
    /// The account's username, as stored (lowercase); names the assignee of feedback items.
    public var username: String

    public init(role: StaffRole, unitId: Int64?, officerId: Int64? = nil, username: String) {
        self.role = role
        self.unitId = unitId
        self.officerId = officerId
        self.username = username
    }
}
