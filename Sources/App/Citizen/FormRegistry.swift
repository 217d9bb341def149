import Domain
import Foundation
import Storage

/// The forms the service knows: every version ever stored (old responses are read with the
/// form they answered) and, per form id, the version in use - the highest in Forms/.
public struct FormRegistry: Sendable {
    private let versions: [String: [Int: FormDefinition]]
    private let current: [String: Int]
    /// Each version's `questionMeta`, made once: every rating needs it.
    private let metas: [String: [Int: [String: QuestionMeta]]]
    /// The ids of every overall question: a post carrying one of them is a first rating.
    let overallQuestionIds: Set<String>
    /// The same ids in a fixed order, for queries.
    let overallQuestionIdList: [String]

    init(versions: [String: [Int: FormDefinition]], current: [String: Int]) {
        self.versions = versions
        self.current = current
        metas = versions.mapValues { $0.mapValues(\.questionMeta) }
        overallQuestionIds = Set(versions.values.flatMap(\.values).compactMap { $0.overallQuestion?.id })
        overallQuestionIdList = overallQuestionIds.sorted()
    }

    /// Reads and validates every `*.json` file in `directory`, then stores them in the
    /// database. Throws `FormValidationError` (naming file and field), or `FrozenFormChanged`
    /// when a form version with responses was edited.
    public static func load(directory: String, database: AppDatabase, now: Date) async throws -> FormRegistry {
        let files = try FormFiles.read(directory: directory)
        let stored = try await database.syncForms(files, now: now)
        var versions: [String: [Int: FormDefinition]] = [:]
        for form in stored { versions[form.id, default: [:]][form.version] = form }
        var current: [String: Int] = [:]
        for (form, _) in files { current[form.id] = max(current[form.id] ?? 0, form.version) }
        return FormRegistry(versions: versions, current: current)
    }

    public func form(id: String, version: Int) -> FormDefinition? { versions[id]?[version] }

    /// What the roll-ups record of each rating and choice question of `form`.
    func questionMeta(of form: FormDefinition) -> [String: QuestionMeta] {
        metas[form.id]?[form.version] ?? form.questionMeta
    }

    /// What recording a first rating writes of `answers` to `form`, with whether its overall
    /// answer is "not satisfied" (the `rating.low` webhook).
    func prepared(_ answers: AnswerSet, of form: FormDefinition, rules: ScoringRules) -> PreparedAnswers {
        var prepared = PreparedAnswers(
            formId: form.id, formVersion: form.version, questions: questionMeta(of: form), levels: answers.levels, texts: answers.texts)
        if let overall = form.overallQuestion, let scale = overall.scale, let level = answers.levels[overall.id] {
            prepared.isDissatisfied = rules.isDissatisfied(level: level, on: scale)
        }
        return prepared
    }

    /// The ids of every question that takes a level (rating and choice), over every form
    /// version, each once, in the forms' order: the raw export's answer columns.
    var answerQuestionIds: [String] {
        var ids: [String] = []
        var seen = Set<String>()
        for id in versions.keys.sorted() {
            for version in (versions[id] ?? [:]).keys.sorted() {
                for question in versions[id]?[version]?.questions ?? [] where question.type != .text && seen.insert(question.id).inserted {
                    ids.append(question.id)
                }
            }
        }
        return ids
    }

    /// The ids of the forms in use, sorted: what a unit can be given.
    var currentIds: [String] { current.keys.sorted() }

    /// The version new responses use.
    public func current(id: String) -> FormDefinition? {
        current[id].flatMap { versions[id]?[$0] }
    }
}

/// Reading Forms/ from disk: one JSON file per form version.
enum FormFiles {
    static func read(directory: String) throws -> [(definition: FormDefinition, file: String)] {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw FormValidationError(file: directory, field: "(thư mục)", problem: "không đọc được thư mục phiếu: \(error.localizedDescription)")
        }
        var forms: [(definition: FormDefinition, file: String)] = []
        var seen: [String: String] = [:]
        // Campaign definitions (`campaign-*.json`) live beside the forms but are not forms.
        for name in names.sorted() where name.hasSuffix(".json") && !CampaignFile.isCampaign(name) {
            let path = url.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FormValidationError(file: path, field: "(file)", problem: "không đọc được tệp")
            }
            let form = try FormDefinition.load(from: data, file: path)
            let key = "\(form.id)@\(form.version)"
            if let other = seen[key] {
                throw FormValidationError(file: path, field: "version", problem: "trùng phiếu \(form.id) phiên bản \(form.version) với \(other)")
            }
            seen[key] = path
            forms.append((form, path))
        }
        guard !forms.isEmpty else {
            throw FormValidationError(file: directory, field: "(thư mục)", problem: "không có tệp phiếu *.json nào")
        }
        return forms
    }
}

extension FormDefinition {
    /// What the roll-ups record of each rating and choice question.
    var questionMeta: [String: QuestionMeta] {
        var meta: [String: QuestionMeta] = [:]
        for question in questions where question.type != .text {
            meta[question.id] = QuestionMeta(
                scale: question.scale?.rawValue ?? question.type.rawValue, factor: question.factor?.rawValue ?? "",
                overall: question.isOverall)
        }
        return meta
    }
}
