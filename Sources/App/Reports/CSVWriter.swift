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
        text += line(table.headers.map(CSVField.escape))
        for row in table.rows {
            text += line(row.map { cell in
                if case .text(let value) = cell { return CSVField.escape(value) }
                return cell.csvText
            })
        }
        return Data(text.utf8)
    }

    private static func line(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }
}
