import Foundation

/// CSV as spreadsheet programs open it correctly: UTF-8 with a byte-order mark (Excel reads
/// Vietnamese right only with it), CRLF line ends, RFC 4180 quoting, and formula-safe text
/// (`CSVField.escape`: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading apostrophe, so no text can run as a formula). Numbers are written as
/// numbers: a negative number is not a formula.
enum CSVWriter {
    static let byteOrderMark = "\u{FEFF}"

    static func document(_ table: ReportTable) -> Data {
        var text = byteOrderMark
        text += header(table.headers)
        for row in table.rows { text += line(row) }
        return Data(text.utf8)
    }

    /// Several tables in one file, as a spreadsheet shows them: each under a line with its
    /// name, an empty line between them. (The XLSX gives each its own sheet.)
    static func document(_ tables: [ReportTable]) -> Data {
        var text = byteOrderMark
        for (index, table) in tables.enumerated() {
            if index > 0 { text += "\r\n" }
            text += line([.text(table.name)])
            text += header(table.headers)
            for row in table.rows { text += line(row) }
        }
        return Data(text.utf8)
    }

    /// The header line.
    static func header(_ headers: [String]) -> String {
        fields(headers.map(CSVField.escape))
    }

    /// One row: text escaped and formula-safe, numbers as numbers.
    static func line(_ row: [ReportCell]) -> String {
        fields(row.map { cell in
            if case .text(let value) = cell { return CSVField.escape(value) }
            return cell.csvText
        })
    }

    private static func fields(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }
}
