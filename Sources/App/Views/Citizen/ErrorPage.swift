import Domain

/// Any 4xx or 5xx shown to a person. It leads with what happened and what to do, in plain
/// words, under the centre's header when the centre is known; the status code stays, small,
/// for whoever helps the citizen.
struct ErrorPage: Page {
    let chrome: PageChrome
    let header: CentreHeader?
    let status: Int
    let heading: String
    let advice: String?
    let statusLabel: String

    init(error: AppError, language: Language, header: CentreHeader? = nil, here: (Language) -> String) {
        chrome = PageChrome(language: language, title: error.message, audience: .citizen, here: here)
        self.header = header
        status = error.status.code
        heading = error.message.text(in: language)
        advice = error.advice?.text(in: language)
        statusLabel = (language == .vi ? "Mã lỗi" : "Status") + " \(error.status.code)"
    }

    func body(_ html: inout HTML) {
        header?.write(into: &html)
        html.element("h1", .class("problem"), text: heading)
        if let advice { html.element("p", .class("advice"), text: advice) }
        html.element("p", .class("note status"), text: statusLabel)
    }
}
