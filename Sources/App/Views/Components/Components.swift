import Domain

/// Pieces that several pages write the same way.
enum Components {
    /// The hidden CSRF field every staff form carries.
    static func csrf(_ token: String, into html: inout HTML) {
        html.void("input", .type("hidden"), .name("_csrf"), .value(token))
    }

    /// A success line and an error line, when there are any; screen readers hear both.
    static func messages(notice: String?, error: String?, into html: inout HTML) {
        if let notice { html.element("p", .class("ok"), .fixed("role", "status"), text: notice) }
        if let error { html.element("p", .class("err"), .fixed("role", "alert"), text: error) }
    }

    /// A one-button form that posts to `action` (CSRF-checked), e.g. "revoke", "take out of service".
    static func postButton(action: String, label: String, csrf: String, hidden: [(String, String)] = [], into html: inout HTML) {
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("inline"))
        Components.csrf(csrf, into: &html)
        for (name, value) in hidden { html.void("input", .type("hidden"), .name(name), .value(value)) }
        html.element("button", .class("btn"), text: label)
        html.close("form")
    }

    /// A table inside a box that scrolls sideways on a narrow phone, so the page itself never
    /// overflows at 320 px. `caption` names the table for screen readers.
    static func table(caption: String, headers: [String], rows: [[Cell]], into html: inout HTML) {
        table(caption: caption, headers: headers, rows: rows, into: &html) { row, html in
            for cell in row {
                html.open("td")
                cell.write(into: &html)
                html.close("td")
            }
        }
    }

    /// The same frame for rows a page writes itself (`writeRow` writes the row's cells).
    static func table<Row>(
        caption: String, headers: [String], rows: [Row], tableClass: String? = nil, into html: inout HTML, writeRow: (Row, inout HTML) -> Void
    ) {
        html.open("div", .class("tw"), .fixed("role", "region"), .attr("aria-label", caption), .fixed("tabindex", "0"))
        html.open("table", .class(tableClass))
        html.element("caption", .class("vh"), text: caption)
        html.open("thead")
        html.open("tr")
        for header in headers { html.element("th", .fixed("scope", "col"), text: header) }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for row in rows {
            html.open("tr")
            writeRow(row, &html)
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.close("div")
    }

    /// A labelled text field, keeping what was typed when the form comes back with an error.
    static func textField(
        name: String, label: String, value: String = "", maxLength: Int = 160, required: Bool = false, type: InputType = .text,
        autocomplete: String? = nil, into html: inout HTML
    ) {
        html.element("label", .class("f"), .attr("for", name), text: label)
        switch type {
        case .text:
            html.void(
                "input", .type("text"), .id(name), .name(name), .value(value), .attr("maxlength", maxLength), .flag("required", required),
                .attr("autocomplete", autocomplete))
        case .password:
            html.void("input", .type("password"), .id(name), .name(name), .flag("required", required), .attr("autocomplete", autocomplete))
        case .date:
            html.void("input", .type("date"), .id(name), .name(name), .value(value), .flag("required", required))
        }
    }

    enum InputType { case text, password, date }

    /// A labelled select; `options` are (value, label, selected).
    static func select(name: String, label: String, options: [Option], into html: inout HTML) {
        html.element("label", .class("f"), .attr("for", name), text: label)
        html.open("select", .id(name), .name(name))
        for option in options {
            html.element("option", .value(option.value), .flag("selected", option.selected), text: option.label)
        }
        html.close("select")
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
}

/// One table cell: text, a link, or a small form (a button, optionally with a select).
enum Cell: Sendable {
    case text(String)
    case link(String, href: String)
    case links([(label: String, href: String)])
    case code(String)
    case form(InlineForm)
    /// Text, then a form under it (a state and the button that changes it).
    case textAndForm(String, InlineForm?)

    func write(into html: inout HTML) {
        switch self {
        case .text(let text): html.text(text)
        case .code(let text): html.element("code", text: text)
        case .link(let text, let href): html.element("a", .href(href), text: text)
        case .links(let links):
            for (index, link) in links.enumerated() {
                if index > 0 { html.raw(" · ") }
                html.element("a", .href(link.href), text: link.label)
            }
        case .form(let form): form.write(into: &html)
        case .textAndForm(let text, let form):
            html.text(text)
            form?.write(into: &html)
        }
    }
}

/// A form inside a table cell: CSRF, an optional select, a button.
struct InlineForm: Sendable {
    let action: String
    let csrf: String
    let button: String
    var select: (name: String, label: String, options: [Components.Option])? = nil

    func write(into html: inout HTML) {
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("inline"))
        Components.csrf(csrf, into: &html)
        if let select {
            html.open("select", .name(select.name), .attr("aria-label", select.label))
            for option in select.options {
                html.element("option", .value(option.value), .flag("selected", option.selected), text: option.label)
            }
            html.close("select")
            html.raw(" ")
        }
        html.element("button", .class("btn"), text: button)
        html.close("form")
    }
}
