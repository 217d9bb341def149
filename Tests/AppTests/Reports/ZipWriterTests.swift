import Foundation
import Testing

@testable import App

@Suite("ZIP writer (the workbooks' container)")
struct ZipWriterTests {
    /// Python's zipfile reads the archive back and checks every entry's CRC (`testzip`): an
    /// entry given as bytes, one streamed from a file over several 64 KB chunks, an empty one,
    /// and a name in Vietnamese.
    @Test func pythonReadsBackEveryEntryWithItsCRC() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.xml")
        // 300 kB that deflate cannot shrink to nothing: numbered rows.
        let rows = (1...6_000).map { "<row r=\"\($0)\"><c><v>\($0 * 7919 % 10007)</v></c></row>" }.joined()
        try Data(rows.utf8).write(to: big)
        let archive = directory.appendingPathComponent("book.zip")
        let writer = try ZipWriter(url: archive)
        try writer.add("[Content_Types].xml", bytes: Array("<Types/>".utf8))
        try writer.add("xl/worksheets/sheet1.xml", file: big)
        try writer.add("empty.txt", bytes: [])
        try writer.add("Báo cáo tháng.txt", bytes: Array("Tỉ lệ hài lòng".utf8))
        try writer.finish()

        let script = """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps({"bad": z.testzip(), "names": z.namelist(),
                "sizes": [i.file_size for i in z.infolist()], "methods": [i.compress_type for i in z.infolist()],
                "sheet": z.read("xl/worksheets/sheet1.xml").decode(), "vi": z.read("Báo cáo tháng.txt").decode()}))
            """
        let result = try Subprocess.run("/usr/bin/env", ["python3", "-c", script, archive.path])
        try #require(result.status == 0, "\(result.text)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(result.text.utf8)) as? [String: Any])
        #expect(read["bad"] is NSNull, "every CRC matches")
        #expect(read["names"] as? [String] == ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "empty.txt", "Báo cáo tháng.txt"])
        #expect(read["sizes"] as? [Int] == [8, rows.utf8.count, 0, "Tỉ lệ hài lòng".utf8.count])
        #expect(read["methods"] as? [Int] == [8, 8, 8, 8], "deflated")
        #expect(read["sheet"] as? String == rows)
        #expect(read["vi"] as? String == "Tỉ lệ hài lòng")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? Int)
        #expect(size < rows.utf8.count / 3, "compressed: \(size) bytes")
    }

    @Test func anArchiveTakesNoEntryAfterItIsFinished() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: file) }
        let writer = try ZipWriter(url: file)
        try writer.finish()
        #expect(throws: ZipWriter.Failure.self) { try writer.add("late.txt", bytes: [1]) }
        #expect(throws: ZipWriter.Failure.self) { try writer.finish() }
        let listed = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))", file.path])
        #expect(listed.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "an empty archive is still a valid one")
    }
}
