import Foundation

@testable import Storage

extension WriteBatcher {
    /// Holds the writer thread with one write until `count` more writes wait behind it (at
    /// most 10 s), so those go in one batch whatever the machine's load; returns once the
    /// holding write runs. A fixed pause did not: under the full suite on two cores, a test's
    /// writes arrived after the pause ended and the batches came out differently.
    func holdWriter(until count: Int) async -> Task<Void, any Error> {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let gate = Task {
            try await write { _ in
                signal.yield()
                signal.finish()
                let deadline = Date().addingTimeInterval(10)
                while self.pendingCount < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            }
        }
        for await _ in started { break }
        return gate
    }
}
