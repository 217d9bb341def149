import Foundation
import Synchronization

#if canImport(Glibc)
import CMalloc
#endif

/// Gives the C allocator's free memory back to the system, at each scheduler tick when it
/// holds more than `threshold` free. Why: glibc keeps what a burst freed (a year's report, a
/// big export, many staff screens at once) for reuse and trims only the top of a heap.
/// `malloc_trim(0)` returns the free pages of every arena (madvise), in milliseconds: that
/// helps once traffic is quiet (a ward's evening). Under steady traffic the arenas reuse
/// their free chunks within seconds, so the bound on what they hold is the number of arenas
/// (`AllocatorSettings`; the 2026-11-30 soaks, bench/README.md). mallinfo2 counts trimmed
/// pages as free too, so past the threshold this runs every minute: harmless.
struct MemoryTrimJob: PeriodicJob {
    let name = "memory-trim"
    var threshold: Int64 = 8 << 20

    /// One look-and-trim at a time in the process. The allocator is the process's, not a
    /// server's: a test process runs dozens of servers, each with this job, and the job's own
    /// test holds this turn while it measures what a trim does.
    static let turn = Mutex(())

    func run(now: Date) async throws {
        Self.turn.withLock { _ in trimIfOverThreshold() }
    }

    /// The job's work, for a caller that holds `turn`.
    func trimIfOverThreshold() {
        #if canImport(Glibc)
        guard ProcessMemory.read().mallocFree > threshold else { return }
        malloc_trim(0)
        #endif
    }
}
