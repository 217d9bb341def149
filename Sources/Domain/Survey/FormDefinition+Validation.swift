import Foundation

/// A form file that cannot be used, naming the file and the field at fault.
public struct FormValidationError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var field: String
    public var problem: String

    public init(file: String, field: String, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(file): \(field): \(problem)" }
}

extension FormDefinition {
    /// Upper bound on a text answer when a form names none, so no comment grows unbounded.
    public static let defaultTextMaxLength = 2000

    /// Decodes and validates one file's content; every error names `file` and the field.
    public static func load(from data: Data, file: String) throws -> FormDefinition {
        let form: FormDefinition
        do {
            form = try JSONDecoder().decode(FormDefinition.self, from: data)
        } catch let error as DecodingError {
            throw FormValidationError(file: file, field: error.fieldPath, problem: error.problem)
        } catch {
            throw FormValidationError(file: file, field: "(file)", problem: "không đọc được JSON: \(error)")
        }
        try form.validate(file: file)
        return form
    }

    /// Checks the rules the rest of the service relies on: ids usable as form field names,
    /// exactly one overall rating question, a scale on every rating, options on every choice.
    public func validate(file: String) throws {
        func fail(_ field: String, _ problem: String) -> FormValidationError {
            FormValidationError(file: file, field: field, problem: problem)
        }
        guard Self.isIdentifier(id) else { throw fail("id", "phải gồm chữ thường, số, '-' hoặc '_' (1-64 ký tự)") }
        guard version >= 1 else { throw fail("version", "phải là số nguyên từ 1") }
        guard !title.vi.isEmpty else { throw fail("title.vi", "không được để trống") }
        guard !questions.isEmpty else { throw fail("questions", "cần ít nhất một câu hỏi") }

        var seen = Set<String>()
        for (index, question) in questions.enumerated() {
            let at = "questions[\(index)]"
            guard Self.isIdentifier(question.id), !question.id.hasPrefix("_") else {
                throw fail("\(at).id", "phải gồm chữ thường, số, '-' hoặc '_' và không bắt đầu bằng '_'")
            }
            guard seen.insert(question.id).inserted else { throw fail("\(at).id", "trùng mã câu hỏi '\(question.id)'") }
            guard !question.text.vi.isEmpty else { throw fail("\(at).text.vi", "không được để trống") }
            switch question.type {
            case .rating:
                guard question.scale != nil else { throw fail("\(at).scale", "câu hỏi đánh giá cần thang likert5 hoặc quick3") }
            case .choice:
                guard let options = question.options, !options.isEmpty else {
                    throw fail("\(at).options", "câu hỏi lựa chọn cần ít nhất một phương án")
                }
                guard Set(options.map(\.value)).count == options.count else {
                    throw fail("\(at).options", "giá trị các phương án phải khác nhau")
                }
                if question.isOverall { throw fail("\(at).overall", "chỉ câu hỏi đánh giá mới là câu hỏi chung") }
            case .text:
                if let maxLength = question.maxLength, !(1...10_000).contains(maxLength) {
                    throw fail("\(at).maxLength", "phải từ 1 đến 10000")
                }
                if question.isOverall { throw fail("\(at).overall", "chỉ câu hỏi đánh giá mới là câu hỏi chung") }
            }
        }
        let overallCount = questions.filter(\.isOverall).count
        guard overallCount == 1 else {
            throw fail("questions", "cần đúng một câu hỏi đánh giá chung (\"overall\": true), có \(overallCount)")
        }
    }

    static func isIdentifier(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 64
            && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

extension DecodingError {
    var fieldPath: String {
        let path: [CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        guard !path.isEmpty else { return "(file)" }
        return path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            .replacingOccurrences(of: ".[", with: "[")
    }

    var problem: String {
        switch self {
        case .keyNotFound: "thiếu trường bắt buộc"
        case .typeMismatch(let type, _): "sai kiểu dữ liệu (cần \(type))"
        case .valueNotFound: "thiếu giá trị"
        case .dataCorrupted(let context): "giá trị không hợp lệ: \(context.debugDescription)"
        @unknown default: "không hợp lệ"
        }
    }
}
