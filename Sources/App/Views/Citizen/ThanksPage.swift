import Domain

/// The thank-you page at the end of the citizen's journey.
struct ThanksPage: Page {
    let chrome: PageChrome
    let thanks: String
    let heading: String
    let message: String
    let privacy: String

    init(token: String, key: String?, language: Language, detailsAdded: Bool) {
        let url = SiteURL.rating(.value(token))
        chrome = PageChrome(language: language, title: Copy.thanksHeading) { url.path(language: $0, ["k": key]) }
        thanks = (detailsAdded ? Copy.detailsRecorded : Copy.recorded).text(in: language)
        heading = Copy.thanksHeading.text(in: language)
        message = Copy.thanksMessage.text(in: language)
        privacy = Copy.privacy.text(in: language)
    }

    func body(_ html: inout HTML) {
        html.element("p", .class("ok"), .fixed("role", "status"), text: thanks)
        html.element("h1", text: heading)
        html.element("p", text: message)
        html.element("p", .class("note"), text: privacy)
    }
}
