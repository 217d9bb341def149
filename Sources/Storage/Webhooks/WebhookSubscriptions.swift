import Domain
import Synchronization

/// Which units have an active webhook for which events, held in memory so that the rating
/// path (thousands per second through the group-commit writer) asks a dictionary, not the
/// database, whether a low rating must be written to the outbox.
///
/// It is reloaded from the database after every change this process makes to webhooks, and
/// by the delivery worker at each poll, which catches a webhook that `hailong webhook add`
/// wrote from another process within seconds. It also wakes the worker when a write put
/// something in the outbox, so a delivery leaves at once rather than at the next poll.
public final class WebhookSubscriptions: Sendable {
    private let events: Mutex<[Int64: Set<WebhookEvent>]> = Mutex([:])
    private let signal: AsyncStream<Void>.Continuation
    /// Yields once (coalesced) after something was enqueued; the delivery worker waits on it.
    public let wakeups: AsyncStream<Void>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeups = stream
        signal = continuation
    }

    /// Whether some active webhook of `unitId` subscribes to `event`.
    public func has(unitId: Int64, _ event: WebhookEvent) -> Bool {
        events.withLock { $0[unitId]?.contains(event) ?? false }
    }

    /// The units with an active webhook subscribed to any of `wanted`.
    public func units(subscribedTo wanted: Set<WebhookEvent>) -> [Int64] {
        events.withLock { $0.filter { !$0.value.isDisjoint(with: wanted) }.keys.sorted() }
    }

    func replace(_ subscriptions: [Int64: Set<WebhookEvent>]) {
        events.withLock { $0 = subscriptions }
    }

    /// Tells the worker that the outbox holds something new.
    public func enqueued() {
        signal.yield()
    }
}
