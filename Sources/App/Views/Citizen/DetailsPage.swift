import Domain
import Storage

/// The optional details, shown once the overall rating is recorded: the factor questions
/// grouped by factor, the number of visits, a comment. Each question carries its own scale's
/// words, so no legend scrolls away on a phone. Re-rendered with the citizen's input and the
/// error when a post is refused.
struct DetailsPage: Page {
    struct Level: Sendable {
        let value: Int
        let short: String
        let checked: Bool
    }

    struct Question: Sendable {
        let id: String
        let text: String
        let levels: [Level]
        /// The words at the two ends of the scale, shown under the buttons.
        let low: String
        let high: String
    }

    struct FactorGroup: Sendable {
        let name: String
        let questions: [Question]
    }

    struct ChoiceOption: Sendable {
        let value: Int
        let label: String
        let checked: Bool
    }

    struct Choice: Sendable {
        let id: String
        let text: String
        let options: [ChoiceOption]
    }

    struct TextField: Sendable {
        let id: String
        let text: String
        let maxLength: Int
        let value: String
    }

    let chrome: PageChrome
    let thanks: String
    /// Said when the citizen went back and chose another overall answer: the first stands.
    let firstAnswerKept: String?
    /// After the lowest overall answer: a link to file feedback about this visit.
    let feedbackLink: (href: String, label: String, explanation: String)?
    let error: String?
    let action: String
    let key: String
    let heading: String
    let intro: String
    /// The questions, with the citizen's input when a refused post brings it back.
    let questions: HTMLFragment
    let send: String
    let privacy: String

    init(
        token: String, form: FormDefinition, language: Language, key: String, input: [String: String] = [:], error: LocalizedText? = nil,
        firstAnswerKept: Bool = false, offerFeedback: Bool = false
    ) {
        let url = SiteURL.rating(.value(token))
        chrome = PageChrome(language: language, title: Copy.ratingTitle) { url.path(language: $0, ["k": key]) }
        thanks = Copy.recorded.text(in: language)
        self.firstAnswerKept = firstAnswerKept ? Copy.firstAnswerKept.text(in: language) : nil
        feedbackLink =
            offerFeedback
            ? (
                SiteURL.feedback.path(language: language, ["from": token, "k": key]),
                LocalizedText(vi: "Gửi phản ánh về lượt giao dịch này", en: "Send feedback about this visit").text(in: language),
                LocalizedText(vi: "Ông/Bà chưa hài lòng? Hãy cho Trung tâm biết điều gì chưa đúng.", en: "Not satisfied? Tell the centre what went wrong.")
                    .text(in: language)
            ) : nil
        self.error = error?.text(in: language)
        action = url.path(language: language)
        self.key = key
        heading = Copy.detailsHeading.text(in: language)
        intro = Copy.detailsIntro.text(in: language)
        questions = Questions(form: form, language: language, input: input).fragment()
        send = Copy.send.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }

    func body(_ html: inout HTML) {
        html.element("p", .class("ok"), .fixed("role", "status"), text: thanks)
        if let firstAnswerKept { html.element("p", .class("info"), .fixed("role", "status"), text: firstAnswerKept) }
        if let feedbackLink {
            html.open("div", .class("info"))
            html.element("p", text: feedbackLink.explanation)
            html.element("a", .href(feedbackLink.href), .class("btn-link"), text: feedbackLink.label)
            html.close("div")
        }
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("details"))
        html.void("input", .type("hidden"), .name(CitizenForm.keyField), .value(key))
        html.element("h1", text: heading)
        html.element("p", .class("note"), text: intro)
        html.raw(questions)
        html.element("button", .class("send"), text: send)
        html.close("form")
        html.element("p", .class("note"), text: privacy)
    }
}

extension DetailsPage {
    /// The factor questions, the choice questions and the comment, with the citizen's input.
    struct Questions {
        let factors: [FactorGroup]
        let choices: [Choice]
        let texts: [TextField]

        init(form: FormDefinition, language: Language, input: [String: String]) {
            let details = form.detailQuestions

            func question(_ q: FormDefinition.Question) -> Question {
                let scale = q.scale ?? .likert5
                let levels = (1...scale.maxLevel).map { level in
                    Level(value: level, short: "\(level)", checked: input[q.id] == "\(level)")
                }
                let none = Level(value: RatingScale.noOpinion, short: "–", checked: input[q.id] == "0")
                return Question(
                    id: q.id, text: q.text.text(in: language), levels: levels + [none], low: scale.label(of: 1).text(in: language),
                    high: scale.label(of: scale.maxLevel).text(in: language))
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
                    id: q.id, text: q.text.text(in: language),
                    options: (q.options ?? []).map { option in
                        ChoiceOption(value: option.value, label: option.text.text(in: language), checked: input[q.id] == "\(option.value)")
                    })
            }
            texts = details.filter { $0.type == .text }.map { q in
                TextField(
                    id: q.id, text: q.text.text(in: language), maxLength: q.maxLength ?? FormDefinition.defaultTextMaxLength, value: input[q.id] ?? "")
            }
        }

        func fragment() -> HTMLFragment {
            var html = HTML(capacity: 12 * 1024)
            var number = 0
            for group in factors {
                html.element("h2", text: group.name)
                for question in group.questions {
                    number += 1
                    write(question, number: number, into: &html)
                }
            }
            for choice in choices {
                html.open("fieldset", .class("choice"))
                html.element("legend", text: choice.text)
                for option in choice.options {
                    html.open("label")
                    html.void("input", .type("radio"), .name(choice.id), .attr("value", option.value), .flag("checked", option.checked))
                    html.raw(" ")
                    html.text(option.label)
                    html.close("label")
                }
                html.close("fieldset")
            }
            for field in texts {
                html.open("div", .class("text"))
                html.element("label", .class("f"), .attr("for", field.id), text: field.text)
                html.element("textarea", .id(field.id), .name(field.id), .fixed("rows", "3"), .attr("maxlength", field.maxLength), text: field.value)
                html.close("div")
            }
            return html.fragment
        }

        /// One question: its text, a row of numbered buttons at least 44 px tall, and the words
        /// of the scale's two ends right under them, which screen readers get as the group's
        /// description. Markup kept lean: fourteen of these make most of the page's bytes.
        private func write(_ question: Question, number: Int, into html: inout HTML) {
            let ends = "e\(number)"
            html.open("fieldset", .attr("aria-describedby", ends))
            html.element("legend", text: question.text)
            html.open("div", .class("scale"))
            for level in question.levels {
                html.open("label")
                html.void("input", .type("radio"), .name(question.id), .attr("value", level.value), .flag("checked", level.checked))
                html.element("span", text: level.short)
                html.close("label")
            }
            html.close("div")
            html.open("p", .class("ends"), .id(ends))
            html.element("span", text: "1 \(question.low)")
            html.element("span", text: "\(question.levels.count - 1) \(question.high)")
            html.close("p")
            html.close("fieldset")
        }
    }
}
