/// The period a figure is computed for, as the dashboard's selector names it: an ISO week
/// (`2026-W48`), a month (`2026-11`), a quarter (`2026-Q4`), a campaign phase (`P2`, dates
/// from the campaign definition) or a custom range of days. Dates are inclusive.
public struct FigurePeriod: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case week, month, quarter, phase, custom
    }

    public var kind: Kind
    /// The period's code in URLs: `2026-W48`, `2026-11`, `2026-Q4`, `P2`; empty for a custom range.
    public var code: String
    public var from: LocalDate
    public var to: LocalDate
    public var name: LocalizedText

    public init(kind: Kind, code: String, from: LocalDate, to: LocalDate, name: LocalizedText) {
        self.kind = kind
        self.code = code
        self.from = from
        self.to = to
        self.name = name
    }

    /// Days in the period.
    public var length: Int { to.daysSinceEpoch - from.daysSinceEpoch + 1 }

    // MARK: kinds

    /// The ISO 8601 week (Monday to Sunday) that holds `day`.
    public static func week(containing day: LocalDate) -> FigurePeriod {
        let monday = day.adding(days: -day.weekday)
        let (year, number) = isoWeek(of: day)
        return FigurePeriod(
            kind: .week, code: "\(year)-W" + (number < 10 ? "0" : "") + "\(number)", from: monday, to: monday.adding(days: 6),
            name: LocalizedText(
                vi: "Tuần \(number)/\(year) (\(monday.vietnamese)–\(monday.adding(days: 6).vietnamese))",
                en: "Week \(number) of \(year) (\(monday.vietnamese)–\(monday.adding(days: 6).vietnamese))"))
    }

    public static func month(containing day: LocalDate) -> FigurePeriod {
        let first = LocalDate(year: day.year, month: day.month, day: 1) ?? day
        let last = (LocalDate(year: day.year + (day.month == 12 ? 1 : 0), month: day.month % 12 + 1, day: 1) ?? day).adding(days: -1)
        let code = "\(day.year)-" + (day.month < 10 ? "0" : "") + "\(day.month)"
        return FigurePeriod(
            kind: .month, code: code, from: first, to: last,
            name: LocalizedText(vi: "Tháng \(day.month)/\(day.year)", en: "\(monthNames[day.month - 1]) \(day.year)"))
    }

    public static func quarter(containing day: LocalDate) -> FigurePeriod {
        let quarter = (day.month - 1) / 3 + 1
        let first = LocalDate(year: day.year, month: quarter * 3 - 2, day: 1) ?? day
        let last = month(containing: LocalDate(year: day.year, month: quarter * 3, day: 1) ?? day).to
        return FigurePeriod(
            kind: .quarter, code: "\(day.year)-Q\(quarter)", from: first, to: last,
            name: LocalizedText(vi: "Quý \(quarter)/\(day.year)", en: "Q\(quarter) \(day.year)"))
    }

    public static func phase(_ phase: CampaignDefinition.Phase) -> FigurePeriod {
        FigurePeriod(
            kind: .phase, code: phase.id, from: phase.from, to: phase.to,
            name: LocalizedText(
                vi: "\(phase.name.vi) (\(phase.from.vietnamese)–\(phase.to.vietnamese))",
                en: "\(phase.name.en) (\(phase.from.vietnamese)–\(phase.to.vietnamese))"))
    }

    /// A custom range; nil when `to` is before `from`.
    public static func custom(from: LocalDate, to: LocalDate) -> FigurePeriod? {
        guard from <= to else { return nil }
        let text = "\(from.vietnamese)–\(to.vietnamese)"
        return FigurePeriod(kind: .custom, code: "", from: from, to: to, name: LocalizedText(vi: text, en: text))
    }

    /// Reads a period code (`2026-W48`, `2026-11`, `2026-Q4`, `P2`); nil for anything else,
    /// a week that does not exist, or a phase the campaign does not define.
    public static func parse(_ code: String, campaign: CampaignDefinition?) -> FigurePeriod? {
        if let phase = campaign?.phase(id: code) { return self.phase(phase) }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 2000, year <= 2100 else { return nil }
        let rest = parts[1]
        if rest.count == 2, let month = Int(rest), let first = LocalDate(year: year, month: month, day: 1) {
            return self.month(containing: first)
        }
        if rest.count == 2, rest.uppercased().hasPrefix("Q"), let quarter = Int(rest.dropFirst()), (1...4).contains(quarter),
            let first = LocalDate(year: year, month: quarter * 3 - 2, day: 1)
        {
            return self.quarter(containing: first)
        }
        if rest.count == 3, rest.uppercased().hasPrefix("W"), let number = Int(rest.dropFirst()), number >= 1,
            let january4 = LocalDate(year: year, month: 1, day: 4)
        {
            let monday = january4.adding(days: -january4.weekday + 7 * (number - 1))
            // Week 53 exists only in some years: the week found must carry the number asked.
            let week = self.week(containing: monday)
            return week.code == "\(year)-W\(rest.dropFirst())" ? week : nil
        }
        return nil
    }

    /// The period before this one, to compare with: the week, month or quarter before, the
    /// campaign's phase before (a range as long just before P1), a custom range as long.
    public func previous(campaign: CampaignDefinition?) -> FigurePeriod {
        let dayBefore = from.adding(days: -1)
        switch kind {
        case .week: return Self.week(containing: dayBefore)
        case .month: return Self.month(containing: dayBefore)
        case .quarter: return Self.quarter(containing: dayBefore)
        case .phase:
            if let phases = campaign?.phases, let index = phases.firstIndex(where: { $0.id == code }), index > 0 {
                return Self.phase(phases[index - 1])
            }
            return Self.custom(from: from.adding(days: -length), to: dayBefore) ?? self
        case .custom:
            return Self.custom(from: from.adding(days: -length), to: dayBefore) ?? self
        }
    }

    /// The ISO 8601 week-numbering year and week of `day`: the week belongs to the year of its Thursday.
    public static func isoWeek(of day: LocalDate) -> (year: Int, week: Int) {
        let thursday = day.adding(days: 3 - day.weekday)
        let january1 = LocalDate(year: thursday.year, month: 1, day: 1) ?? thursday
        return (thursday.year, (thursday.daysSinceEpoch - january1.daysSinceEpoch) / 7 + 1)
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
