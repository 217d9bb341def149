import Domain
import Testing

/// The role table of `AccessPolicy`, written out again by hand: every kind of account x every
/// action x (own unit, another unit, global, anywhere). The policy is never used to compute
/// an expectation.
@Suite("AccessPolicy role table")
struct AccessPolicyTableTests {
    /// The accounts asked about. Unit 1 is "own", unit 2 "other".
    enum Account: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case admin, director, officer, inspector, viewer, cityViewer
        /// An administrator created with a unit (the CLI allows it): the unit changes nothing,
        /// so it is checked against the admin column. An inspector created with a unit reads
        /// and inspects that unit only: a column of its own.
        case adminWithUnit, inspectorWithUnit

        var principal: StaffPrincipal {
            switch self {
            case .admin: StaffPrincipal(role: .admin, unitId: nil, username: "quantri")
            case .director: StaffPrincipal(role: .director, unitId: 1, username: "giamdoc")
            case .officer: StaffPrincipal(role: .officer, unitId: 1, officerId: 7, username: "canbo.lan")
            case .inspector: StaffPrincipal(role: .inspector, unitId: nil, username: "kiemtra")
            case .viewer: StaffPrincipal(role: .viewer, unitId: 1, username: "xem.phuong")
            case .cityViewer: StaffPrincipal(role: .viewer, unitId: nil, username: "xem.thanhpho")
            case .adminWithUnit: StaffPrincipal(role: .admin, unitId: 1, username: "quantri2")
            case .inspectorWithUnit: StaffPrincipal(role: .inspector, unitId: 1, username: "kiemtra2")
            }
        }

        /// The column of `expected` this account is checked against.
        var column: Int {
            switch self {
            case .admin, .adminWithUnit: 0
            case .director: 1
            case .officer: 2
            case .inspector: 3
            case .inspectorWithUnit: 4
            case .viewer: 5
            case .cityViewer: 6
            }
        }

        var testDescription: String { rawValue }
    }

    /// Columns: admin, director, officer, inspector (no unit), inspector of unit 1, viewer,
    /// city viewer. Each cell gives, in
    /// order, whether the action is allowed in the own unit (1), in another unit (2), in the
    /// global scope, and anywhere at all (for menus). Y yes, N no.
    static let expected: [StaffAction: String] = [
        //                       admin director officer inspector unit-insp viewer city
        .viewFigures:           "YYYY  YNNY  NNNN  YYYY  YNNY  YNNY  YYYY",
        .viewOwnFigures:        "NNNN  NNNN  YNNY  NNNN  NNNN  NNNN  NNNN",
        .viewDashboard:         "YYYY  YNNY  NNNN  NNNN  NNNN  YNNY  YYYY",
        .viewReports:           "YYYY  YNNY  NNNN  YYYY  YNNY  YNNY  YYYY",
        .exportRawData:         "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .viewCounters:          "YYYY  YNNY  YNNY  YYYY  YNNY  YNNY  YYYY",
        .manageCounters:        "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageOfficers:        "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageStaffAccounts:   "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .viewAPIKeys:           "YYYY  YNNY  NNNN  YYYY  YNNY  NNNN  NNNN",
        .manageAPIKeys:         "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .chooseUnitForm:        "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageUnits:           "YYYY  NNNN  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageSectors:         "YYYY  NNNN  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageProcedures:      "YYYY  NNNN  NNNN  NNNN  NNNN  NNNN  NNNN",
        .viewHolidayCalendar:   "YYYY  YYYY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .editHolidayCalendar:   "YYYY  YYYY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageDevices:         "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .manageWebhooks:        "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .operateCounterDisplay: "YYYY  YNNY  YNNY  NNNN  NNNN  NNNN  NNNN",
        .viewFeedback:          "YYYY  YNNY  NNNY  YYYY  YNNY  YNNY  YYYY",
        .intakeFeedback:        "YYYY  YNNY  YNNY  NNNN  NNNN  NNNN  NNNN",
        .handleFeedback:        "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
        .workAssignedFeedback:  "YYYY  YNNY  NNNY  NNNN  NNNN  NNNN  NNNN",
        .viewContactData:       "YYYY  YNNY  NNNY  NNNN  NNNN  NNNN  NNNN",
        .verifyConduct:         "YYYY  NNNN  NNNN  YYYY  YNNY  NNNN  NNNN",
        .inspect:               "YYYY  NNNN  NNNN  YYYY  YNNY  YNNY  YYYY",
        .sampleFeedback:        "YYYY  NNNN  NNNN  YYYY  YNNY  YNNY  YYYY",
        .exportFindings:        "YYYY  NNNN  NNNN  YYYY  YNNY  YNNY  YYYY",
        .reviewFeedback:        "YYYY  NNNN  NNNN  YYYY  YNNY  NNNN  NNNN",
        .readAuditLog:          "YYYY  NNNN  NNNN  YYYY  NNNN  NNNN  NNNN",
        .handlePrivacyRequests: "YYYY  YNNY  NNNN  NNNN  NNNN  NNNN  NNNN",
    ]

    /// The four answers of one cell.
    static func cell(_ action: StaffAction, _ account: Account) -> [Bool]? {
        guard let row = expected[action] else { return nil }
        let cells = row.split(separator: " ", omittingEmptySubsequences: true)
        guard cells.count == 7, account.column < cells.count else { return nil }
        let letters = Array(cells[account.column])
        guard letters.count == 4, letters.allSatisfy({ $0 == "Y" || $0 == "N" }) else { return nil }
        return letters.map { $0 == "Y" }
    }

    @Test("the expected table has one well-formed row for every action")
    func tableIsComplete() {
        #expect(Set(Self.expected.keys) == Set(StaffAction.allCases))
        for action in StaffAction.allCases {
            for account in Account.allCases {
                #expect(Self.cell(action, account) != nil, "\(action) \(account)")
            }
        }
    }

    @Test("every account x action x scope", arguments: Account.allCases, StaffAction.allCases)
    func cell(account: Account, action: StaffAction) throws {
        let want = try #require(Self.cell(action, account))
        let principal = account.principal
        #expect(AccessPolicy.allows(principal, action, in: .unit(1)) == want[0], "own unit")
        #expect(AccessPolicy.allows(principal, action, in: .unit(2)) == want[1], "other unit")
        #expect(AccessPolicy.allows(principal, action, in: .global) == want[2], "global")
        #expect(AccessPolicy.allowsAnywhere(principal, action) == want[3], "anywhere")
    }
}
