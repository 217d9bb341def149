import Domain
import Storage

/// The one-tap overall question: big labelled buttons, one form, no script.
struct RatingPage: Page {
    struct Option: Sendable {
        let level: Int
        let cssClass: String
        let label: String
    }

    let chrome: PageChrome
    let header: CentreHeader
    let error: String?
    let action: String
    let key: String
    let question: String
    let questionId: String
    let options: [Option]
    let noOpinion: String
    let privacy: String

    init(target: RatingTarget, overall: FormDefinition.Question, language: Language, key: String, error: LocalizedText? = nil) {
        let scale = overall.scale ?? .quick3
        let url = SiteURL.rating(.value(target.token))
        chrome = PageChrome(language: language, title: Copy.ratingTitle) { url.path(language: $0) }
        header = CentreHeader(target: target, language: language)
        self.error = error?.text(in: language)
        action = url.path(language: language)
        self.key = key
        question = overall.text.text(in: language)
        questionId = overall.id
        // Best first: the citizen reads from the top and the most common answer is one tap away.
        options = (1...scale.maxLevel).reversed().map { level in
            Option(level: level, cssClass: "b \(scale.rawValue) l\(level)", label: scale.label(of: level).text(in: language))
        }
        noOpinion = RatingScale.noOpinionLabel.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }

    func body(_ html: inout HTML) {
        header.write(into: &html)
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("rate"))
        html.void("input", .type("hidden"), .name(CitizenForm.keyField), .value(key))
        // People never see this field (site.css moves it off screen); bots fill it in.
        html.raw("<div class=\"hp\" aria-hidden=\"true\"><label>Website <input type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>")
        html.element("h1", text: question)
        for option in options {
            html.element("button", .name(questionId), .attr("value", option.level), .class(option.cssClass), text: option.label)
        }
        html.element("button", .name(questionId), .fixed("value", "0"), .class("b0"), text: noOpinion)
        html.close("form")
        html.element("p", .class("note"), text: privacy)
    }
}

/// Field names the citizen's forms share with `CitizenController`.
enum CitizenForm {
    /// The hidden field that carries the page's submission key.
    static let keyField = "_k"
    /// A field people never see and bots fill in: a filled one is refused.
    static let honeypotField = "website"
}
