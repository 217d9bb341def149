import Domain

/// The sign-in form. A refused sign-in keeps the username, never the password.
struct LoginPage: Page {
    let chrome: PageChrome
    let heading: String
    let error: String?
    let action: String
    let csrf: String
    let next: String
    let username: String
    let usernameLabel: String
    let passwordLabel: String
    let submit: String

    init(language: Language, csrf: String, next: String, username: String = "", error: LocalizedText? = nil) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Đăng nhập", en: "Sign in"), audience: .staff) {
            SiteURL.login.path(language: $0, ["next": next == SiteURL.admin.path ? nil : next])
        }
        heading = words("Đăng nhập cán bộ", "Staff sign-in")
        self.error = error?.text(in: language)
        action = SiteURL.login.path(language: language)
        self.csrf = csrf
        self.next = next
        self.username = username
        usernameLabel = words("Tên đăng nhập", "Username")
        passwordLabel = words("Mật khẩu", "Password")
        submit = words("Đăng nhập", "Sign in")
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "post"), .attr("action", action))
        Components.csrf(csrf, into: &html)
        html.void("input", .type("hidden"), .name("next"), .value(next))
        Components.textField(name: "username", label: usernameLabel, value: username, maxLength: 64, required: true, autocomplete: "username", into: &html)
        Components.textField(name: "password", label: passwordLabel, required: true, type: .password, autocomplete: "current-password", into: &html)
        html.void("br")
        html.element("button", .class("btn"), text: submit)
        html.close("form")
    }
}
