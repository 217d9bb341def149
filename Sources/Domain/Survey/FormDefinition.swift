import Foundation

/// One version of a survey form, as stored in Forms/ (product.md, "Forms/ schema").
/// Unknown keys are ignored so that later versions of the schema stay readable.
public struct FormDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var questions: [Question]

    public init(id: String, version: Int, title: LocalizedText, questions: [Question]) {
        self.id = id
        self.version = version
        self.title = title
        self.questions = questions
    }

    public struct Question: Codable, Sendable, Equatable {
        public var id: String
        public var type: QuestionType
        public var scale: RatingScale?
        public var factor: Factor?
        public var overall: Bool?
        public var text: LocalizedText
        public var options: [ChoiceOption]?
        public var maxLength: Int?

        public init(
            id: String, type: QuestionType, scale: RatingScale? = nil, factor: Factor? = nil,
            overall: Bool? = nil, text: LocalizedText, options: [ChoiceOption]? = nil, maxLength: Int? = nil
        ) {
            self.id = id
            self.type = type
            self.scale = scale
            self.factor = factor
            self.overall = overall
            self.text = text
            self.options = options
            self.maxLength = maxLength
        }

        public var isOverall: Bool { overall == true }
    }

    public enum QuestionType: String, Codable, Sendable {
        case rating, choice, text
    }

    /// A choice is posted as its integer `value`, like a rating level.
    public struct ChoiceOption: Codable, Sendable, Equatable {
        public var value: Int
        public var text: LocalizedText

        public init(value: Int, text: LocalizedText) {
            self.value = value
            self.text = text
        }
    }

    /// The form's single overall rating question. `validate()` guarantees there is one.
    public var overallQuestion: Question? {
        questions.first { $0.isOverall }
    }

    /// Every question but the overall one: what the optional details page asks.
    public var detailQuestions: [Question] {
        questions.filter { !$0.isOverall }
    }

    public func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }
}
