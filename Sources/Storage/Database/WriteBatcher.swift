import GRDB

/// Group commit: concurrent writes that arrive while a commit is in flight are run together
/// in the next transaction, each in its own savepoint, and every caller is resumed only
/// after that transaction is durably committed. The same guarantee as one transaction per
/// request (synchronous=FULL), at a fraction of the fsyncs. The ratings of a batch add
/// their roll-ups to `rollups`, written once per row when the batch commits.
actor WriteBatcher {
    private let writer: any DatabaseWriter
    nonisolated let rollups = RollupBatch()
    private var pending: [any BatchedWrite] = []
    private var draining = false
    /// Committed batches and the writes in them, for the metrics: their ratio is the mean
    /// batch size, which shows whether group commit is doing its work under load.
    private(set) var committedBatches = 0
    private(set) var committedWrites = 0

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `work` inside the next batch. A throwing `work` rolls back its own savepoint only;
    /// the other writes of the batch commit.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Job(work: work, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            do {
                try await writer.write { [rollups] db in
                    rollups.reset()
                    for job in batch { try job.run(in: db, rollups: rollups) }
                    try rollups.flush(db)
                }
                committedBatches += 1
                committedWrites += batch.count
                for job in batch { job.resume() }
            } catch {
                for job in batch { job.fail(error) }
            }
        }
        draining = false
    }
}

private protocol BatchedWrite: Sendable {
    func run(in db: Database, rollups: RollupBatch) throws
    func resume()
    func fail(_ error: any Error)
}

/// One caller's write. `outcome` is set on the writer's thread inside the transaction and
/// read after `writer.write` returned, which orders the two; nothing else touches it.
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
    /// The job's roll-up increments follow its savepoint (`RollupBatch`).
    func run(in db: Database, rollups: RollupBatch) throws {
        try db.cachedStatement(sql: "SAVEPOINT job").execute()
        do {
            let value = try work(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            rollups.keepJob()
            outcome = .success(value)
        } catch {
            rollups.dropJob()
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
