import Foundation

/// An ISO 8601 instant read strictly: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`.
/// Why not Foundation's ISO 8601 style: it carries an out-of-range field into the next one, so
/// `2026-11-19T25:30:00+07:00` was read as 01:30 on the 20th and a hotline call's legal due
/// date moved by a day; `2026-11-31T09:00` became 1 December. Each field here must be in its
/// range, or the text is not an instant.
public enum ISOInstant {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            let date = LocalDate(year: year, month: month, day: day), expect("T") || expect("t") || expect(" "),
            let hour = digits(2), hour < 24, expect(":"), let minute = digits(2), minute < 60
        else { return nil }
        var second = 0.0
        if expect(":") {
            guard let whole = digits(2), whole < 60 else { return nil }
            second = Double(whole)
            if expect(".") || expect(",") {
                var scale = 0.1
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    second += Double(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        let offset: Int
        if expect("Z") || expect("z") {
            offset = 0
        } else {
            let sign: Int
            if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
            guard let hours = digits(2), hours <= 14, expect(":"), let minutes = digits(2), minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard index == bytes.count else { return nil }
        let local = Double(date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60) + second
        return Date(timeIntervalSince1970: local - Double(offset))
    }
}
