import Foundation

#if canImport(Glibc)
import CMalloc
#endif

/// Gives the C allocator's free memory back to the system, at each scheduler tick when it
/// holds more than `threshold` free. Why: glibc keeps what a burst freed (a year's report, a
/// big export, many staff screens at once) in its arenas for reuse, and trims only the top
/// of a heap, so resident memory follows the peaks: at the end of the 2026-11-30 soak the
/// allocator held 33 MB free beside 16 MB in use, RSS 97 MB (bench/README.md).
/// `malloc_trim(0)` returns the free pages of every arena (madvise), in milliseconds.
struct MemoryTrimJob: PeriodicJob {
    let name = "memory-trim"
    var threshold: Int64 = 8 << 20

    func run(now: Date) async throws {
        #if canImport(Glibc)
        guard ProcessMemory.read().mallocFree > threshold else { return }
        malloc_trim(0)
        #endif
    }
}
