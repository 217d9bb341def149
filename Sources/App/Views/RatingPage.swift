import Domain
import Storage

/// The one-tap overall question: big buttons, one form, no script.
struct RatingPage: PageModel {
    static let template = "rating"

    struct Option: Sendable {
        let name: String
        let level: Int
        let scale: String
        let label: String
    }

    let page: PageChrome
    let centre: String
    let counter: String
    let procedure: String?
    let error: String?
    let action: String
    let key: String
    let question: String
    let questionId: String
    let options: [Option]
    let noOpinion: String
    let privacy: String

    init(target: RatingTarget, form: FormDefinition, overall: FormDefinition.Question, language: Language, key: String, error: LocalizedText? = nil) {
        let scale = overall.scale ?? .quick3
        page = PageChrome(language: language, title: Copy.ratingTitle, path: SiteURLs.ratingPath(token: target.token))
        centre = target.unit.centreName.isEmpty ? target.unit.name : target.unit.centreName
        counter = language == .en && !target.counter.nameEn.isEmpty ? target.counter.nameEn : target.counter.name
        procedure = target.procedure.map { language == .en && !$0.nameEn.isEmpty ? $0.nameEn : $0.name }
        self.error = error?.text(in: language)
        action = SiteURLs.ratingPath(token: target.token, language: language)
        self.key = key
        question = overall.text.text(in: language)
        questionId = overall.id
        // Best first: the citizen reads from the top and the most common answer is one tap away.
        options = (1...scale.maxLevel).reversed().map { level in
            Option(name: overall.id, level: level, scale: scale.rawValue, label: scale.label(of: level).text(in: language))
        }
        noOpinion = RatingScale.noOpinionLabel.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }
}
