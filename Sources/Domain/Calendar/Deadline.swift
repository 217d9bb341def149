/// A statutory time limit (domain.md §3). "Ngày làm việc" and "ngày" are different units in
/// the laws the table cites, so the unit is kept with the number, never converted.
public enum TimeLimit: Sendable, Equatable, Codable {
    /// Only working days are counted (e.g. 10 working days to answer a phản ánh).
    case workingDays(Int)
    /// Every day is counted (e.g. 30 days to decide a khiếu nại); only the last day must be
    /// a working day.
    case calendarDays(Int)
}

/// Due dates by Bộ luật Dân sự 2015, Điều 147-148: the day of receipt is not counted, and a
/// period ends at 24:00 Asia/Ho_Chi_Minh of its last day, so a returned date is the whole
/// day on which the item is still on time. Every function throws `noCalendar` rather than
/// guess when it needs a day whose year has no calendar.
public enum Deadline {
    /// The last day of `limit` for an item received on `receivedOn`. A limit of zero (or
    /// less, treated as zero) ends on the day of receipt, moved to the next working day if
    /// that day is not one. The day of receipt itself is otherwise never looked up, so an
    /// item received on 31/12 of a year without a calendar still gets a due date.
    public static func due(receivedOn: LocalDate, limit: TimeLimit, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate {
        switch limit {
        case .workingDays(let count):
            guard count > 0 else { return try nextWorkingDay(onOrAfter: receivedOn, calendar: calendar) }
            var day = receivedOn
            var counted = 0
            while counted < count {
                day = day.adding(days: 1)
                if try calendar.isWorkingDay(day) { counted += 1 }
            }
            return day
        case .calendarDays(let count):
            // Điều 148: a last day that is not a working day moves to the next working day.
            return try nextWorkingDay(onOrAfter: receivedOn.adding(days: max(count, 0)), calendar: calendar)
        }
    }

    /// Working days strictly after `today` up to and including `due`: on the due day itself
    /// there are 0 left and the item is still on time until 24:00. 0 when `due` is past.
    public static func workingDaysLeft(from today: LocalDate, until due: LocalDate, calendar: WorkingCalendar) throws(CalendarError) -> Int {
        guard due > today else { return 0 }
        var left = 0
        var day = today.adding(days: 1)
        while day <= due {
            if try calendar.isWorkingDay(day) { left += 1 }
            day = day.adding(days: 1)
        }
        return left
    }

    /// "Due soon" (domain.md §3): at most `threshold` working days left and not yet
    /// overdue. Counted in working days so a Friday does not look calmer than a Monday.
    public static func isDueSoon(today: LocalDate, due: LocalDate, calendar: WorkingCalendar, threshold: Int = 2) throws(CalendarError) -> Bool {
        guard today <= due else { return false }
        return try workingDaysLeft(from: today, until: due, calendar: calendar) <= threshold
    }

    /// On time = resolved at or before the due date in force; the caller passes the extended
    /// date when there is a lawful extension.
    public static func isOnTime(resolvedOn: LocalDate, due: LocalDate) -> Bool {
        resolvedOn <= due
    }

    private static func nextWorkingDay(onOrAfter start: LocalDate, calendar: WorkingCalendar) throws(CalendarError) -> LocalDate {
        var day = start
        // Ends: calendars cover finitely many years, and past the last one isWorkingDay throws.
        while try !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }
}
