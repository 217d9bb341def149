import Domain
import Testing

/// The item rule: an officer acts only on feedback items assigned to them; other accounts
/// by their unit. Expected answers written by hand.
@Suite("AccessPolicy feedback items")
struct AccessPolicyFeedbackTests {
    typealias Account = AccessPolicyTableTests.Account

    /// The items asked about, each of unit 1 (own) unless said.
    enum Item: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// Own unit, assigned to the account's username.
        case mineByUsername
        /// Own unit, assigned to officer record 7 (the officer account's record).
        case officerSeven
        /// Own unit, assigned to another account.
        case someoneElses
        /// Own unit, not yet assigned.
        case unassigned
        /// Unit 2, assigned to the account's username.
        case mineInOtherUnit

        func place(for principal: StaffPrincipal) -> (unitId: Int64, assignee: FeedbackAssignee?) {
            switch self {
            case .mineByUsername: (1, .staff(username: principal.username))
            case .officerSeven: (1, .officer(id: 7))
            case .someoneElses: (1, .staff(username: "nguoi.khac"))
            case .unassigned: (1, nil)
            case .mineInOtherUnit: (2, .staff(username: principal.username))
            }
        }

        var testDescription: String { rawValue }
    }

    static let feedbackActions: [StaffAction] = [
        .viewFeedback, .intakeFeedback, .handleFeedback, .workAssignedFeedback, .viewContactData, .verifyConduct, .reviewFeedback,
    ]

    /// Columns: admin, director, officer, inspector (no unit), inspector of unit 1, viewer,
    /// city viewer. Each cell gives the
    /// answer for the items in `Item` order: mine by username, officer 7's, someone else's,
    /// unassigned, mine in another unit.
    static let expected: [StaffAction: String] = [
        //                      admin  director officer inspector unit-insp viewer city
        .viewFeedback:         "YYYYY  YYYYN  YYNNN  YYYYY  YYYYN  YYYYN  YYYYY",
        .intakeFeedback:       "YYYYY  YYYYN  YYYYN  NNNNN  NNNNN  NNNNN  NNNNN",
        .handleFeedback:       "YYYYY  YYYYN  NNNNN  NNNNN  NNNNN  NNNNN  NNNNN",
        .workAssignedFeedback: "YYYYY  YYYYN  YYNNN  NNNNN  NNNNN  NNNNN  NNNNN",
        .viewContactData:      "YYYYY  YYYYN  YYNNN  NNNNN  NNNNN  NNNNN  NNNNN",
        .verifyConduct:        "YYYYY  NNNNN  NNNNN  YYYYY  YYYYN  NNNNN  NNNNN",
        .reviewFeedback:       "YYYYY  NNNNN  NNNNN  YYYYY  YYYYN  NNNNN  NNNNN",
    ]

    @Test("every account x feedback action x item", arguments: Account.allCases, feedbackActions)
    func item(account: Account, action: StaffAction) throws {
        let row = try #require(Self.expected[action]).split(separator: " ", omittingEmptySubsequences: true)
        let want = Array(row[account.column]).map { $0 == "Y" }
        try #require(want.count == Item.allCases.count)
        let principal = account.principal
        for (item, expected) in zip(Item.allCases, want) {
            let place = item.place(for: principal)
            #expect(
                AccessPolicy.allows(principal, action, onFeedbackIn: place.unitId, assignedTo: place.assignee) == expected, "\(item)")
        }
    }

    @Test("an officer's item rights follow the assignment, not the unit")
    func officerOnlyOnAssigned() {
        let officer = StaffPrincipal(role: .officer, unitId: 1, officerId: 7, username: "canbo.lan")
        for action in [StaffAction.viewFeedback, .workAssignedFeedback, .viewContactData] {
            #expect(!AccessPolicy.allows(officer, action, in: .unit(1)), "no unit-wide right: \(action)")
            #expect(AccessPolicy.allows(officer, action, onFeedbackIn: 1, assignedTo: .officer(id: 7)))
            #expect(AccessPolicy.allows(officer, action, onFeedbackIn: 1, assignedTo: .staff(username: "canbo.lan")))
            #expect(!AccessPolicy.allows(officer, action, onFeedbackIn: 1, assignedTo: .officer(id: 8)))
            #expect(!AccessPolicy.allows(officer, action, onFeedbackIn: 1, assignedTo: .staff(username: "canbo.hoa")))
            #expect(!AccessPolicy.allows(officer, action, onFeedbackIn: 2, assignedTo: .officer(id: 7)), "not in another unit")
            #expect(AccessPolicy.reach(of: officer, for: action) == .assignedItems)
            #expect(AccessPolicy.units(officer, for: action) == .one(1))
        }
    }

    @Test("an officer account without an officer record is assigned only by username")
    func officerWithoutRecord() {
        let officer = StaffPrincipal(role: .officer, unitId: 1, officerId: nil, username: "canbo.moi")
        #expect(!AccessPolicy.allows(officer, .workAssignedFeedback, onFeedbackIn: 1, assignedTo: .officer(id: 7)))
        #expect(AccessPolicy.allows(officer, .workAssignedFeedback, onFeedbackIn: 1, assignedTo: .staff(username: "canbo.moi")))
    }

    @Test("isAssignee: the username or the officer record, nothing else")
    func isAssignee() {
        let officer = StaffPrincipal(role: .officer, unitId: 1, officerId: 7, username: "canbo.lan")
        #expect(AccessPolicy.isAssignee(officer, .staff(username: "canbo.lan")))
        #expect(AccessPolicy.isAssignee(officer, .officer(id: 7)))
        #expect(!AccessPolicy.isAssignee(officer, .staff(username: "canbo.hoa")))
        #expect(!AccessPolicy.isAssignee(officer, .officer(id: 8)))
        #expect(!AccessPolicy.isAssignee(officer, nil))
        let director = StaffPrincipal(role: .director, unitId: 1, username: "giamdoc")
        #expect(!AccessPolicy.isAssignee(director, .officer(id: 7)))
        #expect(AccessPolicy.isAssignee(director, .staff(username: "giamdoc")))
    }
}
