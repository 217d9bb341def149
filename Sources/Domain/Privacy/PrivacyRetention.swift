/// How long contact data is kept after an item is closed (domain.md §5, default 24 months):
/// through the same day `months` later, erased from the next day. Pure rule; the App applies
/// it daily and `hailong privacy purge` on demand.
public enum PrivacyRetention {
    public static let defaultMonths = 24

    /// The last day contact data of an item closed on `closedOn` is kept. A day that does
    /// not exist in the target month (31 August + 1 month) is the month's last day.
    public static func lastDay(closedOn: LocalDate, months: Int) -> LocalDate {
        let total = closedOn.year * 12 + (closedOn.month - 1) + max(months, 0)
        let year = total / 12
        let month = total % 12 + 1
        var day = closedOn.day
        while day > 28, LocalDate(year: year, month: month, day: day) == nil { day -= 1 }
        return LocalDate(year: year, month: month, day: day) ?? closedOn
    }

    /// Whether an item closed on `closedOn` has its contact data erased on `today`.
    public static func isExpired(closedOn: LocalDate, today: LocalDate, months: Int) -> Bool {
        today > lastDay(closedOn: closedOn, months: months)
    }
}
