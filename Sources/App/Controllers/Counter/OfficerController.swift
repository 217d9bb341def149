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
        var rows: [MyFiguresPage.Row] = []
        for period in ReportPeriod.standard(today: clock.today) {
            let score = SatisfactionScore(tallies: try await database.officerTallies(officerId: officerId, from: period.from, to: period.to), rules: rules)
            rows.append(
                MyFiguresPage.Row(
                    period: period.name.text(in: language) + " (\(period.from.vietnamese)–\(period.to.vietnamese))",
                    rate: FigureText.rate(score.overall, rules: rules, language: language),
                    index: FigureText.index(score, rules: rules, language: language)))
        }
        return pages.render(MyFiguresPage(session: session, officerName: name, rows: rows, language: language))
    }
}
