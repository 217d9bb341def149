import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// Group commit: concurrent writes that arrive while a commit is in flight are run together
/// in the next transaction, each in its own savepoint, and every caller is resumed only
/// after that transaction is durably committed. The same guarantee as one transaction per
/// request (synchronous=FULL), at a fraction of the fsyncs. The ratings of a batch add
/// their roll-ups to `rollups`, written once per row when the batch commits.
///
/// The batches run on a thread of their own, with GRDB's blocking write (its serial queue
/// runs the block in place). Why not an actor and the async write: on 2 cores every thread
/// switch shows, and that path took four per rating (the caller to the actor, the actor's
/// drain task, GRDB's writer queue, back to the drain task) before each caller was resumed.
/// Here a caller wakes the thread, and the thread resumes the caller: two. The thread ends
/// after `idleLifetime` without work and is started again by the next write, so an idle
/// service (or a test suite's many databases) holds no thread.
final class WriteBatcher: @unchecked Sendable {
    private let writer: any DatabaseWriter
    let rollups = RollupBatch()
    /// Tickets and responses the jobs wrote, published when the batch commits (see the type).
    let recent: RecentRecords
    private let idleLifetime: TimeInterval
    /// Guards everything below; the writer thread waits on it for work.
    private let condition = NSCondition()
    private var pending: [any BatchedWrite] = []
    private var threadRunning = false
    /// Committed batches and the writes in them, for the metrics: their ratio is the mean
    /// batch size, which shows whether group commit is doing its work under load.
    private var batches = 0
    private var writes = 0

    init(writer: any DatabaseWriter, recent: RecentRecords = RecentRecords(), idleLifetime: TimeInterval = 2) {
        self.writer = writer
        self.recent = recent
        self.idleLifetime = idleLifetime
    }

    /// Threads started so far, and whether one is alive (for the tests of their lifetime).
    private(set) var threadStarts = 0
    var thread: (running: Bool, starts: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (threadRunning, threadStarts)
    }

    /// Writes waiting for the next batch (for the tests that line writes up behind a slow one).
    var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    var committedCounts: (batches: Int, writes: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (batches, writes)
    }

    /// Runs `work` inside the next batch. A throwing `work` rolls back its own savepoint only;
    /// the other writes of the batch commit.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            pending.append(Job(work: work, continuation: continuation))
            if threadRunning {
                condition.signal()
            } else {
                threadRunning = true
                threadStarts += 1
                // Named from inside: on Linux a name set before start never reaches the kernel,
                // and `top -H`, perf and /proc would show the name of the thread that started it.
                Thread { [self] in
                    Self.nameCurrentThread("hailong-writer")
                    runBatches()
                }.start()
            }
            condition.unlock()
        }
    }

    /// Gives the calling thread its name in the kernel. Not through `Thread.current.name`:
    /// on Linux Foundation passes that on only once `start()` has stored the thread's handle,
    /// and a thread that runs first keeps its creator's name (1 start in 25, measured).
    /// Writing the thread's own `comm` is what `pthread_setname_np` does, which Swift's
    /// Glibc module does not include.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        _ = name.withCString { Glibc.write(file, $0, strlen($0)) }
        close(file)
        #else
        Thread.current.name = name
        #endif
    }

    /// The writer thread: takes everything pending as one batch, commits it, resumes its
    /// callers, and waits for more; ends after `idleLifetime` with nothing to do.
    private func runBatches() {
        while true {
            condition.lock()
            while pending.isEmpty {
                if !condition.wait(until: Date(timeIntervalSinceNow: idleLifetime)) && pending.isEmpty {
                    threadRunning = false
                    condition.unlock()
                    return
                }
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            condition.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [any BatchedWrite]) {
        do {
            try writer.write { [rollups, recent] db in
                rollups.reset()
                for job in batch { try job.run(in: db, rollups: rollups, recent: recent) }
                try rollups.flush(db)
            }
            condition.lock()
            batches += 1
            writes += batch.count
            condition.unlock()
            for job in batch { job.resume() }
        } catch {
            for job in batch { job.fail(error) }
        }
    }
}

private protocol BatchedWrite: Sendable {
    func run(in db: Database, rollups: RollupBatch, recent: RecentRecords) throws
    func resume()
    func fail(_ error: any Error)
}

/// One caller's write. `outcome` is set on the writer thread inside the transaction and
/// read on the same thread after `writer.write` returned; nothing else touches it.
private final class Job<T: Sendable>: BatchedWrite, @unchecked Sendable {
    let work: @Sendable (Database) throws -> T
    let continuation: CheckedContinuation<T, any Error>
    var outcome: Result<T, any Error>?

    init(work: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.work = work
        self.continuation = continuation
    }

    /// Runs the work in its own savepoint, so a failing write undoes only itself. The
    /// savepoint statements are cached: this runs once per rating on the writer thread, where
    /// re-parsing them each time (as `Database.inSavepoint` does) showed in profiles.
    /// The work's own error is kept for its caller; an error of the savepoint statements
    /// themselves is thrown, failing the whole batch rather than committing half a job.
    /// The job's roll-up increments and the records it staged follow its savepoint
    /// (`RollupBatch`, `RecentRecords`).
    func run(in db: Database, rollups: RollupBatch, recent: RecentRecords) throws {
        try db.cachedStatement(sql: "SAVEPOINT job").execute()
        do {
            let value = try work(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            rollups.keepJob()
            recent.keepJob()
            outcome = .success(value)
        } catch {
            rollups.dropJob()
            recent.dropJob()
            try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT job").execute()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            outcome = .failure(error)
        }
    }

    func resume() {
        switch outcome {
        case .success(let value): continuation.resume(returning: value)
        case .failure(let error): continuation.resume(throwing: error)
        case nil: continuation.resume(throwing: DatabaseError(resultCode: .SQLITE_ERROR, message: "write did not run"))
        }
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}
