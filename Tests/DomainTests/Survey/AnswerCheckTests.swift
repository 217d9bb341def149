import Domain
import Foundation
import Testing

@Suite("FormDefinition.check")
struct AnswerCheckTests {
    let form: FormDefinition

    init() throws {
        form = try loadRealForm()
    }

    private func problem(_ raw: [String: RawAnswer], stage: SubmissionStage = .rating) -> AnswerProblem? {
        do {
            _ = try form.check(raw, stage: stage)
            return nil
        } catch {
            return error
        }
    }

    @Test("a valid rating with details is accepted as given")
    func validRating() throws {
        let answers = try form.check(
            ["overall": .text("3"), "access-1": .number(4), "visits": .text("1"), "comment": .text("Tốt")], stage: .rating)
        #expect(answers.levels == ["overall": 3, "access-1": 4, "visits": 1])
        #expect(answers.texts == ["comment": "Tốt"])
    }

    @Test("an unknown question is refused")
    func unknownQuestion() {
        #expect(problem(["overall": .number(2), "nope": .number(1)]) == .unknownQuestion("nope"))
    }

    @Test(
        "a level outside the question's scale is refused",
        arguments: [
            ("overall", RawAnswer.number(4)),
            ("overall", RawAnswer.number(-1)),
            ("overall", RawAnswer.text("4")),
            ("access-1", RawAnswer.number(6)),
            ("access-1", RawAnswer.text("6")),
            ("access-1", RawAnswer.number(-1)),
        ])
    func levelOutOfRange(question: String, value: RawAnswer) {
        var raw: [String: RawAnswer] = ["overall": .number(2)]
        raw[question] = value
        #expect(problem(raw) == .invalidLevel(question: question))
    }

    @Test("text that is not plain ASCII digits is refused", arguments: ["abc", "+3", "٣", "-1", "2.0", "３", "1e0"])
    func nonDigitText(text: String) {
        #expect(problem(["overall": .text(text)]) == .invalidLevel(question: "overall"))
        #expect(problem(["overall": .number(2), "access-1": .text(text)]) == .invalidLevel(question: "access-1"))
    }

    @Test("a JSON value of another type is refused")
    func invalidRaw() {
        #expect(problem(["overall": .invalid]) == .invalidLevel(question: "overall"))
        // A number for a text question is refused as well.
        #expect(problem(["overall": .number(2), "comment": .number(5)]) == .invalidLevel(question: "comment"))
    }

    @Test("the first submission needs the overall answer")
    func missingOverall() {
        #expect(problem([:]) == .missingOverall)
        #expect(problem(["access-1": .number(5), "comment": .text("ok")]) == .missingOverall)
        // A blank overall value counts as unanswered.
        #expect(problem(["overall": .text("  ")]) == .missingOverall)
    }

    @Test("details may not carry the overall answer again")
    func overallAtDetails() throws {
        #expect(problem(["overall": .number(3), "access-1": .number(4)], stage: .details) == .overallAlreadyRecorded)
        let details = try form.check(["access-1": .number(4)], stage: .details)
        #expect(details.levels == ["access-1": 4])
    }

    @Test("level 0 (Không có ý kiến) is accepted on ratings")
    func noOpinionAccepted() throws {
        let answers = try form.check(["overall": .text("0"), "access-1": .number(0), "result-2": .text("0")], stage: .rating)
        #expect(answers.levels == ["overall": 0, "access-1": 0, "result-2": 0])
    }

    @Test("blank strings count as unanswered")
    func blankSkipped() throws {
        let answers = try form.check(
            ["overall": .text(" 2 "), "access-1": .text(""), "officer-2": .text("   "), "visits": .text(""), "comment": .text(" \n\t ")],
            stage: .rating)
        #expect(answers.levels == ["overall": 2])
        #expect(answers.texts.isEmpty)
    }

    @Test("text is trimmed and normalised to NFC")
    func textNormalised() throws {
        // "e" + COMBINING CIRCUMFLEX (U+0302) + COMBINING ACUTE (U+0301) is "ế" decomposed.
        let answers = try form.check(["overall": .number(3), "comment": .text("  Rất tốt e\u{0302}\u{0301}\n ")], stage: .rating)
        let text = try #require(answers.texts["comment"])
        // String == compares canonically, so compare the scalars: precomposed U+1EBF, no combining marks.
        #expect(Array(text.unicodeScalars) == Array("Rất tốt \u{1EBF}".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(text.unicodeScalars.last == "\u{1EBF}")
        #expect(!text.unicodeScalars.contains("\u{0301}"))
        #expect(text.unicodeScalars.first == "R")
    }

    @Test("text longer than the question's maxLength is refused; exactly maxLength is accepted")
    func textTooLong() throws {
        let maxLength = try #require(form.question(id: "comment")?.maxLength)
        #expect(maxLength == 1000)
        let exact = try form.check(["overall": .number(3), "comment": .text(String(repeating: "a", count: maxLength))], stage: .rating)
        #expect(exact.texts["comment"]?.count == maxLength)
        #expect(
            problem(["overall": .number(3), "comment": .text(String(repeating: "a", count: maxLength + 1))])
                == .textTooLong(question: "comment", maxLength: maxLength))
    }

    @Test("a decomposed text is measured after normalisation")
    func lengthAfterNormalisation() throws {
        // 1000 decomposed "ế" are 3000 scalars but 1000 characters: within the limit.
        let decomposed = String(repeating: "e\u{0302}\u{0301}", count: 1000)
        let answers = try form.check(["overall": .number(3), "comment": .text(decomposed)], stage: .rating)
        #expect(answers.texts["comment"]?.unicodeScalars.count == 1000)
    }

    @Test("a choice value that is not one of the options is refused")
    func choiceNotAnOption() throws {
        #expect(problem(["overall": .number(3), "visits": .number(3)]) == .invalidLevel(question: "visits"))
        #expect(problem(["overall": .number(3), "visits": .text("7")]) == .invalidLevel(question: "visits"))
        #expect(problem(["overall": .number(3), "visits": .number(-1)]) == .invalidLevel(question: "visits"))
        let ok = try form.check(["overall": .number(3), "visits": .number(2)], stage: .rating)
        #expect(ok.levels["visits"] == 2)
    }

    @Test(
        "control characters at the edges do not leave untrimmed or blank text")
    func controlCharactersThenTrim() throws {
        let blank = try form.check(["overall": .number(3), "comment": .text("\u{0} \u{0}")], stage: .rating)
        #expect(blank.texts.isEmpty, "got \(blank.texts)")
        let edged = try form.check(["overall": .number(3), "comment": .text("\u{7} Tốt")], stage: .rating)
        #expect(edged.texts["comment"] == "Tốt", "got \(String(reflecting: edged.texts["comment"]))")
    }
}
