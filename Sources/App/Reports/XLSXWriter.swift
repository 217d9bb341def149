import Foundation

/// A small Office Open XML (XLSX) writer for reports and exports: one sheet per table, typed
/// numeric cells, a percentage format, a bold header row frozen in place, inline strings.
///
/// Rows are streamed: each sheet's XML is written to a temporary file as rows are appended,
/// and `ZipWriter` deflates those files into the workbook in chunks, so a sheet of a
/// million rows is never held in memory. Use `begin(sheet:headers:)`, `append(_:)` for each
/// row, then `finish()` (the bytes) or `finishFile()` (the workbook as a file, for a response
/// that streams it); or `workbook(_:)` for tables already in memory.
///
/// One writer belongs to one task at a time (an export's body, which may hand it to a thread
/// for the deflate): hence `@unchecked Sendable`, with no locking.
final class XLSXWriter: @unchecked Sendable {
    enum Failure: Error {
        case noSheet
        case finished
    }

    private struct Sheet {
        let name: String
        let file: URL
    }

    private let directory: URL
    private var sheets: [Sheet] = []
    private var current: FileHandle?
    private var rowNumber = 0
    private var buffer = ""
    private var finished = false

    /// Style indexes of `styles.xml`'s cellXfs.
    private enum Style: Int {
        case plain = 0
        case percent = 1
        case header = 2
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? current?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The workbook of `tables`, one sheet each, in order.
    static func workbook(_ tables: [ReportTable]) throws -> Data {
        let writer = try XLSXWriter()
        for table in tables {
            try writer.begin(sheet: table.name, headers: table.headers)
            for row in table.rows { try writer.append(row) }
        }
        return try writer.finish()
    }

    /// Starts a new sheet with its header row (bold, frozen).
    func begin(sheet name: String, headers: [String]) throws {
        guard !finished else { throw Failure.finished }
        try endSheet()
        let file = directory.appendingPathComponent("sheet\(sheets.count + 1).xml")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        current = try FileHandle(forWritingTo: file)
        sheets.append(Sheet(name: Self.sheetName(name, taken: sheets.map(\.name)), file: file))
        rowNumber = 0
        buffer = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetData>
            """
        try write(headers.map { ReportCell.text($0) }, style: .header)
    }

    /// Appends one row to the current sheet.
    func append(_ row: [ReportCell]) throws {
        guard current != nil else { throw Failure.noSheet }
        try write(row, style: nil)
    }

    /// Ends the workbook and returns its bytes.
    func finish() throws -> Data {
        try Data(contentsOf: finishFile())
    }

    /// Ends the workbook and returns the file it is in, inside the writer's own temporary
    /// directory: read it before the writer goes away (its directory goes with it).
    func finishFile() throws -> URL {
        guard !finished else { throw Failure.finished }
        guard !sheets.isEmpty else { throw Failure.noSheet }
        try endSheet()
        finished = true
        let output = directory.appendingPathComponent("book.xlsx")
        let archive = try ZipWriter(url: output)
        func add(_ path: String, _ text: String) throws {
            try archive.add(path, bytes: Array(text.utf8))
        }
        try add("[Content_Types].xml", contentTypes)
        try add("_rels/.rels", rootRelationships)
        try add("xl/workbook.xml", workbookXML)
        try add("xl/_rels/workbook.xml.rels", workbookRelationships)
        try add("xl/styles.xml", Self.styles)
        for (index, sheet) in sheets.enumerated() {
            try archive.add("xl/worksheets/sheet\(index + 1).xml", file: sheet.file)
            // The sheet's XML is in the archive now: its disk space goes back at once.
            try? FileManager.default.removeItem(at: sheet.file)
        }
        try archive.finish()
        return output
    }

    // MARK: sheet XML

    /// Column letters, made once: a million rows would otherwise build them a million times.
    private var columns: [String] = []

    private func write(_ row: [ReportCell], style: Style?) throws {
        rowNumber += 1
        let number = String(rowNumber)
        buffer += "<row r=\"" + number + "\">"
        while columns.count < row.count { columns.append(Self.column(columns.count)) }
        for (index, cell) in row.enumerated() {
            let reference = columns[index] + number
            let styleAttribute = style.map { " s=\"\($0.rawValue)\"" } ?? ""
            switch cell {
            case .text(let text):
                buffer += "<c r=\"\(reference)\" t=\"inlineStr\"\(styleAttribute)><is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
            case .integer(let value):
                buffer += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
            case .number(let value):
                guard value.isFinite else { continue }
                buffer += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
            case .percent(let value):
                guard value.isFinite else { continue }
                buffer += "<c r=\"\(reference)\" s=\"\(Style.percent.rawValue)\"><v>\(value)</v></c>"
            case .empty:
                continue
            }
        }
        buffer += "</row>"
        // Written out in chunks of about 64 kB: memory stays flat however many rows come.
        if buffer.utf8.count > 65_536 { try flush() }
    }

    private func flush() throws {
        guard let current, !buffer.isEmpty else { return }
        try current.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    private func endSheet() throws {
        guard let handle = current else { return }
        buffer += "</sheetData></worksheet>"
        try flush()
        try handle.close()
        current = nil
    }

    /// A, B, ..., Z, AA, AB, ...
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// XML text: the five markup characters as entities, and the characters XML 1.0 cannot
    /// hold at all (control characters other than tab and line breaks, U+FFFE, U+FFFF) as
    /// OOXML's `_xHHHH_` escape; a literal `_x` that would read as such an escape is itself
    /// escaped (`_x005F_`), as the format prescribes (ECMA-376, ST_Xstring).
    static func escape(_ text: String) -> String {
        // Most cells (codes, dates, names) need nothing: one pass over the bytes says so.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "_") || $0 == 0xEF })
        {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case "_" where looksLikeEscape(scalars, at: index): result += "_x005F_"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `_xHHHH_` starting at `index`.
    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Excel's sheet names: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetName(_ name: String, taken: [String]) -> String {
        let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        var candidate = cleaned.isEmpty ? "Sheet" : cleaned
        var number = 2
        while taken.contains(candidate) {
            candidate = String(cleaned.prefix(27)) + " (\(number))"
            number += 1
        }
        return candidate
    }

    // MARK: package parts

    private var contentTypes: String {
        var parts = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in sheets.indices {
            parts +=
                "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return parts + "</Types>"
    }

    private let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private var workbookXML: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    private var workbookRelationships: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in sheets.indices {
            xml +=
                "<Relationship Id=\"rId\(index + 1)\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheets.count + 1)\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    /// cellXfs: 0 plain, 1 percentage with one decimal, 2 bold (the header row).
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
