import Foundation
import Testing

@testable import App

@Suite("Memory trim")
struct MemoryTrimJobTests {
    /// 96 MB freed in 64 KB pieces, each pinned in place by a 4 KB allocation after it, stay
    /// resident in the allocator's heap. The job leaves them while the free bytes are under
    /// its threshold and hands them back to the system above it.
    /// Why 4 KB pins: glibc serves a small request (up to 1 KB) from its per-thread cache or
    /// fast bins first, and in a test process other suites fill those; a pin taken from there
    /// pins nothing, the pieces coalesce into the top of the heap and free() trims them
    /// itself (CI on 2026-11-30 saw 1 MB free where 96 MB were expected). 4 KB requests come
    /// from the small bins, which hold little, or from the top, after the piece.
    @Test func freedMemoryLeavesTheResidentSetWhenTheJobRuns() {
        // The turn keeps the other servers' trim jobs in this process out of the measurement.
        MemoryTrimJob.turn.withLock { _ in
            var pinned: [UnsafeMutableRawPointer] = []
            var big: [UnsafeMutableRawPointer] = []
            for _ in 0..<1536 {
                let piece = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 16)
                piece.initializeMemory(as: UInt8.self, repeating: 1, count: 64 * 1024)
                big.append(piece)
                pinned.append(UnsafeMutableRawPointer.allocate(byteCount: 4 * 1024, alignment: 16))
            }
            defer { for pointer in pinned { pointer.deallocate() } }
            for piece in big { piece.deallocate() }
            let freed = ProcessMemory.read()
            #expect(freed.mallocFree > 32 << 20, "the pieces are free but kept: \(freed.mallocFree >> 20) MB")

            MemoryTrimJob(threshold: .max).trimIfOverThreshold()
            let kept = ProcessMemory.read()
            #expect(kept.resident > freed.resident - (16 << 20), "under the threshold: resident \(freed.resident >> 20) MB -> \(kept.resident >> 20) MB")

            MemoryTrimJob(threshold: 8 << 20).trimIfOverThreshold()
            let trimmed = ProcessMemory.read()
            #expect(kept.resident - trimmed.resident > 32 << 20, "resident \(kept.resident >> 20) MB -> \(trimmed.resident >> 20) MB")
        }
    }
}
