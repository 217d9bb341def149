import Foundation
import GRDB

/// The service's SQLite database. It owns the connection pool, runs the append-only
/// migrations on open, and offers intent-named methods, each one transaction.
public final class AppDatabase: Sendable {
    /// Readers run concurrently (WAL); every write goes through it or `batcher`. Internal:
    /// the rest of the service reaches the database only through intent-named methods.
    let pool: DatabasePool
    /// Read-only connections of their own for `readOnCallingThread`, kept apart from `pool`'s
    /// readers (see there).
    let lookups: LookupConnections
    /// Groups concurrent rating writes into one durable commit (see `WriteBatcher`).
    let batcher: WriteBatcher
    /// The units' webhook subscriptions, in memory for the rating path (see the type).
    public let webhookSubscriptions = WebhookSubscriptions()
    /// Wakes the rating tablets' event streams when a counter's ticket changes.
    public let counterSignals = CounterSignals()
    /// Units, counters, procedures and sectors for the rating pages, forgotten when one
    /// changes (see the type).
    let ratingStructure = RatingStructure()
    /// Tickets issued and responses recorded by this process, for the citizen's pages (see
    /// the type).
    let recentRecords = RecentRecords()

    /// Opens (creating if needed) the database at `path`, with WAL and synchronous=FULL:
    /// a rating acknowledged to a citizen survives a crash or power loss.
    public init(path: String) throws {
        // Owner-only before SQLite opens it: SQLite would create it 0644 and give the
        // -wal and -shm files the same mode. Files left by an older version are tightened.
        try PrivateFiles.prepareFile(path)
        for suffix in ["-wal", "-shm", "-journal"] { try PrivateFiles.tighten(path + suffix) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Recording a rating is small; keeping the WAL short keeps readers fast.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's pool sets synchronous=NORMAL on the writer after prepareDatabase runs, so
            // FULL is applied here, on the writer, once it is open (architecture.md).
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            // A damaged file is refused before anything is served or written from it: a
            // quick_check reads every page once (about a second for a ward's year).
            let problems = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }.filter { $0 != "ok" }
            guard problems.isEmpty else { throw StorageFailure.corrupt(path: path, detail: problems.prefix(3).joined(separator: "; ")) }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw StorageFailure.corrupt(path: path, detail: error.message ?? "\(error.resultCode)")
        }
        try Self.migrator.migrate(pool)
        pool.add(transactionObserver: ratingStructure)
        pool.add(transactionObserver: recentRecords)
        lookups = LookupConnections(path: path)
        batcher = WriteBatcher(writer: pool, recent: recentRecords)
        let subscriptions = webhookSubscriptions
        try pool.read { db in try Self.loadWebhookSubscriptions(db, into: subscriptions) }
    }

    /// Opens `hailong.sqlite` inside a data directory, creating the directory (0700).
    public static func open(dataDirectory: String) throws -> AppDatabase {
        try PrivateFiles.prepareDirectory(dataDirectory) { $0.hasPrefix("hailong.sqlite") }
        return try AppDatabase(path: (dataDirectory as NSString).appendingPathComponent("hailong.sqlite"))
    }

    /// The writer connection's synchronous setting: 2 is FULL. Kept as API so a test can
    /// prove the durability setting was not silently lost.
    public func synchronousMode() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// A read run on the calling thread (GRDB's blocking read: the reader's serial queue runs
    /// it in place), for the citizen pages' look-ups of a row or two by key. Why: the async
    /// read hops to a reader's dispatch queue and back, two thread switches that cost more
    /// than such a query (bench/README.md: a third of a rating page's CPU was the scheduler
    /// and futexes on 2 cores). A query of tens of microseconds may hold a concurrency thread
    /// that long; anything that scans must use the async `pool.read`.
    ///
    /// It uses `lookups`, never `pool`: an async read gives its reader back only when its task
    /// runs again, so blocking reads waiting for `pool`'s readers on every concurrency thread
    /// would wait forever. A `lookups` connection is taken and given back on one thread, with
    /// no suspension between (see `LookupConnections`).
    func readOnCallingThread<T>(_ value: (Database) throws -> T) throws -> T {
        try lookups.read(value)
    }

    /// `readOnCallingThread` for a single statement, outside a transaction: SQLite reads one
    /// statement from one snapshot of its own, and the BEGIN, savepoint and COMMIT around it
    /// were 40% of such a read's time in a profile (bench/README.md). Never for two statements
    /// or more: each would see the database as of its own start.
    func readStatementOnCallingThread<T>(_ statement: (Database) throws -> T) throws -> T {
        try lookups.readStatement(statement)
    }

    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
