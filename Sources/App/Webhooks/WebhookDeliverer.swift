import AsyncHTTPClient
import Domain
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Storage

/// Delivers the webhook outbox (a swift-service-lifecycle service beside the HTTP server).
///
/// Each due delivery is POSTed as product.md fixes it: the stored JSON body, with
/// `X-HaiLong-Event`, `X-HaiLong-Timestamp` (Unix seconds of this attempt) and
/// `X-HaiLong-Signature`. Any 2xx delivers it; anything else (another status, a refused
/// connection, the timeout) schedules the next attempt by `policy`, until the policy's
/// window after the delivery was created has passed: then it is given up, logged and shown
/// on the admin screen. The outbox is the database, so a restart loses nothing; the loop
/// wakes every `pollInterval` and at once when a write enqueued something.
struct WebhookDeliverer: Service {
    let database: AppDatabase
    let vault: ContactVault
    let policy: WebhookRetryPolicy
    /// The longest an attempt may take, connecting included.
    let timeout: TimeAmount
    let pollInterval: Duration
    let clock: any WallClock
    let logger: Logger
    private let serial = SerialRunner()

    init(
        database: AppDatabase, vault: ContactVault, policy: WebhookRetryPolicy = .standard, timeout: TimeAmount = .seconds(10),
        pollInterval: Duration = .seconds(5), clock: any WallClock, logger: Logger
    ) {
        self.database = database
        self.vault = vault
        self.policy = policy
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.clock = clock
        self.logger = logger
    }

    func run() async throws {
        let (ticks, tick) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let wakeups = database.webhookSubscriptions.wakeups
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in wakeups { tick.yield() }
                }
                group.addTask {
                    while !Task.isCancelled {
                        tick.yield()
                        try? await Task.sleep(for: pollInterval)
                    }
                }
                for await _ in ticks {
                    if Task.isCancelled { break }
                    await deliverDue(now: clock.now)
                }
                group.cancelAll()
            }
        }
    }

    /// Attempts every delivery due at `now`; returns how many were delivered. The service
    /// loop calls it with the clock's time, tests with a chosen one.
    @discardableResult
    func deliverDue(now: Date) async -> Int {
        await serial.run {
            // A webhook that `hailong webhook add` wrote from another process is seen here.
            try? await database.refreshWebhookSubscriptions()
            let due: [PendingWebhookDelivery]
            do {
                due = try await database.dueWebhookDeliveries(now: now)
            } catch {
                logger.error("webhook outbox unreadable", metadata: ["error": "\(error)"])
                return 0
            }
            guard !due.isEmpty else { return 0 }
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
            configuration.httpVersion = .http1Only
            let delivered = try? await HTTPClient.withHTTPClient(configuration: configuration) { client in
                await withTaskGroup(of: Bool.self) { group in
                    for delivery in due {
                        group.addTask { await attempt(delivery, client: client, now: now) }
                    }
                    return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
            }
            return delivered ?? 0
        }
    }

    /// One attempt, recorded whatever it came to; true when delivered.
    private func attempt(_ delivery: PendingWebhookDelivery, client: HTTPClient, now: Date) async -> Bool {
        var status: Int?
        var failure: String?
        do {
            let secret = try vault.openSecret(delivery.secretSealed)
            let timestamp = Int(now.timeIntervalSince1970.rounded(.down))
            var request = HTTPClientRequest(url: delivery.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "HaiLong-Webhook/1")
            request.headers.add(name: "X-HaiLong-Event", value: delivery.event)
            request.headers.add(name: "X-HaiLong-Timestamp", value: String(timestamp))
            request.headers.add(name: "X-HaiLong-Signature", value: WebhookSigner.signature(secret: secret, timestamp: timestamp, body: delivery.body))
            request.body = .bytes(ByteBuffer(string: delivery.body))
            let response = try await client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            // Read (and drop) a bounded answer, so the connection is left clean.
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            failure = String(String(describing: error).prefix(300))
        }
        let delivered = status.map { (200..<300).contains($0) } ?? false
        let outcome: WebhookAttemptOutcome =
            delivered
            ? .delivered
            : policy.nextAttempt(afterAttempts: delivery.attempts + 1, at: now, createdAt: delivery.createdAt).map { WebhookAttemptOutcome.retry(at: $0) } ?? .gaveUp
        if outcome == .gaveUp {
            logger.warning(
                "webhook delivery given up",
                metadata: [
                    "delivery": "\(delivery.id)", "webhook": "\(delivery.webhookId)", "event": "\(delivery.event)",
                    "attempts": "\(delivery.attempts + 1)", "status": "\(status.map(String.init) ?? "-")",
                ])
        }
        do {
            try await database.recordWebhookAttempt(deliveryId: delivery.id, at: now, status: status, error: failure, outcome: outcome)
        } catch {
            logger.error("webhook attempt not recorded", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
        return delivered
    }
}
