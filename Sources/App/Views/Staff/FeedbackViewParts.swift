import Domain
import Storage

/// Who an item's `assignee` text names, read the way Storage reads it: an officer code of
/// the item's unit, else a staff account's username. The screens need it twice: to ask the
/// access policy about each row of a queue without a query per row, and to show a name.
struct FeedbackPeople: Sendable {
    private let officersByCode: [String: Officer]

    init(officers: [Officer]) {
        officersByCode = Dictionary(officers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func assignee(_ raw: String?) -> FeedbackAssignee? {
        guard let raw else { return nil }
        if let id = officersByCode[raw]?.id { return .officer(id: id) }
        return .staff(username: raw)
    }

    /// "Nguyễn Thị Lan (cb-lan)" for an officer, the username for an account.
    func label(_ raw: String?) -> String? {
        guard let raw else { return nil }
        if let officer = officersByCode[raw] { return "\(officer.name) (\(officer.code))" }
        return raw
    }
}

/// Where an open item stands against its due date, as words: the marker never relies on
/// colour alone (WCAG 1.4.1), so the words are always there and the colour only repeats them.
enum FeedbackDueMarker: Sendable {
    case overdue
    case dueSoon

    init?(_ standing: FeedbackStanding) {
        if standing.overdue {
            self = .overdue
        } else if standing.dueSoon {
            self = .dueSoon
        } else {
            return nil
        }
    }

    func label(_ words: Words) -> String {
        switch self {
        case .overdue: words("Quá hạn", "Overdue")
        case .dueSoon: words("Sắp đến hạn", "Due soon")
        }
    }

    var cssClass: String {
        switch self {
        case .overdue: "due over"
        case .dueSoon: "due soon"
        }
    }

    /// `07/12/2026 <strong class="due over">⚠ Quá hạn</strong>`.
    static func write(date: String, marker: FeedbackDueMarker?, words: Words, into html: inout HTML) {
        html.text(date)
        guard let marker else { return }
        html.raw(" ")
        html.element("strong", .class(marker.cssClass), text: "⚠ " + marker.label(words))
    }
}

/// Labelled fields of the feedback forms. One item page carries several forms, so each
/// field's id is prefixed with its form's (`assign-reason`), while its name is the one the
/// action reads (`reason`).
enum FeedbackFields {
    static func text(
        form: String, name: String, label: String, value: String?, maxLength: Int, required: Bool = false, hint: String? = nil,
        into html: inout HTML
    ) {
        let id = "\(form)-\(name)"
        html.element("label", .class("f"), .attr("for", id), text: label)
        if let hint { html.element("p", .class("note"), .id(id + "-hint"), text: hint) }
        html.void(
            "input", .type("text"), .id(id), .name(name), .value(value ?? ""), .attr("maxlength", maxLength), .flag("required", required),
            .attr("aria-describedby", hint == nil ? nil : id + "-hint"))
    }

    static func textarea(
        form: String, name: String, label: String, value: String?, maxLength: Int, required: Bool = false, hint: String? = nil,
        into html: inout HTML
    ) {
        let id = "\(form)-\(name)"
        html.element("label", .class("f"), .attr("for", id), text: label)
        if let hint { html.element("p", .class("note"), .id(id + "-hint"), text: hint) }
        html.element(
            "textarea", .id(id), .name(name), .fixed("rows", "4"), .attr("maxlength", maxLength), .flag("required", required),
            .attr("aria-describedby", hint == nil ? nil : id + "-hint"), text: value ?? "")
    }

    static func date(form: String, name: String, label: String, value: String?, required: Bool = false, into html: inout HTML) {
        let id = "\(form)-\(name)"
        html.element("label", .class("f"), .attr("for", id), text: label)
        html.void("input", .type("date"), .id(id), .name(name), .value(value ?? ""), .flag("required", required))
    }

    static func select(form: String, name: String, label: String, options: [Components.Option], required: Bool = false, into html: inout HTML) {
        let id = "\(form)-\(name)"
        html.element("label", .class("f"), .attr("for", id), text: label)
        html.open("select", .id(id), .name(name), .flag("required", required))
        for option in options {
            html.element("option", .value(option.value), .flag("selected", option.selected), text: option.label)
        }
        html.close("select")
    }

    /// Options for a select: a first empty choice "-" (unless `placeholder` is nil), then
    /// `choices`, with the one equal to `selected` chosen.
    static func options(_ choices: [(value: String, label: String)], selected: String?, placeholder: String? = "-") -> [Components.Option] {
        let first = placeholder.map { [Components.Option(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? []
        return first + choices.map { Components.Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
    }
}
