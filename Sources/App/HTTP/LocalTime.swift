import Domain
import Foundation

/// Times shown to people and other systems are Asia/Ho_Chi_Minh.
enum LocalTime {
    /// `2026-11-24T10:27:46+07:00`, for JSON and CSV.
    static func iso8601(_ date: Date) -> String {
        LocalDate.iso8601(date)
    }

    /// `24/11/2026 10:27`, as people in Vietnam write it, for pages.
    static func display(_ date: Date) -> String {
        "\(LocalDate(date).vietnamese) \(displayTime(date))"
    }

    /// `24/11/2026`.
    static func displayDate(_ date: Date) -> String {
        LocalDate(date).vietnamese
    }

    /// `10:27`.
    static func displayTime(_ date: Date) -> String {
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) + LocalDate.utcOffsetSeconds) % 86_400
        let minutes = (seconds + 86_400) % 86_400 / 60
        return (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }
}
