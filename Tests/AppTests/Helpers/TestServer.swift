import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import NIOCore
import Testing

@testable import App

/// A server over a fresh data directory in a temporary folder, with the demo structure, the
/// real Forms/ and Public/, and a second database handle for setting up and checking.
struct TestServer {
    static let repoRoot = findPackageRoot()
    static let baseURL = "https://hailong.test"

    let config: AppConfiguration
    let database: AppDatabase
    let demo: DemoSummary
    /// The server's clock: it reads the real time at the start and moves only when a test moves it.
    let clock: ManualClock

    /// The API key of tam-phuoc, and of chon-thanh.
    var apiKey: String { demo.apiKeys[0].secret }
    var otherAPIKey: String { demo.apiKeys[1].secret }

    init(now: Date = Date(), dataDirectory: String? = nil, configure: (inout AppConfiguration) -> Void = { _ in }) async throws {
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("hailong-test-\(UUID().uuidString)").path
        var config = AppConfiguration(
            port: 0, dataDirectory: directory, baseURL: Self.baseURL, formsDirectory: Self.repoRoot.appendingPathComponent("Forms").path,
            publicDirectory: Self.repoRoot.appendingPathComponent("Public").path, logLevel: .warning)
        configure(&config)
        self.config = config
        clock = ManualClock(now)
        database = try AppDatabase.open(dataDirectory: directory)
        demo = try #require(try await database.seedDemo(now: now))
    }

    func posterToken(unit: String = "tam-phuoc", counter: String = "q1") throws -> String {
        let unitId = try #require(demo.units.first { $0.code == unit }?.id)
        return try #require(demo.counters.first { $0.unitId == unitId && $0.code == counter }?.posterToken)
    }

    /// Runs `body` against the router (no sockets), as most tests do.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(config, clock: clock)
        try await app.test(.router, body)
    }

    func count(_ sql: String) async throws -> Int {
        try await database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// Rows that a rating writes: a test of refused input checks all stay at zero.
    func writtenRows() async throws -> Int {
        try await count(
            "SELECT (SELECT COUNT(*) FROM responses) + (SELECT COUNT(*) FROM answers) + (SELECT COUNT(*) FROM responseTexts) + (SELECT COALESCE(SUM(n), 0) FROM answerCounts)")
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func postForm(_ uri: String, _ body: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// Posts a form as a browser does: a 303 answer is followed with a GET of its Location.
    func submitForm(_ uri: String, _ body: String) async throws -> TestResponse {
        let posted = try await postForm(uri, body)
        guard posted.status == .seeOther, let location = posted.headers[.location] else { return posted }
        return try await get(location)
    }

    func postJSON(_ uri: String, _ body: String, key: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Issues a ticket through the API and returns its token.
    func issueTicket(key: String, body: String = #"{"counter":"q1"}"#) async throws -> String {
        let response = try await postJSON("/api/v1/tickets", body, key: key)
        try #require(response.status == .created, "ticket not issued: \(response.text)")
        return try #require(try response.json()["token"] as? String)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The `error.code` of an API error body.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }

    /// The value of the hidden submission key field on a rating or details page.
    var submissionKey: String? {
        guard let range = text.range(of: #"name="_k" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
