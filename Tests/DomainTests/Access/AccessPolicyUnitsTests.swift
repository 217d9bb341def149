import Domain
import Testing

/// Which units an account sees, the ward chooser, and accounts the table does not show.
@Suite("AccessPolicy units")
struct AccessPolicyUnitsTests {
    typealias Account = AccessPolicyTableTests.Account

    @Test("visibleUnits and mayChooseUnit", arguments: Account.allCases)
    func visible(account: Account) {
        let (units, chooser): (UnitSet, Bool) =
            switch account {
            case .admin, .adminWithUnit, .inspector, .cityViewer: (.all, true)
            case .director, .officer, .viewer, .inspectorWithUnit: (.one(1), false)
            }
        #expect(AccessPolicy.visibleUnits(account.principal) == units)
        #expect(AccessPolicy.mayChooseUnit(account.principal) == chooser)
    }

    @Test("units(for:) of a few actions")
    func unitsForAction() {
        let display = StaffAction.operateCounterDisplay
        #expect(AccessPolicy.units(Account.admin.principal, for: display) == .all)
        #expect(AccessPolicy.units(Account.director.principal, for: display) == .one(1))
        #expect(AccessPolicy.units(Account.officer.principal, for: display) == .one(1))
        #expect(AccessPolicy.units(Account.inspector.principal, for: display) == .none)
        #expect(AccessPolicy.units(Account.viewer.principal, for: display) == .none)
        #expect(AccessPolicy.units(Account.cityViewer.principal, for: .viewFigures) == .all)
        #expect(AccessPolicy.units(Account.viewer.principal, for: .viewFigures) == .one(1))
        #expect(AccessPolicy.units(Account.officer.principal, for: .viewFigures) == .none)
        #expect(AccessPolicy.units(Account.director.principal, for: .viewHolidayCalendar) == .all)
        #expect(AccessPolicy.units(Account.inspector.principal, for: .inspect) == .all)
        #expect(AccessPolicy.units(Account.inspectorWithUnit.principal, for: .inspect) == .one(1))
        #expect(AccessPolicy.units(Account.cityViewer.principal, for: .reviewFeedback) == .none)
    }

    @Test("reach of a few cells")
    func reach() {
        #expect(AccessPolicy.reach(of: Account.admin.principal, for: .handleFeedback) == .everyUnit)
        #expect(AccessPolicy.reach(of: Account.director.principal, for: .handleFeedback) == .ownUnit)
        #expect(AccessPolicy.reach(of: Account.officer.principal, for: .workAssignedFeedback) == .assignedItems)
        #expect(AccessPolicy.reach(of: Account.inspector.principal, for: .handleFeedback) == .none)
    }

    @Test("a director or officer without a unit may do nothing", arguments: [StaffRole.director, .officer])
    func unitlessMayDoNothing(role: StaffRole) {
        let principal = StaffPrincipal(role: role, unitId: nil, officerId: 7, username: "lac.don.vi")
        for action in StaffAction.allCases {
            #expect(!AccessPolicy.allowsAnywhere(principal, action), "\(action)")
            #expect(!AccessPolicy.allows(principal, action, in: .global), "\(action)")
            #expect(!AccessPolicy.allows(principal, action, onFeedbackIn: 1, assignedTo: .officer(id: 7)), "\(action)")
        }
        #expect(AccessPolicy.visibleUnits(principal) == .none)
        #expect(!AccessPolicy.mayChooseUnit(principal))
    }

    @Test("viewOwnFigures needs an officer record")
    func ownFiguresNeedRecord() {
        #expect(!AccessPolicy.allowsAnywhere(StaffPrincipal(role: .officer, unitId: 1, officerId: nil, username: "canbo"), .viewOwnFigures))
        #expect(AccessPolicy.allows(StaffPrincipal(role: .officer, unitId: 1, officerId: 7, username: "canbo"), .viewOwnFigures, in: .unit(1)))
        #expect(AccessPolicy.allowsAnywhere(StaffPrincipal(role: .admin, unitId: nil, officerId: 7, username: "quantri"), .viewOwnFigures))
        #expect(!AccessPolicy.allowsAnywhere(StaffPrincipal(role: .director, unitId: 1, officerId: 7, username: "giamdoc"), .viewOwnFigures))
    }

    @Test("an officer account without an officer record keeps its other rights")
    func officerWithoutRecordOtherwiseSame() {
        let unlinked = StaffPrincipal(role: .officer, unitId: 1, officerId: nil, username: "canbo.moi")
        #expect(AccessPolicy.allows(unlinked, .operateCounterDisplay, in: .unit(1)))
        #expect(AccessPolicy.allows(unlinked, .intakeFeedback, in: .unit(1)))
        #expect(AccessPolicy.allows(unlinked, .viewCounters, in: .unit(1)))
        #expect(!AccessPolicy.allows(unlinked, .viewFigures, in: .unit(1)))
    }

    @Test("UnitSet contains and restriction")
    func unitSet() {
        #expect(UnitSet.all.contains(5))
        #expect(UnitSet.one(5).contains(5))
        #expect(!UnitSet.one(5).contains(6))
        #expect(!UnitSet.none.contains(5))
        #expect(UnitSet.all.restriction == nil)
        #expect(UnitSet.one(5).restriction == 5)
        #expect(UnitSet.none.restriction == nil)
    }
}
