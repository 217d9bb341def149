/// One browser-driven test at a time. Swift Testing runs suites in parallel; two or three
/// headless Chromiums beside 300 other tests on two cores starve each other until
/// chromedriver's answers time out. Tests that drive a browser through WebDriver take turns.
actor OneBrowser {
    static let shared = OneBrowser()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    static func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await shared.acquire()
        do {
            let result = try await body()
            await shared.release()
            return result
        } catch {
            await shared.release()
            throw error
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
