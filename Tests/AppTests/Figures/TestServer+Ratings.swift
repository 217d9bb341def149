import Domain
import Foundation
import Testing

@testable import App
@testable import Storage

extension TestServer {
    /// Records ratings through Storage, as the rating page would, `daysBack` days before
    /// the clock's today: tickets of `officer` at q1 for `procedure`, with `levels` of the
    /// overall question in turn, each with the return-visits answer when `visits` is given.
    func recordRatings(
        officer: String, procedure: String = "1.004227", levels: [Int], visits: Int? = nil, daysBack: Int = 0
    ) async throws {
        let unit = try #require(demo.units.first { $0.code == "tam-phuoc" })
        let forms = try await FormRegistry.load(directory: config.formsDirectory, database: database, now: clock.now)
        let form = try #require(forms.current(id: unit.formId))
        let now = clock.now.addingTimeInterval(TimeInterval(-86_400 * daysBack))
        for (index, level) in levels.enumerated() {
            let ticket = try await database.issueTicket(
                TicketRequest(unitId: try #require(unit.id), counter: "q1", officer: officer, procedure: procedure, lifetime: 3600, now: now))
            var answers = ["overall": level]
            if let visits { answers[ReturnVisitsFigure.questionId] = visits }
            let prepared = PreparedAnswers(formId: form.id, formVersion: form.version, questions: form.questionMeta, levels: answers, texts: [:])
            _ = try await database.recordResponse(
                token: ticket.token, submissionKey: "seed-\(officer)-\(daysBack)-\(index)-\(ticket.token)", channel: .web, now: now, detailsWindow: 1800
            ) { _ in prepared }
        }
    }

    /// Eight weeks of ratings for a dashboard worth looking at: cb-lan 40 a week (35 to 38
    /// satisfied), cb-minh 10 a week (below the minimum n in a week).
    func recordDashboardWeeks() async throws {
        for week in 0..<8 {
            let satisfied = 35 + week % 4
            try await recordRatings(
                officer: "cb-lan", levels: Array(repeating: 3, count: satisfied) + Array(repeating: 1, count: 40 - satisfied), visits: week % 3,
                daysBack: 7 * week)
            try await recordRatings(officer: "cb-minh", procedure: "1.009994", levels: Array(repeating: 3, count: 10), daysBack: 7 * week)
        }
    }
}
