import Foundation
import Testing
import Domain

@testable import App

/// Workbooks leave nothing behind: the built `hailong serve` answers monthly reports as XLSX
/// while the C allocator's bytes in use outside SQLite (`/metrics`) are read after each 100.
/// The first hundreds fill what is kept once filled (statement caches, and the allocator's
/// per-thread caches, which count as in use, on each thread that serves a report): measured
/// in this debug build +120 to +540 kB over the first 100, then rounds of +2 to +296 kB, most
/// under 120; in the release build +389, +92, +98, +47, +24, +5. A leak adds at least the same
/// every hundred: with ZIPFoundation every workbook leaked about 2 KB (the path strings
/// Foundation's `fileSystemRepresentation(withPath:)` hands its caller to free), 200 kB every
/// 100 for ever, which the 2026-11-30 soak showed as steady growth. So one of the last four
/// hundreds must add under 150 kB.
@Suite("Workbook memory")
struct WorkbookMemoryTests {
    static let rounds = 6

    /// The limit guards against a hang only: 600 workbooks from a debug build took 60-140 s
    /// while the rest of the suite shared the two cores.
    @Test(.timeLimit(.minutes(5))) func workbooksLeaveNoMemoryBehind() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.recordRatings(officer: "cb-lan", levels: [3, 3, 2, 1, 3])
        let process = try await ServerProcess(dataDirectory: server.config.dataDirectory, formsDirectory: server.config.formsDirectory)
        let jar = try process.signIn("quantri")
        defer { try? FileManager.default.removeItem(atPath: jar) }
        let month = String(LocalDate(server.clock.now).description.prefix(7))
        let url = process.base + SiteURL.report(.value(.monthly)).path(["unit": "tam-phuoc", "period": month, "format": "xlsx"])
        func download(_ count: Int) async throws {
            let codes = try await Subprocess.runOffPool(
                "/bin/sh", ["-c", "for i in $(seq \(count)); do curl -s -b '\(jar)' -o /dev/null -w '%{http_code}\\n' '\(url)'; done"]
            ).text.split(separator: "\n")
            try #require(codes.count == count && codes.allSatisfy { $0 == "200" }, "\(Set(codes))")
        }
        /// The allocator's bytes in use outside SQLite, whose page caches fill as the
        /// readers take turns (bounded by cache_size, and not what this test is about).
        func inUse() async throws -> Int {
            let metrics = try await Subprocess.runOffPool("/usr/bin/curl", ["-s", process.base + "/metrics"]).text
            func value(_ name: String) throws -> Int {
                let line = metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                return try #require(line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) }, "\(name)")
            }
            return try value("hailong_malloc_in_use_bytes") - value("hailong_sqlite_memory_used_bytes")
        }
        var readings = [try await inUse()]
        for _ in 0..<Self.rounds {
            try await download(100)
            readings.append(try await inUse())
        }
        print("workbook memory: malloc in use outside SQLite after each 100 monthly XLSX reports (kB): \(readings.map { $0 / 1024 })")
        let steps = zip(readings.dropFirst(), readings).map { $0 - $1 }
        let least = steps.suffix(4).min() ?? 0
        #expect(least < 150 * 1024, "each of the last four hundred workbooks grew it: by \(steps.suffix(4).map { $0 / 1024 }) kB")
    }
}
