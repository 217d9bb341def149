import Domain
import Foundation
import Testing

/// One unit's items, February to April 2026, counted by hand. Due dates are those the clock
/// gives (counts in FeedbackClockTests' style in the comments).
///
/// | item | kind, officer        | received | history                                                  |
/// |------|----------------------|----------|----------------------------------------------------------|
/// | A    | phan-anh, CB01       | 02/03    | due 16/03; resolved 13/03 (on time)                      |
/// | B    | phan-anh, CB02       | 03/03    | due 17/03; resolved 20/03 (late)                         |
/// | C    | gop-y, CB01          | 10/03    | due 24/03; never handled                                 |
/// | D    | gop-y, anonymous     | 05/03    | no clock; resolved 06/03                                 |
/// | E    | khieu-nai            | 20/02    | due 06/03; accepted 25/02 -> due 27/03; resolved 10/04    |
/// | F    | to-cao               | 16/03    | due 25/03; accepted 20/03 -> due 20/04 (19/04 is Sunday) |
/// | G    | phan-anh             | 01/02    | due 13/02; resolved 10/02 (on time)                      |
/// | H    | kien-nghi            | 23/03    | transfer due 30/03; transferred 27/03 (on time)          |
/// | I    | thai-do, CB02        | 04/03    | due 18/03; verified co-co-so 12/03; resolved 17/03       |
/// | J    | nhung-nhieu, CB03, anonymous | 05/03 | verified khong-co-co-so 20/03                       |
/// | K    | thai-do, CB03        | 02/02    | due 23/02 (Tết); verified co-co-so 25/02; resolved 26/02 |
@Suite("FeedbackFigures")
struct FeedbackFiguresTests {
    let items: [FeedbackFigureItem]
    let serving: Set<String> = ["CB01", "CB02", "CB03", "CB04"]

    init() throws {
        func event(_ day: String, _ action: FeedbackAction, _ due: String?, _ outcome: VerificationOutcome? = nil) throws -> FeedbackFigureEvent {
            FeedbackFigureEvent(on: try ymd(day), action: action, due: try due.map { try ymd($0) }, outcome: outcome)
        }
        func item(_ received: String, _ category: FeedbackCategory = .khac, officer: String? = nil, due: String?, _ events: [FeedbackFigureEvent] = []) throws -> FeedbackFigureItem {
            FeedbackFigureItem(receivedOn: try ymd(received), isAnonymous: due == nil, category: category, officer: officer, dueAtReceipt: try due.map { try ymd($0) }, events: events)
        }
        items = [
            try item("2026-03-02", officer: "CB01", due: "2026-03-16", [try event("2026-03-13", .resolve, "2026-03-16")]),
            try item("2026-03-03", officer: "CB02", due: "2026-03-17", [try event("2026-03-20", .resolve, "2026-03-17")]),
            try item("2026-03-10", officer: "CB01", due: "2026-03-24"),
            try item("2026-03-05", due: nil, [try event("2026-03-06", .resolve, nil)]),
            try item("2026-02-20", due: "2026-03-06", [
                try event("2026-02-25", .accept, "2026-03-27"), try event("2026-03-02", .assign, "2026-03-27"),
                try event("2026-04-10", .resolve, "2026-03-27"),
            ]),
            try item("2026-03-16", due: "2026-03-25", [try event("2026-03-20", .accept, "2026-04-20")]),
            try item("2026-02-01", due: "2026-02-13", [try event("2026-02-10", .resolve, "2026-02-13")]),
            try item("2026-03-23", due: "2026-04-06", [try event("2026-03-27", .transfer, "2026-03-30")]),
            try item("2026-03-04", .thaiDo, officer: "CB02", due: "2026-03-18", [
                try event("2026-03-12", .verify, "2026-03-18", .coCoSo), try event("2026-03-17", .resolve, "2026-03-18"),
            ]),
            try item("2026-03-05", .nhungNhieu, officer: "CB03", due: nil, [try event("2026-03-20", .verify, nil, .khongCoCoSo)]),
            try item("2026-02-02", .thaiDo, officer: "CB03", due: "2026-02-23", [
                try event("2026-02-25", .verify, "2026-02-23", .coCoSo), try event("2026-02-26", .resolve, "2026-02-23"),
            ]),
        ]
    }

    private func figures(_ from: String, _ to: String, today: String) throws -> FeedbackFigures {
        FeedbackFigures.compute(items: items, servingOfficers: serving, from: try ymd(from), to: try ymd(to), today: try ymd(today))
    }

    @Test("March 2026")
    func march() throws {
        let march = try figures("2026-03-01", "2026-03-31", today: "2026-04-15")
        #expect(march.end == (try ymd("2026-03-31")))
        // Received: A B C D F H I J; anonymous: D J. Handled: A, H, I on time, B late (D is
        // anonymous). Open at 31/03: C (due 24/03, overdue), E (due 27/03, overdue), F (due 20/04).
        #expect(march.counts == FeedbackCounts(received: 8, anonymous: 2, resolved: 4, onTime: 3, overdue: 2, open: 3))
        #expect(march.counts.onTimeRate == 50)  // 3 / (4 + 2)
        #expect(march.counts.index8 == 0)
        // I (CB02) verified có cơ sở on 12/03; J was found unfounded; K's verification was in February.
        #expect(march.conduct == ConductFigures(officers: 4, substantiatedOfficers: ["CB02"]))
        #expect(march.conduct.rate == 25)
        #expect(!march.conduct.met)
        #expect(march.officers.map(\.officer) == ["CB01", "CB02", "CB03", "CB04"])
        let byOfficer = Dictionary(uniqueKeysWithValues: march.officers.map { ($0.officer, $0) })
        // CB01: A on time, C open and overdue -> 1 / 2.
        #expect(byOfficer["CB01"]?.counts == FeedbackCounts(received: 2, resolved: 1, onTime: 1, overdue: 1, open: 1))
        #expect(byOfficer["CB01"]?.counts.index8 == 0)
        #expect(byOfficer["CB01"]?.index7 == 2)
        // CB02: B late, I on time; I substantiated.
        #expect(byOfficer["CB02"]?.counts == FeedbackCounts(received: 2, resolved: 2, onTime: 1))
        #expect(byOfficer["CB02"]?.index7 == 0)
        // CB03: only the anonymous J; nothing to judge.
        #expect(byOfficer["CB03"]?.counts == FeedbackCounts(received: 1, anonymous: 1))
        #expect(byOfficer["CB03"]?.counts.index8 == nil)
        #expect(byOfficer["CB03"]?.index7 == 2)
        #expect(byOfficer["CB04"]?.counts == FeedbackCounts())
        #expect(byOfficer["CB04"]?.index7 == 2)
    }

    @Test("a closed period does not change when computed later")
    func stable() throws {
        #expect(try figures("2026-03-01", "2026-03-31", today: "2026-03-31").counts == (try figures("2026-03-01", "2026-03-31", today: "2026-06-30")).counts)
    }

    @Test("February 2026")
    func february() throws {
        let february = try figures("2026-02-01", "2026-02-28", today: "2026-04-15")
        // Received E, G, K. Handled: G on time, K late (26/02 > 23/02). Open at 28/02: E, due 27/03.
        #expect(february.counts == FeedbackCounts(received: 3, resolved: 2, onTime: 1, overdue: 0, open: 1))
        #expect(february.counts.onTimeRate == 50)
        #expect(february.conduct.substantiatedOfficers == ["CB03"])
        #expect(february.officers.first { $0.officer == "CB03" }?.index7 == 0)
    }

    @Test("April 2026 up to today: the end is today")
    func aprilSoFar() throws {
        let april = try figures("2026-04-01", "2026-04-30", today: "2026-04-15")
        #expect(april.end == (try ymd("2026-04-15")))
        // Handled: E on 10/04, late (due 27/03). Open at 15/04: C (overdue since 24/03), F (due 20/04).
        #expect(april.counts == FeedbackCounts(received: 0, resolved: 1, onTime: 0, overdue: 1, open: 2))
        #expect(april.counts.onTimeRate == 0)
        #expect(april.conduct.met)
        #expect(april.conduct.rate == 0)
    }

    @Test("an overdue item counts against every period it is overdue at the end of")
    func overdueEveryPeriod() throws {
        // C, due Tue 24/03, never handled: overdue at the end of each of these weeks.
        for (from, to) in [("2026-03-23", "2026-03-29"), ("2026-03-30", "2026-04-05"), ("2026-04-06", "2026-04-12")] {
            let week = try figures(from, to, today: "2026-04-15")
            let cb01 = try #require(week.officers.first { $0.officer == "CB01" })
            #expect(cb01.counts.overdue == 1, "week \(from)")
            #expect(cb01.counts.onTimeRate == 0, "week \(from)")
        }
        // The week that ends on the due day itself: open, not yet overdue.
        let dueWeek = try figures("2026-03-16", "2026-03-24", today: "2026-04-15")
        #expect(dueWeek.officers.first { $0.officer == "CB01" }?.counts.overdue == 0)
    }

    @Test("a period that has not begun ends today: nothing received or handled, today's open and late items count")
    func future() throws {
        let may = try figures("2026-05-01", "2026-05-31", today: "2026-04-15")
        let today = try figures("2026-04-15", "2026-04-15", today: "2026-04-15")
        #expect(may.end == (try ymd("2026-04-15")))
        #expect(may.counts.received == 0 && may.counts.resolved == 0)
        #expect(may.counts.open == today.counts.open && may.counts.open > 0)
        #expect(may.counts.overdue == today.counts.overdue)
        #expect(may.counts.onTimeRate == (may.counts.overdue > 0 ? 0 : nil))
        #expect(may.conduct == ConductFigures(officers: 4, substantiatedOfficers: []))
    }

    @Test("a reopened item is open again and its second answer is judged against the new due date")
    func reopened() throws {
        // Góp ý received 02/03, due 16/03; answered 13/03; reopened 18/03 (due 01/04); answered 03/04, late.
        let item = FeedbackFigureItem(
            receivedOn: try ymd("2026-03-02"), isAnonymous: false, category: .thuTuc, dueAtReceipt: try ymd("2026-03-16"),
            events: [
                FeedbackFigureEvent(on: try ymd("2026-03-13"), action: .resolve, due: try ymd("2026-03-16")),
                FeedbackFigureEvent(on: try ymd("2026-03-18"), action: .reopen, due: try ymd("2026-04-01")),
                FeedbackFigureEvent(on: try ymd("2026-04-03"), action: .resolve, due: try ymd("2026-04-01")),
            ])
        let march = FeedbackFigures.compute(items: [item], servingOfficers: [], from: try ymd("2026-03-01"), to: try ymd("2026-03-31"), today: try ymd("2026-04-15"))
        #expect(march.counts == FeedbackCounts(received: 1, resolved: 1, onTime: 1, overdue: 0, open: 1))
        #expect(march.counts.index8 == 2)
        let april = FeedbackFigures.compute(items: [item], servingOfficers: [], from: try ymd("2026-04-01"), to: try ymd("2026-04-30"), today: try ymd("2026-04-15"))
        #expect(april.counts == FeedbackCounts(resolved: 1, onTime: 0, overdue: 0, open: 0))
        #expect(april.conduct.rate == nil)
        // Between the due day and the answer (end 02/04) it is overdue.
        let toSecond = FeedbackFigures.compute(items: [item], servingOfficers: [], from: try ymd("2026-03-01"), to: try ymd("2026-04-02"), today: try ymd("2026-04-15"))
        #expect(toSecond.counts.overdue == 1)
    }

    @Test("a verification revised to unfounded no longer marks the officer")
    func revisedVerification() throws {
        let item = FeedbackFigureItem(
            receivedOn: try ymd("2026-03-02"), isAnonymous: false, category: .nhungNhieu, officer: "CB09", dueAtReceipt: try ymd("2026-03-16"),
            events: [
                FeedbackFigureEvent(on: try ymd("2026-03-05"), action: .verify, due: try ymd("2026-03-16"), outcome: .coCoSo),
                FeedbackFigureEvent(on: try ymd("2026-03-20"), action: .verify, due: try ymd("2026-03-16"), outcome: .khongCoCoSo),
            ])
        func substantiated(_ to: String) throws -> [String] {
            FeedbackFigures.compute(items: [item], servingOfficers: ["CB09"], from: try ymd("2026-03-01"), to: try ymd(to), today: try ymd("2026-04-15")).conduct.substantiatedOfficers
        }
        #expect(try substantiated("2026-03-10") == ["CB09"])
        #expect(try substantiated("2026-03-31") == [])
    }

    @Test("a substantiated item about an officer not serving in the period still names them")
    func notServing() throws {
        let item = FeedbackFigureItem(
            receivedOn: try ymd("2026-03-02"), isAnonymous: true, category: .thaiDo, officer: "CB07", dueAtReceipt: nil,
            events: [FeedbackFigureEvent(on: try ymd("2026-03-05"), action: .verify, due: nil, outcome: .coCoSo)])
        let march = FeedbackFigures.compute(items: [item], servingOfficers: ["CB01"], from: try ymd("2026-03-01"), to: try ymd("2026-03-31"), today: try ymd("2026-04-15"))
        #expect(march.conduct.substantiatedOfficers == ["CB07"])
        #expect(march.conduct.rate == 100)
        #expect(march.officers.map(\.officer) == ["CB01", "CB07"])
    }

    @Test("TT 01 index 8 thresholds", arguments: [
        (10, 10, 0, 2 as Int?),
        (10, 9, 0, 1),  // 90%
        (9, 9, 1, 1),  // 9 / 10: an overdue item spoils the 2
        (1000, 899, 0, 0),  // 89.9%
        (10, 8, 0, 0),
        (0, 0, 1, 0),
        (0, 0, 0, nil),
    ])
    func index8(resolved: Int, onTime: Int, overdue: Int, expected: Int?) {
        #expect(FeedbackCounts(resolved: resolved, onTime: onTime, overdue: overdue).index8 == expected)
    }
}
