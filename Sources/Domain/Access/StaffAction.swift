/// Everything a staff account may be allowed to do, for `AccessPolicy`. Each case says who
/// may do it and why; the table of `AccessPolicy` is the rule. "Own unit" is the account's
/// unit; a city viewer is a viewer without a unit.
public enum StaffAction: String, Sendable, Equatable, Hashable, CaseIterable {
    // MARK: figures and reports

    /// A unit's satisfaction and feedback figures: the figures pages, the dashboard, the
    /// indicators API with a staff session. Administrators, inspectors and city viewers
    /// everywhere; directors and viewers their unit. Not officers: they see their own (below),
    /// never their colleagues'.
    case viewFigures
    /// The dashboard at `/admin` (issue 10): targets, trend and breakdowns of the units the
    /// account reads. Administrators and city viewers every unit (with the city view),
    /// directors and unit viewers their unit. Officers and inspectors keep the staff home:
    /// officers see their own figures at `/me`, inspectors work in the inspection screens.
    case viewDashboard
    /// An officer's own scores (`/me`). Officer accounts linked to an officer record only.
    case viewOwnFigures
    /// The weekly and monthly reports, printable and as CSV/XLSX aggregates. Whoever sees
    /// the figures: administrators, inspectors and city viewers everywhere; directors and
    /// viewers their unit.
    case viewReports
    /// Raw response and feedback rows for analysis (never contact data). Administrators
    /// everywhere, directors their unit: they answer for the data leaving the service.
    case exportRawData

    // MARK: structure of a unit

    /// The counters list and their poster QR codes. Every role that works in or reads a
    /// unit: administrators, inspectors and city viewers everywhere; directors, officers and
    /// viewers their unit.
    case viewCounters
    /// Add counters, take them out of service and back. Administrators; directors in their unit.
    case manageCounters
    /// Add officers and assign them to counters. Administrators; directors in their unit.
    case manageOfficers
    /// Add, disable and enable staff accounts. Administrators; directors in their unit, and
    /// then only for the roles of `AccessPolicy.assignableRoles(by:)`.
    case manageStaffAccounts
    /// See the one-stop software's API keys (name, prefix, state; never the secret).
    /// Administrators and inspectors everywhere (inspectors check which systems feed a unit);
    /// directors their unit.
    case viewAPIKeys
    /// Create and revoke API keys. Administrators; directors in their unit.
    case manageAPIKeys
    /// Choose the survey form a unit's citizens answer. Administrators; directors in their unit.
    case chooseUnitForm
    /// Create units and change their names (the unit list belongs to no unit). Administrators.
    case manageUnits
    /// The sector catalogue, shared by every unit. Administrators.
    case manageSectors
    /// The procedure catalogue, shared by every unit. Administrators.
    case manageProcedures
    /// Read the holiday calendar deadlines are counted with (one calendar for every unit).
    /// Administrators and directors.
    case viewHolidayCalendar
    /// Add and remove holidays and make-up working days. Administrators only: one calendar
    /// serves every unit's deadlines.
    case editHolidayCalendar
    /// Kiosk devices and counter tablets registered to a unit. Administrators; directors in
    /// their unit.
    case manageDevices
    /// Webhooks of a unit (URL, secret, events). Administrators; directors in their unit.
    case manageWebhooks

    // MARK: at the counter

    /// Open a counter's display of single-use QR codes, move it on, take a counter.
    /// Administrators anywhere; directors and officers in their unit.
    case operateCounterDisplay

    // MARK: feedback

    /// Feedback queues and items with their timeline, without contact data. Administrators,
    /// inspectors and city viewers everywhere (read-only for the last two); directors their
    /// unit; officers only the items assigned to them.
    case viewFeedback
    /// Key in feedback received by hotline, letter, in person or at the counter.
    /// Administrators; directors and officers in their unit.
    case intakeFeedback
    /// Handle the unit's feedback: accept, assign, transfer, reject, extend, close, reopen,
    /// reclassify. Administrators; directors in their unit. Never inspectors: they check the
    /// handling, they do not do it.
    case handleFeedback
    /// Work on an item: start, resolve. Officers only on items assigned to them;
    /// directors on any item of their unit (they answer for it); administrators anywhere.
    case workAssignedFeedback
    /// A complainant's contact data: only staff who handle the item (product.md). Officers
    /// on items assigned to them, directors in their unit, administrators. Never inspectors
    /// or viewers.
    case viewContactData
    /// Record the verification outcome of a conduct item (có cơ sở / không có cơ sở / chưa
    /// xác minh). Administrators and inspectors: the inspection committee verifies conduct.
    case verifyConduct

    // MARK: inspection and oversight

    /// The inspection workspace: queues by deadline state, timelines, verification outcomes
    /// across units. Administrators, inspectors and city viewers (read-only), everywhere; an
    /// inspector created with a unit, that unit.
    case inspect
    /// Draw a sample of closed items to review (reads; alters no item). Administrators,
    /// inspectors and city viewers (product.md: they "sample closed items"), everywhere.
    case sampleFeedback
    /// Export the inspection's findings. Administrators, inspectors and city viewers
    /// (product.md: they "export findings"), everywhere.
    case exportFindings
    /// Write the inspection's own records: reviewer notes on an item and the checklist of a
    /// drawn sample. Administrators and inspectors (their unit, or every unit for an inspector
    /// without one); never city viewers, who read. Never the item's handling.
    case reviewFeedback
    /// The audit log of administrative actions (all units in one log). Administrators and
    /// inspectors.
    case readAuditLog
    /// Citizens' requests to see, correct or delete their data (domain.md §5).
    /// Administrators; directors in their unit, whose data it is.
    case handlePrivacyRequests
}
