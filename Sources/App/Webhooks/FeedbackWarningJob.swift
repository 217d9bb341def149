import Domain
import Foundation
import Storage

/// `feedback.due_soon` and `feedback.overdue`: on working days, each open item of a unit with
/// a subscribed webhook that is due soon or overdue (as the staff home's `FeedbackStanding`
/// decides) is written to the outbox - once per webhook, item, event and due date, which the
/// database's unique key keeps however often the scheduler ticks.
struct FeedbackWarningJob: PeriodicJob {
    let database: AppDatabase
    let limits: FeedbackLimits
    let links: WebhookLinks

    var name: String { "feedback-warnings" }

    func run(now: Date) async throws {
        let units = database.webhookSubscriptions.units(subscribedTo: [.feedbackDueSoon, .feedbackOverdue])
        guard !units.isEmpty else { return }
        let calendar = try WorkingCalendar(try await database.calendars())
        let today = LocalDate(now)
        // Warnings are work for the office: a weekend or a holiday waits for the next working day.
        guard try calendar.isWorkingDay(today) else { return }
        var dueSoon: [FeedbackItem] = []
        var overdue: [FeedbackItem] = []
        for item in try await database.openFeedbackItemsWithDueDate(unitIds: units) {
            let standing = FeedbackStanding(item, today: today, calendar: calendar, limits: limits)
            if standing.overdue { overdue.append(item) } else if standing.dueSoon { dueSoon.append(item) }
        }
        try await database.enqueueFeedbackWarnings(dueSoon, event: .feedbackDueSoon, links: links, now: now)
        try await database.enqueueFeedbackWarnings(overdue, event: .feedbackOverdue, links: links, now: now)
    }
}
