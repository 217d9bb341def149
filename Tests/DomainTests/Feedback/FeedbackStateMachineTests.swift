import Domain
import Foundation
import Testing

@Suite("FeedbackStateMachine")
struct FeedbackStateMachineTests {
    let calendar: WorkingCalendar
    let limits = FeedbackLimits.standard

    init() throws {
        calendar = try WorkingCalendar(HolidayCalendar.shipped)
    }

    /// The table of product.md written out again, independently of the code: the target of
    /// each (state, action), nil where refused.
    static let table: [FeedbackState: [FeedbackAction: FeedbackState]] = [
        .received: [
            .accept: .accepted, .assign: .assigned, .transfer: .transferred, .reject: .rejected, .resolve: .resolved, .verify: .received,
            .reclassify: .received,
        ],
        .accepted: [.assign: .assigned, .extend: .accepted, .transfer: .transferred, .resolve: .resolved, .verify: .accepted, .reclassify: .accepted],
        .assigned: [.assign: .assigned, .start: .inProgress, .extend: .assigned, .transfer: .transferred, .resolve: .resolved, .verify: .assigned, .reclassify: .assigned],
        .inProgress: [.assign: .assigned, .extend: .inProgress, .transfer: .transferred, .resolve: .resolved, .verify: .inProgress, .reclassify: .inProgress],
        .resolved: [.verify: .resolved, .close: .closed, .reopen: .inProgress],
        .closed: [.reopen: .inProgress],
        .transferred: [.verify: .transferred, .close: .closed],
        .rejected: [.verify: .rejected, .close: .closed],
    ]

    /// The cells open only to a clocked khiếu nại or tố cáo still awaiting acceptance: one
    /// assigned first is still accepted or refused (without them it was stuck for good).
    static let awaitingAcceptance: [FeedbackState: [FeedbackAction: FeedbackState]] = [
        .assigned: [.accept: .assigned, .reject: .rejected],
        .inProgress: [.accept: .inProgress, .reject: .rejected],
    ]

    /// Facts and fields under which only the table decides.
    private var facts: FeedbackItemFacts {
        get throws {
            FeedbackItemFacts(
                kind: .khieuNai, isAnonymous: false, isAccepted: true, isConduct: true,
                lastHandling: FeedbackHandling(kind: .resolve, on: try ymd("2026-03-13"), due: try ymd("2026-03-16")))
        }
    }

    private let fields = FeedbackActionFields(
        result: "Đã hướng dẫn lại thủ tục", reason: "Lý do", assignee: "cb01", task: "Kiểm tra tại quầy", transferTo: "UBND phường",
        outcome: .coCoSo, complexity: .complex, kind: .phanAnh, category: .thaiDo)

    private func next(_ state: FeedbackState, _ action: FeedbackAction, facts: FeedbackItemFacts? = nil, fields: FeedbackActionFields? = nil, today: String = "2026-03-16") throws -> FeedbackState {
        try FeedbackStateMachine.next(
            from: state, action: action, facts: try facts ?? self.facts, fields: fields ?? self.fields,
            today: try ymd(today), limits: limits, calendar: calendar)
    }

    @Test("every (state, action) pair follows the table", arguments: FeedbackState.allCases, FeedbackAction.allCases)
    func everyPair(state: FeedbackState, action: FeedbackAction) throws {
        let expected = Self.table[state]?[action]
        #expect(FeedbackStateMachine.target(of: action, from: state) == expected ?? Self.awaitingAcceptance[state]?[action])
        if let expected {
            #expect(try next(state, action) == expected)
        } else {
            #expect(throws: FeedbackTransitionError.illegalTransition(state, action)) { try next(state, action) }
        }
    }

    @Test("the table covers 8 states x 11 actions")
    func tableSize() {
        #expect(FeedbackState.allCases.count * FeedbackAction.allCases.count == 88)
        #expect(Self.table.count == FeedbackState.allCases.count)
    }

    @Test(
        "a khiếu nại or tố cáo assigned before its acceptance is still accepted or refused; nothing else is",
        arguments: [FeedbackState.assigned, .inProgress], [FeedbackAction.accept, .reject])
    func acceptanceAfterAnAssignment(state: FeedbackState, action: FeedbackAction) throws {
        let expected = try #require(Self.awaitingAcceptance[state]?[action])
        for kind in [FeedbackKind.khieuNai, .toCao] {
            #expect(try next(state, action, facts: FeedbackItemFacts(kind: kind, isAnonymous: false)) == expected)
            // Once accepted, or anonymous (no clock), the cell is closed again.
            #expect(throws: FeedbackTransitionError.illegalTransition(state, action)) {
                try next(state, action, facts: FeedbackItemFacts(kind: kind, isAnonymous: false, isAccepted: true))
            }
            #expect(throws: FeedbackTransitionError.illegalTransition(state, action)) {
                try next(state, action, facts: FeedbackItemFacts(kind: kind, isAnonymous: true))
            }
        }
        #expect(throws: FeedbackTransitionError.illegalTransition(state, action)) {
            try next(state, action, facts: FeedbackItemFacts(kind: .phanAnh, isAnonymous: false))
        }
    }

    // MARK: resolve

    @Test("khiếu nại and tố cáo are resolved only after acceptance", arguments: [FeedbackKind.khieuNai, .toCao])
    func resolveNeedsAcceptance(kind: FeedbackKind) throws {
        let notAccepted = FeedbackItemFacts(kind: kind, isAnonymous: false)
        #expect(throws: FeedbackTransitionError.notAccepted(kind, .resolve)) { try next(.assigned, .resolve, facts: notAccepted) }
        // Anonymous ones are handled as anonymous góp ý: accept is optional.
        #expect(try next(.assigned, .resolve, facts: FeedbackItemFacts(kind: kind, isAnonymous: true)) == .resolved)
    }

    @Test("the other kinds are resolved without acceptance", arguments: [FeedbackKind.gopY, .phanAnh, .kienNghi])
    func resolveWithoutAcceptance(kind: FeedbackKind) throws {
        let facts = FeedbackItemFacts(kind: kind, isAnonymous: false)
        #expect(try next(.assigned, .resolve, facts: facts) == .resolved)
        #expect(try next(.inProgress, .resolve, facts: facts) == .resolved)
    }

    @Test("a conduct item may be answered before or after its verification; a phản ánh straight from receipt")
    func resolveConduct() throws {
        let unverified = FeedbackItemFacts(kind: .phanAnh, isAnonymous: false, isConduct: true)
        #expect(try next(.inProgress, .resolve, facts: unverified) == .resolved)
        #expect(try next(.received, .resolve, facts: unverified) == .resolved)
        #expect(try next(.resolved, .verify, facts: unverified) == .resolved, "verified after the answer")
        let complaint = FeedbackItemFacts(kind: .khieuNai, isAnonymous: false)
        #expect(throws: FeedbackTransitionError.notAccepted(.khieuNai, .resolve)) { try next(.received, .resolve, facts: complaint) }
    }

    @Test("resolve needs a result that is not blank", arguments: [nil, "", "  \n\t"])
    func resolveNeedsResult(result: String?) throws {
        var fields = self.fields
        fields.result = result
        #expect(throws: FeedbackTransitionError.missingField(.resolve, "result")) { try next(.inProgress, .resolve, fields: fields) }
    }

    // MARK: extend

    @Test("only accepted, clocked khiếu nại and tố cáo are extended")
    func extendChecks() throws {
        for kind in [FeedbackKind.gopY, .phanAnh, .kienNghi] {
            #expect(throws: FeedbackTransitionError.notExtendable(kind)) {
                try next(.inProgress, .extend, facts: FeedbackItemFacts(kind: kind, isAnonymous: false, isAccepted: true))
            }
        }
        #expect(throws: FeedbackTransitionError.noClock) {
            try next(.inProgress, .extend, facts: FeedbackItemFacts(kind: .toCao, isAnonymous: true, isAccepted: true))
        }
        #expect(throws: FeedbackTransitionError.notAccepted(.toCao, .extend)) {
            try next(.assigned, .extend, facts: FeedbackItemFacts(kind: .toCao, isAnonymous: false))
        }
        var fields = self.fields
        fields.complexity = nil
        #expect(throws: FeedbackTransitionError.missingField(.extend, "complexity")) { try next(.inProgress, .extend, fields: fields) }
        fields.reason = " "
        #expect(throws: FeedbackTransitionError.missingField(.extend, "reason")) { try next(.inProgress, .extend, fields: fields) }
    }

    // MARK: verify

    @Test("verify: conduct items only, with an outcome, state unchanged")
    func verify() throws {
        #expect(throws: FeedbackTransitionError.notConduct) {
            try next(.inProgress, .verify, facts: FeedbackItemFacts(kind: .phanAnh, isAnonymous: false, isConduct: false))
        }
        var fields = self.fields
        fields.outcome = nil
        #expect(throws: FeedbackTransitionError.missingField(.verify, "outcome")) { try next(.inProgress, .verify, fields: fields) }
        // Anonymous conduct items are verified too: the inspection committee sees them.
        #expect(try next(.resolved, .verify, facts: FeedbackItemFacts(kind: .gopY, isAnonymous: true, isConduct: true)) == .resolved)
    }

    // MARK: reopen

    @Test("reopen within 10 working days of the answer", arguments: [
        ("2026-03-13", "2026-03-13", true),  // the same day
        ("2026-03-13", "2026-03-27", true),  // Fri 13/03: Mon 16 (1) ... Fri 27 (10), the last day
        ("2026-03-13", "2026-03-28", false),
        ("2026-03-13", "2026-03-30", false),
        ("2026-02-12", "2026-03-05", true),  // Thu 12/02: Fri 13 (1), Tết, Mon 23 (2) ... Thu 05/03 (10)
        ("2026-02-12", "2026-03-06", false),
    ])
    func reopenWindow(resolved: String, today: String, allowed: Bool) throws {
        var facts = try self.facts
        facts.lastHandling = FeedbackHandling(kind: .resolve, on: try ymd(resolved), due: nil)
        for state in [FeedbackState.resolved, .closed] {
            if allowed {
                #expect(try next(state, .reopen, facts: facts, today: today) == .inProgress)
            } else {
                let until = try FeedbackStateMachine.reopenDeadline(resolvedOn: try ymd(resolved), limits: limits, calendar: calendar)
                #expect(throws: FeedbackTransitionError.reopenWindowClosed(until: until)) { try next(state, .reopen, facts: facts, today: today) }
            }
        }
    }

    @Test("a rejected or transferred item, once closed, is not reopened")
    func reopenOnlyAnswered() throws {
        for kind in [FeedbackHandlingKind.reject, .transfer] {
            var facts = try self.facts
            facts.lastHandling = FeedbackHandling(kind: kind, on: try ymd("2026-03-13"), due: nil)
            #expect(throws: FeedbackTransitionError.notAnswered) { try next(.closed, .reopen, facts: facts) }
        }
        var facts = try self.facts
        facts.lastHandling = nil
        #expect(throws: FeedbackTransitionError.notAnswered) { try next(.closed, .reopen, facts: facts) }
    }

    @Test("a reopen window running into 2028 is refused with the calendar's error")
    func reopenNoCalendar() throws {
        var facts = try self.facts
        facts.lastHandling = FeedbackHandling(kind: .resolve, on: try ymd("2027-12-24"), due: nil)
        #expect(throws: FeedbackTransitionError.calendar(.noCalendar(year: 2028))) { try next(.resolved, .reopen, facts: facts, today: "2027-12-27") }
    }

    // MARK: fields

    @Test("each action's required fields", arguments: [
        (FeedbackState.received, FeedbackAction.assign, "assignee"),
        (.received, .transfer, "to"),
        (.received, .reject, "reason"),
        (.resolved, .reopen, "reason"),
        (.received, .reclassify, "kind"),
    ])
    func requiredFields(state: FeedbackState, action: FeedbackAction, field: String) throws {
        #expect(throws: FeedbackTransitionError.missingField(action, field)) {
            try next(state, action, fields: FeedbackActionFields(category: .khac))
        }
    }

    @Test("reclassify needs the category too; transfer needs a reason besides the body")
    func moreFields() throws {
        #expect(throws: FeedbackTransitionError.missingField(.reclassify, "category")) {
            try next(.received, .reclassify, fields: FeedbackActionFields(kind: .gopY))
        }
        #expect(throws: FeedbackTransitionError.missingField(.transfer, "reason")) {
            try next(.received, .transfer, fields: FeedbackActionFields(transferTo: "Sở Xây dựng"))
        }
    }

    // MARK: errors

    @Test("409 for the state or history, 422 for fields; every message in both languages")
    func errors() throws {
        let errors: [FeedbackTransitionError] = [
            .illegalTransition(.closed, .resolve), .notAccepted(.khieuNai, .resolve), .notExtendable(.gopY), .noClock,
            .notConduct, .notAnswered, .reopenWindowClosed(until: try ymd("2026-03-27")),
            .missingField(.resolve, "result"), .calendar(.noCalendar(year: 2028)),
        ]
        for error in errors {
            #expect(!error.message.vi.isEmpty && !error.message.en.isEmpty)
            #expect(error.isConflict == (error != .missingField(.resolve, "result")))
        }
        #expect(FeedbackTransitionError.illegalTransition(.closed, .resolve).message.vi == "Không thể \"giải quyết, trả lời\" khi phản ánh đang ở trạng thái \"đã đóng\".")
        #expect(FeedbackTransitionError.reopenWindowClosed(until: try ymd("2026-03-27")).message.vi.contains("27/03/2026"))
    }
}
