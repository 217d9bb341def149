import Domain
import Foundation
import Testing

@Suite("ISO 8601 instants, read strictly")
struct ISOInstantTests {
    @Test(
        "a valid instant is the moment it names, in any offset",
        arguments: [
            ("2026-11-19T09:30:00+07:00", "2026-11-19T02:30:00Z"),
            ("2026-11-19T02:30:00Z", "2026-11-19T02:30:00Z"),
            ("2026-11-19T09:30+07:00", "2026-11-19T02:30:00Z"),
            ("2026-11-18T21:30:00-05:00", "2026-11-19T02:30:00Z"),
            ("2026-11-19T00:00:00+07:00", "2026-11-18T17:00:00Z"),
            ("2026-11-19T23:59:59+07:00", "2026-11-19T16:59:59Z"),
            ("2028-02-29T12:00:00+07:00", "2028-02-29T05:00:00Z"),
        ])
    func valid(text: String, utc: String) throws {
        let expected = try #require(try? Date(utc, strategy: .iso8601))
        #expect(ISOInstant.parse(text) == expected)
    }

    @Test("fractions of a second are kept")
    func fraction() throws {
        let date = try #require(ISOInstant.parse("2026-11-19T09:30:00.250+07:00"))
        #expect(abs(date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) - 0.25) < 1e-6)
    }

    /// Foundation read each of the first six as another moment (25:30 as 01:30 the next day).
    @Test(
        "a field out of its range, or anything else, is not an instant",
        arguments: [
            "2026-11-19T25:30:00+07:00", "2026-11-19T24:00:00+07:00", "2026-11-20T09:61:00+07:00", "2026-11-20T09:00:61+07:00",
            "2026-11-31T09:00:00+07:00", "2026-02-30T09:00:00+07:00", "2027-02-29T09:00:00+07:00", "2026-13-01T09:00:00+07:00",
            "2026-11-19T09:30:00", "2026-11-19T09:30:00+7:00", "2026-11-19T09:30:00+15:00", "2026-11-19T09:30:00+07:60",
            "2026-11-19", "2026-11-19T9:30:00+07:00", "2026-11-19T09:30:00.+07:00", "2026-11-19T09:30:00+07:00x", " 2026-11-19T09:30:00Z",
            "", "٢٠٢٦-11-19T09:30:00Z",
        ])
    func invalid(text: String) {
        #expect(ISOInstant.parse(text) == nil)
    }
}
