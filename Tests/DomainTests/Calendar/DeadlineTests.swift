import Domain
import Foundation
import Testing

/// Every expected date below is counted by hand on the 2026-2027 calendar; the count is in
/// the comment so a reviewer can redo it.
@Suite("Deadline")
struct DeadlineTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try WorkingCalendar(HolidayCalendar.shipped)
    }

    private func due(_ received: String, _ limit: TimeLimit) throws -> LocalDate {
        try Deadline.due(receivedOn: try ymd(received), limit: limit, calendar: calendar)
    }

    // MARK: working days

    @Test("10 working days from a Monday in a month without holidays")
    func tenFromMonday() throws {
        // Received Mon 02/03/2026, not counted. Tue 3 (1), Wed 4 (2), Thu 5 (3), Fri 6 (4),
        // Mon 9 (5), Tue 10 (6), Wed 11 (7), Thu 12 (8), Fri 13 (9), Mon 16 (10).
        #expect(try due("2026-03-02", .workingDays(10)) == (try ymd("2026-03-16")))
    }

    @Test("a receipt on a Friday starts counting on Monday")
    func receivedFriday() throws {
        // Received Fri 06/03/2026. Mon 9 (1) ... Fri 13 (5).
        #expect(try due("2026-03-06", .workingDays(5)) == (try ymd("2026-03-13")))
        // 1 working day: Monday, not Saturday.
        #expect(try due("2026-03-06", .workingDays(1)) == (try ymd("2026-03-09")))
    }

    @Test("a receipt on a weekend counts from the next working day")
    func receivedSaturday() throws {
        // Received Sat 07/03/2026. Mon 9 (1), Tue 10 (2).
        #expect(try due("2026-03-07", .workingDays(2)) == (try ymd("2026-03-10")))
    }

    @Test("10 working days across Tết Bính Ngọ 2026")
    func acrossTet2026() throws {
        // Received Wed 11/02/2026. Thu 12 (1), Fri 13 (2); Sat 14 - Sun 22 off (weekends and
        // Tết 16-20/02); Mon 23 (3), Tue 24 (4), Wed 25 (5), Thu 26 (6), Fri 27 (7),
        // Mon 02/03 (8), Tue 3 (9), Wed 4 (10). Without Tết it would be Wed 25/02.
        #expect(try due("2026-02-11", .workingDays(10)) == (try ymd("2026-03-04")))
    }

    @Test("a make-up Saturday counts as a working day")
    func makeUpSaturdayCounts() throws {
        // Received Fri 09/01/2026; Sat 10/01 is a make-up working day (1).
        #expect(try due("2026-01-09", .workingDays(1)) == (try ymd("2026-01-10")))
        // Received Wed 31/12/2025 (no 2025 calendar needed: the day of receipt is not counted).
        // Thu 1 and Fri 2 off, Sat 3 and Sun 4 off; Mon 5 (1), Tue 6 (2), Wed 7 (3), Thu 8 (4),
        // Fri 9 (5), Sat 10 make-up (6).
        #expect(try due("2025-12-31", .workingDays(5)) == (try ymd("2026-01-09")))
        #expect(try due("2025-12-31", .workingDays(6)) == (try ymd("2026-01-10")))
    }

    @Test("5 working days across Giỗ Tổ and 30/4-1/5 2026")
    func acrossApril2026() throws {
        // Received Fri 24/04/2026. Sat 25, Sun 26 (Giỗ Tổ), Mon 27 (nghỉ bù) off; Tue 28 (1),
        // Wed 29 (2); Thu 30, Fri 01/05, Sat 2, Sun 3 off; Mon 4 (3), Tue 5 (4), Wed 6 (5).
        #expect(try due("2026-04-24", .workingDays(5)) == (try ymd("2026-05-06")))
    }

    @Test("a limit of zero is the day of receipt, or the next working day")
    func zeroLimit() throws {
        #expect(try due("2026-03-10", .workingDays(0)) == (try ymd("2026-03-10")))
        #expect(try due("2026-03-07", .workingDays(0)) == (try ymd("2026-03-09")))
        #expect(try due("2026-03-07", .calendarDays(0)) == (try ymd("2026-03-09")))
    }

    // MARK: calendar days

    @Test("30 days ending on a working day stay there")
    func thirtyDaysPlain() throws {
        // Received Mon 02/03/2026: 29 days left in March after the 2nd, then 01/04 (30), a Wednesday.
        #expect(try due("2026-03-02", .calendarDays(30)) == (try ymd("2026-04-01")))
    }

    @Test("30 days ending on a Sunday move to Monday")
    func thirtyDaysSunday() throws {
        // Received Fri 27/02/2026: 28/02 (1), 01/03 (2) ... 29/03 (30), a Sunday -> Mon 30/03.
        #expect(try ymd("2026-03-29").weekday == 6)
        #expect(try due("2026-02-27", .calendarDays(30)) == (try ymd("2026-03-30")))
    }

    @Test("calendar days count through holidays; a last day on a holiday moves to the next working day")
    func thirtyDaysHoliday() throws {
        // Received Tue 31/03/2026: 30 days later is Thu 30/04, a holiday; Fri 01/05 holiday,
        // Sat 2, Sun 3 -> Mon 04/05.
        #expect(try due("2026-03-31", .calendarDays(30)) == (try ymd("2026-05-04")))
        // Received Fri 27/03/2026: 30 days later is Sun 26/04 (Giỗ Tổ); Mon 27 is its nghỉ bù
        // -> Tue 28/04.
        #expect(try due("2026-03-27", .calendarDays(30)) == (try ymd("2026-04-28")))
        // Received Fri 30/01/2026: 18 days later is Tue 17/02, mùng 1 Tết -> Mon 23/02.
        #expect(try due("2026-01-30", .calendarDays(18)) == (try ymd("2026-02-23")))
    }

    // MARK: missing calendars

    @Test("a working-day deadline running into 2028 is refused")
    func workingDaysInto2028() throws {
        // Received Mon 20/12/2027: Tue 21 (1) ... Fri 24 (4), Mon 27 (5) ... Fri 31 (9).
        #expect(try due("2027-12-20", .workingDays(9)) == (try ymd("2027-12-31")))
        #expect(throws: CalendarError.noCalendar(year: 2028)) { try due("2027-12-20", .workingDays(10)) }
    }

    @Test("a calendar-day deadline ending in 2028 is refused, even on a weekday")
    func calendarDaysInto2028() throws {
        // 15/12/2027 + 30 days = Fri 14/01/2028: only the 2028 calendar could say it is a working day.
        #expect(throws: CalendarError.noCalendar(year: 2028)) { try due("2027-12-15", .calendarDays(30)) }
    }

    @Test("a gap year is refused, not skipped")
    func gapYear() throws {
        let only2027 = try WorkingCalendar([HolidayCalendar.vietnam2027])
        #expect(throws: CalendarError.noCalendar(year: 2026)) {
            try Deadline.due(receivedOn: try ymd("2026-12-28"), limit: .workingDays(3), calendar: only2027)
        }
    }

    // MARK: days left, due soon, on time

    @Test(
        "working days left around a weekend",
        arguments: [
            ("2026-03-06", "2026-03-06", 0),  // due today: still on time, nothing left
            ("2026-03-06", "2026-03-09", 1),  // Fri -> Mon: Sat and Sun do not count
            ("2026-03-06", "2026-03-10", 2),
            ("2026-03-06", "2026-03-11", 3),
            ("2026-03-07", "2026-03-09", 1),  // from a Saturday
            ("2026-03-09", "2026-03-06", 0),  // overdue
            ("2026-04-24", "2026-04-28", 1),  // Fri -> Tue over Giỗ Tổ and its nghỉ bù
        ])
    func daysLeft(today: String, due: String, left: Int) throws {
        #expect(try Deadline.workingDaysLeft(from: try ymd(today), until: try ymd(due), calendar: calendar) == left)
    }

    @Test(
        "due soon = at most 2 working days left and not overdue",
        arguments: [
            ("2026-03-06", "2026-03-10", true),  // Fri, due Tue: Mon and Tue left
            ("2026-03-06", "2026-03-11", false),  // Fri, due Wed: 3 left
            ("2026-03-06", "2026-03-06", true),  // due today
            ("2026-03-09", "2026-03-06", false),  // overdue is not "soon"
            ("2026-02-13", "2026-02-24", true),  // Fri before Tết, due Tue after: Mon 23, Tue 24
        ])
    func dueSoon(today: String, due: String, soon: Bool) throws {
        #expect(try Deadline.isDueSoon(today: try ymd(today), due: try ymd(due), calendar: calendar) == soon)
    }

    @Test("the due-soon threshold is configurable")
    func dueSoonThreshold() throws {
        let friday = try ymd("2026-03-06")
        #expect(try !Deadline.isDueSoon(today: friday, due: try ymd("2026-03-09"), calendar: calendar, threshold: 0))
        #expect(try Deadline.isDueSoon(today: friday, due: friday, calendar: calendar, threshold: 0))
        #expect(try Deadline.isDueSoon(today: friday, due: try ymd("2026-03-11"), calendar: calendar, threshold: 3))
    }

    @Test("days left refuses to count through a year without a calendar")
    func daysLeftNoCalendar() throws {
        #expect(throws: CalendarError.noCalendar(year: 2028)) {
            try Deadline.workingDaysLeft(from: try ymd("2027-12-30"), until: try ymd("2028-01-04"), calendar: calendar)
        }
    }

    @Test("on time = resolved at or before the due date")
    func onTime() throws {
        let due = try ymd("2026-03-16")
        #expect(Deadline.isOnTime(resolvedOn: try ymd("2026-03-13"), due: due))
        #expect(Deadline.isOnTime(resolvedOn: due, due: due))
        #expect(!Deadline.isOnTime(resolvedOn: try ymd("2026-03-17"), due: due))
    }

    @Test("a time limit keeps its unit in JSON")
    func timeLimitCodable() throws {
        for limit in [TimeLimit.workingDays(10), .calendarDays(30)] {
            let data = try JSONEncoder().encode(limit)
            #expect(try JSONDecoder().decode(TimeLimit.self, from: data) == limit)
        }
        #expect(TimeLimit.workingDays(10) != .calendarDays(10))
    }
}
