import Domain

/// One shape for the structure screens (officers, units, sectors, procedures, holidays): a
/// heading, the ward chooser, messages, a table, and a form to add an entry. Each screen's
/// page model fills it in; this writes it.
struct StructureList: Sendable {
    struct Field: Sendable {
        enum Kind: Sendable {
            case text(required: Bool)
            case date
            case select([Components.Option])
        }

        let name: String
        let label: String
        let value: String
        let kind: Kind

        static func text(_ name: String, _ label: String, input: [String: String], required: Bool = true) -> Field {
            Field(name: name, label: label, value: input[name] ?? "", kind: .text(required: required))
        }

        static func date(_ name: String, _ label: String, input: [String: String]) -> Field {
            Field(name: name, label: label, value: input[name] ?? "", kind: .date)
        }

        static func select(_ name: String, _ label: String, _ options: [(value: String, label: String)], input: [String: String]) -> Field {
            Field(
                name: name, label: label, value: "",
                kind: .select(options.map { Components.Option(value: $0.value, label: $0.label, selected: input[name] == $0.value) }))
        }
    }

    struct AddForm: Sendable {
        let title: String
        let action: String
        let csrf: String
        let fields: [Field]
        let button: String
    }

    let heading: String
    var chooser: UnitChooser? = nil
    let notice: String?
    let error: String?
    let caption: String
    let columns: [String]
    let rows: [[Cell]]
    let form: AddForm?

    func write(into html: inout HTML) {
        html.element("h1", text: heading)
        chooser?.write(into: &html)
        Components.messages(notice: notice, error: error, into: &html)
        Components.table(caption: caption, headers: columns, rows: rows, into: &html)
        guard let form else { return }
        html.element("h2", text: form.title)
        html.open("form", .fixed("method", "post"), .attr("action", form.action))
        Components.csrf(form.csrf, into: &html)
        for field in form.fields {
            switch field.kind {
            case .text(let required):
                Components.textField(name: field.name, label: field.label, value: field.value, required: required, into: &html)
            case .date:
                Components.textField(name: field.name, label: field.label, value: field.value, required: true, type: .date, into: &html)
            case .select(let options):
                Components.select(name: field.name, label: field.label, options: options, into: &html)
            }
        }
        html.void("br")
        html.element("button", .class("btn"), text: form.button)
        html.close("form")
    }
}
