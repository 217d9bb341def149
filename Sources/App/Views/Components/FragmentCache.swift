import Synchronization

/// Parts of pages that are the same for every visitor (the details page's questions for one
/// form version and language), rendered once and spliced into each page. Keys name everything
/// the fragment depends on, so an entry never goes stale; the cache is bounded, since form
/// versions and languages are few.
final class FragmentCache: Sendable {
    private let entries = Mutex<[String: HTMLFragment]>([:])
    private let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The fragment for `key`, rendered by `render` the first time.
    func fragment(_ key: String, render: () -> HTMLFragment) -> HTMLFragment {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let fragment = render()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = fragment
        }
        return fragment
    }
}
