import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Counter display")
struct CounterDisplayTests {
    /// The ticket token a display page shows in its QR image.
    private func shownToken(_ page: TestResponse) throws -> String {
        let range = try #require(page.text.range(of: #"src="/qr/"#), "no QR on the page")
        return String(page.text[range.upperBound...].prefix { $0 != "." })
    }

    @Test func theDisplayShowsASingleUseTicketAndMovesOnWhenItIsRated() async throws {
        let server = try await TestServer()
        try await server.addUser("canbo.minh", .officer, unit: "tam-phuoc")
        let q2 = try #require(server.demo.counters.first { $0.code == "q2" && $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            let cookie = try await client.signIn("canbo.minh")
            // Without an officer record or assignment the display asks which counter.
            let chooser = try await client.get("/counter", cookie: cookie)
            #expect(chooser.status == .ok)
            #expect(chooser.text.contains("/counter?counter=\(q2)"))

            let first = try await client.get("/counter?counter=\(q2)", cookie: cookie)
            #expect(first.status == .ok)
            #expect(first.text.contains("Quầy 2"))
            #expect(first.text.contains(#"<noscript><p><a href="/counter?counter=\#(q2)""#), "moves on without script too: a refresh link")
            #expect(!first.text.contains(#"http-equiv="refresh""#), "no timed refresh: it moves the page under a reader's eyes")
            #expect(first.text.contains("/static/counter."))
            let token = try shownToken(first)
            #expect(try await client.get("/counter?counter=\(q2)", cookie: cookie).text.contains(token), "the same ticket until it is used")
            #expect(try await client.get("/counter/status?token=\(token)", cookie: cookie).json()["state"] as? String == "open")

            // A citizen rates it: the status says so and the display shows a new ticket.
            #expect(try await client.submitForm("/r/\(token)", "overall=3").status == .ok)
            #expect(try await client.get("/counter/status?token=\(token)", cookie: cookie).json()["state"] as? String == "used")
            let second = try shownToken(try await client.get("/counter?counter=\(q2)", cookie: cookie))
            #expect(second != token)

            // "Next citizen" retires the unused ticket at once.
            let csrf = try await client.csrf(cookie: cookie)
            let next = try await client.post("/counter/next?counter=\(q2)", cookie: cookie, form: "_csrf=\(csrf)")
            #expect(next.status == .seeOther)
            let third = try shownToken(try await client.get("/counter?counter=\(q2)", cookie: cookie))
            #expect(third != second)
            #expect(try await client.get("/r/\(second)").status == .gone)
            #expect(try await client.post("/counter/next?counter=\(q2)", cookie: cookie, form: "_csrf=nope").status == .forbidden)
        }
    }

    @Test func ticketsAreAttributedToTheOfficerServingTheCounter() async throws {
        let server = try await TestServer()
        let password = "mat-khau-dai-du"
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash(password), role: .officer, unitCode: "tam-phuoc", officerCode: "cb-lan",
            actor: "test", now: server.clock.now)
        let q3 = try #require(server.demo.counters.first { $0.code == "q3" && $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            let cookie = try await client.signIn("canbo.lan")
            // Opening a display by link moves nobody; taking the counter is a form with the token.
            #expect(try await client.get("/counter?counter=\(q3)", cookie: cookie).status == .ok)
            #expect(try await server.count("SELECT COUNT(*) FROM officerAssignments") == 0)
            #expect(try await client.post("/counter/take", cookie: cookie, form: "counter=\(q3)").status == .forbidden)
            let chooser = try await client.get("/counter", cookie: cookie)
            #expect(chooser.text.contains(#"action="/counter/take""#))
            let csrf = try await client.csrf(cookie: cookie)
            #expect(try await client.post("/counter/take", cookie: cookie, form: "_csrf=\(csrf)&counter=\(q3)").status == .seeOther)
            // Tickets issued before she took it stay unattributed; from now on they carry her.
            try await server.database.pool.write { db in try db.execute(sql: "DELETE FROM tickets") }
            let display = try await client.get("/counter?counter=\(q3)", cookie: cookie)
            #expect(display.status == .ok)
            // The officer is now at q3: the display's tickets and the API's carry them.
            let apiToken = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q3"}"#)
            let lan = try await server.count("SELECT id FROM officers WHERE code = 'cb-lan'")
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE officerId = \(lan)") == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE token = '\(apiToken)' AND officerId = \(lan)") == 1)
            // Back at the chooser-free display: the assignment is remembered.
            #expect(try await client.get("/counter", cookie: cookie).text.contains("Quầy 3"))
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'officer.assign'") == 1)
        }
    }

    @Test func onlyCounterStaffOfTheWardOpenItsDisplay() async throws {
        let server = try await TestServer()
        try await server.addUser("xem", .viewer, unit: "tam-phuoc")
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let otherWard = try #require(server.demo.counters.first { $0.unitId == server.demo.units[1].id }?.id)
        try await server.test { client in
            let viewer = try await client.signIn("xem")
            #expect(try await client.get("/counter", cookie: viewer).status == .forbidden)
            let director = try await client.signIn("giamdoc")
            #expect(try await client.get("/counter?counter=\(otherWard)", cookie: director).status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM tickets") == 0)
            #expect(try await client.get("/counter").status == .seeOther, "signed out: to /login")
        }
    }
}

