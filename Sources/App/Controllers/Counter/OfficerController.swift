import Domain
import Foundation
import Hummingbird
import Storage

/// `/me`: an officer's own figures. Only officer accounts linked to an officer record.
struct OfficerController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let rules: ScoringRules
    let clock: any WallClock

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get(SiteURL.me.route, use: myFigures)
    }

    @Sendable func myFigures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let language = request.language
        try session.requireAnywhere(.viewOwnFigures)
        guard let officerId = session.user.officerId else { throw AppError.staffForbidden }
        let name = try await database.officer(id: officerId)?.name ?? session.user.username
        let officerCode = try await database.officerCode(id: officerId)
        var rows: [MyFiguresPage.Row] = []
        for period in ReportPeriod.standard(today: clock.today) {
            let score = SatisfactionScore(tallies: try await database.officerTallies(officerId: officerId, from: period.from, to: period.to), rules: rules)
            // TT 01/2018 indices 7 and 8 from the feedback about this officer (domain.md §6).
            var own: OfficerFeedbackFigures?
            if let unitId = session.user.unitId, let officerCode {
                let end = min(period.to, clock.today)
                let data = try await database.feedbackFigureData(unitId: unitId, from: period.from, through: end)
                let figures = FeedbackFigures.compute(
                    items: data.items, servingOfficers: data.servingOfficers, from: period.from, to: period.to, today: clock.today)
                own = figures.officers.first { $0.officer == officerCode }
            }
            rows.append(
                MyFiguresPage.Row(
                    period: period.name.text(in: language) + " (\(period.from.vietnamese)–\(period.to.vietnamese))",
                    rate: FigureText.rate(score.overall, rules: rules, language: language),
                    index: FigureText.index(score, rules: rules, language: language),
                    index7: own.map { "\($0.index7)" } ?? "2",
                    index8: own?.counts.index8.map { "\($0)" } ?? (language == .vi ? "chưa có phản ánh có hạn" : "no timed feedback")))
        }
        return pages.render(MyFiguresPage(session: session, officerName: name, rows: rows, language: language))
    }
}
