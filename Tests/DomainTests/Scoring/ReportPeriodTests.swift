import Domain
import Testing

@Suite("Report periods")
struct ReportPeriodTests {
    @Test func standardPeriodsEndTodayAndStartWhereTheirNameSays() throws {
        let today = try #require(LocalDate("2026-11-25"))  // a Wednesday
        let periods = ReportPeriod.standard(today: today)
        #expect(periods.map { "\($0.from)..\($0.to)" } == [
            "2026-11-23..2026-11-25", "2026-11-01..2026-11-25", "2026-10-01..2026-10-31", "2026-10-01..2026-11-25", "2026-01-01..2026-11-25",
        ])
        let january = ReportPeriod.standard(today: try #require(LocalDate("2027-01-03")))
        #expect("\(january[2].from)..\(january[2].to)" == "2026-12-01..2026-12-31", "last month crosses the year")
        #expect(january[0].from.description == "2026-12-28", "the week starts on Monday")
    }
}
