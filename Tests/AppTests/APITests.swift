import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("JSON API: tickets, responses, forms")
struct APITests {
    @Test func ticketsAreSingleUseUnguessableAndPointAtTheBaseURL() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.postJSON(
                "/api/v1/tickets", #"{"counter":"q1","officer":"cb-lan","procedure":"1.004227","dossier":"H12.34-261123-0001"}"#, key: server.apiKey)
            #expect(response.status == .created)
            let json = try response.json()
            let token = try #require(json["token"] as? String)
            #expect(token.count == 12)
            #expect(TokenGenerator.isWellFormed(token))
            #expect(json["url"] as? String == "\(TestServer.baseURL)/r/\(token)")
            let expires = try #require(json["expiresAt"] as? String)
            #expect(expires.hasSuffix("+07:00"), "times are Asia/Ho_Chi_Minh: \(expires)")
            let parsed = try #require(ISO8601DateFormatter().date(from: expires))
            #expect(abs(parsed.timeIntervalSinceNow - 24 * 3600) < 120, "default lifetime is 24 h")
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE dossier = 'H12.34-261123-0001' AND officerId IS NOT NULL") == 1)

            var tokens = Set<String>()
            for _ in 0..<50 { tokens.insert(try await client.issueTicket(key: server.apiKey)) }
            #expect(tokens.count == 50)
        }
    }

    @Test func ticketLifetimeIsConfigurable() async throws {
        let server = try await TestServer { $0.ticketLifetime = 600 }
        try await server.test { client in
            let json = try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: server.apiKey).json()
            let expires = try #require(ISO8601DateFormatter().date(from: json["expiresAt"] as? String ?? ""))
            // Against the server's clock, not the machine's: under a full parallel run the
            // request came 100 s after the server's clock was set.
            #expect(abs(expires.timeIntervalSince(server.clock.now) - 600) < 1)
        }
    }

    @Test func aRevokedKeyIsRefused() async throws {
        let server = try await TestServer()
        try await server.database.pool.write { db in try db.execute(sql: "UPDATE apiKeys SET revokedAt = CURRENT_TIMESTAMP") }
        try await server.test { client in
            let response = try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: server.apiKey)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func responsesThroughTheAPIFollowTheFormRules() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let response = try await client.postJSON(
                "/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":2,"access-1":4,"visits":2},"comment":"  Cần thêm ghế chờ  "}"#)
            #expect(response.status == .created)
            #expect(try response.json()["recorded"] as? Bool == true)
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 3)
            let comment = try await server.database.pool.read { db in try String.fetchOne(db, sql: "SELECT text FROM responseTexts") }
            #expect(comment == "Cần thêm ghế chờ")
            // The details came with the rating: the web page cannot add more to it.
            #expect(try await server.count("SELECT COUNT(*) FROM responses WHERE detailsAt IS NOT NULL") == 1)

            // A poster token takes ratings through the API too.
            let poster = try server.posterToken(counter: "q2")
            #expect(try await client.postJSON("/api/v1/responses", #"{"token":"\#(poster)","answers":{"overall":3}}"#).status == .created)
            #expect(try await server.count("SELECT COUNT(*) FROM responses WHERE ticketId IS NULL") == 1)
        }
    }

    @Test func theFormInUseIsServedAsJSONInTheFormsSchema() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let response = try await client.get("/api/v1/forms/sipas-counter")
            #expect(response.status == .ok)
            let served = try JSONDecoder().decode(FormDefinition.self, from: Data(response.text.utf8))
            let file = try Data(contentsOf: TestServer.repoRoot.appendingPathComponent("Forms/sipas-counter.v1.json"))
            #expect(served == (try FormDefinition.load(from: file, file: "sipas-counter.v1.json")))
            let json = try response.json()
            let questions = try #require(json["questions"] as? [[String: Any]])
            #expect(questions.filter { $0["overall"] as? Bool == true }.count == 1)
            #expect(try await client.get("/api/v1/forms/khong-co").status == .notFound)
        }
    }
}
