/// Runs operations one after another, in the order they were asked for, each to its end
/// (its awaits included): the service loop and a test calling `deliverDue` at the same time
/// must not send one delivery twice.
actor SerialRunner {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let previous = tail
        let task = Task {
            await previous?.value
            return await operation()
        }
        tail = Task { _ = await task.value }
        return await task.value
    }
}
