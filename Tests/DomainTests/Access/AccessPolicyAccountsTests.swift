import Domain
import Testing

/// Accounts: roles one may give, accounts one may change, units at creation.
@Suite("AccessPolicy accounts")
struct AccessPolicyAccountsTests {
    typealias Account = AccessPolicyTableTests.Account

    @Test("assignableRoles: admin every role, director officer and viewer, nobody else any", arguments: Account.allCases)
    func assignableRoles(account: Account) {
        let expected: [StaffRole] =
            switch account {
            case .admin, .adminWithUnit: [.admin, .director, .officer, .inspector, .viewer]
            case .director: [.officer, .viewer]
            case .officer, .inspector, .inspectorWithUnit, .viewer, .cityViewer: []
            }
        #expect(AccessPolicy.assignableRoles(by: account.principal) == expected)
    }

    @Test("a director without a unit gives no role")
    func directorWithoutUnit() {
        #expect(AccessPolicy.assignableRoles(by: StaffPrincipal(role: .director, unitId: nil, username: "giamdoc")) == [])
    }

    static let admin = StaffPrincipal(role: .admin, unitId: nil, username: "quantri")
    static let director = StaffPrincipal(role: .director, unitId: 1, username: "giamdoc")

    /// (who, whose account, expected)
    static let cases: [(String, StaffPrincipal, StaffPrincipal, Bool)] = [
        ("director, officer of own unit", director, StaffPrincipal(role: .officer, unitId: 1, officerId: 7, username: "canbo.lan"), true),
        ("director, viewer of own unit", director, StaffPrincipal(role: .viewer, unitId: 1, username: "xem"), true),
        ("director, officer of another unit", director, StaffPrincipal(role: .officer, unitId: 2, username: "canbo.b"), false),
        ("director, other director of own unit", director, StaffPrincipal(role: .director, unitId: 1, username: "phogiamdoc"), false),
        ("director, inspector given unit 1", director, StaffPrincipal(role: .inspector, unitId: 1, username: "kiemtra"), false),
        ("director, city viewer", director, StaffPrincipal(role: .viewer, unitId: nil, username: "xem.tp"), false),
        ("director, an administrator", director, admin, false),
        ("director, own account", director, director, false),
        ("admin, director", admin, director, true),
        ("admin, another administrator", admin, StaffPrincipal(role: .admin, unitId: nil, username: "quantri2"), true),
        ("admin, inspector", admin, StaffPrincipal(role: .inspector, unitId: nil, username: "kiemtra"), true),
        ("admin, city viewer", admin, StaffPrincipal(role: .viewer, unitId: nil, username: "xem.tp"), true),
        ("admin, own account", admin, admin, false),
        ("officer, viewer of own unit", StaffPrincipal(role: .officer, unitId: 1, username: "canbo.lan"),
            StaffPrincipal(role: .viewer, unitId: 1, username: "xem"), false),
        ("inspector, officer", StaffPrincipal(role: .inspector, unitId: nil, username: "kiemtra"),
            StaffPrincipal(role: .officer, unitId: 1, username: "canbo.lan"), false),
        ("viewer, viewer of own unit", StaffPrincipal(role: .viewer, unitId: 1, username: "xem"),
            StaffPrincipal(role: .viewer, unitId: 1, username: "xem2"), false),
    ]

    @Test("mayManage: whose account one may disable or enable", arguments: cases)
    func mayManage(name: String, who: StaffPrincipal, account: StaffPrincipal, expected: Bool) {
        #expect(AccessPolicy.mayManage(who, account: account) == expected, "\(name)")
    }

    @Test("unitRequirement per role")
    func unitRequirement() {
        #expect(AccessPolicy.unitRequirement(for: .admin) == .ignored)
        #expect(AccessPolicy.unitRequirement(for: .director) == .required)
        #expect(AccessPolicy.unitRequirement(for: .officer) == .required)
        #expect(AccessPolicy.unitRequirement(for: .inspector) == .optional)
        #expect(AccessPolicy.unitRequirement(for: .viewer) == .optional)
    }
}
