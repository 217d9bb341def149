/// A named, inclusive range of days that figures are reported for.
public struct ReportPeriod: Sendable, Equatable {
    public var name: LocalizedText
    public var from: LocalDate
    public var to: LocalDate

    public init(name: LocalizedText, from: LocalDate, to: LocalDate) {
        self.name = name
        self.from = from
        self.to = to
    }

    /// This week (from Monday), this month, last month, this quarter and this year, each up to
    /// `today` at the latest.
    public static func standard(today: LocalDate) -> [ReportPeriod] {
        let weekStart = today.adding(days: -today.weekday)
        let monthStart = LocalDate(year: today.year, month: today.month, day: 1) ?? today
        let lastMonthEnd = monthStart.adding(days: -1)
        let lastMonthStart = LocalDate(year: lastMonthEnd.year, month: lastMonthEnd.month, day: 1) ?? lastMonthEnd
        let quarterMonth = (today.month - 1) / 3 * 3 + 1
        let quarterStart = LocalDate(year: today.year, month: quarterMonth, day: 1) ?? today
        let yearStart = LocalDate(year: today.year, month: 1, day: 1) ?? today
        return [
            ReportPeriod(name: LocalizedText(vi: "Tuần này", en: "This week"), from: weekStart, to: today),
            ReportPeriod(name: LocalizedText(vi: "Tháng này", en: "This month"), from: monthStart, to: today),
            ReportPeriod(name: LocalizedText(vi: "Tháng trước", en: "Last month"), from: lastMonthStart, to: lastMonthEnd),
            ReportPeriod(name: LocalizedText(vi: "Quý này", en: "This quarter"), from: quarterStart, to: today),
            ReportPeriod(name: LocalizedText(vi: "Năm nay", en: "This year"), from: yearStart, to: today),
        ]
    }
}
