import Synchronization

/// Pages and parts of pages that are the same for every visitor (the details page for one
/// form version and language), rendered once and reused. Keys name everything the value
/// depends on, so an entry never goes stale; the cache is bounded, since form versions and
/// languages are few.
final class RenderCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])
    private let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The value for `key`, made by `render` the first time.
    func value(_ key: String, render: () -> Value) -> Value {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let value = render()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = value
        }
        return value
    }
}
