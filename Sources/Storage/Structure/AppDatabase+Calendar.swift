import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Stores the shipped calendars for years the database has no calendar for yet. An
    /// administrator's edits of a year are never overwritten.
    public func seedCalendars(_ calendars: [HolidayCalendar]) async throws {
        try await pool.write { db in
            for calendar in calendars {
                let known = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendarDays WHERE year = ?", arguments: [calendar.year]) ?? 0
                guard known == 0 else { continue }
                for day in calendar.days { try Self.insert(db, day) }
            }
        }
    }

    /// Every stored year's calendar, for deadline counting and the admin screen.
    public func calendars() async throws -> [HolidayCalendar] {
        try await pool.read { db in try Self.calendars(db) }
    }

    static func calendars(_ db: Database) throws -> [HolidayCalendar] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM calendarDays ORDER BY date")
        var byYear: [Int: [HolidayCalendar.CalendarDay]] = [:]
        for row in rows {
            guard let date = LocalDate(row["date"] as String), let kind = HolidayCalendar.CalendarDay.Kind(rawValue: row["kind"]) else { continue }
            byYear[row["year"], default: []].append(
                HolidayCalendar.CalendarDay(
                    date: date, kind: kind, name: LocalizedText(vi: row["nameVi"], en: row["nameEn"]), tentative: row["tentative"]))
        }
        return byYear.keys.sorted().map { HolidayCalendar(year: $0, days: byYear[$0] ?? []) }
    }

    /// Adds a day to its year's calendar; the year with the new day must still be valid.
    public func addCalendarDay(_ day: HolidayCalendar.CalendarDay, actor: StaffUser, now: Date) async throws {
        let year = day.date.year
        try await pool.write { db in
            // Checked inside the write, so two administrators adding days at once cannot
            // together make an invalid year.
            var calendar = try Self.calendars(db).first { $0.year == year } ?? HolidayCalendar(year: year, days: [])
            calendar.days.append(day)
            try calendar.validate()
            try Self.insert(db, day)
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "calendar.add", target: "day:\(day.date)", before: nil,
                after: "\(day.kind.rawValue) \(day.name.vi)\(day.tentative ? " (dự kiến)" : "")", now: now)
        }
    }

    /// Removes a day of the calendar; false when the calendar does not hold it.
    @discardableResult
    public func removeCalendarDay(_ date: LocalDate, actor: StaffUser, now: Date) async throws -> Bool {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT kind, nameVi FROM calendarDays WHERE date = ?", arguments: [date.description])
            else { return false }
            try db.execute(sql: "DELETE FROM calendarDays WHERE date = ?", arguments: [date.description])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "calendar.remove", target: "day:\(date)",
                before: "\(row["kind"] as String) \(row["nameVi"] as String)", after: nil, now: now)
            return true
        }
    }

    private static func insert(_ db: Database, _ day: HolidayCalendar.CalendarDay) throws {
        try db.execute(
            sql: "INSERT INTO calendarDays (date, year, kind, nameVi, nameEn, tentative) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [day.date.description, day.date.year, day.kind.rawValue, day.name.vi, day.name.en, day.tentative])
    }
}
