import Domain
import Storage

/// The optional details, shown once the overall rating is recorded: the factor questions
/// grouped by factor, the number of visits, a comment. Re-rendered with the citizen's input
/// and the error when a post is refused.
struct DetailsPage: PageModel {
    static let template = "details"

    struct Level: Sendable {
        let name: String
        let value: Int
        let short: String
        let checked: Bool
    }

    struct Question: Sendable {
        let id: String
        let text: String
        let levels: [Level]
    }

    struct FactorGroup: Sendable {
        let name: String
        let questions: [Question]
    }

    struct ChoiceOption: Sendable {
        let name: String
        let value: Int
        let label: String
        let checked: Bool
    }

    struct Choice: Sendable {
        let text: String
        let options: [ChoiceOption]
    }

    struct TextField: Sendable {
        let id: String
        let text: String
        let maxLength: Int
        let value: String
    }

    let page: PageChrome
    let thanks: String
    let error: String?
    let action: String
    let key: String
    let heading: String
    let intro: String
    let legend: String
    let factors: [FactorGroup]
    let choices: [Choice]
    let texts: [TextField]
    let send: String
    let privacy: String

    init(token: String, form: FormDefinition, language: Language, key: String, input: [String: String] = [:], error: LocalizedText? = nil) {
        page = PageChrome(language: language, title: Copy.ratingTitle, path: SiteURLs.ratingPath(token: token))
        thanks = Copy.recorded.text(in: language)
        self.error = error?.text(in: language)
        action = SiteURLs.ratingPath(token: token, language: language)
        self.key = key
        heading = Copy.detailsHeading.text(in: language)
        intro = Copy.detailsIntro.text(in: language)
        let details = form.detailQuestions
        let ratingScale = details.first { $0.type == .rating }?.scale ?? .likert5
        legend = Copy.legend(ratingScale, language: language)

        func question(_ q: FormDefinition.Question) -> Question {
            let scale = q.scale ?? .likert5
            let levels = (1...scale.maxLevel).map { level in
                Level(name: q.id, value: level, short: "\(level)", checked: input[q.id] == "\(level)")
            }
            let none = Level(name: q.id, value: RatingScale.noOpinion, short: "–", checked: input[q.id] == "0")
            return Question(id: q.id, text: q.text.text(in: language), levels: levels + [none])
        }
        let ratings = details.filter { $0.type == .rating }
        var groups = Factor.allCases.compactMap { factor -> FactorGroup? in
            let questions = ratings.filter { $0.factor == factor }
            guard !questions.isEmpty else { return nil }
            return FactorGroup(name: factor.name.text(in: language), questions: questions.map(question))
        }
        let unfactored = ratings.filter { $0.factor == nil }
        if !unfactored.isEmpty {
            groups.append(FactorGroup(name: LocalizedText(vi: "Nội dung khác", en: "Other").text(in: language), questions: unfactored.map(question)))
        }
        factors = groups
        choices = details.filter { $0.type == .choice }.map { q in
            Choice(
                text: q.text.text(in: language),
                options: (q.options ?? []).map { option in
                    ChoiceOption(name: q.id, value: option.value, label: option.text.text(in: language), checked: input[q.id] == "\(option.value)")
                })
        }
        texts = details.filter { $0.type == .text }.map { q in
            TextField(
                id: q.id, text: q.text.text(in: language), maxLength: q.maxLength ?? FormDefinition.defaultTextMaxLength, value: input[q.id] ?? "")
        }
        send = Copy.send.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }
}
