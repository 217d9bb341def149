import Domain

/// `/kiosk` on a tablet not bound to a counter: type the one-time code an administrator made
/// on the devices screen. No staff account signs in here: the code is all the tablet needs.
struct KioskPairingPage: Page {
    let chrome: PageChrome
    let csrf: String
    let code: String
    let error: LocalizedText?
    let advice: LocalizedText?

    static let codeField = "code"

    init(csrf: String, code: String = "", error: AppError? = nil) {
        chrome = PageChrome(
            language: .vi, title: LocalizedText(vi: "Ghép nối thiết bị đánh giá", en: "Pair a rating tablet"), audience: .kiosk, styles: ["kiosk.css"]
        ) { _ in SiteURL.kiosk.path }
        self.csrf = csrf
        self.code = code
        self.error = error?.message
        advice = error?.advice
    }

    func body(_ html: inout HTML) {
        html.open("section", .class("kpair"))
        html.open("h1")
        html.text("Ghép nối thiết bị đánh giá với quầy")
        html.element("span", .class("en"), .fixed("lang", "en"), text: "Pair this rating tablet with a counter")
        html.close("h1")
        if let error {
            html.open("div", .class("err"), .fixed("role", "alert"))
            html.open("p")
            html.text(error.vi)
            html.element("span", .class("en"), .fixed("lang", "en"), text: error.en)
            html.close("p")
            if let advice {
                html.open("p")
                html.text(advice.vi)
                html.element("span", .class("en"), .fixed("lang", "en"), text: advice.en)
                html.close("p")
            }
            html.close("div")
        }
        html.open("p")
        html.text("Quản trị hoặc Giám đốc tạo mã ghép nối (8 ký tự, dùng một lần, trong 10 phút) ở mục Thiết bị đánh giá. Nhập mã đó vào đây.")
        html.element(
            "span", .class("en"), .fixed("lang", "en"),
            text: "An administrator or director makes a pairing code (8 characters, once, within 10 minutes) on the devices screen. Type it here.")
        html.close("p")
        html.open("form", .fixed("method", "post"), .attr("action", SiteURL.kioskPair.path))
        Components.csrf(csrf, into: &html)
        html.element("label", .class("f"), .fixed("for", "code"), text: "Mã ghép nối · Pairing code")
        html.void(
            "input", .type("text"), .id(Self.codeField), .name(Self.codeField), .value(code), .fixed("maxlength", "20"), .fixed("autocomplete", "off"),
            .fixed("autocapitalize", "characters"), .fixed("spellcheck", "false"), .flag("required"))
        html.element("button", .class("send"), text: "Ghép nối · Pair")
        html.close("form")
        html.close("section")
    }
}
