import Foundation
import GRDB
import Testing

@testable import Storage

@Suite("Group commit on the writer thread")
struct WriteBatcherTests {
    private func queue() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER NOT NULL)") }
        return queue
    }

    @Test("the writer thread carries its name where operators look (/proc, top -H, perf)")
    func writerThreadIsNamed() async throws {
        // Every start, not one: Foundation's `Thread.name` lost the name on 1 start in 25,
        // which a single write passed 24 times out of 25 (CI, 2026-11-30).
        let batcher = WriteBatcher(writer: try queue(), idleLifetime: 0)
        var names: [String: Int] = [:]
        for _ in 1...1000 {
            let name = try await batcher.write { _ in try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8) }
            names[name.trimmingCharacters(in: .whitespacesAndNewlines), default: 0] += 1
        }
        #expect(names.keys.sorted() == ["hailong-writer"])
        #expect(batcher.thread.starts > 300, "most writes started a thread of their own")
    }

    @Test("the writer thread ends when idle, and the next write starts it again")
    func threadEndsWhenIdleAndRestarts() async throws {
        let store = try queue()
        let batcher = WriteBatcher(writer: store, idleLifetime: 0.05)
        #expect(batcher.thread == (running: false, starts: 0), "no thread before the first write")
        try await batcher.write { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
        #expect(batcher.thread.starts == 1)
        var waited = 0
        while batcher.thread.running && waited < 500 {
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        #expect(!batcher.thread.running, "ended after its idle lifetime")
        let value = try await batcher.write { db in
            try db.execute(sql: "INSERT INTO t VALUES (2)")
            return try Int.fetchOne(db, sql: "SELECT SUM(n) FROM t")
        }
        #expect(value == 3)
        #expect(batcher.thread.starts == 2, "a write after the thread ended runs on a new one")
        #expect(batcher.committedCounts == (batches: 2, writes: 2))
    }

    @Test("writes from many tasks share batches, and every one commits once")
    func concurrentWritesShareBatches() async throws {
        let store = try queue()
        let batcher = WriteBatcher(writer: store)
        // One slow write holds the thread while 200 others queue behind it.
        let gate = Task { try await batcher.write { _ in Thread.sleep(forTimeInterval: 0.2) } }
        try await Task.sleep(for: .milliseconds(20))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...200 {
                group.addTask { try await batcher.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [n]) } }
            }
            try await group.waitForAll()
        }
        try await gate.value
        let (count, sum) = try await store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") ?? 0, try Int.fetchOne(db, sql: "SELECT SUM(n) FROM t") ?? 0)
        }
        #expect(count == 200 && sum == 200 * 201 / 2)
        let counts = batcher.committedCounts
        #expect(counts.writes == 201)
        #expect(counts.batches < 50, "\(counts.batches) batches for 201 writes: they were grouped")
    }

    @Test("a failed commit fails its callers, and the thread goes on to the next batch")
    func failedCommitFailsTheBatchOnly() async throws {
        let store = try queue()
        let batcher = WriteBatcher(writer: store)
        // A job that breaks its own savepoint makes the batch's commit itself fail.
        await #expect(throws: (any Error).self) {
            try await batcher.write { db in try db.execute(sql: "RELEASE SAVEPOINT job; RELEASE SAVEPOINT nothing") }
        }
        try await batcher.write { db in try db.execute(sql: "INSERT INTO t VALUES (5)") }
        #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT SUM(n) FROM t") } == 5)
    }
}
