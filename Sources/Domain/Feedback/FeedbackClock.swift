/// The deadline clock of one item (domain.md §3), a pure function of its kind, anonymity,
/// day of receipt and the events that move dates. Nothing is stored here: Storage keeps the
/// events and records the due date this returns after each of them, with the rules version.
///
/// The due date in force, step by step:
/// - anonymous: none, whatever the kind (`FeedbackContact.isAnonymous`);
/// - after a reopen: the kind's answer limit again (`FeedbackLimits.answer(for:)`), counted
///   from the last reopen day, lengthened by the extensions granted since;
/// - góp ý, phản ánh, kiến nghị: the answer limit from receipt (an `accept` changes nothing);
/// - khiếu nại, tố cáo: the acceptance limit from receipt until accepted, then the decision
///   or resolution limit from the day of acceptance, lengthened by the extensions in force.
///
/// A reclassification recomputes all of this from receipt with the new kind: the day of
/// acceptance is kept (it is a fact of the item, and the state stays "accepted"), but when
/// the kind changed the extensions granted before it are no longer in force, since they were
/// granted under the old kind's law. A change of category alone keeps them: the law, and so
/// the due date and the count of extensions, are those of the same kind. A day without a
/// calendar throws `CalendarError.noCalendar`; no date is ever guessed.
public struct FeedbackClock: Sendable, Equatable {
    /// The item's current kind (after any reclassification).
    public var kind: FeedbackKind
    public var isAnonymous: Bool
    public var receivedOn: LocalDate
    /// In the order recorded.
    public var events: [FeedbackClockEvent]

    public init(kind: FeedbackKind, isAnonymous: Bool, receivedOn: LocalDate, events: [FeedbackClockEvent] = []) {
        self.kind = kind
        self.isAnonymous = isAnonymous
        self.receivedOn = receivedOn
        self.events = events
    }

    /// The day of acceptance (thụ lý), if any.
    public var acceptedOn: LocalDate? {
        for event in events {
            if case .accepted(let day) = event { return day }
        }
        return nil
    }

    /// The day of the last reopen, if any.
    public var reopenedOn: LocalDate? {
        for event in events.reversed() {
            if case .reopened(let day) = event { return day }
        }
        return nil
    }

    /// Every extension ever granted, in order.
    public var extensions: [FeedbackExtension] {
        events.compactMap { event in
            if case .extended(let granted) = event { return granted }
            return nil
        }
    }

    /// The extensions that lengthen the current step: those granted after the last change
    /// of kind and the last reopen.
    public var extensionsInForce: [FeedbackExtension] {
        var inForce: [FeedbackExtension] = []
        for event in events {
            switch event {
            case .extended(let granted): inForce.append(granted)
            case .reclassified(_, let kindChanged): if kindChanged { inForce.removeAll() }
            case .reopened: inForce.removeAll()
            case .accepted: break
            }
        }
        return inForce
    }

    /// The step running now; nil for an anonymous item.
    public func step(limits: FeedbackLimits) -> FeedbackClockStep? {
        guard !isAnonymous else { return nil }
        let extended = extensionsInForce.count
        if let reopened = reopenedOn {
            return FeedbackClockStep(name: .reopened, countedFrom: reopened, limit: answerLimit(limits, extended), extensions: extended)
        }
        guard kind.needsAcceptance, let acceptance = limits.acceptance(for: kind) else {
            return FeedbackClockStep(name: .answer, countedFrom: receivedOn, limit: answerLimit(limits, 0))
        }
        guard let accepted = acceptedOn else {
            return FeedbackClockStep(name: .acceptance, countedFrom: receivedOn, limit: acceptance)
        }
        return FeedbackClockStep(name: .resolution, countedFrom: accepted, limit: answerLimit(limits, extended), extensions: extended)
    }

    /// The due date in force for the current step (`dueAt`); nil for an anonymous item.
    /// It does not depend on the state: once the item is handled, this is the date the
    /// handling is judged against.
    public func due(limits: FeedbackLimits, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate? {
        guard let step = step(limits: limits) else { return nil }
        return try step.due(calendar: calendar)
    }

    /// The last day to transfer an item outside the unit's competence, whatever the kind:
    /// from receipt, or from the last reopen (a reopened item is handled afresh). Nil for an
    /// anonymous item.
    public func transferDue(limits: FeedbackLimits, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate? {
        guard !isAnonymous else { return nil }
        return try Deadline.due(receivedOn: reopenedOn ?? receivedOn, limit: limits.transfer, calendar: calendar)
    }

    /// The due date a handling of `kind` on any day is judged against: the transfer limit
    /// for a transfer, the due date in force otherwise.
    public func due(for handling: FeedbackHandlingKind, limits: FeedbackLimits, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate? {
        switch handling {
        case .transfer: try transferDue(limits: limits, calendar: calendar)
        case .resolve, .reject: try due(limits: limits, calendar: calendar)
        }
    }

    /// Where an open item stands on `today`. The caller asks only for open items: a handled
    /// item is neither due soon nor overdue.
    public func status(today: LocalDate, limits: FeedbackLimits, calendar: WorkingCalendar) throws(CalendarError) -> FeedbackDeadlineStatus {
        guard let due = try due(limits: limits, calendar: calendar) else { return .noClock }
        if today > due { return .overdue }
        if try Deadline.isDueSoon(today: today, due: due, calendar: calendar, threshold: limits.dueSoonWorkingDays) { return .dueSoon }
        return .onTrack
    }

    /// Grants the next extension, numbered over the item's life, with its new due date; the
    /// caller appends it to the history as `.extended`. Refused for an anonymous item, for
    /// a kind or complexity the law does not extend, before acceptance, without a reason,
    /// and past the number of extensions the complexity allows.
    public func extend(on day: LocalDate, reason: String, complexity: ExtensionComplexity, limits: FeedbackLimits, calendar: WorkingCalendar) throws(FeedbackExtensionError) -> FeedbackExtension {
        guard !isAnonymous else { throw .noClock }
        let allowed = FeedbackLimits.maxExtensions(for: kind, complexity: complexity)
        guard allowed > 0 else { throw .notAllowed(kind, complexity) }
        guard let accepted = acceptedOn else { throw .notAccepted }
        guard reason.contains(where: { !$0.isWhitespace }) else { throw .missingReason }
        let inForce = extensionsInForce.count
        guard inForce < allowed, let limit = limits.answer(for: kind, extensions: inForce + 1) else {
            throw .limitReached(kind, complexity, max: allowed)
        }
        let due: LocalDate
        do {
            due = try Deadline.due(receivedOn: reopenedOn ?? accepted, limit: limit, calendar: calendar)
        } catch {
            throw .calendar(error)
        }
        return FeedbackExtension(number: extensions.count + 1, on: day, reason: reason, complexity: complexity, due: due)
    }

    /// The answer limit with `extended` extensions; history recorded under other limits may
    /// hold more extensions than the current limits know, and then the longest one applies.
    private func answerLimit(_ limits: FeedbackLimits, _ extended: Int) -> TimeLimit {
        var count = extended
        while count > 0 {
            if let limit = limits.answer(for: kind, extensions: count) { return limit }
            count -= 1
        }
        return limits.answer(for: kind, extensions: 0) ?? limits.gopYAnswer
    }
}
