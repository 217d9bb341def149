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

/// The counters an account may open a display for: an officer takes one (a POST), others open it.
struct CounterChooserPage: Page {
    let chrome: PageChrome
    let heading = "Chọn quầy để hiển thị mã QR / Choose the counter to display"
    let rows: [[Cell]]

    init(session: StaffSession, counters: [Counter], takes: Bool) {
        chrome = PageChrome(language: .vi, title: LocalizedText(vi: "Màn hình quầy", en: "Counter display"), staff: session) {
            SiteURL.counterDisplay.path(language: $0)
        }
        rows = counters.compactMap { counter in
            guard let id = counter.id else { return nil }
            guard takes else { return [.link(counter.name, href: SiteURL.counterDisplay.path(["counter": String(id)]))] }
            return [
                .textAndForm(
                    counter.name,
                    InlineForm(
                        action: SiteURL.counterTake.path, csrf: session.csrfToken, button: "Nhận quầy này / Take this counter",
                        select: ("counter", counter.name, [Components.Option(value: String(id), label: counter.name, selected: true)])))
            ]
        }
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        Components.table(caption: "Quầy / Counters", headers: ["Quầy / Counter"], rows: rows, into: &html)
    }
}

/// An officer's own satisfaction figures by period: rates with interval and n, suppressed
/// below the minimum n. Only counts: never an individual citizen's answer.
struct MyFiguresPage: Page {
    struct Row: Sendable {
        let period: String
        let rate: String
        let index: String
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let columns: [String]
    let rows: [Row]
    let method: String

    init(session: StaffSession, officerName: String, rows: [Row], language: Language) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Kết quả của tôi", en: "My results"), staff: session) {
            SiteURL.me.path(language: $0)
        }
        heading = words("Kết quả đánh giá - \(officerName)", "My ratings - \(officerName)")
        intro = words(
            "Tỷ lệ hài lòng chung từ các lượt đánh giá gắn với Ông/Bà. Dưới ngưỡng cỡ mẫu, tỷ lệ không được hiện.",
            "Overall satisfaction from the ratings attributed to you. Below the minimum sample no rate is shown.")
        self.rows = rows
        columns = [words("Kỳ", "Period"), words("Tỷ lệ hài lòng", "Satisfaction rate"), words("Chỉ số hài lòng", "Satisfaction index")]
        method = FigureText.method.text(in: language)
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", text: intro)
        Components.table(caption: heading, headers: columns, rows: rows.map { [.text($0.period), .text($0.rate), .text($0.index)] }, into: &html)
        html.element("p", .class("note"), text: method)
    }
}
