/// The feedback figures of domain.md §6 for one unit and period: I3 (`counts.onTimeRate`),
/// I4 (`conduct`), and per officer TT 01 indices 7 and 8. A pure computation: today is a
/// parameter and every due date comes recorded in the items.
public struct FeedbackFigures: Sendable, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    /// The last day counted: `to` or today, whichever is earlier.
    public var end: LocalDate
    public var counts: FeedbackCounts
    public var conduct: ConductFigures
    /// Every officer serving in the period, and every other officer some item in the
    /// figures is about, sorted by officer.
    public var officers: [OfficerFeedbackFigures]

    public init(from: LocalDate, to: LocalDate, end: LocalDate, counts: FeedbackCounts, conduct: ConductFigures, officers: [OfficerFeedbackFigures]) {
        self.from = from
        self.to = to
        self.end = end
        self.counts = counts
        self.conduct = conduct
        self.officers = officers
    }

    /// The figures of `items` over [from, to] as of `today`.
    /// - received / anonymous: items received in [from, end];
    /// - resolved / onTime: handlings of clocked items dated in [from, end];
    /// - open / overdue: clocked items open at the end of `end` (received before or during
    ///   the period), overdue when the due date then in force is before `end`; so an item
    ///   still late counts against every period whose end finds it late;
    /// - conduct: `servingOfficers` and the distinct officers with a conduct item whose
    ///   verification, as it stood at the end, is "có cơ sở" and dated in [from, end]. A
    ///   substantiated item naming no officer marks nobody.
    /// A period that has not begun by today ends, by domain.md §6's rule, today (before it
    /// starts): nothing is received or handled in it, but the items open today are open at its
    /// end, and those already late count against it as overdue.
    public static func compute(items: [FeedbackFigureItem], servingOfficers: Set<String>, from: LocalDate, to: LocalDate, today: LocalDate) -> FeedbackFigures {
        let end = min(to, today)
        let unitCounts = counts(of: items, from: from, end: end)
        var substantiated = Set<String>()
        var named = Set<String>()
        for item in items where item.receivedOn <= end {
            guard let officer = item.officer else { continue }
            named.insert(officer)
            if end >= from, item.isSubstantiated(from: from, through: end) { substantiated.insert(officer) }
        }
        var officers: [OfficerFeedbackFigures] = []
        for officer in servingOfficers.union(named).sorted() {
            let own = counts(of: items.filter { $0.officer == officer }, from: from, end: end)
            let hasFigures = own != FeedbackCounts()
            let isSubstantiated = substantiated.contains(officer)
            guard servingOfficers.contains(officer) || hasFigures || isSubstantiated else { continue }
            officers.append(OfficerFeedbackFigures(officer: officer, counts: own, substantiated: isSubstantiated))
        }
        return FeedbackFigures(
            from: from, to: to, end: end, counts: unitCounts,
            conduct: ConductFigures(officers: servingOfficers.count, substantiatedOfficers: substantiated.sorted()),
            officers: officers)
    }

    private static func counts(of items: [FeedbackFigureItem], from: LocalDate, end: LocalDate) -> FeedbackCounts {
        var counts = FeedbackCounts()
        for item in items {
            guard let standing = item.standing(at: end) else { continue }
            if from <= item.receivedOn {
                counts.received += 1
                if item.isAnonymous { counts.anonymous += 1 }
            }
            guard !item.isAnonymous else { continue }
            for handling in item.handlings(from: from, through: end) {
                counts.resolved += 1
                if handling.isOnTime { counts.onTime += 1 }
            }
            if standing.open {
                counts.open += 1
                if let due = standing.due, due < end { counts.overdue += 1 }
            }
        }
        return counts
    }
}

extension FeedbackFigures {
    /// TT 01/2018 index 7 of the whole unit: 0 when any officer of it had a conduct item
    /// verified "có cơ sở" in the period, else 2 (domain.md §6 gives it per officer; the unit
    /// scores as its worst officer).
    public var index7: Int { conduct.substantiated > 0 ? 0 : 2 }

    /// The figures of several units taken together (the city view): counts added, officers
    /// added, substantiated officers kept apart by unit (`unit/officer`).
    public static func combined(_ parts: [(unit: String, figures: FeedbackFigures)], from: LocalDate, to: LocalDate, today: LocalDate) -> FeedbackFigures {
        var counts = FeedbackCounts()
        var officers = 0
        var substantiated: [String] = []
        for part in parts {
            let c = part.figures.counts
            counts.received += c.received
            counts.anonymous += c.anonymous
            counts.resolved += c.resolved
            counts.onTime += c.onTime
            counts.overdue += c.overdue
            counts.open += c.open
            officers += part.figures.conduct.officers
            substantiated += part.figures.conduct.substantiatedOfficers.map { part.unit + "/" + $0 }
        }
        return FeedbackFigures(
            from: from, to: to, end: min(to, today), counts: counts,
            conduct: ConductFigures(officers: officers, substantiatedOfficers: substantiated.sorted()), officers: [])
    }
}
