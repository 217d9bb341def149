import Foundation
import Testing

@testable import App

@Suite("Memory trim")
struct MemoryTrimJobTests {
    /// 96 MB freed in 64 KB pieces, each pinned in place by a small allocation after it, stay
    /// resident in the allocator's heap. The job leaves them while the free bytes are under
    /// its threshold and hands them back to the system above it.
    @Test func freedMemoryLeavesTheResidentSetWhenTheJobRuns() async throws {
        var pinned: [UnsafeMutableRawPointer] = []
        var big: [UnsafeMutableRawPointer] = []
        for _ in 0..<1536 {
            let piece = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 16)
            piece.initializeMemory(as: UInt8.self, repeating: 1, count: 64 * 1024)
            big.append(piece)
            pinned.append(UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 16))
        }
        defer { for pointer in pinned { pointer.deallocate() } }
        for piece in big { piece.deallocate() }
        let freed = ProcessMemory.read()
        #expect(freed.mallocFree > 32 << 20, "the pieces are free but kept: \(freed.mallocFree >> 20) MB")

        try await MemoryTrimJob(threshold: .max).run(now: Date())
        let kept = ProcessMemory.read()
        #expect(kept.resident > freed.resident - (16 << 20), "under the threshold: resident \(freed.resident >> 20) MB -> \(kept.resident >> 20) MB")

        try await MemoryTrimJob(threshold: 8 << 20).run(now: Date())
        let trimmed = ProcessMemory.read()
        #expect(kept.resident - trimmed.resident > 32 << 20, "resident \(kept.resident >> 20) MB -> \(trimmed.resident >> 20) MB")
    }
}
