import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("AppDatabase.figureData")
struct FigureDataTests {
    @Test("figure data adds up exactly what was recorded")
    func sums() async throws {
        let seeded = try await Seeded()
        let t0 = Fixtures.t0
        let previousDay = t0.addingTimeInterval(-86_400)

        // Tam Phước, 2026-11-23:
        //   T1 q1 cb-lan, land procedure (dat-dai): overall 3, access-1 5, visits 0, a comment
        //   T2 q1 cb-lan, sector xay-dung:            overall 1, access-1 2
        //   T3 q2, civil-status procedure (ho-tich):   overall 0 (no opinion)
        //   T4 q3: issued, never answered
        //   poster of q2:                              overall 2
        //   T5 issued 2026-11-22, answered 2026-11-23: overall 3, access-1 0
        // Chơn Thành, same day: one response that must not show up.
        let t1 = try await seeded.issue(counter: "q1", officer: "cb-lan", procedure: "1.004227")
        let t2 = try await seeded.issue(counter: "q1", officer: "cb-lan", sector: "xay-dung")
        let t3 = try await seeded.issue(counter: "q2", procedure: "1.001193")
        _ = try await seeded.issue(counter: "q3")
        let t5 = try await seeded.issue(counter: "q2", lifetime: 2 * 86_400, now: previousDay)
        let other = try await seeded.issue(counter: "q1", unit: seeded.otherUnitId)
        let poster = try await #require(try seeded.db.counters(unitId: seeded.unitId).first { $0.code == "q2" }?.posterToken)

        _ = try await seeded.record(token: t1.token, levels: ["overall": 3, "access-1": 5, "visits": 0], texts: ["comment": "Tốt"])
        _ = try await seeded.record(token: t2.token, levels: ["overall": 1, "access-1": 2])
        _ = try await seeded.record(token: t3.token, levels: ["overall": 0])
        _ = try await seeded.record(token: poster, levels: ["overall": 2])
        _ = try await seeded.record(token: t5.token, levels: ["overall": 3, "access-1": 0])
        _ = try await seeded.record(token: other.token, levels: ["overall": 1, "access-1": 1])

        let day = Fixtures.day
        let data = try await seeded.db.figureData(unitId: seeded.unitId, from: day, to: day)

        #expect(data.responses == 5)
        #expect(data.ticketsIssued == 4)  // T1..T4; T5 was issued the day before
        #expect(data.ticketsAnswered == 3)  // T1..T3
        #expect(data.officers == 3)
        let byId = Dictionary(uniqueKeysWithValues: data.tallies.map { ($0.questionId, $0) })
        // Choice questions have no rating scale and no tally.
        #expect(Set(byId.keys) == ["overall", "access-1"])
        let overall = try #require(byId["overall"])
        #expect(overall.overall)
        #expect(overall.scale == .quick3)
        #expect(overall.factor == nil)
        #expect(overall.counts == [3: 2, 1: 1, 0: 1, 2: 1])
        let access = try #require(byId["access-1"])
        #expect(!access.overall)
        #expect(access.scale == .likert5)
        #expect(access.factor == .access)
        #expect(access.counts == [5: 1, 2: 1, 0: 1])

        #expect(Set(data.sectorOverall.keys) == ["dat-dai", "xay-dung", "ho-tich"])
        #expect(data.sectorOverall["dat-dai"]?.map(\.counts) == [[3: 1]])
        #expect(data.sectorOverall["xay-dung"]?.map(\.counts) == [[1: 1]])
        #expect(data.sectorOverall["ho-tich"]?.map(\.counts) == [[0: 1]])

        // The figures of domain.md §2 on these tallies, by hand:
        //   overall: satisfied = levels 2,3 = 1 + 2 = 3; n = 5 - 1 no-opinion = 4 -> 3/4 = 75 %.
        //   access-1: satisfied = level 5 = 1; n = 2 -> 1/2 = 50 %; index = 50.
        let score = SatisfactionScore(tallies: data.tallies)
        #expect(score.overall == RateFigure(satisfied: 3, n: 4))
        #expect(score.index == 50)

        // The day before: T5 was issued and (later) answered; no response was made that day.
        let before = try await seeded.db.figureData(unitId: seeded.unitId, from: day.adding(days: -1), to: day.adding(days: -1))
        #expect(before.responses == 0)
        #expect(before.ticketsIssued == 1)
        #expect(before.ticketsAnswered == 1)
        #expect(before.tallies.isEmpty)

        // Both days together.
        let both = try await seeded.db.figureData(unitId: seeded.unitId, from: day.adding(days: -1), to: day)
        #expect(both.responses == 5)
        #expect(both.ticketsIssued == 5)
        #expect(both.ticketsAnswered == 4)

        // The other ward sees only its own response.
        let otherData = try await seeded.db.figureData(unitId: seeded.otherUnitId, from: day, to: day)
        #expect(otherData.responses == 1)
        #expect(otherData.ticketsIssued == 1)
        #expect(otherData.ticketsAnswered == 1)
        #expect(otherData.tallies.first { $0.questionId == "overall" }?.counts == [1: 1])
        #expect(otherData.officers == 2)
    }

    @Test("an empty range gives zeros")
    func empty() async throws {
        let seeded = try await Seeded()
        let data = try await seeded.db.figureData(unitId: seeded.unitId, from: Fixtures.day, to: Fixtures.day)
        #expect(data.responses == 0)
        #expect(data.ticketsIssued == 0)
        #expect(data.ticketsAnswered == 0)
        #expect(data.tallies.isEmpty)
        #expect(data.sectorOverall.isEmpty)
    }
}
