import Domain
import Foundation
import Testing

/// Parses a date literal of a test; a typo fails the test instead of crashing it.
func ymd(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalDate {
    try #require(LocalDate(text), "bad literal \(text)", sourceLocation: sourceLocation)
}

private func entry(_ text: String, _ kind: HolidayCalendar.CalendarDay.Kind = .holiday) throws -> HolidayCalendar.CalendarDay {
    HolidayCalendar.CalendarDay(date: try ymd(text), kind: kind, name: LocalizedText(vi: "Ngày thử", en: "Test day"))
}

@Suite("HolidayCalendar")
struct HolidayCalendarTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try WorkingCalendar(HolidayCalendar.shipped)
    }

    // MARK: validation

    @Test("a well-formed calendar validates")
    func validCalendar() throws {
        let calendar = HolidayCalendar(year: 2030, days: [try entry("2030-01-01"), try entry("2030-01-05", .makeUpWorkingDay)])
        #expect(throws: Never.self) { try calendar.validate() }
    }

    @Test("a date outside the calendar's year is refused")
    func dateOutsideYear() throws {
        let calendar = HolidayCalendar(year: 2030, days: [try entry("2030-01-01"), try entry("2031-01-01")])
        #expect(throws: CalendarError.dateOutsideYear(try ymd("2031-01-01"))) { try calendar.validate() }
    }

    @Test("a date listed twice is refused, even with different kinds")
    func duplicate() throws {
        let calendar = HolidayCalendar(year: 2030, days: [try entry("2030-01-05"), try entry("2030-01-05", .makeUpWorkingDay)])
        #expect(throws: CalendarError.duplicate(try ymd("2030-01-05"))) { try calendar.validate() }
    }

    @Test("a make-up working day on a weekday is refused", arguments: ["2030-01-07", "2030-01-11"])  // Monday, Friday
    func makeUpNotWeekend(date: String) throws {
        let calendar = HolidayCalendar(year: 2030, days: [try entry(date, .makeUpWorkingDay)])
        #expect(throws: CalendarError.makeUpNotWeekend(try ymd(date))) { try calendar.validate() }
    }

    @Test("a make-up working day on a Saturday or a Sunday is accepted", arguments: ["2030-01-05", "2030-01-06"])
    func makeUpOnWeekend(date: String) throws {
        let calendar = HolidayCalendar(year: 2030, days: [try entry(date, .makeUpWorkingDay)])
        #expect(throws: Never.self) { try calendar.validate() }
    }

    @Test("a working calendar refuses an invalid year")
    func workingCalendarValidates() throws {
        let bad = HolidayCalendar(year: 2030, days: [try entry("2029-12-31")])
        #expect(throws: CalendarError.dateOutsideYear(try ymd("2029-12-31"))) { try WorkingCalendar([HolidayCalendar.vietnam2026, bad]) }
    }

    @Test("errors read as sentences in both languages")
    func messages() throws {
        let message = CalendarError.noCalendar(year: 2028).message
        #expect(message.vi == "Chưa có lịch nghỉ lễ năm 2028; không thể tính hạn.")
        #expect(message.en == "No holiday calendar for 2028; the deadline cannot be computed.")
        #expect(CalendarError.duplicate(try ymd("2026-01-02")).message.vi.contains("02/01/2026"))
        #expect(CalendarError.makeUpNotWeekend(try ymd("2026-01-05")).message.en.contains("2026-01-05"))
    }

    // MARK: shipped data

    @Test("the shipped calendars are 2026 and 2027 and validate")
    func shippedValidate() throws {
        #expect(HolidayCalendar.shipped.map(\.year) == [2026, 2027])
        for calendar in HolidayCalendar.shipped {
            #expect(throws: Never.self) { try calendar.validate() }
            for entry in calendar.days {
                #expect(!entry.name.vi.isEmpty && !entry.name.en.isEmpty, "\(entry.date) needs both names")
            }
        }
        #expect(calendar.years == [2026, 2027])
    }

    @Test("2026 has the statutory holidays on their dates")
    func statutory2026() throws {
        let statutory = [
            "2026-01-01",  // Tết Dương lịch
            "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",  // Tết Bính Ngọ, 29 Chạp to mùng 4
            "2026-04-26",  // Giỗ Tổ Hùng Vương, 10/3 Bính Ngọ
            "2026-04-30", "2026-05-01",
            "2026-09-01", "2026-09-02",  // Quốc khánh and the adjacent day
        ]
        #expect(statutory.count == 11)  // Bộ luật Lao động 2019, Điều 112: eleven days
        for text in statutory {
            let found = try #require(calendar.entry(on: try ymd(text)), "\(text) missing")
            #expect(found.kind == .holiday)
            #expect(!found.tentative, "\(text) was announced")
        }
        // 17/02/2026 is mùng 1 Tết Bính Ngọ, a Tuesday.
        #expect(try ymd("2026-02-17").weekday == 1)
        #expect(calendar.entry(on: try ymd("2026-02-17"))?.name.vi == "Tết Nguyên đán (mùng 1)")
    }

    @Test("2026 moved days, nghỉ bù and make-up working days as announced")
    func moved2026() throws {
        let holidays = ["2026-01-02", "2026-04-27", "2026-08-31"]
        let makeUps = ["2026-01-10", "2026-08-22"]
        for text in holidays { #expect(calendar.entry(on: try ymd(text))?.kind == .holiday, "\(text)") }
        for text in makeUps {
            #expect(calendar.entry(on: try ymd(text))?.kind == .makeUpWorkingDay, "\(text)")
            #expect(try ymd(text).weekday == 5, "\(text) is a Saturday")
        }
        #expect(HolidayCalendar.vietnam2026.days.count == 11 + holidays.count + makeUps.count)
        #expect(HolidayCalendar.vietnam2026.days.allSatisfy { !$0.tentative })
    }

    @Test("2027: fixed dates are firm, lunar dates and nghỉ bù are tentative")
    func tentative2027() throws {
        let firm = ["2027-01-01", "2027-04-30", "2027-05-01", "2027-09-02"]
        let tentative = [
            "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09",  // Tết Đinh Mùi, mùng 1 = 06/02
            "2027-02-10", "2027-02-11",  // nghỉ bù for mùng 1 and 2 on the weekend
            "2027-04-16",  // Giỗ Tổ, 10/3 Đinh Mùi
            "2027-05-03",  // nghỉ bù for Saturday 01/05
            "2027-09-03",  // the adjacent day, not yet chosen
        ]
        for text in firm {
            let found = try #require(calendar.entry(on: try ymd(text)), "\(text) missing")
            #expect(found.kind == .holiday && !found.tentative, "\(text)")
        }
        for text in tentative {
            let found = try #require(calendar.entry(on: try ymd(text)), "\(text) missing")
            #expect(found.kind == .holiday && found.tentative, "\(text)")
        }
        #expect(HolidayCalendar.vietnam2027.days.count == firm.count + tentative.count)
        #expect(try ymd("2027-05-01").weekday == 5)  // Saturday, hence the nghỉ bù on Monday 03/05
        #expect(try ymd("2027-05-03").weekday == 0)
    }

    // MARK: working days

    @Test(
        "working days",
        arguments: [
            ("2026-03-10", true),  // an ordinary Tuesday
            ("2026-03-07", false),  // Saturday
            ("2026-03-08", false),  // Sunday
            ("2026-02-17", false),  // mùng 1 Tết, a Tuesday
            ("2026-04-27", false),  // Monday, nghỉ bù for Giỗ Tổ on Sunday 26/04
            ("2026-08-31", false),  // Monday swapped for Saturday 22/08
            ("2026-01-10", true),  // make-up Saturday
            ("2026-08-22", true),  // make-up Saturday
            ("2026-01-11", false),  // the Sunday after it stays a day off
            ("2027-02-10", false),  // tentative nghỉ bù still counts as a day off
            ("2027-12-31", true),  // Friday
        ])
    func workingDays(date: String, working: Bool) throws {
        #expect(try calendar.isWorkingDay(try ymd(date)) == working)
    }

    @Test("a day in a year without a calendar is not guessed", arguments: ["2028-01-03", "2028-01-01", "2025-12-31"])
    func noCalendar(date: String) throws {
        let date = try ymd(date)
        #expect(throws: CalendarError.noCalendar(year: date.year)) { try calendar.isWorkingDay(date) }
    }

    @Test("a year given again replaces the shipped one")
    func laterYearReplaces() throws {
        // An administrator adds Ngày Văn hóa Việt Nam, Tuesday 24/11/2026, to the shipped year.
        var edited = HolidayCalendar.vietnam2026
        edited.days.append(HolidayCalendar.CalendarDay(
            date: try ymd("2026-11-24"), kind: .holiday, name: LocalizedText(vi: "Ngày Văn hóa Việt Nam", en: "Vietnam Culture Day")))
        let calendar = try WorkingCalendar(HolidayCalendar.shipped + [edited])
        #expect(try self.calendar.isWorkingDay(try ymd("2026-11-24")))
        #expect(try !calendar.isWorkingDay(try ymd("2026-11-24")))
        #expect(try !calendar.isWorkingDay(try ymd("2026-02-17")))
        #expect(calendar.years == [2026, 2027])
    }

    // MARK: storage

    @Test("a calendar survives JSON, and a missing tentative means announced")
    func codable() throws {
        let data = try JSONEncoder().encode(HolidayCalendar.vietnam2027)
        #expect(try JSONDecoder().decode(HolidayCalendar.self, from: data) == HolidayCalendar.vietnam2027)

        let json = #"{"year":2030,"days":[{"date":"2030-01-05","kind":"makeUpWorkingDay","name":{"vi":"Làm bù","en":"Make-up"}}]}"#
        let decoded = try JSONDecoder().decode(HolidayCalendar.self, from: Data(json.utf8))
        let first = try #require(decoded.days.first)
        #expect(first.kind == .makeUpWorkingDay)
        #expect(first.tentative == false)
        #expect(first.date == (try ymd("2030-01-05")))
    }
}
