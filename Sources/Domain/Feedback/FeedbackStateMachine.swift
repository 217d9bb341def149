/// The states and actions of a feedback item (product.md, "Feedback"), as a pure function.
///
/// The table (`=` keeps the state, `-` is refused with `illegalTransition`):
///
/// | state \ action | accept   | assign   | start       | extend | transfer    | reject   | resolve  | verify | close  | reopen      | reclassify |
/// |----------------|----------|----------|-------------|--------|-------------|----------|----------|--------|--------|-------------|------------|
/// | received       | accepted | assigned | -           | -      | transferred | rejected | resolved | =      | -      | -           | =          |
/// | accepted       | -        | assigned | -           | =      | transferred | -        | resolved | =      | -      | -           | =          |
/// | assigned       | =*       | assigned | in-progress | =      | transferred | rejected*| resolved | =      | -      | -           | =          |
/// | in-progress    | =*       | assigned | -           | =      | transferred | rejected*| resolved | =      | -      | -           | =          |
/// | resolved       | -        | -        | -           | -      | -           | -        | -        | =      | closed | in-progress | -          |
/// | closed         | -        | -        | -           | -      | -           | -        | -        | -      | -      | in-progress | -          |
/// | transferred    | -        | -        | -           | -      | -           | -        | -        | =      | closed | -           | -          |
/// | rejected       | -        | -        | -           | -      | -           | -        | -        | =      | closed | -           | -          |
///
/// Why these rows: `reject` is a refusal to accept ("rejected: not accepted, with a reason"),
/// so it exists only while the item is still received, not once it is accepted. `*`: a
/// clocked khiếu nại or tố cáo that is assigned (or reclassified into one of those kinds)
/// before its acceptance must still be accepted or refused (domain.md §3); without these
/// cells it could be neither, nor resolved, and ran overdue for good (2026-11-30 audit);
/// `assign` from assigned or in-progress is a reassignment; a reopened item is in progress
/// again; `verify` records a fact and may come after the answer, never once closed.
///
/// Checks beyond the table (in this order: table, history, fields, reopen window):
/// - `resolve`: a clocked khiếu nại or tố cáo must be accepted first (for the other kinds,
///   and for anonymous items, which are handled as anonymous góp ý, accept is optional: a
///   phản ánh may be answered straight from receipt); `result` is required. A conduct item's
///   verification may come before or after the answer (it is often the inspection
///   committee's, later): screens list conduct items still without an outcome.
/// - `extend`: only khiếu nại and tố cáo, not anonymous, accepted; `reason` and
///   `complexity` are required. How many extensions remain is `FeedbackClock.extend`'s check.
/// - `verify`: conduct items only; `outcome` is required.
/// - `reopen`: only when the last handling was a `resolve`, until the end of
///   `FeedbackLimits.reopenWindow` counted from the handling day; `reason` is required.
/// - `assign` needs `assignee` and `task`; `transfer` needs `transferTo` and `reason`; `reject` needs
///   `reason`; `reclassify` needs `kind` and `category`.
public enum FeedbackStateMachine {
    /// The state after `action` in `state` by the table alone, or nil when the table refuses
    /// it. For screens that list the possible actions; `next` makes the decision.
    public static func target(of action: FeedbackAction, from state: FeedbackState) -> FeedbackState? {
        switch (action, state) {
        case (.accept, .received): .accepted
        case (.accept, .assigned), (.accept, .inProgress): state
        case (.reject, .assigned), (.reject, .inProgress): .rejected
        case (.assign, .received), (.assign, .accepted), (.assign, .assigned), (.assign, .inProgress): .assigned
        case (.start, .assigned): .inProgress
        case (.extend, .accepted), (.extend, .assigned), (.extend, .inProgress): state
        case (.transfer, .received), (.transfer, .accepted), (.transfer, .assigned), (.transfer, .inProgress): .transferred
        case (.reject, .received): .rejected
        case (.resolve, .received), (.resolve, .accepted), (.resolve, .assigned), (.resolve, .inProgress): .resolved
        case (.verify, _): state == .closed ? nil : state
        case (.close, .resolved), (.close, .rejected), (.close, .transferred): .closed
        case (.reopen, .resolved), (.reopen, .closed): .inProgress
        case (.reclassify, _): state.isOpen ? state : nil
        default: nil
        }
    }

    /// The state after `action`, or the reason it is refused. `today` and `calendar` are
    /// read only by `reopen`, whose window is counted in working days.
    public static func next(
        from state: FeedbackState, action: FeedbackAction, facts: FeedbackItemFacts,
        fields: FeedbackActionFields = FeedbackActionFields(),
        today: LocalDate, limits: FeedbackLimits, calendar: WorkingCalendar
    ) throws(FeedbackTransitionError) -> FeedbackState {
        guard let target = target(of: action, from: state) else { throw .illegalTransition(state, action) }
        switch action {
        case .accept:
            if state != .received, !facts.awaitsAcceptance { throw .illegalTransition(state, action) }
        case .start, .close:
            break
        case .assign:
            try require(fields.assignee, "assignee", for: action)
            try require(fields.task, "task", for: action)
        case .extend:
            guard facts.kind.needsAcceptance else { throw .notExtendable(facts.kind) }
            guard !facts.isAnonymous else { throw .noClock }
            guard facts.isAccepted else { throw .notAccepted(facts.kind, action) }
            try require(fields.reason, "reason", for: action)
            guard fields.complexity != nil else { throw .missingField(action, "complexity") }
        case .transfer:
            try require(fields.transferTo, "to", for: action)
            try require(fields.reason, "reason", for: action)
        case .reject:
            if state != .received, !facts.awaitsAcceptance { throw .illegalTransition(state, action) }
            try require(fields.reason, "reason", for: action)
        case .resolve:
            if facts.awaitsAcceptance { throw .notAccepted(facts.kind, action) }
            try require(fields.result, "result", for: action)
        case .verify:
            guard facts.isConduct else { throw .notConduct }
            guard fields.outcome != nil else { throw .missingField(action, "outcome") }
        case .reopen:
            guard let handling = facts.lastHandling, handling.kind == .resolve else { throw .notAnswered }
            try require(fields.reason, "reason", for: action)
            let until: LocalDate
            do {
                until = try reopenDeadline(resolvedOn: handling.on, limits: limits, calendar: calendar)
            } catch {
                throw .calendar(error)
            }
            guard today <= until else { throw .reopenWindowClosed(until: until) }
        case .reclassify:
            guard fields.kind != nil else { throw .missingField(action, "kind") }
            guard fields.category != nil else { throw .missingField(action, "category") }
        }
        return target
    }

    /// The last day an item answered on `resolvedOn` may be reopened.
    public static func reopenDeadline(resolvedOn: LocalDate, limits: FeedbackLimits, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate {
        try Deadline.due(receivedOn: resolvedOn, limit: limits.reopenWindow, calendar: calendar)
    }

    private static func require(_ field: String?, _ name: String, for action: FeedbackAction) throws(FeedbackTransitionError) {
        guard let field, field.contains(where: { !$0.isWhitespace }) else { throw .missingField(action, name) }
    }
}
