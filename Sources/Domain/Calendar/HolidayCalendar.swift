/// The days off and make-up working days of one year (domain.md §4). The statute fixes only
/// eleven holidays; the government moves days and declares make-up working days every year,
/// so the calendar is data an administrator edits per year, never a rule computed in code.
public struct HolidayCalendar: Sendable, Equatable, Codable {
    /// One declared day. Ordinary weekdays and weekends are not listed: only the exceptions.
    public struct CalendarDay: Sendable, Equatable, Codable {
        public enum Kind: String, Codable, Sendable {
            /// A day off: a statutory holiday, a compensatory day (nghỉ bù) or a day moved
            /// (hoán đổi) by the government. Listed even when it falls on a weekend, so the
            /// calendar shows the statutory day behind a compensatory one.
            case holiday
            /// A Saturday or Sunday declared a working day (ngày làm bù) in exchange for a
            /// moved day off. Deadlines count it like any Monday.
            case makeUpWorkingDay
        }

        public var date: LocalDate
        public var kind: Kind
        public var name: LocalizedText
        /// Not yet announced by the government: computed from the statute (and, for lunar
        /// dates, from the lunar calendar). Deadlines still use it; screens can warn.
        public var tentative: Bool

        public init(date: LocalDate, kind: Kind, name: LocalizedText, tentative: Bool = false) {
            self.date = date
            self.kind = kind
            self.name = name
            self.tentative = tentative
        }

        private enum CodingKeys: String, CodingKey { case date, kind, name, tentative }

        // An administrator writes the file by hand: a missing `tentative` means announced.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            date = try container.decode(LocalDate.self, forKey: .date)
            kind = try container.decode(Kind.self, forKey: .kind)
            name = try container.decode(LocalizedText.self, forKey: .name)
            tentative = try container.decodeIfPresent(Bool.self, forKey: .tentative) ?? false
        }
    }

    public var year: Int
    public var days: [CalendarDay]

    public init(year: Int, days: [CalendarDay]) {
        self.year = year
        self.days = days
    }

    /// Checks what a hand-edited calendar can get wrong: a date typed into the wrong year,
    /// a date given twice (two entries that could disagree), a make-up working day on a
    /// weekday (which would change nothing and is certainly a typo). Errors come in the
    /// order of `days`, so the first one named is the first one to fix.
    public func validate() throws(CalendarError) {
        var seen = Set<LocalDate>()
        for day in days {
            guard day.date.year == year else { throw .dateOutsideYear(day.date) }
            guard seen.insert(day.date).inserted else { throw .duplicate(day.date) }
            if day.kind == .makeUpWorkingDay, day.date.weekday < 5 { throw .makeUpNotWeekend(day.date) }
        }
    }
}

/// Why a calendar was refused or a working day could not be decided. Each case reads as a
/// sentence in either language, so a deadline that cannot be computed says why on screen.
public enum CalendarError: Error, Equatable, Sendable {
    /// The year has no calendar. Deadlines are never guessed from the weekdays alone: a
    /// missing Tết would put a due date a week early.
    case noCalendar(year: Int)
    case dateOutsideYear(LocalDate)
    case duplicate(LocalDate)
    case makeUpNotWeekend(LocalDate)

    public var message: LocalizedText {
        switch self {
        case .noCalendar(let year):
            LocalizedText(
                vi: "Chưa có lịch nghỉ lễ năm \(year); không thể tính hạn.",
                en: "No holiday calendar for \(year); the deadline cannot be computed.")
        case .dateOutsideYear(let date):
            LocalizedText(
                vi: "Ngày \(date.vietnamese) không thuộc năm của lịch nghỉ lễ.",
                en: "\(date) is not in the holiday calendar's year.")
        case .duplicate(let date):
            LocalizedText(
                vi: "Ngày \(date.vietnamese) xuất hiện hai lần trong lịch nghỉ lễ.",
                en: "\(date) appears twice in the holiday calendar.")
        case .makeUpNotWeekend(let date):
            LocalizedText(
                vi: "Ngày làm bù \(date.vietnamese) không phải thứ Bảy hoặc Chủ nhật.",
                en: "The make-up working day \(date) is not a Saturday or Sunday.")
        }
    }
}

/// Working days across the years that have a calendar (domain.md §3): Monday to Friday that
/// are not a holiday, plus the declared make-up working days.
public struct WorkingCalendar: Sendable {
    private let calendars: [Int: HolidayCalendar]
    private let entries: [LocalDate: HolidayCalendar.CalendarDay]

    /// Validates every calendar. When a year is given twice the later one replaces the
    /// earlier, so an administrator's edited year can be passed after the shipped ones.
    public init(_ calendars: [HolidayCalendar]) throws(CalendarError) {
        var byYear: [Int: HolidayCalendar] = [:]
        for calendar in calendars {
            try calendar.validate()
            byYear[calendar.year] = calendar
        }
        var entries: [LocalDate: HolidayCalendar.CalendarDay] = [:]
        for calendar in byYear.values {
            for day in calendar.days { entries[day.date] = day }
        }
        self.calendars = byYear
        self.entries = entries
    }

    /// The years this calendar can decide, in order.
    public var years: [Int] { calendars.keys.sorted() }

    public func calendar(for year: Int) -> HolidayCalendar? { calendars[year] }

    /// The declared entry of a day, if any: lets a screen say why a day is off or that a
    /// due date rests on a tentative holiday.
    public func entry(on day: LocalDate) -> HolidayCalendar.CalendarDay? { entries[day] }

    /// Throws `noCalendar` for a day whose year has no calendar, even on a plain Tuesday:
    /// whether that Tuesday is a moved day off is exactly what is unknown.
    public func isWorkingDay(_ day: LocalDate) throws(CalendarError) -> Bool {
        guard calendars[day.year] != nil else { throw .noCalendar(year: day.year) }
        switch entries[day]?.kind {
        case .holiday: return false
        case .makeUpWorkingDay: return true
        case nil: return day.weekday < 5
        }
    }
}
