import Domain
import Foundation
import Testing

/// The real form shipped in Forms/, found from this file: Tests/DomainTests/<file> -> package root.
let packageRoot = findPackageRoot()
let realFormURL = packageRoot.appendingPathComponent("Forms/sipas-counter.v1.json")

func loadRealForm() throws -> FormDefinition {
    try FormDefinition.load(from: Data(contentsOf: realFormURL), file: "sipas-counter.v1.json")
}

@Suite("FormDefinition.load")
struct FormDefinitionLoadTests {
    @Test("the shipped form loads with one quick3 overall question and 2-3 likert5 criteria per factor")
    func realForm() throws {
        let form = try loadRealForm()

        #expect(form.id == "sipas-counter")
        #expect(form.version == 1)
        let overall = form.questions.filter(\.isOverall)
        #expect(overall.count == 1)
        #expect(overall.first?.type == .rating)
        #expect(overall.first?.scale == .quick3)
        #expect(form.overallQuestion?.id == overall.first?.id)

        for factor in Factor.allCases {
            let criteria = form.questions.filter { $0.factor == factor }
            #expect((2...3).contains(criteria.count), "factor \(factor.rawValue) has \(criteria.count) criteria")
            for criterion in criteria {
                #expect(criterion.type == .rating, "\(criterion.id)")
                #expect(criterion.scale == .likert5, "\(criterion.id)")
                #expect(!criterion.isOverall, "\(criterion.id)")
            }
        }

        let visits = try #require(form.question(id: "visits"))
        #expect(visits.type == .choice)
        #expect(visits.options?.map(\.value) == [0, 1, 2])
        let comment = try #require(form.question(id: "comment"))
        #expect(comment.type == .text)
        #expect(form.detailQuestions.count == form.questions.count - 1)
    }

    // MARK: - Invalid forms

    private static let title = #""title": {"vi": "Phiếu thử", "en": "Test form"}"#
    private static let overallQuestion =
        #"{"id": "overall", "type": "rating", "scale": "quick3", "overall": true, "text": {"vi": "Chung", "en": "Overall"}}"#
    private static func rating(_ id: String, scale: String? = "likert5", overall: Bool = false) -> String {
        let scalePart = scale.map { #""scale": "\#($0)", "# } ?? ""
        let overallPart = overall ? #""overall": true, "# : ""
        return #"{"id": "\#(id)", "type": "rating", \#(scalePart)\#(overallPart)"factor": "access", "text": {"vi": "Câu \#(id)", "en": "Q"}}"#
    }
    private static func form(version: String = "1", _ questions: [String]) -> Data {
        Data(#"{"id": "thu", "version": \#(version), \#(title), "questions": [\#(questions.joined(separator: ", "))]}"#.utf8)
    }

    private func validationError(_ data: Data, file: String) throws -> FormValidationError {
        let error = try #require(throws: FormValidationError.self) { try FormDefinition.load(from: data, file: file) }
        return error
    }

    @Test("the minimal test form itself is valid (so the failures below are due to the one change each)")
    func minimalFormIsValid() throws {
        let form = try FormDefinition.load(from: Self.form([Self.overallQuestion, Self.rating("a-1")]), file: "ok.json")
        #expect(form.questions.count == 2)
    }

    @Test("no overall question")
    func missingOverall() throws {
        let error = try validationError(Self.form([Self.rating("a-1"), Self.rating("a-2")]), file: "no-overall.json")
        #expect(error.file == "no-overall.json")
        #expect(error.field == "questions")
    }

    @Test("two overall questions")
    func twoOverall() throws {
        let data = Self.form([Self.overallQuestion, Self.rating("a-1"), Self.rating("overall-2", scale: "quick3", overall: true)])
        let error = try validationError(data, file: "two-overall.json")
        #expect(error.file == "two-overall.json")
        #expect(error.field == "questions")
    }

    @Test("a rating question without a scale")
    func ratingWithoutScale() throws {
        let data = Self.form([Self.overallQuestion, Self.rating("a-1"), Self.rating("a-2", scale: nil)])
        let error = try validationError(data, file: "no-scale.json")
        #expect(error.file == "no-scale.json")
        #expect(error.field == "questions[2].scale")
    }

    @Test("duplicate question ids")
    func duplicateIds() throws {
        let data = Self.form([Self.overallQuestion, Self.rating("a-1"), Self.rating("a-1")])
        let error = try validationError(data, file: "dup.json")
        #expect(error.file == "dup.json")
        #expect(error.field == "questions[2].id")
    }

    @Test("a JSON value of the wrong type: \"version\": \"1\"")
    func versionAsString() throws {
        let data = Self.form(version: #""1""#, [Self.overallQuestion])
        let error = try validationError(data, file: "bad-type.json")
        #expect(error.file == "bad-type.json")
        #expect(error.field == "version")
    }

    @Test("an unknown scale names the nested field")
    func unknownScale() throws {
        let data = Self.form([Self.overallQuestion, Self.rating("a-1", scale: "likert7")])
        let error = try validationError(data, file: "scale.json")
        #expect(error.file == "scale.json")
        #expect(error.field == "questions[1].scale")
    }

    @Test("text that is not JSON at all")
    func notJSON() throws {
        let error = try validationError(Data("not json {".utf8), file: "garbage.json")
        #expect(error.file == "garbage.json")
    }

    @Test("a missing required key names the nested field")
    func missingKey() throws {
        let noText = #"{"id": "a-1", "type": "rating", "scale": "likert5", "factor": "access"}"#
        let error = try validationError(Self.form([Self.overallQuestion, noText]), file: "no-text.json")
        #expect(error.file == "no-text.json")
        #expect(error.field == "questions[1].text")
    }

    @Test("a question id that is not usable as a form field name")
    func badQuestionId() throws {
        let error = try validationError(Self.form([Self.overallQuestion, Self.rating("A 1")]), file: "id.json")
        #expect(error.field == "questions[1].id")
        let underscore = try validationError(Self.form([Self.overallQuestion, Self.rating("_x")]), file: "id.json")
        #expect(underscore.field == "questions[1].id")
    }

    @Test("version 0 is refused")
    func versionZero() throws {
        let error = try validationError(Self.form(version: "0", [Self.overallQuestion]), file: "v0.json")
        #expect(error.field == "version")
    }

    @Test("a choice question without options")
    func choiceWithoutOptions() throws {
        let choice = #"{"id": "visits", "type": "choice", "text": {"vi": "Mấy lần?", "en": "How many?"}}"#
        let error = try validationError(Self.form([Self.overallQuestion, choice]), file: "choice.json")
        #expect(error.field == "questions[1].options")
    }
}
