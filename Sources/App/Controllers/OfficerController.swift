import Domain
import Foundation
import Hummingbird
import Storage

/// `/me`: an officer's own figures. Only officer accounts linked to an officer record.
struct OfficerController: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let rules: ScoringRules

    func addRoutes(to staff: RouterGroup<AppRequestContext>) {
        staff.get("me", use: myFigures)
    }

    @Sendable func myFigures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try context.signedIn()
        let language = Language(parameter: request.uri.queryParameters.get("lang"))
        guard let officerId = session.user.officerId else { throw AppError.staffForbidden }
        let name = try await database.pool.read { db in try Officer.fetchOne(db, key: officerId)?.name } ?? session.user.username
        var rows: [MyFiguresPage.Row] = []
        for period in ReportPeriod.standard(today: LocalDate.today()) {
            let score = SatisfactionScore(tallies: try await database.officerTallies(officerId: officerId, from: period.from, to: period.to), rules: rules)
            rows.append(
                MyFiguresPage.Row(
                    period: period.name.text(in: language) + " (\(period.from.vietnamese)–\(period.to.vietnamese))",
                    rate: FigureText.rate(score.overall, rules: rules, language: language),
                    index: FigureText.index(score, rules: rules, language: language)))
        }
        return try pages.render(MyFiguresPage(session: session, officerName: name, rows: rows, language: language))
    }
}
