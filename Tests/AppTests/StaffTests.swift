import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Staff sign-in and sessions")
struct StaffSessionTests {
    @Test func staffURLsRedirectToLoginWhenSignedOut() async throws {
        let server = try await TestServer()
        try await server.test { client in
            for path in ["/admin", "/admin/counters", "/admin/audit", "/admin/audit.csv", "/admin/counters/1/poster"] {
                let response = try await client.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true, "\(path)")
            }
            let forged = try await client.get("/admin", cookie: "hl_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(forged.status == .seeOther)
        }
    }

    @Test func signInSetsAFreshHttpOnlySameSiteSecureSessionCookie() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let offered = "hl_session=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
            let (response, _) = try await client.postLogin(username: "giamdoc", password: "mat-khau-dai-du", extraCookie: offered)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/admin")
            let header = try #require(response.setCookie(named: "hl_session"))
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(header.contains("Secure"), "the public URL is https")
            #expect(header.contains("Path=/"))
            let id = try #require(response.cookie(named: "hl_session"))
            #expect("hl_session=\(id)" != offered, "never the id the browser offered")

            let cookie = "hl_session=\(id)"
            let home = try await client.get("/admin", cookie: cookie)
            #expect(home.status == .ok)
            #expect(home.text.contains("Giám đốc Trung tâm - Phường Tam Phước"))
            #expect(home.headers[.contentSecurityPolicy] != nil)
            #expect(home.text.contains("/static/staff."))
            #expect(try await client.get("/login").text.contains("/static/staff."))
            // A second sign-in gets another id.
            let again = try await client.signIn("giamdoc")
            #expect(again != cookie)
            // Only a hash of the id is stored.
            #expect(try await server.count("SELECT COUNT(*) FROM sessions WHERE idHash = '\(id)'") == 0)
        }
    }

    @Test func aWrongPasswordIsRefusedInVietnameseWithoutEchoingIt() async throws {
        let server = try await TestServer()
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        try await server.test { client in
            let (wrong, _) = try await client.postLogin(username: "canbo", password: "doan-sai-roi")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Sai tên đăng nhập hoặc mật khẩu"))
            #expect(wrong.text.contains(#"value="canbo""#))
            #expect(!wrong.text.contains("doan-sai-roi"))
            let (unknown, _) = try await client.postLogin(username: "khongco", password: "mat-khau-dai-du")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.setCookie(named: "hl_session") == nil)
        }
    }

    @Test func theLoginFormItselfNeedsItsToken() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=giamdoc&password=mat-khau-dai-du"))
            #expect(response.status == .forbidden)
            #expect(response.setCookie(named: "hl_session") == nil)
        }
    }

    @Test func nextOnlyLeadsWithinTheSite() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            for next in ["//evil.example", "https://evil.example/", "/\\evil.example", "/\t/evil.example", "/ /evil.example"] {
                let (response, _) = try await client.postLogin(username: "giamdoc", password: "mat-khau-dai-du", next: next)
                #expect(response.headers[.location] == "/admin", "\(next)")
            }
            let (inside, _) = try await client.postLogin(username: "giamdoc", password: "mat-khau-dai-du", next: "/admin/counters")
            #expect(inside.headers[.location] == "/admin/counters")
        }
    }

    @Test func parallelGuessesCannotOutrunTheThrottle() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await client.postLogin(username: "giamdoc", password: "doan-\(index)", address: "10.9.9.\(index)").0.status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
        }
    }

    @Test func idleAndAbsoluteExpiryEndTheSession() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let idle = try await client.signIn("giamdoc")
            try await server.database.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET lastSeenAt = ?", arguments: [server.clock.now.addingTimeInterval(-31 * 60)])
            }
            #expect(try await client.get("/admin", cookie: idle).status == .seeOther)

            let old = try await client.signIn("giamdoc")
            try await server.database.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET expiresAt = ?", arguments: [server.clock.now.addingTimeInterval(-1)])
            }
            #expect(try await client.get("/admin", cookie: old).status == .seeOther)
        }
    }

    @Test func signOutNeedsTheCSRFTokenAndEndsTheSession() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let forged = try await client.post("/logout", cookie: cookie, form: "_csrf=wrong")
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("Vui lòng tải lại trang"))
            #expect(try await client.get("/admin", cookie: cookie).status == .ok)

            let token = try await client.csrf(cookie: cookie)
            let out = try await client.post("/logout", cookie: cookie, form: "_csrf=\(token)")
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(out.setCookie(named: "hl_session")?.contains("Max-Age=0") == true)
            #expect(try await client.get("/admin", cookie: cookie).status == .seeOther)
        }
    }

    @Test func repeatedFailuresAreThrottledPerAccountAndPerAddress() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            for _ in 0..<5 {
                let (response, _) = try await client.postLogin(username: "giamdoc", password: "sai-mat-khau", address: "10.0.0.9")
                #expect(response.status == .unauthorized)
            }
            // Even the right password waits now, from any address.
            let (blocked, _) = try await client.postLogin(username: "giamdoc", password: "mat-khau-dai-du", address: "10.0.0.10")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Đăng nhập sai quá nhiều lần"))
            #expect(blocked.headers[.retryAfter] == "900", "when to try again, for a client that waits by itself")

            // One address guessing many accounts is stopped too.
            for index in 0..<20 {
                _ = try await client.postLogin(username: "ai-do-\(index)", password: "x", address: "10.0.0.66")
            }
            let (flood, _) = try await client.postLogin(username: "nguoi-khac", password: "x", address: "10.0.0.66")
            #expect(flood.status == .tooManyRequests)
            #expect(try await server.count("SELECT COUNT(*) FROM sessions") == 0)
        }
    }
}

@Suite("Staff authorization by role and unit")
struct StaffAuthorizationTests {
    @Test func aDirectorManagesOnlyTheirOwnWard() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let otherCounter = try #require(server.demo.counters.first { $0.unitId == server.demo.units[1].id }?.id)
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: cookie)
            let own = try await client.get("/admin/counters", cookie: cookie)
            #expect(own.status == .ok)
            #expect(own.text.contains("Quầy 3 - Đầu tư"))

            // URL tampering across wards.
            #expect(try await client.get("/admin/counters?unit=chon-thanh", cookie: cookie).status == .forbidden)
            #expect(try await client.get("/admin/counters/\(otherCounter)/poster", cookie: cookie).status == .forbidden)
            let foreign = try await client.post("/admin/counters?unit=chon-thanh", cookie: cookie, form: "_csrf=\(csrf)&code=q9&name=X")
            #expect(foreign.status == .forbidden)
            #expect(try await client.get("/admin/audit", cookie: cookie).status == .forbidden)

            let added = try await client.post("/admin/counters", cookie: cookie, form: "_csrf=\(csrf)&code=q4&name=Qu%E1%BA%A7y+4")
            #expect(added.status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM counters WHERE code = 'q4'") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM counters WHERE code = 'q9'") == 0)
        }
    }

    @Test func changesNeedTheCSRFTokenAndKeepInputOnError() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let missing = try await client.post("/admin/counters", cookie: cookie, form: "code=q4&name=X")
            #expect(missing.status == .forbidden)
            let csrf = try await client.csrf(cookie: cookie)
            let taken = try await client.post("/admin/counters", cookie: cookie, form: "_csrf=\(csrf)&code=q1&name=Tr%C3%B9ng")
            #expect(taken.status == .conflict)
            #expect(taken.text.contains("đã được dùng"))
            #expect(taken.text.contains(#"value="Trùng""#))
            let bad = try await client.post("/admin/counters", cookie: cookie, form: "_csrf=\(csrf)&code=Q+1!&name=%3Cb%3E")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("&lt;b&gt;"))
            #expect(try await server.count("SELECT COUNT(*) FROM counters") == 5)
        }
    }

    @Test func viewersOfficersAndInspectorsCannotChangeStructure() async throws {
        let server = try await TestServer()
        try await server.addUser("xem", .viewer, unit: "tam-phuoc")
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.test { client in
            for user in ["xem", "canbo", "kiemtra"] {
                let cookie = try await client.signIn(user)
                let csrf = try await client.csrf(cookie: cookie)
                let response = try await client.post("/admin/counters?unit=tam-phuoc", cookie: cookie, form: "_csrf=\(csrf)&code=q7&name=X")
                #expect(response.status == .forbidden, "\(user)")
                let page = try await client.get("/admin/counters?unit=tam-phuoc", cookie: cookie)
                #expect(page.status == .ok, "\(user) may read its ward's counters")
                #expect(!page.text.contains(#"name="code""#), "\(user) sees no form to add one")
            }
            let viewer = try await client.signIn("xem")
            #expect(try await client.get("/admin/counters?unit=chon-thanh", cookie: viewer).status == .forbidden)
            #expect(try await client.get("/admin/audit", cookie: viewer).status == .forbidden)
            let inspector = try await client.signIn("kiemtra")
            #expect(try await client.get("/admin/audit", cookie: inspector).status == .ok)
            #expect(try await client.get("/admin/counters?unit=chon-thanh", cookie: inspector).status == .ok)
            #expect(try await server.count("SELECT COUNT(*) FROM counters") == 5)
        }
    }

    @Test func theAuditLogRecordsChangesAndExportsSafeCSV() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let cookie = try await client.signIn("quantri")
            let csrf = try await client.csrf(cookie: cookie)
            let name = "=HYPERLINK(\"x\"),Quầy".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            #expect(try await client.post("/admin/counters?unit=chon-thanh", cookie: cookie, form: "_csrf=\(csrf)&code=q3&name=\(name)").status == .seeOther)
            let page = try await client.get("/admin/audit", cookie: cookie)
            #expect(page.text.contains("counter:chon-thanh/q3"))
            #expect(page.text.contains("quantri"))
            let csv = try await client.get("/admin/audit.csv", cookie: cookie)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first?.hasSuffix("at,actor,action,target,before,after") == true)
            let row = try #require(lines.first { $0.contains("counter.create") })
            #expect(row.hasSuffix(#","name==HYPERLINK(""x""),Quầy""#), "quoted, quotes doubled: \(row)")
            // A cell that would start a formula is neutralised.
            #expect(CSVField.escape("=1+1") == "'=1+1")
            #expect(CSVField.escape("@SUM(A1)") == "'@SUM(A1)")
            #expect(CSVField.escape("-2,3") == "\"'-2,3\"")
            #expect(lines.contains { $0.contains("user.create") && $0.contains("user:quantri") })
        }
    }

    @Test func thePosterNamesCentreAndCounterAndCarriesTheQR() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let counter = try #require(server.demo.counters.first)
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let a4 = try await client.get("/admin/counters/\(counter.id ?? 0)/poster", cookie: cookie)
            #expect(a4.status == .ok)
            #expect(a4.text.contains("Trung tâm Phục vụ hành chính công Phường Tam Phước"))
            #expect(a4.text.contains(counter.name))
            #expect(a4.text.contains("/qr/\(counter.posterToken).svg"))
            #expect(a4.text.contains("Quét mã QR") && a4.text.contains("Scan to rate"))
            #expect(!a4.text.contains("/static/poster-a5."))
            let a5 = try await client.get("/admin/counters/\(counter.id ?? 0)/poster?size=a5", cookie: cookie)
            #expect(a5.text.contains("/static/poster-a5."))
        }
    }
}

@Suite("Login throttle buckets")
struct LoginThrottleBucketTests {
    @Test func ipv6ClientsAreCountedBySlash64() {
        #expect(LoginThrottle.addressBucket("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64")
        #expect(LoginThrottle.addressBucket("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64")
        #expect(LoginThrottle.addressBucket("10.0.0.1") == "10.0.0.1")
        let throttle = LoginThrottle(limits: .init(perAccount: 100, perAddress: 2, window: 900))
        #expect(throttle.admit(account: "a", address: "2001:db8:1:2::1", now: Date()))
        #expect(throttle.admit(account: "b", address: "2001:db8:1:2::2", now: Date()))
        #expect(!throttle.admit(account: "c", address: "2001:db8:1:2::3", now: Date()), "a new address in the same /64 is the same client")
        #expect(throttle.admit(account: "c", address: "2001:db8:1:3::3", now: Date()))
    }
}
