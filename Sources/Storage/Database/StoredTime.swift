import Domain
import Foundation

/// A `Date` in the text form GRDB stores it ("yyyy-MM-dd HH:mm:ss.SSS", UTC), built by hand.
/// GRDB formats every `Date` argument through a DateFormatter (ICU); on the rating path that
/// ran on the single writer thread four times per rating and showed as its top cost, so the
/// recording transaction binds these strings instead. Reading them back as `Date` is GRDB's
/// usual parse, and text comparison orders them as time.
enum StoredTime {
    static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let days = Int((Double(milliseconds) / 86_400_000).rounded(.down))
        let dayMilliseconds = milliseconds - days * 86_400_000
        let day = LocalDate(daysSinceEpoch: days)
        let hours = dayMilliseconds / 3_600_000
        let minutes = dayMilliseconds / 60_000 % 60
        let seconds = dayMilliseconds / 1000 % 60
        return day.description + " " + pad(hours, 2) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(dayMilliseconds % 1000, 3)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
