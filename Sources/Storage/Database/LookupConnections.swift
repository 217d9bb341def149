import GRDB
import Synchronization

/// Read-only connections for the citizen pages' look-ups of a row or two by key, each taken
/// from a stack and given back on the calling thread (see `AppDatabase.readOnCallingThread`).
///
/// Why not a second GRDB `DatabasePool`, as before: its pool and reader registry are guarded
/// by dispatch barriers, and when both event loops looked up at once one of them slept on a
/// futex in `_dispatch_sync_f_slow` - 0.22 voluntary context switches per ticket page read
/// from the database, none for one served from memory (bench/README.md). Here a connection
/// is held by one caller from take to give-back, so its serial queue is always idle and
/// GRDB runs the block in place; the only lock is an uncontended mutex around the stack.
final class LookupConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])
    /// Connections kept for reuse: look-ups run on the calling thread, so as many run at once
    /// as there are threads calling (the event loops, one per core); any beyond are closed.
    private let kept: Int

    init(path: String, kept: Int = 8) {
        self.path = path
        self.kept = kept
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "hailong.lookup"
        self.configuration = configuration
    }

    /// Runs `value` in a read transaction: its statements see one snapshot.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try connection.read(value)
    }

    /// Runs one statement outside a transaction: SQLite gives it a snapshot of its own.
    func readStatement<T>(_ statement: (Database) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try connection.unsafeRead(statement)
    }

    /// Connections kept idle now, ready for the next look-up (for tests).
    var idleCount: Int { idle.withLock { $0.count } }

    private func take() throws -> DatabaseQueue {
        if let connection = idle.withLock({ $0.popLast() }) { return connection }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Keeps the connection for the next look-up, or lets it close (when its last reference
    /// goes, after the lock) if enough are kept.
    private func giveBack(_ connection: DatabaseQueue) {
        idle.withLock { connections in
            if connections.count < kept { connections.append(connection) }
        }
    }
}
