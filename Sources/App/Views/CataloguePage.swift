import Domain
import Foundation
import Storage

/// One page shape for the structure lists (officers, units, sectors, procedures): a table,
/// optional one-select forms in its cells, and a form to add an entry. The lists differ only
/// in their columns and fields, which each screen's builder in `CatalogueController` fills in.
struct CataloguePage: PageModel {
    static let template = "catalogue"

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A form in a table cell: one select and a button (assign a counter, choose a form).
    struct InlineForm: Sendable {
        let action: String
        let csrf: String
        let field: String
        let fieldLabel: String
        let options: [Option]
        let button: String
        /// A form that is just a button (remove) has no select. Stored, not computed: the
        /// templates read view models by reflection, which sees stored properties only.
        let hasSelect: Bool

        init(action: String, csrf: String, field: String, fieldLabel: String, options: [Option], button: String) {
            self.action = action
            self.csrf = csrf
            self.field = field
            self.fieldLabel = fieldLabel
            self.options = options
            self.button = button
            hasSelect = !options.isEmpty
        }
    }

    struct Cell: Sendable {
        let text: String
        let href: String?
        let inline: InlineForm?

        init(_ text: String, href: String? = nil, inline: InlineForm? = nil) {
            self.text = text
            self.href = href
            self.inline = inline
        }
    }

    struct Row: Sendable {
        let cells: [Cell]
    }

    struct Field: Sendable {
        let name: String
        let label: String
        let value: String
        let required: Bool
        let isSelect: Bool
        let options: [Option]

        static func text(_ name: String, _ label: String, input: [String: String], required: Bool = true) -> Field {
            Field(name: name, label: label, value: input[name] ?? "", required: required, isSelect: false, options: [])
        }

        static func select(_ name: String, _ label: String, _ options: [(value: String, label: String)], input: [String: String]) -> Field {
            Field(
                name: name, label: label, value: "", required: true, isSelect: true,
                options: options.map { Option(value: $0.value, label: $0.label, selected: input[name] == $0.value) })
        }
    }

    struct AddForm: Sendable {
        let title: String
        let action: String
        let csrf: String
        let fields: [Field]
        let button: String
    }

    let page: PageChrome
    let heading: String
    let notice: String?
    let error: String?
    let columns: [String]
    let rows: [Row]
    let form: AddForm?

    init(
        session: StaffSession, path: String, title: LocalizedText, heading: String, language: Language, columns: [String], rows: [Row],
        form: AddForm?, notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        page = PageChrome(language: language, title: title, path: path, staff: session)
        self.heading = heading
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        self.columns = columns
        self.rows = rows
        self.form = form
    }
}
