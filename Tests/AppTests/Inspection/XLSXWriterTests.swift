import Foundation
import Testing

@testable import App

@Suite("XLSX writer")
struct XLSXWriterTests {
    @Test func typedCellsSheetsAndEscapingReadBackWithOpenpyxl() throws {
        let tables = [
            ReportTable(
                name: "Chỉ số: tháng 11/2026 [phường]", headers: ["Đơn vị", "Số phiếu", "Tỷ lệ", "Ghi chú"],
                rows: [
                    [.text("Phường Tam Phước"), .integer(1234), .percent(0.953), .text("<b>&\"'</b> _x0041_ hết")],
                    [.text("=1+1"), .number(-2.5), .percent(1), .empty],
                ]),
            ReportTable(name: "Second", headers: ["a"], rows: [[.text("chuông\u{7}")]]),
        ]
        let data = try XLSXWriter.workbook(tables)
        let read = try OpenPyXL.read(data)
        let sheets = try #require(read["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Chỉ số tháng 112026 phường", "Second"], "characters Excel refuses in a sheet name dropped")
        let rows = try #require(sheets[0]["rows"] as? [[Any]])
        #expect(sheets[0]["freeze"] as? String == "A2")
        #expect(rows[0].compactMap { $0 as? String } == ["Đơn vị", "Số phiếu", "Tỷ lệ", "Ghi chú"])
        #expect(rows[1][1] as? Int == 1234)
        #expect(rows[1][2] as? Double == 0.953)
        #expect(rows[1][3] as? String == "<b>&\"'</b> _x005F_x0041_ hết", "markup kept as text; a literal escape-like text escaped")
        #expect(rows[2][0] as? String == "=1+1", "a text cell, never a formula")
        #expect(rows[2][1] as? Double == -2.5)
        #expect(rows[2][3] is NSNull)
        #expect((sheets[0]["formats"] as? [String])?.contains("0.0%") == true)
        let second = try #require(sheets[1]["rows"] as? [[Any]])
        #expect(second[1][0] as? String == "chuông_x0007_", "a control character XML cannot hold, escaped as OOXML does")
    }

    @Test func columnNamesAndSheetNames() {
        #expect(XLSXWriter.column(0) == "A")
        #expect(XLSXWriter.column(25) == "Z")
        #expect(XLSXWriter.column(26) == "AA")
        #expect(XLSXWriter.column(701) == "ZZ")
        #expect(XLSXWriter.column(702) == "AAA")
        #expect(XLSXWriter.sheetName("a/b", taken: ["ab"]) == "ab (2)")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40), taken: []).count == 31)
    }
}
