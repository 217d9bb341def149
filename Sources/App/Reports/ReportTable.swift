import Foundation

/// One table of a report or an export: a name (the XLSX sheet), headers and typed rows. The
/// same table feeds the CSV and the XLSX, so the two never disagree (architecture.md).
struct ReportTable: Sendable {
    let name: String
    let headers: [String]
    var rows: [[ReportCell]]
    /// How the printed report shows the table; the spreadsheets keep every column as it is.
    var printing = Printing()

    /// The printed page is for people, on one A4 sheet per unit: the unit's code column is
    /// left out (each printed report is one unit's), an interval's two columns read as one
    /// "[low–high]", and the previous period's value carries the change beside it
    /// ("94,0% (−1,6)"). A spreadsheet keeps the typed columns apart.
    struct Printing: Sendable {
        /// Columns the printed table leaves out.
        var hidden: Set<Int> = []
        /// The column of an interval's low end; the next one holds its high end.
        var interval: Int? = nil
        /// The column of the previous period's value; the next one holds the change.
        var previous: Int? = nil
        /// The table's class on the page, for its column widths.
        var style: String? = nil
    }
}

/// A typed cell: numbers stay numbers in a spreadsheet, percentages get a percent format.
enum ReportCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A share from 0 to 1, shown as a percentage (0.953 -> 95.3%).
    case percent(Double)
    /// No value.
    case empty

    /// The cell as CSV text: numbers as written, a percentage as its number of percent.
    var csvText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): ReportCell.plain(value)
        case .percent(let value): ReportCell.plain((value * 1000).rounded() / 10)
        case .empty: ""
        }
    }

    /// A number without a trailing ".0" and never in exponent form for everyday values.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
