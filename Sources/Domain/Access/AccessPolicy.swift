/// The one access policy: who may do what, where. Pure functions of a `StaffPrincipal`;
/// controllers and views ask it, and compare no roles themselves (architecture.md).
///
/// The role table. Rows are `StaffAction`s, columns the kinds of account: A administrator,
/// D director, O officer, I inspector without a unit (city-wide), U inspector of a unit,
/// V viewer of a unit, C city viewer (a viewer without a unit). A cell is an `AccessReach`:
/// `all` every unit and what belongs to no unit (the `.global` scope), `own` the account's
/// unit only, `mine` only feedback items of the account's unit assigned to the account,
/// `-` never.
///
///     action                  A    D    O    I    U    V    C
///     viewFigures             all  own  -    all  own  own  all
///     viewOwnFigures          all† -    own† -    -    -    -
///     viewDashboard           all  own  -    -    -    own  all
///     viewReports             all  own  -    all  own  own  all
///     exportRawData           all  own  -    -    -    -    -
///     viewCounters            all  own  own  all  own  own  all
///     manageCounters          all  own  -    -    -    -    -
///     manageOfficers          all  own  -    -    -    -    -
///     manageStaffAccounts     all  own‡ -    -    -    -    -
///     viewAPIKeys             all  own  -    all  own  -    -
///     manageAPIKeys           all  own  -    -    -    -    -
///     chooseUnitForm          all  own  -    -    -    -    -
///     manageUnits             all  -    -    -    -    -    -
///     manageSectors           all  -    -    -    -    -    -
///     manageProcedures        all  -    -    -    -    -    -
///     viewHolidayCalendar     all  all  -    -    -    -    -
///     editHolidayCalendar     all  all  -    -    -    -    -
///     manageDevices           all  own  -    -    -    -    -
///     manageWebhooks          all  own  -    -    -    -    -
///     operateCounterDisplay   all  own  own  -    -    -    -
///     viewFeedback            all  own  mine all  own  -    all
///     intakeFeedback          all  own  own  -    -    -    -
///     handleFeedback          all  own  -    -    -    -    -
///     workAssignedFeedback    all  own  mine -    -    -    -
///     viewContactData         all  own  mine -    -    -    -
///     verifyConduct           all  -    -    all  own  -    -
///     inspect                 all  -    -    all  own  -    all
///     sampleFeedback          all  -    -    all  own  -    all
///     exportFindings          all  -    -    all  own  -    all
///     reviewFeedback          all  -    -    all  own  -    -
///     readAuditLog            all  -    -    all  -    -    -
///     handlePrivacyRequests   all  own  -    -    -    -    -
///
/// † only for an account linked to an officer record (`officerId`); without one, never.
/// ‡ and only for accounts of the roles `assignableRoles(by:)` gives: officer and viewer.
///
/// In words: an administrator does everything everywhere. A director runs their unit:
/// structure, accounts (officers and viewers), API keys, the form, counter display, figures,
/// reports, feedback handling, webhooks, devices, privacy requests; keeps the holiday
/// calendar (one for every unit). An officer operates the counter display, sees their own scores and the unit's
/// counters, keys in feedback received at the counter, and works on (and sees the contact
/// data of) feedback items assigned to them. An inspector reads every unit: figures, reports,
/// feedback, API keys, the audit log; verifies conduct items, samples, exports findings, writes
/// reviewer notes and checklists; never handles an item or alters a rating. An inspector
/// created with a unit does the same within that unit only, without the audit log. A viewer reads their unit's figures, reports and
/// counters; a city viewer reads every unit's figures, reports, feedback and the inspection
/// workspace, and changes nothing.
///
/// Fail closed: a director or officer without a unit may do nothing. An administrator's unit,
/// if any, changes nothing.
public enum AccessPolicy {
    /// How far the account's right to the action goes: its cell in the table above.
    public static func reach(of principal: StaffPrincipal, for action: StaffAction) -> AccessReach {
        if action == .viewOwnFigures, principal.officerId == nil { return .none }
        switch principal.role {
        case .admin:
            return .everyUnit
        case .inspector:
            return principal.unitId == nil ? inspector(action) : unitInspector(action)
        case .director:
            return principal.unitId == nil ? .none : director(action)
        case .officer:
            return principal.unitId == nil ? .none : officer(action)
        case .viewer:
            return principal.unitId == nil ? cityViewer(action) : unitViewer(action)
        }
    }

    /// Whether the account may do the action on something in `scope`. An `.assignedItems`
    /// reach is never enough here: ask `allows(_:_:onFeedbackIn:assignedTo:)` for an item.
    public static func allows(_ principal: StaffPrincipal, _ action: StaffAction, in scope: AccessScope) -> Bool {
        switch (reach(of: principal, for: action), scope) {
        case (.everyUnit, _): true
        case (.ownUnit, .unit(let unitId)): principal.unitId == unitId
        case (.ownUnit, .global), (.assignedItems, _), (.none, _): false
        }
    }

    /// Whether the account may do the action on one feedback item of the unit `unitId`,
    /// assigned to `assignee` (nil: to nobody yet). The rule "an officer acts only on items
    /// assigned to them" lives here.
    public static func allows(
        _ principal: StaffPrincipal, _ action: StaffAction, onFeedbackIn unitId: Int64, assignedTo assignee: FeedbackAssignee?
    ) -> Bool {
        switch reach(of: principal, for: action) {
        case .everyUnit: true
        case .ownUnit: principal.unitId == unitId
        case .assignedItems: principal.unitId == unitId && isAssignee(principal, assignee)
        case .none: false
        }
    }

    /// Whether an item of the unit `unitId` may be assigned to this account: only to one that
    /// could then work on it. An inspector or a viewer never could, and an item assigned to
    /// one would leave the unassigned queue with nobody to handle it.
    public static func mayBeAssigned(_ principal: StaffPrincipal, itemIn unitId: Int64) -> Bool {
        allows(principal, .workAssignedFeedback, onFeedbackIn: unitId, assignedTo: .staff(username: principal.username))
    }

    /// Whether the account may do the action somewhere (or on some item): for menus and links.
    public static func allowsAnywhere(_ principal: StaffPrincipal, _ action: StaffAction) -> Bool {
        reach(of: principal, for: action) != .none
    }

    /// The units in which the account may do the action: every unit, its own, or none. For
    /// `.assignedItems` this is the unit whose assigned items to look in.
    public static func units(_ principal: StaffPrincipal, for action: StaffAction) -> UnitSet {
        switch reach(of: principal, for: action) {
        case .everyUnit: .all
        case .ownUnit, .assignedItems: principal.unitId.map(UnitSet.one) ?? .none
        case .none: .none
        }
    }

    /// The units whose pages the account may open at all: administrators, inspectors and
    /// city viewers without a unit every unit; every other account its own unit (none without one).
    public static func visibleUnits(_ principal: StaffPrincipal) -> UnitSet {
        switch principal.role {
        case .admin: .all
        case .inspector where principal.unitId == nil, .viewer where principal.unitId == nil: .all
        case .inspector, .director, .officer, .viewer: principal.unitId.map(UnitSet.one) ?? .none
        }
    }

    /// Whether the account's pages offer a unit (ward) chooser: it sees several units.
    public static func mayChooseUnit(_ principal: StaffPrincipal) -> Bool {
        visibleUnits(principal) == .all
    }

    /// Whether the item's assignee is this account: its username, or its officer record.
    public static func isAssignee(_ principal: StaffPrincipal, _ assignee: FeedbackAssignee?) -> Bool {
        switch assignee {
        case .staff(let username): username == principal.username
        case .officer(let id): principal.officerId == id
        case nil: false
        }
    }
}
