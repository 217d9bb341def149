import Domain
import Foundation
import Testing

/// Every expected date is counted by hand on the shipped 2026-2027 calendars, the count in
/// the comment. Holidays used: 2026 Tết 16-20/02, Giỗ Tổ 26/04 + nghỉ bù 27/04, 30/04-01/05,
/// make-up Saturdays 10/01 and 22/08; 2027 01/01, Tết 05-11/02. No 2028 calendar.
@Suite("FeedbackClock")
struct FeedbackClockTests {
    let calendar: WorkingCalendar
    let limits = FeedbackLimits.standard

    init() throws {
        calendar = try WorkingCalendar(HolidayCalendar.shipped)
    }

    private func clock(_ kind: FeedbackKind, _ received: String, anonymous: Bool = false, _ events: [FeedbackClockEvent] = []) throws -> FeedbackClock {
        FeedbackClock(kind: kind, isAnonymous: anonymous, receivedOn: try ymd(received), events: events)
    }

    private func due(_ clock: FeedbackClock) throws -> LocalDate? {
        try clock.due(limits: limits, calendar: calendar)
    }

    private func accepted(_ day: String) throws -> FeedbackClockEvent { .accepted(on: try ymd(day)) }

    /// Grants an extension the way the App will: ask the clock, append the event.
    private func extended(_ clock: FeedbackClock, on day: String, _ complexity: ExtensionComplexity) throws -> FeedbackClock {
        var clock = clock
        let granted = try clock.extend(on: try ymd(day), reason: "Cần xác minh thêm", complexity: complexity, limits: limits, calendar: calendar)
        clock.events.append(.extended(granted))
        return clock
    }

    // MARK: góp ý, phản ánh, kiến nghị

    @Test("answer kinds: 10 working days from a Monday", arguments: [FeedbackKind.gopY, .phanAnh, .kienNghi])
    func answerFromMonday(kind: FeedbackKind) throws {
        // Received Mon 02/03/2026. Tue 3 (1) ... Fri 6 (4), Mon 9 (5) ... Fri 13 (9), Mon 16 (10).
        let clock = try clock(kind, "2026-03-02")
        #expect(try due(clock) == (try ymd("2026-03-16")))
        #expect(clock.step(limits: limits) == FeedbackClockStep(name: .answer, countedFrom: try ymd("2026-03-02"), limit: .workingDays(10)))
    }

    @Test("an optional accept does not move the answer kinds' due date", arguments: [FeedbackKind.gopY, .phanAnh, .kienNghi])
    func acceptChangesNothing(kind: FeedbackKind) throws {
        #expect(try due(try clock(kind, "2026-03-02", [try accepted("2026-03-05")])) == (try ymd("2026-03-16")))
    }

    @Test("a receipt on a Saturday counts from Monday")
    func receivedOnWeekend() throws {
        // Received Sat 07/03/2026. Mon 9 (1) ... Fri 13 (5), Mon 16 (6) ... Fri 20 (10).
        #expect(try due(try clock(.phanAnh, "2026-03-07")) == (try ymd("2026-03-20")))
        // Received Sun 01/02/2026. Mon 2 (1) ... Fri 6 (5), Mon 9 (6) ... Fri 13 (10).
        #expect(try due(try clock(.gopY, "2026-02-01")) == (try ymd("2026-02-13")))
    }

    @Test("Tết Bính Ngọ 2026 is skipped")
    func acrossTet2026() throws {
        // Received Wed 11/02/2026. Thu 12 (1), Fri 13 (2); 14-22/02 off; Mon 23 (3) ... Fri 27 (7),
        // Mon 02/03 (8), Tue 3 (9), Wed 4 (10).
        #expect(try due(try clock(.kienNghi, "2026-02-11")) == (try ymd("2026-03-04")))
        // Tố cáo received Thu 12/02/2026: Fri 13 (1); Mon 23 (2) ... Fri 27 (6), Mon 02/03 (7).
        #expect(try due(try clock(.toCao, "2026-02-12")) == (try ymd("2026-03-02")))
    }

    @Test("Tết Đinh Mùi 2027 (tentative days) is skipped")
    func acrossTet2027() throws {
        // Received Mon 01/02/2027. Tue 2 (1), Wed 3 (2), Thu 4 (3); 05-11/02 off (Tết and nghỉ
        // bù), Fri 12 (4), Mon 15 (5) ... Fri 19 (9), Mon 22 (10).
        #expect(try due(try clock(.phanAnh, "2027-02-01")) == (try ymd("2027-02-22")))
        // Transfer, 5 working days: Tue 2, Wed 3, Thu 4, Fri 12, Mon 15.
        #expect(try clock(.khieuNai, "2027-02-01").transferDue(limits: limits, calendar: calendar) == (try ymd("2027-02-15")))
        // Khiếu nại accepted Thu 07/01/2027: 30 days = Sat 06/02, mùng 1 Tết; 06-11/02 off -> Fri 12/02.
        #expect(try due(try clock(.khieuNai, "2027-01-04", [try accepted("2027-01-07")])) == (try ymd("2027-02-12")))
    }

    @Test("a make-up Saturday counts")
    func makeUpSaturday() throws {
        // Received Wed 31/12/2025 (not counted: no 2025 calendar needed). 1-4/01 off; Mon 5 (1) ...
        // Fri 9 (5), Sat 10 make-up (6), Mon 12 (7), Tue 13 (8), Wed 14 (9), Thu 15 (10).
        #expect(try due(try clock(.gopY, "2025-12-31")) == (try ymd("2026-01-15")))
        // Transfer from Fri 21/08/2026: Sat 22 make-up (1), Mon 24 (2), Tue 25 (3), Wed 26 (4), Thu 27 (5).
        #expect(try clock(.phanAnh, "2026-08-21").transferDue(limits: limits, calendar: calendar) == (try ymd("2026-08-27")))
        // Received on the make-up Saturday itself: not counted. Mon 24 (1) ... Fri 28 (5),
        // 29/08-02/09 off, Thu 03/09 (6), Fri 4 (7), Mon 7 (8), Tue 8 (9), Wed 9 (10).
        #expect(try due(try clock(.gopY, "2026-08-22")) == (try ymd("2026-09-09")))
    }

    @Test("receipts at the end of 2026 run into the 2027 calendar", arguments: [
        ("2026-12-24", "2027-01-08"),  // Fri 25 (1), Mon 28 - Thu 31 (2-5), Fri 01/01 off, Mon 4 - Fri 8 (6-10)
        ("2026-12-25", "2027-01-11"),  // Mon 28 - Thu 31 (1-4), Mon 4 - Fri 8 (5-9), Mon 11 (10)
        ("2026-12-26", "2027-01-11"),  // Saturday: same as Friday's count
        ("2026-12-27", "2027-01-11"),  // Sunday
        ("2026-12-28", "2027-01-12"),  // Tue 29 - Thu 31 (1-3), Mon 4 - Fri 8 (4-8), Mon 11 (9), Tue 12 (10)
        ("2026-12-29", "2027-01-13"),
        ("2026-12-30", "2027-01-14"),
        ("2026-12-31", "2027-01-15"),  // Mon 4 - Fri 8 (1-5), Mon 11 - Fri 15 (6-10)
    ])
    func yearEnd(received: String, expected: String) throws {
        #expect(try due(try clock(.phanAnh, received)) == (try ymd(expected)))
    }

    @Test("tố cáo received on 31/12/2026: 7 working days after New Year's Day")
    func toCaoYearEnd() throws {
        // Fri 01/01 off; Mon 4 (1) ... Fri 8 (5), Mon 11 (6), Tue 12 (7).
        #expect(try due(try clock(.toCao, "2026-12-31")) == (try ymd("2027-01-12")))
    }

    // MARK: khiếu nại

    @Test("khiếu nại: 10 working days to accept, then 30 days from acceptance, 45 when extended")
    func khieuNai() throws {
        // Received Mon 02/03/2026: accept by Mon 16/03 (10 working days).
        var item = try clock(.khieuNai, "2026-03-02")
        #expect(try due(item) == (try ymd("2026-03-16")))
        #expect(item.step(limits: limits)?.name == .acceptance)
        // Accepted Tue 31/03: 30 days = Thu 30/04, a holiday; Fri 01/05 holiday, weekend -> Mon 04/05.
        item.events.append(try accepted("2026-03-31"))
        #expect(try due(item) == (try ymd("2026-05-04")))
        #expect(item.step(limits: limits) == FeedbackClockStep(name: .resolution, countedFrom: try ymd("2026-03-31"), limit: .calendarDays(30)))
        // Extended as complex: 45 days from 31/03 = Fri 15/05, a working day.
        item = try extended(item, on: "2026-04-20", .complex)
        #expect(try due(item) == (try ymd("2026-05-15")))
        #expect(item.extensions == [FeedbackExtension(number: 1, on: try ymd("2026-04-20"), reason: "Cần xác minh thêm", complexity: .complex, due: try ymd("2026-05-15"))])
    }

    @Test("khiếu nại accepted at the year end: 30 and 45 days into 2027")
    func khieuNaiYearEnd() throws {
        // Accepted Tue 29/12/2026: 30 days = Thu 28/01/2027. 45 days = Fri 12/02/2027, the first
        // working day after Tết 2027.
        var item = try clock(.khieuNai, "2026-12-28", [try accepted("2026-12-29")])
        #expect(try due(item) == (try ymd("2027-01-28")))
        item = try extended(item, on: "2027-01-20", .complex)
        #expect(try due(item) == (try ymd("2027-02-12")))
    }

    // MARK: tố cáo

    @Test("tố cáo: 7 working days to accept, then 30, 60, 90 days from acceptance")
    func toCao() throws {
        // Received Mon 02/03/2026: Tue 3 (1) ... Fri 6 (4), Mon 9 (5), Tue 10 (6), Wed 11 (7).
        var item = try clock(.toCao, "2026-03-02")
        #expect(try due(item) == (try ymd("2026-03-11")))
        // Accepted Fri 27/03: 30 days = Sun 26/04 (Giỗ Tổ), Mon 27 nghỉ bù -> Tue 28/04.
        item.events.append(try accepted("2026-03-27"))
        #expect(try due(item) == (try ymd("2026-04-28")))
        // First extension (especially complex): 60 days = Tue 26/05.
        item = try extended(item, on: "2026-04-20", .especiallyComplex)
        #expect(try due(item) == (try ymd("2026-05-26")))
        // Second: 90 days = Thu 25/06.
        item = try extended(item, on: "2026-05-20", .especiallyComplex)
        #expect(try due(item) == (try ymd("2026-06-25")))
        #expect(item.extensions.map(\.number) == [1, 2])
        #expect(item.extensions.map(\.due) == [try ymd("2026-05-26"), try ymd("2026-06-25")])
        #expect(item.step(limits: limits)?.extensions == 2)
    }

    @Test("tố cáo extended once as complex, a second time refused")
    func toCaoComplexOnce() throws {
        let item = try extended(try clock(.toCao, "2026-03-02", [try accepted("2026-03-27")]), on: "2026-04-20", .complex)
        #expect(try due(item) == (try ymd("2026-05-26")))
        #expect(throws: FeedbackExtensionError.limitReached(.toCao, .complex, max: 1)) {
            try item.extend(on: try ymd("2026-05-20"), reason: "Lý do", complexity: .complex, limits: limits, calendar: calendar)
        }
        // A second extension as especially complex is still lawful.
        #expect(try due(try extended(item, on: "2026-05-20", .especiallyComplex)) == (try ymd("2026-06-25")))
    }

    @Test("tố cáo: a third extension is refused")
    func toCaoThird() throws {
        var item = try clock(.toCao, "2026-03-02", [try accepted("2026-03-27")])
        item = try extended(try extended(item, on: "2026-04-20", .especiallyComplex), on: "2026-05-20", .especiallyComplex)
        #expect(throws: FeedbackExtensionError.limitReached(.toCao, .especiallyComplex, max: 2)) {
            try item.extend(on: try ymd("2026-06-20"), reason: "Lý do", complexity: .especiallyComplex, limits: limits, calendar: calendar)
        }
    }

    // MARK: refused extensions

    @Test("the answer kinds are never extended", arguments: [FeedbackKind.gopY, .phanAnh, .kienNghi], ExtensionComplexity.allCases)
    func answerKindsNotExtended(kind: FeedbackKind, complexity: ExtensionComplexity) throws {
        let item = try clock(kind, "2026-03-02", [try accepted("2026-03-03")])
        #expect(throws: FeedbackExtensionError.notAllowed(kind, complexity)) {
            try item.extend(on: try ymd("2026-03-05"), reason: "Lý do", complexity: complexity, limits: limits, calendar: calendar)
        }
    }

    @Test("khiếu nại: once, as complex only")
    func khieuNaiOnce() throws {
        let item = try clock(.khieuNai, "2026-03-02", [try accepted("2026-03-10")])
        #expect(throws: FeedbackExtensionError.notAllowed(.khieuNai, .especiallyComplex)) {
            try item.extend(on: try ymd("2026-03-20"), reason: "Lý do", complexity: .especiallyComplex, limits: limits, calendar: calendar)
        }
        let once = try extended(item, on: "2026-03-20", .complex)
        #expect(throws: FeedbackExtensionError.limitReached(.khieuNai, .complex, max: 1)) {
            try once.extend(on: try ymd("2026-03-25"), reason: "Lý do", complexity: .complex, limits: limits, calendar: calendar)
        }
    }

    @Test("no extension before acceptance, without a reason, or for an anonymous item", arguments: [FeedbackKind.khieuNai, .toCao])
    func extensionPreconditions(kind: FeedbackKind) throws {
        let day = try ymd("2026-03-05")
        #expect(throws: FeedbackExtensionError.notAccepted) {
            try clock(kind, "2026-03-02").extend(on: day, reason: "Lý do", complexity: .complex, limits: limits, calendar: calendar)
        }
        #expect(throws: FeedbackExtensionError.missingReason) {
            try clock(kind, "2026-03-02", [try accepted("2026-03-03")]).extend(on: day, reason: "  \n", complexity: .complex, limits: limits, calendar: calendar)
        }
        #expect(throws: FeedbackExtensionError.noClock) {
            try clock(kind, "2026-03-02", anonymous: true, [try accepted("2026-03-03")]).extend(on: day, reason: "Lý do", complexity: .complex, limits: limits, calendar: calendar)
        }
    }

    @Test("extension errors read as sentences in both languages")
    func extensionMessages() {
        let errors: [FeedbackExtensionError] = [
            .noClock, .notAllowed(.gopY, .complex), .notAccepted, .limitReached(.toCao, .complex, max: 1), .missingReason,
            .calendar(.noCalendar(year: 2028)),
        ]
        for error in errors {
            #expect(!error.message.vi.isEmpty && !error.message.en.isEmpty)
        }
        #expect(FeedbackExtensionError.calendar(.noCalendar(year: 2028)).message.vi.contains("2028"))
    }

    // MARK: reclassification

    @Test("reclassified from phản ánh to tố cáo: the due date is recomputed from receipt")
    func reclassifyToToCao() throws {
        // Phản ánh received Mon 02/03/2026, due 16/03; as tố cáo, accept by Wed 11/03.
        var item = try clock(.phanAnh, "2026-03-02")
        #expect(try due(item) == (try ymd("2026-03-16")))
        item.kind = .toCao
        item.events.append(.reclassified(on: try ymd("2026-03-04")))
        #expect(try due(item) == (try ymd("2026-03-11")))
    }

    @Test("reclassified from an extended khiếu nại to phản ánh: back to 10 working days from receipt")
    func reclassifyToPhanAnh() throws {
        var item = try extended(try clock(.khieuNai, "2026-03-02", [try accepted("2026-03-10")]), on: "2026-03-20", .complex)
        item.kind = .phanAnh
        item.events.append(.reclassified(on: try ymd("2026-03-25")))
        #expect(try due(item) == (try ymd("2026-03-16")))
        #expect(item.extensionsInForce.isEmpty)
        #expect(item.extensions.count == 1)
    }

    @Test("reclassified from tố cáo to khiếu nại: acceptance kept, old extensions dropped, numbering continues")
    func reclassifyKeepsAcceptance() throws {
        var item = try extended(try clock(.toCao, "2026-03-02", [try accepted("2026-03-27")]), on: "2026-04-20", .complex)
        #expect(try due(item) == (try ymd("2026-05-26")))
        item.kind = .khieuNai
        item.events.append(.reclassified(on: try ymd("2026-04-22")))
        // 30 days from 27/03 = 26/04 (Giỗ Tổ), 27/04 nghỉ bù -> Tue 28/04.
        #expect(try due(item) == (try ymd("2026-04-28")))
        // One khiếu nại extension is available: 45 days from 27/03 = Mon 11/05; it is number 2.
        item = try extended(item, on: "2026-04-23", .complex)
        #expect(try due(item) == (try ymd("2026-05-11")))
        #expect(item.extensions.last?.number == 2)
    }

    @Test("a new category under the same kind keeps the extensions in force")
    func recategorizeKeepsExtensions() throws {
        var item = try extended(try clock(.toCao, "2026-03-02", [try accepted("2026-03-27")]), on: "2026-04-20", .complex)
        #expect(try due(item) == (try ymd("2026-05-26")))
        item.events.append(.reclassified(on: try ymd("2026-04-22"), kindChanged: false))
        #expect(try due(item) == (try ymd("2026-05-26")))
        #expect(item.extensionsInForce.count == 1)
        #expect(throws: FeedbackExtensionError.self) {
            try item.extend(on: try ymd("2026-04-23"), reason: "Lần hai", complexity: .complex, limits: .standard, calendar: calendar)
        }
    }

    @Test("reclassified to an anonymous-free kind keeps an anonymous item without a clock")
    func reclassifyAnonymous() throws {
        var item = try clock(.phanAnh, "2026-03-02", anonymous: true)
        item.kind = .khieuNai
        item.events.append(.reclassified(on: try ymd("2026-03-04")))
        #expect(try due(item) == nil)
    }

    // MARK: reopen

    @Test("a reopened góp ý gets 10 working days again from the reopen day")
    func reopenGopY() throws {
        // Reopened Wed 18/03/2026: Thu 19 (1), Fri 20 (2), Mon 23 (3) ... Fri 27 (7), Mon 30 (8),
        // Tue 31 (9), Wed 01/04 (10). Transfer: Thu 19 ... Wed 25 (5).
        let item = try clock(.gopY, "2026-03-02", [.reopened(on: try ymd("2026-03-18"))])
        #expect(try due(item) == (try ymd("2026-04-01")))
        #expect(item.step(limits: limits)?.name == .reopened)
        #expect(try item.transferDue(limits: limits, calendar: calendar) == (try ymd("2026-03-25")))
        #expect(try item.due(for: .transfer, limits: limits, calendar: calendar) == (try ymd("2026-03-25")))
        #expect(try item.due(for: .resolve, limits: limits, calendar: calendar) == (try ymd("2026-04-01")))
    }

    @Test("a reopened khiếu nại gets its decision limit again, extensions start over")
    func reopenKhieuNai() throws {
        var item = try extended(try clock(.khieuNai, "2026-03-02", [try accepted("2026-03-10")]), on: "2026-03-20", .complex)
        // Reopened Fri 10/04/2026: 30 days = Sun 10/05 -> Mon 11/05.
        item.events.append(.reopened(on: try ymd("2026-04-10")))
        #expect(try due(item) == (try ymd("2026-05-11")))
        // Extended again: 45 days from 10/04 = Mon 25/05.
        item = try extended(item, on: "2026-04-20", .complex)
        #expect(try due(item) == (try ymd("2026-05-25")))
        #expect(item.extensions.map(\.number) == [1, 2])
    }

    @Test("the last reopen counts")
    func secondReopen() throws {
        let item = try clock(.phanAnh, "2026-03-02", [.reopened(on: try ymd("2026-03-04")), .reopened(on: try ymd("2026-03-18"))])
        #expect(item.reopenedOn == (try ymd("2026-03-18")))
        #expect(try due(item) == (try ymd("2026-04-01")))
    }

    // MARK: anonymous

    @Test("anonymous items of every kind have no clock", arguments: FeedbackKind.allCases)
    func anonymous(kind: FeedbackKind) throws {
        let item = try clock(kind, "2026-03-02", anonymous: true, [try accepted("2026-03-03"), .reopened(on: try ymd("2026-03-20"))])
        #expect(item.step(limits: limits) == nil)
        #expect(try due(item) == nil)
        #expect(try item.transferDue(limits: limits, calendar: calendar) == nil)
        #expect(try item.status(today: try ymd("2026-12-01"), limits: limits, calendar: calendar) == .noClock)
    }

    // MARK: status

    @Test("due soon and overdue for an open item", arguments: [
        ("2026-03-11", FeedbackDeadlineStatus.onTrack),  // Wed: Thu, Fri, Mon left
        ("2026-03-12", .dueSoon),  // Thu: Fri, Mon left
        ("2026-03-16", .dueSoon),  // the due day itself
        ("2026-03-17", .overdue),
    ])
    func status(today: String, expected: FeedbackDeadlineStatus) throws {
        let item = try clock(.phanAnh, "2026-03-02")  // due Mon 16/03
        #expect(try item.status(today: try ymd(today), limits: limits, calendar: calendar) == expected)
    }

    // MARK: missing calendars

    @Test("a due date in 2028 is refused with noCalendar, never guessed")
    func noCalendar() throws {
        // Received Mon 20/12/2027: 9 working days end Fri 31/12; the 10th is in 2028.
        #expect(throws: CalendarError.noCalendar(year: 2028)) { try due(try clock(.gopY, "2027-12-20")) }
        // Tố cáo accepted Wed 15/12/2027: 30 days = 14/01/2028.
        #expect(throws: CalendarError.noCalendar(year: 2028)) { try due(try clock(.toCao, "2027-12-01", [try accepted("2027-12-15")])) }
        // Transfer from Fri 24/12/2027: Mon 27 (1) ... Fri 31 (5), still 2027; from Mon 27/12 the
        // 5th working day is in 2028.
        #expect(try clock(.khieuNai, "2027-12-24").transferDue(limits: limits, calendar: calendar) == (try ymd("2027-12-31")))
        #expect(throws: CalendarError.noCalendar(year: 2028)) {
            try clock(.khieuNai, "2027-12-27").transferDue(limits: limits, calendar: calendar)
        }
        #expect(CalendarError.noCalendar(year: 2028).message.vi == "Chưa có lịch nghỉ lễ năm 2028; không thể tính hạn.")
    }

    @Test("an extension into 2028 is refused with the calendar's error")
    func extensionNoCalendar() throws {
        let item = try clock(.khieuNai, "2027-11-01", [try accepted("2027-11-20")])  // 30 days: Mon 20/12/2027
        #expect(try due(item) == (try ymd("2027-12-20")))
        #expect(throws: FeedbackExtensionError.calendar(.noCalendar(year: 2028))) {
            try item.extend(on: try ymd("2027-12-10"), reason: "Lý do", complexity: .complex, limits: limits, calendar: calendar)
        }
    }

    @Test("a year missing from the middle is refused")
    func gapYear() throws {
        let only2027 = try WorkingCalendar([HolidayCalendar.vietnam2027])
        #expect(throws: CalendarError.noCalendar(year: 2026)) {
            try clock(.phanAnh, "2026-12-28").due(limits: limits, calendar: only2027)
        }
    }

    // MARK: configuration

    @Test("limits are configurable: a province's own answer limit is used")
    func configuredLimits() throws {
        var province = FeedbackLimits.standard
        province.rulesVersion = "dong-nai-2026"
        province.phanAnhAnswer = .workingDays(7)
        province.toCaoResolution = .calendarDays(20)
        // Received Mon 02/03/2026, 7 working days: Wed 11/03.
        #expect(try clock(.phanAnh, "2026-03-02").due(limits: province, calendar: calendar) == (try ymd("2026-03-11")))
        // Accepted Tue 10/03: 20 days = Mon 30/03.
        #expect(try clock(.toCao, "2026-03-02", [try accepted("2026-03-10")]).due(limits: province, calendar: calendar) == (try ymd("2026-03-30")))
    }
}
