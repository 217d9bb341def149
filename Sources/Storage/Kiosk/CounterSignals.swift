import Synchronization

/// Tells the rating tablets that their counter's ticket changed - issued, used or retired -
/// the moment the change is committed, so a tablet's event stream reads the new state at once
/// instead of at its next timed look. In memory: the streams run in this process, and after
/// a restart they reconnect and read the state afresh.
public final class CounterSignals: Sendable {
    private let listeners = Mutex<[Int64: [Int: AsyncStream<Void>.Continuation]]>([:])
    private let nextId = Atomic<Int>(0)

    public init() {}

    /// Wake-ups for `counterId`, coalesced (a burst of changes is one wake-up). Ends, and stops
    /// listening, when the stream's consumer goes away.
    public func listen(counterId: Int64) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextId.add(1, ordering: .relaxed).newValue
        listeners.withLock { $0[counterId, default: [:]][id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.listeners.withLock { listeners in
                listeners[counterId]?[id] = nil
                if listeners[counterId]?.isEmpty == true { listeners[counterId] = nil }
            }
        }
        return stream
    }

    /// Streams listening to `counterId` now: a test waits for its tablet's stream to be open
    /// before it changes the ticket the stream should report.
    public func listeners(counterId: Int64) -> Int {
        listeners.withLock { $0[counterId]?.count ?? 0 }
    }

    /// A ticket of `counterId` was issued, used or retired (after the commit).
    public func changed(counterId: Int64) {
        let waiting = listeners.withLock { Array(($0[counterId] ?? [:]).values) }
        for continuation in waiting { continuation.yield() }
    }
}
