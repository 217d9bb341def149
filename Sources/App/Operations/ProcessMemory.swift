#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// What the process holds in memory, as the kernel and the C allocator see it. Resident
/// memory alone cannot tell a leak from an allocator keeping freed memory for reuse: a leak
/// grows `mallocInUse`; retention grows `mallocFree` while the bytes in use stay level.
struct ProcessMemory {
    /// Resident set size (/proc/self/statm), 0 where there is no /proc.
    var resident: Int64 = 0
    /// Bytes handed out by malloc and not yet freed (glibc's mallinfo2: uordblks + hblkhd).
    var mallocInUse: Int64 = 0
    /// Bytes malloc holds from the system but has free for reuse (fordblks).
    var mallocFree: Int64 = 0

    static func read() -> ProcessMemory {
        var memory = ProcessMemory()
        #if canImport(Glibc)
        let info = mallinfo2()
        memory.mallocInUse = Int64(info.uordblks + info.hblkhd)
        memory.mallocFree = Int64(info.fordblks)
        #endif
        memory.resident = residentBytes()
        return memory
    }

    /// The second field of /proc/self/statm, in pages. Read with the C library: this runs on
    /// each scrape, and a few bytes need no Foundation.
    private static func residentBytes() -> Int64 {
        #if canImport(Glibc)
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 128)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = bytes[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int64(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }
}
