import Domain
import Storage

/// The inspection workspace's own menu: overview, queues, conduct items, samples; the same on
/// every page of it, keeping the unit chosen.
struct InspectionNav: Sendable {
    struct Link: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let label: String
    let links: [Link]

    enum Screen { case overview, queue, conduct, samples }

    init(_ screen: Screen, unit: String?, language: Language) {
        let words = Words(language: language)
        label = words("Không gian kiểm tra", "Inspection workspace")
        let items: [(Screen, SiteURL, String)] = [
            (.overview, .inspection, words("Tổng quan các đơn vị", "Units at a glance")),
            (.queue, .inspectionQueue, words("Danh sách theo thời hạn", "Items by deadline")),
            (.conduct, .inspectionConduct, words("Phản ánh về thái độ, nhũng nhiễu", "Conduct items")),
            (.samples, .inspectionSamples, words("Chọn mẫu kiểm tra", "Samples")),
        ]
        links = items.map { Link(label: $0.2, href: $0.1.path(language: language, ["unit": unit]), current: $0.0 == screen) }
    }

    func write(into html: inout HTML) {
        html.open("nav", .class("filters"), .attr("aria-label", label))
        html.open("p")
        Self.write(links, into: &html)
        html.close("p")
        html.close("nav")
    }

    /// Links separated by dots, the current one marked for screen readers and by style.
    static func write(_ links: [Link], into html: inout HTML) {
        for (index, link) in links.enumerated() {
            if index > 0 { html.raw(" · ") }
            if link.current {
                html.element("a", .href(link.href), .fixed("aria-current", "page"), .class("current"), text: link.label)
            } else {
                html.element("a", .href(link.href), text: link.label)
            }
        }
    }
}
