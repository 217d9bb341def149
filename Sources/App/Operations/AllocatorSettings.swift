#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// The C allocator's settings for the server, applied once at start.
///
/// Why: glibc gives each thread that meets contention an arena of its own, up to eight per
/// core, and each arena keeps what a burst freed for reuse. Under steady traffic the
/// allocator cycles through all of it, so trimming does not bring it back: after a burst
/// of load the 2026-11-30 soaks held 29 MB free across 16 arenas beside 10 MB in use, and
/// resident memory stayed at the burst's level (bench/README.md). One arena per core
/// bounds that by the burst's peak once, not per arena; the per-thread caches in front of
/// the arenas keep the common small allocations uncontended.
/// A fixed mmap threshold keeps large buffers (a report, an export) out of the arenas:
/// glibc otherwise raises the threshold to the largest buffer freed, and from then on keeps
/// such buffers in an arena after they are freed.
/// An operator's `MALLOC_ARENA_MAX` or `MALLOC_MMAP_THRESHOLD_`, read by glibc itself, wins.
public enum AllocatorSettings {
    public static let mmapThreshold: Int32 = 256 * 1024

    public static func apply(cores: Int) {
        #if canImport(Glibc)
        if getenv("MALLOC_ARENA_MAX") == nil { mallopt(M_ARENA_MAX, Int32(max(2, cores))) }
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { mallopt(M_MMAP_THRESHOLD, mmapThreshold) }
        #endif
    }
}
