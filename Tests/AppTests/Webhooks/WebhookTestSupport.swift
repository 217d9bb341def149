import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Storage
import Testing

@testable import App

extension TestServer {
    /// The application's parts over this server's data directory, so a test can drive the
    /// webhook worker (`deliverDue`) and the scheduler (`tick`) at chosen times. The
    /// application built from them runs no services: nothing is sent behind the test's back.
    func parts() async throws -> AppParts {
        var logger = Logger(label: "hailong-test")
        logger.logLevel = .critical
        return try await AppParts.make(config, clock: clock, logger: logger)
    }

    func test(_ parts: AppParts, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: parts.router).test(.router, body)
    }

    /// Registers a webhook through the server's own database handle (so its in-memory
    /// subscriptions know it at once), with the secret sealed by the data directory's key.
    @discardableResult
    func addWebhook(_ parts: AppParts, unit: String = "tam-phuoc", url: String, secret: String, events: [WebhookEvent]) async throws -> Webhook {
        try await addWebhook(parts.database, unit: unit, url: url, secret: secret, events: events)
    }

    @discardableResult
    func addWebhook(_ database: AppDatabase, unit: String = "tam-phuoc", url: String, secret: String, events: [WebhookEvent]) async throws -> Webhook {
        let vault = try ContactVault(dataDirectory: config.dataDirectory)
        return try await database.createWebhook(
            unitCode: unit, url: url, secretSealed: try vault.sealSecret(secret), events: events, actor: "test", now: clock.now)
    }

    /// The outbox rows, oldest first.
    func outbox() async throws -> [(event: String, attempts: Int, nextAttemptAt: String?, deliveredAt: String?, gaveUpAt: String?, body: String)] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhookDeliveries ORDER BY id").map {
                ($0["event"], $0["attempts"], $0["nextAttemptAt"], $0["deliveredAt"], $0["gaveUpAt"], $0["body"])
            }
        }
    }
}
