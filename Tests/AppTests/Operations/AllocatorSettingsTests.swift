import Foundation
import Testing

@testable import App

/// The built `hailong serve` keeps the C allocator to one arena per core (at least two)
/// under load. glibc's default gives every thread that allocates an arena of its own, up to
/// eight per core, and each keeps what a burst freed: the 2026-11-30 soak held 29 MB free in
/// 16 arenas beside 10 MB in use. A thread arena's heap is an anonymous mapping aligned to
/// 64 MB (glibc's HEAP_MAX_SIZE), so /proc/PID/maps counts them.
@Suite("Allocator settings")
struct AllocatorSettingsTests {
    @Test(.timeLimit(.minutes(2))) func serverKeepsOneArenaPerCore() async throws {
        let server = try await TestServer()
        let process = try await ServerProcess(dataDirectory: server.config.dataDirectory, formsDirectory: server.config.formsDirectory)
        // Tickets, ratings and pages from 16 clients at once: the writer, readers, event
        // loops and the task pool all allocate.
        let load = try RatingLoad(server: process, apiKey: server.apiKey, ratings: 300)
        let pages = try await Subprocess.runOffPool(
            "/bin/sh", ["-c", "seq 1 400 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\\n' \(process.base)/public"]
        ).text.split(separator: "\n")
        load.wait()
        #expect(pages.count == 400 && load.acknowledged.count > 100, "the load ran: \(pages.count) pages, \(load.acknowledged.count) ratings")

        let maps = try String(contentsOfFile: "/proc/\(process.process.processIdentifier)/maps", encoding: .utf8)
        let heaps = maps.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 5, fields[1].hasPrefix("rw"), let start = UInt64(fields[0].split(separator: "-")[0], radix: 16) else { return false }
            return start % (64 << 20) == 0
        }
        // The main arena lives in the program break; the others in these heaps.
        let cores = max(2, ProcessInfo.processInfo.activeProcessorCount)
        #expect(heaps.count <= cores - 1, "\(heaps.count) thread arenas on \(cores) cores:\n\(heaps.joined(separator: "\n"))")
    }
}
