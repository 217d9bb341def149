import Domain
import Foundation
import GRDB
import Testing

@testable import App
@testable import Storage

/// A large raw export streams: the built `hailong serve` (a debug build, as the tests run it)
/// exports 60,000 ratings as CSV and as XLSX while its peak resident memory (VmHWM) is
/// watched. Collecting the rows first would hold them all (hundreds of bytes each, with their
/// answers) and the whole file (over 5 MB of CSV, in a String, then Data, then a buffer);
/// streaming holds one page of 2,000 rows. The size keeps the test under half a minute on
/// two cores; bench/export.sh does the same with a million in a release build
/// (bench/README.md: the peak does not grow with the rows).
@Suite("Raw export memory")
struct RawExportMemoryTests {
    static let rows = 60_000
    /// What the server may grow by, in kB, over its peak after a one-day export of each kind.
    static let bound = 16 * 1024

    /// Writes `rows` ratings straight into the database (bench/generate-responses.sql).
    static func generate(_ database: AppDatabase, rows: Int) async throws {
        let script = try String(contentsOf: TestServer.repoRoot.appendingPathComponent("bench/generate-responses.sql"), encoding: .utf8)
        // GRDB's write runs it in a transaction of its own.
        let sql = script.replacingOccurrences(of: "__ROWS__", with: String(rows)).replacingOccurrences(of: "BEGIN;", with: "")
            .replacingOccurrences(of: "COMMIT;", with: "")
        try await database.pool.write { db in try db.execute(sql: sql) }
    }

    @Test(.timeLimit(.minutes(2))) func aLargeExportStreamsInBoundedMemory() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23", 10))
        _ = try await FormRegistry.load(directory: server.config.formsDirectory, database: server.database, now: server.clock.now)
        try await server.addUser("quantri", .admin, unit: nil)
        let started = Date()
        try await Self.generate(server.database, rows: Self.rows)
        #expect(try await server.count("SELECT COUNT(*) FROM responses") == Self.rows)
        let generated = Date().timeIntervalSince(started)

        let process = try await ServerProcess(dataDirectory: server.config.dataDirectory, formsDirectory: server.config.formsDirectory)
        let jar = try process.signIn("quantri")
        defer { try? FileManager.default.removeItem(atPath: jar) }
        func download(_ url: SiteURL, from: String, to: String, into file: String) throws -> (seconds: Double, bytes: Int) {
            let start = Date()
            let status = try Subprocess.run(
                "/usr/bin/curl", ["-s", "-b", jar, "-o", file, "-w", "%{http_code}", process.base + url.path(["unit": "tam-phuoc", "from": from, "to": to])]
            ).text
            try #require(status == "200", "\(url.path): \(status)")
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return (Date().timeIntervalSince(start), size)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csvFile = directory.appendingPathComponent("responses.csv").path
        let xlsxFile = directory.appendingPathComponent("responses.xlsx").path

        // Warm up with one day of both formats: what every request allocates once.
        _ = try download(.exportResponsesCSV, from: "2026-05-01", to: "2026-05-01", into: csvFile)
        _ = try download(.exportResponsesXLSX, from: "2026-05-01", to: "2026-05-01", into: xlsxFile)
        let baseline = try #require(process.peakResidentKilobytes)

        let csv = try download(.exportResponsesCSV, from: "2026-05-01", to: "2026-11-30", into: csvFile)
        let afterCSV = try #require(process.peakResidentKilobytes)
        let xlsx = try download(.exportResponsesXLSX, from: "2026-05-01", to: "2026-11-30", into: xlsxFile)
        let afterXLSX = try #require(process.peakResidentKilobytes)
        print(
            "raw export of \(Self.rows) ratings (debug build): generated in \(String(format: "%.1f", generated)) s; "
                + "CSV \(csv.bytes / 1024) kB in \(String(format: "%.1f", csv.seconds)) s, XLSX \(xlsx.bytes / 1024) kB in \(String(format: "%.1f", xlsx.seconds)) s; "
                + "peak RSS \(baseline / 1024) MB after warm-up, \(afterCSV / 1024) MB after the CSV, \(afterXLSX / 1024) MB after the XLSX")

        // Every row is there: the CSV line by line, the workbook's sheet row by row.
        let lines = try Subprocess.run("/usr/bin/wc", ["-l", csvFile]).text.split(separator: " ").first.flatMap { Int($0) }
        #expect(lines == Self.rows + 1, "a header and every rating")
        let counted = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); f = z.open('xl/worksheets/sheet1.xml'); n = 0\n"
                    + "tail = b''\nwhile True:\n    b = f.read(1 << 20)\n    if not b: break\n    n += (tail + b).count(b'</row>'); tail = b[-5:]\nprint(n)",
                xlsxFile,
            ]
        ).text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(counted) == Self.rows + 1, "the sheet holds a header and every rating: \(counted)")

        // Bounded: a page of rows and a buffer or two, never the rows or the file.
        #expect(csv.bytes > 5_000_000, "the export is big enough to show: \(csv.bytes) bytes")
        #expect(afterCSV - baseline < Self.bound, "the CSV export grew the server by \((afterCSV - baseline) / 1024) MB")
        #expect(afterXLSX - baseline < Self.bound, "the XLSX export grew the server by \((afterXLSX - baseline) / 1024) MB")
    }
}
