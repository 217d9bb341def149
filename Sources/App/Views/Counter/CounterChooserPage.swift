import Domain
import Foundation
import Storage

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
