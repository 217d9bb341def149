import Domain
import Storage

/// The printable poster of a counter: the centre, the counter, the QR, the instruction in both
/// languages and the short URL, on one A4 or A5 page; a print button for the screen.
struct PosterPage: Page {
    let chrome: PageChrome
    let a5: Bool
    let centre: String
    let counter: String
    let qr: String
    let qrAlt = "Mã QR đánh giá mức độ hài lòng / QR code to rate our service"
    let instructionVi = "Quét mã QR để đánh giá mức độ hài lòng - chỉ một chạm, không cần đăng nhập, ẩn danh."
    let instructionEn = "Scan to rate our service - one tap, no sign-in, anonymous."
    let url: String
    let back: String
    let otherSize: String
    let otherSizeLabel: String

    init(unit: Storage.Unit, counter: Counter, urls: PublicURLs, a5: Bool) {
        let id = counter.id ?? 0
        chrome = PageChrome(language: .vi, title: LocalizedText(vi: "\(counter.name) - \(unit.name)", en: "\(counter.name) - \(unit.name)"), audience: .poster(a5: a5), scripts: ["print.js"]) {
            SiteURL.counterPoster(.value(id)).path(language: $0, ["size": a5 ? "a5" : nil])
        }
        self.a5 = a5
        centre = unit.centreName.isEmpty ? unit.name : unit.centreName
        self.counter = counter.name
        qr = SiteURL.qr(.value(counter.posterToken + ".svg")).path
        url = urls.rating(token: counter.posterToken)
        back = SiteURL.counters.path(["unit": unit.code])
        otherSize = SiteURL.counterPoster(.value(id)).path(["size": a5 ? nil : "a5"])
        otherSizeLabel = a5 ? "Khổ A4 / A4" : "Khổ A5 / A5"
    }

    func body(_ html: inout HTML) {
        html.open("div", .class(a5 ? "poster a5" : "poster"))
        html.element("p", .class("pc"), text: centre)
        html.element("h1", .class("pn"), text: counter)
        html.void("img", .attr("src", qr), .attr("alt", qrAlt))
        html.element("p", .class("pi"), body: { $0.element("strong", text: instructionVi) })
        html.element("p", .class("pi"), .fixed("lang", "en"), text: instructionEn)
        html.element("p", .class("pu"), text: url)
        html.close("div")
        html.open("p", .class("noprint tools"))
        // A real button: print() needs script, so without it the button says what to press.
        html.element("button", .type("button"), .class("btn"), .id("print"), .flag("hidden"), text: "In / Print")
        html.element("a", .href(back), text: "← Quầy / Counters")
        html.raw(" · ")
        html.element("a", .href(otherSize), text: otherSizeLabel)
        html.close("p")
        html.element("p", .class("noprint note"), text: "Ctrl+P (⌘P) để in trên một trang / prints on one page")
    }
}
