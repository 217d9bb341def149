import Domain
import Foundation

/// Times shown to people and other systems are Asia/Ho_Chi_Minh.
enum LocalTime {
    static func iso8601(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeZone: LocalDate.timeZone).year().month().day().time(includingFractionalSeconds: false)
                .timeZone(separator: .colon))
    }
}
