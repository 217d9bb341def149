import Domain
import Hummingbird
import NIOCore
import Storage

/// A page: what its layout needs (`chrome`) and its body, written straight into the buffer.
/// One struct per page holds the page model (every label and cell already decided) and its
/// view; controllers build the model and never a label.
protocol Page: Sendable {
    var chrome: PageChrome { get }
    func body(_ html: inout HTML)
}

/// Renders pages into responses. It knows the hashed URLs of the static files, which every
/// layout links to.
struct PageRenderer: Sendable {
    let assets: StaticAssets
    /// Pages rendered once and spliced for each visitor (see `SplicedPage`).
    let splicedPages = RenderCache<SplicedPage?>()

    func render<P: Page>(_ page: P, status: HTTPResponse.Status = .ok) -> Response {
        var html = HTML()
        Layout.write(page, assets: assets, into: &html)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: html.buffer))
    }

    /// A page that differs between visitors only by its token and key, spliced from the one
    /// rendered for `cacheKey` (which names everything else the page depends on) rather than
    /// rendered; gzipped when the client accepts it. `page` makes the page's model: once with
    /// placeholders, or for a token or key that is not plain letters and digits.
    func spliced<P: Page>(_ cacheKey: String, token: String, key: String, gzip: Bool, page: (_ token: String, _ key: String) -> P) -> Response {
        guard TokenGenerator.isWellFormed(token), TokenGenerator.isWellFormed(key),
            let spliced = splicedPages.value(cacheKey, render: {
                // Random, so no page text can contain them; the longest a token may be.
                let placeholders = (TokenGenerator.token(length: 64), TokenGenerator.token(length: 64))
                var html = HTML()
                Layout.write(page(placeholders.0, placeholders.1), assets: assets, into: &html)
                return SplicedPage(page: html.written, placeholders: [Array(placeholders.0.utf8), Array(placeholders.1.utf8)])
            })
        else { return render(page(token, key)) }
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        guard gzip else { return Response(status: .ok, headers: headers, body: .init(byteBuffer: spliced.plain([token, key]))) }
        headers[.contentEncoding] = "gzip"
        headers[.vary] = "Accept-Encoding"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: spliced.gzip([token, key])))
    }

    /// The HTML alone, for tests that look at a page's bytes.
    func html<P: Page>(_ page: P) -> String {
        var html = HTML()
        Layout.write(page, assets: assets, into: &html)
        return String(buffer: html.buffer)
    }
}

/// What every page's layout needs: language, title, the link to the same page in the other
/// language, and for staff the signed-in bar.
struct PageChrome: Sendable {
    enum Audience: Sendable, Equatable {
        /// Citizens' pages load site.css only: small on a phone.
        case citizen
        /// Staff screens (and the sign-in form) add staff.css and use the screen's width.
        case staff
        /// A printable poster: no staff bar; A5 adds its own page size.
        case poster(a5: Bool)
        /// The counter's tablet facing citizens: no staff bar, the polling script.
        case display
        /// The rating tablet at a counter (`/kiosk`): the whole screen, both languages at once,
        /// so no language link.
        case kiosk
    }

    /// A page that reloads itself: the tablet's idle screen without script (to follow new
    /// tickets) and its thank-you screen (back to idle).
    struct Refresh: Sendable {
        let seconds: Int
        let url: String
        /// Inside `<noscript>`: the page's script does better when it runs.
        let withoutScriptOnly: Bool
    }

    struct StaffBar: Sendable {
        let username: String
        let role: String
        let csrf: String
        let signOut: String
    }

    let language: Language
    let title: String
    let switchURL: String
    let switchLanguage: Language
    let audience: Audience
    let staff: StaffBar?
    /// Files of Public/ run with `defer`; every page works without them.
    let scripts: [String]
    /// Stylesheets of Public/ beyond the audience's own, for the pages that need them.
    let styles: [String]
    let refresh: Refresh?

    /// - Parameter here: this page's URL in a given language, with everything that makes it
    ///   this page (a token's key, a ward); the language link is built from it.
    init(
        language: Language, title: LocalizedText, audience: Audience = .citizen, staff session: StaffSession? = nil, scripts: [String] = [],
        styles: [String] = [], refresh: Refresh? = nil, here: (Language) -> String
    ) {
        self.language = language
        self.scripts = scripts
        self.styles = styles
        self.refresh = refresh
        self.title = title.text(in: language)
        switchLanguage = language == .vi ? .en : .vi
        switchURL = here(switchLanguage)
        self.audience = session == nil || audience != .citizen ? audience : .staff
        staff = session.map {
            StaffBar(
                username: $0.user.username, role: $0.user.role.name.text(in: language), csrf: $0.csrfToken,
                signOut: LocalizedText(vi: "Đăng xuất", en: "Sign out").text(in: language))
        }
    }
}

/// The document around every page's body.
enum Layout {
    static func write<P: Page>(_ page: P, assets: StaticAssets, into html: inout HTML) {
        let chrome = page.chrome
        html.raw("<!doctype html>")
        html.open("html", .attr("lang", chrome.language.rawValue))
        html.raw("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        html.element("title", text: chrome.title)
        html.void("link", .fixed("rel", "icon"), .href(SiteURL.favicon.path))
        html.void("link", .fixed("rel", "stylesheet"), .href(assets.url("site.css")))
        if chrome.audience != .citizen && chrome.audience != .kiosk {
            html.void("link", .fixed("rel", "stylesheet"), .href(assets.url("staff.css")))
        }
        if chrome.audience == .poster(a5: true) {
            html.void("link", .fixed("rel", "stylesheet"), .href(assets.url("poster-a5.css")))
        }
        for style in chrome.styles {
            html.void("link", .fixed("rel", "stylesheet"), .href(assets.url(style)))
        }
        for script in chrome.scripts {
            html.element("script", .attr("src", assets.url(script)), .flag("defer"), text: "")
        }
        if let refresh = chrome.refresh {
            if refresh.withoutScriptOnly { html.open("noscript") }
            html.void("meta", .fixed("http-equiv", "refresh"), .attr("content", "\(refresh.seconds);url=\(refresh.url)"))
            if refresh.withoutScriptOnly { html.close("noscript") }
        }
        html.raw("</head><body>")
        if let bar = chrome.staff, chrome.audience == .staff {
            html.open("nav", .class("staff"), .fixed("aria-label", "HaiLong"))
            html.element("a", .href(SiteURL.admin.path(language: chrome.language)), text: "HaiLong")
            html.element("span", text: "\(bar.username) · \(bar.role)")
            html.open("form", .fixed("method", "post"), .attr("action", SiteURL.logout.path))
            Components.csrf(bar.csrf, into: &html)
            html.element("button", text: bar.signOut)
            html.close("form")
            html.close("nav")
        }
        let mainClass: String? =
            switch chrome.audience {
            case .citizen: nil
            case .staff: "wide"
            case .poster: "print"
            case .display: "display"
            case .kiosk: "kiosk"
            }
        html.open("main", .class(mainClass))
        page.body(&html)
        html.close("main")
        if chrome.audience == .kiosk {
            html.raw("</body></html>")
            return
        }
        html.open("footer", .class("noprint"))
        let other = chrome.switchLanguage
        html.element(
            "a", .href(chrome.switchURL), .attr("lang", other.rawValue), .attr("hreflang", other.rawValue),
            text: other == .en ? "English" : "Tiếng Việt")
        html.close("footer")
        html.raw("</body></html>")
    }
}
