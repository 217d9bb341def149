import Domain

/// The thank-you page at the end of the citizen's journey.
struct ThanksPage: PageModel {
    static let template = "thanks"
    let page: PageChrome
    let thanks: String
    let heading: String
    let message: String
    let privacy: String

    init(token: String, language: Language, detailsAdded: Bool) {
        page = PageChrome(language: language, title: Copy.thanksHeading, path: SiteURLs.ratingPath(token: token))
        thanks = (detailsAdded ? Copy.detailsRecorded : Copy.recorded).text(in: language)
        heading = Copy.thanksHeading.text(in: language)
        message = Copy.thanksMessage.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }
}

/// Any 4xx or 5xx shown to a person: the status, and what happened in plain words.
struct ErrorPage: PageModel {
    static let template = "error"
    let page: PageChrome
    let status: Int
    let heading: String
    let message: String

    init(error: AppError, language: Language, path: String) {
        page = PageChrome(language: language, title: Copy.errorTitle, path: path)
        status = error.status.code
        heading = Copy.errorTitle.text(in: language)
        message = error.message.text(in: language)
    }
}
