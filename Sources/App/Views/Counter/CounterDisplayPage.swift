import Domain
import Foundation
import Storage

/// The counter's tablet: the current single-use ticket's QR, large, and "next citizen". A
/// script polls the ticket and reloads when it is used; without script a refresh link does
/// it (a timed meta refresh would move the page under a reader's eyes - an accessibility
/// failure).
struct CounterDisplayPage: Page {
    let chrome: PageChrome
    let centre: String
    let counter: String
    let qr: String
    let nextAction: String
    let csrf: String
    let expires: String
    let statusURL: String
    let refreshURL: String

    init(unit: Storage.Unit, counter: Counter, ticket: Ticket, session: StaffSession) {
        let id = counter.id ?? 0
        chrome = PageChrome(
            language: .vi, title: LocalizedText(vi: counter.name, en: counter.nameEn.isEmpty ? counter.name : counter.nameEn), audience: .display,
            scripts: ["counter.js"]
        ) { SiteURL.counterDisplay.path(language: $0, ["counter": String(id)]) }
        centre = unit.centreName.isEmpty ? unit.name : unit.centreName
        self.counter = counter.name
        qr = SiteURL.qr(.value(ticket.token + ".svg")).path
        nextAction = SiteURL.counterNext.path(["counter": String(id)])
        csrf = session.csrfToken
        expires = LocalTime.displayTime(ticket.expiresAt)
        statusURL = SiteURL.counterStatus.path(["token": ticket.token])
        refreshURL = SiteURL.counterDisplay.path(["counter": String(id)])
    }

    func body(_ html: inout HTML) {
        html.element("p", .class("centre"), text: centre)
        html.element("h1", .class("pn"), text: counter)
        html.void("img", .class("qr"), .attr("src", qr), .fixed("alt", "Mã QR đánh giá / rating QR code"))
        html.element("p", .class("pi"), body: { $0.element("strong", text: "Quét mã QR để đánh giá mức độ hài lòng - một chạm, ẩn danh.") })
        html.element("p", .class("pi"), .fixed("lang", "en"), text: "Scan to rate our service - one tap, anonymous.")
        html.open("form", .fixed("method", "post"), .attr("action", nextAction))
        Components.csrf(csrf, into: &html)
        html.element("button", .class("btn"), text: "Người tiếp theo / Next citizen")
        html.close("form")
        html.element("p", .class("note"), text: "Mã dùng một lần, hết hạn lúc \(expires) · single use, expires \(expires)")
        html.open("noscript")
        html.element("p", body: { $0.element("a", .href(refreshURL), .class("btn"), text: "Làm mới / Refresh") })
        html.close("noscript")
        html.element("div", .id("poll"), .attr("data-status", statusURL), .attr("data-refresh", refreshURL), text: "")
    }
}
