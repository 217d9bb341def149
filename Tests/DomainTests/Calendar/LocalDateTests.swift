import Domain
import Foundation
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test("YYYY-MM-DD parsing", arguments: [
        ("2026-02-29", false),  // 2026 is not a leap year
        ("2028-02-29", true),
        ("2000-02-29", true),  // divisible by 400
        ("2100-02-29", false),  // divisible by 100, not 400
        ("2026-1-05", false),
        ("2026-01-5", false),
        ("26-01-05", false),
        ("2026-13-01", false),
        ("2026-04-31", false),
        ("2026-00-10", false),
        ("2026-01-00", false),
        ("2026-01-05 ", false),
        ("2026/01/05", false),
        ("+026-01-05", false),
        ("", false),
        ("2026-12-31", true),
    ])
    func parse(text: String, valid: Bool) {
        let date = LocalDate(text)
        #expect((date != nil) == valid)
        if valid { #expect(date?.description == text) }
    }

    @Test("parsed components")
    func components() throws {
        let date = try #require(LocalDate("2028-02-29"))
        #expect(date.year == 2028)
        #expect(date.month == 2)
        #expect(date.day == 29)
        #expect(date.vietnamese == "29/02/2028")
    }

    @Test("an instant's local day is taken in UTC+7")
    func fromInstant() throws {
        let formatter = ISO8601DateFormatter()
        let midnightLocal = try #require(formatter.date(from: "2026-11-22T17:00:00Z"))
        let justBefore = try #require(formatter.date(from: "2026-11-22T16:59:59Z"))
        #expect(LocalDate(midnightLocal).description == "2026-11-23")
        #expect(LocalDate(justBefore).description == "2026-11-22")
        // Half a second before local midnight is still the earlier day.
        #expect(LocalDate(midnightLocal.addingTimeInterval(-0.5)).description == "2026-11-22")
        // The start of a local day is 17:00 UTC the day before.
        #expect(try #require(LocalDate("2026-11-23")).start == midnightLocal)
    }

    @Test("daysSinceEpoch round-trips and agrees with Foundation's Gregorian calendar")
    func daysRoundTrip() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        // 0 ... 60 000 days: 1970-01-01 to 2134-04-11, across 2000 (leap, divisible by 400) and 2100 (not leap).
        var mismatches: [String] = []
        var previous: LocalDate?
        for days in 0...60_000 {
            let date = LocalDate(daysSinceEpoch: days)
            if date.daysSinceEpoch != days { mismatches.append("\(days) -> \(date) -> \(date.daysSinceEpoch)") }
            if let previous, !(previous < date) { mismatches.append("\(previous) !< \(date)") }
            if LocalDate(year: date.year, month: date.month, day: date.day) != date { mismatches.append("\(date) not a valid date") }
            previous = date
            if days % 37 == 0 {
                let parts = calendar.dateComponents(
                    [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400))
                if date.year != parts.year || date.month != parts.month || date.day != parts.day {
                    mismatches.append("\(days): \(date) vs calendar \(parts)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("components survive a trip through daysSinceEpoch")
    func componentsRoundTrip() throws {
        for text in ["1970-01-01", "1999-12-31", "2000-02-29", "2026-03-01", "2028-02-29", "2100-03-01", "9999-12-31"] {
            let date = try #require(LocalDate(text))
            #expect(LocalDate(daysSinceEpoch: date.daysSinceEpoch) == date, "\(text)")
        }
        // Hand-checked: 2026-11-23 is 20 780 days after 1970-01-01.
        #expect(try #require(LocalDate("2026-11-23")).daysSinceEpoch == 20_780)
    }

    @Test("weekday: 0 is Monday")
    func weekday() throws {
        #expect(try #require(LocalDate("2026-11-23")).weekday == 0)  // Monday
        #expect(try #require(LocalDate("2026-11-29")).weekday == 6)  // Sunday
        #expect(try #require(LocalDate("1970-01-01")).weekday == 3)  // Thursday
        #expect(try #require(LocalDate("2028-02-29")).weekday == 1)  // Tuesday
    }

    @Test("adding days crosses months and years")
    func adding() throws {
        #expect(try #require(LocalDate("2026-12-31")).adding(days: 1).description == "2027-01-01")
        #expect(try #require(LocalDate("2028-02-28")).adding(days: 1).description == "2028-02-29")
        #expect(try #require(LocalDate("2026-03-01")).adding(days: -1).description == "2026-02-28")
    }

    @Test("Codable as a YYYY-MM-DD string")
    func codable() throws {
        let date = try #require(LocalDate("2026-11-23"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-23"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-29"]"#.utf8)) }
    }
}
