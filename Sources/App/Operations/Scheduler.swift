import Domain
import Foundation
import Logging
import ServiceLifecycle

/// The in-server scheduler (a swift-service-lifecycle service beside the HTTP server): every
/// `interval` it runs each job with the injected clock's time. Adding a periodic job is one
/// more entry in `jobs` where the application is built.
struct Scheduler: Service {
    let jobs: [any PeriodicJob]
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    /// Runs every job once at `now`; one failing job does not stop the others. Tests call it
    /// with a chosen time.
    func tick(now: Date) async {
        for job in jobs {
            do {
                try await job.run(now: now)
            } catch is CancellationError where Task.isCancelled {
                // The server is stopping: not a failure of the job.
                return
            } catch {
                logger.error("periodic job failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
            }
        }
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick(now: clock.now)
                try await Task.sleep(for: interval)
            }
        }
    }
}
