import Foundation

/// One answer as it arrives, before the form gives it meaning: HTML forms post text,
/// the JSON API posts numbers (ratings, choices) or strings (text questions).
public enum RawAnswer: Sendable, Equatable {
    case number(Int)
    case text(String)
    /// A JSON value of another type (fraction, boolean, object, ...): always refused.
    case invalid
}

/// Answers checked against a form: levels of rating and choice questions, NFC texts.
public struct AnswerSet: Sendable, Equatable {
    public var levels: [String: Int]
    public var texts: [String: String]

    public init(levels: [String: Int] = [:], texts: [String: String] = [:]) {
        self.levels = levels
        self.texts = texts
    }

    public var isEmpty: Bool { levels.isEmpty && texts.isEmpty }
}

/// Why a submission was refused. Each case reads as a sentence in either language.
public enum AnswerProblem: Error, Equatable, Sendable {
    case unknownQuestion(String)
    case invalidLevel(question: String)
    case textTooLong(question: String, maxLength: Int)
    case missingOverall
    case overallAlreadyRecorded

    public var message: LocalizedText {
        switch self {
        case .unknownQuestion(let id):
            LocalizedText(vi: "Câu hỏi không có trong phiếu: \(id).", en: "This form has no question \(id).")
        case .invalidLevel(let id):
            LocalizedText(vi: "Câu trả lời cho câu hỏi \(id) không hợp lệ.", en: "The answer to question \(id) is not valid.")
        case .textTooLong(let id, let max):
            LocalizedText(vi: "Ý kiến ở câu hỏi \(id) dài quá \(max) ký tự.", en: "The text for question \(id) is longer than \(max) characters.")
        case .missingOverall:
            LocalizedText(vi: "Vui lòng chọn một mức hài lòng chung.", en: "Please choose an overall rating.")
        case .overallAlreadyRecorded:
            LocalizedText(
                vi: "Đánh giá chung đã được ghi nhận và không thể thay đổi.",
                en: "The overall rating is already recorded and cannot be changed.")
        }
    }
}

/// Which part of the journey a submission belongs to (product.md, `POST /r/{token}`).
public enum SubmissionStage: Sendable {
    /// The first submission: the overall answer is required, details may come with it.
    case rating
    /// Details added afterwards to the same response: the overall answer may not be sent again.
    case details
}

extension FormDefinition {
    /// Checks raw answers against this form. Blank values count as unanswered; texts are
    /// trimmed, normalised to NFC and cleared of phone numbers and e-mails
    /// (`ContactRedaction`); every other value must fit its question exactly.
    public func check(_ raw: [String: RawAnswer], stage: SubmissionStage) throws(AnswerProblem) -> AnswerSet {
        var answers = AnswerSet()
        for (questionId, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let question = question(id: questionId) else { throw .unknownQuestion(questionId) }
            switch question.type {
            case .rating, .choice:
                guard let level = try Self.level(from: value, question: questionId) else { continue }
                let accepted =
                    question.type == .rating
                    ? question.scale?.accepts(level) ?? false
                    : question.options?.contains { $0.value == level } ?? false
                guard accepted else { throw .invalidLevel(question: questionId) }
                answers.levels[questionId] = level
            case .text:
                guard case .text(let text) = value else { throw .invalidLevel(question: questionId) }
                let normalized = TextNormalizer.normalize(text)
                guard !normalized.isEmpty else { continue }
                let maxLength = question.maxLength ?? Self.defaultTextMaxLength
                guard normalized.count <= maxLength else { throw .textTooLong(question: questionId, maxLength: maxLength) }
                answers.texts[questionId] = ContactRedaction.redact(normalized)
            }
        }
        let overallId = overallQuestion?.id
        let hasOverall = overallId.map { answers.levels[$0] != nil } ?? false
        switch stage {
        case .rating:
            guard hasOverall else { throw .missingOverall }
        case .details:
            guard !hasOverall else { throw .overallAlreadyRecorded }
        }
        return answers
    }

    /// A level from a form field ("4") or a JSON number; nil when left blank.
    private static func level(from value: RawAnswer, question: String) throws(AnswerProblem) -> Int? {
        switch value {
        case .number(let level):
            return level
        case .text(let text):
            // Only plain ASCII digits, spaces around them allowed: Int("+4") and full-width
            // digits are not answers. Read as bytes: this runs inside the recording transaction.
            let bytes = text.utf8.drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
            if bytes.isEmpty { return nil }
            guard bytes.count <= 3, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                throw .invalidLevel(question: question)
            }
            return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        case .invalid:
            throw .invalidLevel(question: question)
        }
    }
}
