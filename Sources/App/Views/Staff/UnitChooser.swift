import Domain
import Storage

/// "Xem phường: [ ▾ ] [Xem]" for accounts that see several wards: a plain GET form to the
/// same screen with `?unit=CODE`, so it works without script and keeps the screen.
struct UnitChooser: Sendable {
    let action: String
    let language: Language
    let label: String
    let button: String
    let options: [Components.Option]

    /// nil when the account sees one ward only: nothing to choose.
    init?(screen: SiteURL, units: [Storage.Unit], current: Storage.Unit, language: Language) {
        guard units.count > 1 else { return nil }
        action = screen.path
        self.language = language
        label = LocalizedText(vi: "Đơn vị", en: "Unit").text(in: language)
        button = LocalizedText(vi: "Xem", en: "Show").text(in: language)
        options = units.map { Components.Option(value: $0.code, label: $0.name, selected: $0.code == current.code) }
    }

    func write(into html: inout HTML) {
        html.open("form", .fixed("method", "get"), .attr("action", action), .class("chooser"))
        if language != .vi { html.void("input", .type("hidden"), .name("lang"), .value(language.rawValue)) }
        html.element("label", .attr("for", "unit-chooser"), text: label)
        html.open("select", .id("unit-chooser"), .name("unit"))
        for option in options {
            html.element("option", .value(option.value), .flag("selected", option.selected), text: option.label)
        }
        html.close("select")
        html.element("button", .class("btn"), text: button)
        html.close("form")
    }
}

/// The words of staff screens: Vietnamese first, English second, chosen once per page.
struct Words: Sendable {
    let language: Language

    func callAsFunction(_ vi: String, _ en: String) -> String {
        language == .vi ? vi : en
    }
}
