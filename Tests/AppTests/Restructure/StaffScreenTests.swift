import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// Issue 6's staff-side items over HTTP: the ward chooser, the audit log in words, the lock's
/// confirmation, the counter display without a meta refresh, and the access policy's wiring.
@Suite("Staff screens after the restructure")
struct StaffScreenTests {
    /// The four screens that work on one ward at a time, and their heading's words.
    static let wardScreens: [(SiteURL, String)] = [(.counters, "Quầy - "), (.officers, "Cán bộ - "), (.users, "Tài khoản - "), (.apiKeys, "Khóa API - ")]

    // MARK: 7. the ward chooser

    @Test func anAdministratorChoosesTheWardAndStaysOnTheScreen() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let admin = try await client.signIn("quantri")
            for (screen, heading) in Self.wardScreens {
                let page = try await client.get(screen.path, cookie: admin)
                #expect(page.status == .ok, "\(screen.path)")
                let chooser = try #require(page.text.between(#"<form method="get" action="\#(screen.path)""#, "</form>"), "\(screen.path) has no chooser")
                #expect(chooser.contains(#"<select id="unit-chooser" name="unit">"#))
                #expect(chooser.contains(#"<option value="tam-phuoc""#) && chooser.contains(#"<option value="chon-thanh""#))

                // Choosing Chơn Thành: the same screen, that ward.
                let chosen = try await client.get(screen.path(["unit": "chon-thanh"]), cookie: admin)
                #expect(chosen.status == .ok)
                #expect(chosen.text.contains("<h1>\(heading)Phường Chơn Thành</h1>"), "\(screen.path)")
                #expect(chosen.text.contains(#"<option value="chon-thanh" selected>"#))
                #expect(chosen.text.contains(#"<form method="get" action="\#(screen.path)""#))

                // In English the chooser keeps the language.
                let english = try await client.get(screen.path(language: .en, ["unit": "chon-thanh"]), cookie: admin)
                #expect(english.text.between(#"<form method="get" action="\#(screen.path)""#, "</form>")?.contains(#"name="lang" value="en""#) == true)
            }
            let chonThanh = try await client.get(SiteURL.counters.path(["unit": "chon-thanh"]), cookie: admin)
            #expect(chonThanh.text.contains(#"action="/admin/counters?unit=chon-thanh""#), "adding a counter stays in that ward")

            let director = try await client.signIn("giamdoc")
            for (screen, heading) in Self.wardScreens {
                let page = try await client.get(screen.path, cookie: director)
                #expect(page.status == .ok)
                #expect(page.text.contains("<h1>\(heading)Phường Tam Phước</h1>"))
                #expect(!page.text.contains(#"method="get""#), "\(screen.path): one ward, nothing to choose")
                #expect(!page.text.contains(#"name="unit""#))
            }
        }
    }

    // MARK: 8. the audit log in words

    @Test func theAuditLogShowsLabelsAndLocalDatesWhileTheCSVKeepsCodes() async throws {
        // 02:05 UTC is 09:05 in Hồ Chí Minh City.
        let server = try await TestServer(now: Date(timeIntervalSince1970: 1_773_108_300))
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let cookie = try await client.signIn("quantri")
            let csrf = try await client.csrf(cookie: cookie)
            #expect(try await client.post(SiteURL.counters.path(["unit": "tam-phuoc"]), cookie: cookie, form: "_csrf=\(csrf)&code=q9&name=Qu%E1%BA%A7y+9").status == .seeOther)
            // Ten minutes later (within the session's idle time).
            server.clock.advance(by: 600)
            #expect(try await client.post(SiteURL.apiKeys.path(["unit": "tam-phuoc"]), cookie: cookie, form: "_csrf=\(csrf)&name=Mot+cua").status == .created)

            let page = try await client.get(SiteURL.audit.path, cookie: cookie)
            #expect(page.status == .ok)
            let counterRow = try #require(page.text.components(separatedBy: "<tr>").first { $0.contains("counter:tam-phuoc/q9") })
            #expect(counterRow.contains("<td>10/03/2026 09:05</td>"), "\(counterRow)")
            #expect(counterRow.contains("<td>Thêm quầy</td>"))
            let keyRow = try #require(page.text.components(separatedBy: "<tr>").first { $0.contains("Tạo khóa API") })
            #expect(keyRow.contains("<td>10/03/2026 09:15</td>"))
            #expect(page.text.contains("Tạo tài khoản"), "the account created by the test")
            for code in ["counter.create", "apikey.create", "user.create"] {
                #expect(!page.text.contains(code), "no action code \(code) on the page")
            }
            #expect(!page.text.contains("2026-03-10"), "no ISO date on the page")
            #expect(!page.text.contains("T09:05"))
            #expect(page.text.range(of: #"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"#, options: .regularExpression) != nil)

            let english = try await client.get(SiteURL.audit.path(language: .en), cookie: cookie)
            #expect(english.text.contains("Counter added") && english.text.contains("API key created"))

            let csv = try await client.get(SiteURL.auditCSV.path, cookie: cookie)
            let row = try #require(csv.text.split(separator: "\r\n").first { $0.contains("counter:tam-phuoc/q9") })
            #expect(row.hasPrefix("2026-03-10T09:05:00+07:00,quantri,counter.create,"), "\(row)")
            #expect(csv.text.contains(",apikey.create,"))
        }
    }

    // MARK: 9. the lock's confirmation, without script

    @Test func aLockWithoutConfirmationShowsTheQuestionAndLocksNothing() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("xem", .viewer, unit: "tam-phuoc")
        try await server.test { client in
            let admin = try await client.signIn("quantri")
            let viewer = try await client.signIn("xem")
            let csrf = try await client.csrf(cookie: admin)
            let id = Int64(try await server.count("SELECT id FROM users WHERE username = 'xem'"))
            let disable = SiteURL.userDisable(.value(id)).path

            // The list's button posts to the lock without a confirmation.
            let list = try await client.get(SiteURL.users.path(["unit": "tam-phuoc"]), cookie: admin)
            #expect(list.text.contains(#"<form method="post" action="\#(disable)" class="inline">"#))
            #expect(list.text.contains("Khóa…"))

            let asked = try await client.post(disable, cookie: admin, form: "_csrf=\(csrf)")
            #expect(asked.status == .ok)
            #expect(asked.headers[.location] == nil)
            #expect(asked.text.contains("<h1>Khóa tài khoản xem?</h1>"))
            #expect(!asked.text.contains("<script"), "works without script")
            #expect(try await server.count("SELECT active FROM users WHERE id = \(id)") == 1, "nothing locked yet")
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'user.disable'") == 0)
            #expect(try await client.get(SiteURL.admin.path, cookie: viewer).status == .ok, "the session lives on")

            // The confirmation is a plain form: POST to the same action, CSRF token, confirm=yes.
            let form = try #require(asked.text.between(#"<form method="post" action="\#(disable)">"#, "</form>"), "no confirmation form")
            #expect(form.contains(#"<input type="hidden" name="_csrf" value="\#(csrf)">"#))
            #expect(form.contains(#"<input type="hidden" name="confirm" value="yes">"#))
            #expect(form.contains(#"<a href="/admin/users?unit=tam-phuoc">"#), "a way back")
            // Without the token the confirmation is refused.
            #expect(try await client.post(disable, cookie: admin, form: "confirm=yes").status == .forbidden)
            #expect(try await server.count("SELECT active FROM users WHERE id = \(id)") == 1)

            let confirmed = try await client.post(disable, cookie: admin, form: "_csrf=\(csrf)&confirm=yes")
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == SiteURL.users.path(["unit": "tam-phuoc"]))
            #expect(try await server.count("SELECT active FROM users WHERE id = \(id)") == 0)
            #expect(try await client.get(SiteURL.admin.path, cookie: viewer).status == .seeOther, "signed out at once")
        }
    }

    // MARK: 13. the counter display

    @Test func theCounterDisplayHasNoMetaRefreshButANoScriptRefreshLink() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let counter = try #require(server.demo.counters.first { $0.code == "q1" && $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let display = try await client.get(SiteURL.counterDisplay.path(["counter": String(counter)]), cookie: cookie)
            #expect(display.status == .ok)
            #expect(!display.text.lowercased().contains("http-equiv"), "no meta refresh")
            let fallback = try #require(display.text.between("<noscript>", "</noscript>"), "no noscript fallback")
            let refresh = SiteURL.counterDisplay.path(["counter": String(counter)])
            #expect(fallback.contains(#"<a href="\#(refresh)""#))
            #expect(fallback.contains("Làm mới"))
            #expect(display.text.contains(#"<script src="/static/counter."#), "the script path otherwise")
            #expect(try await client.get(refresh, cookie: cookie).status == .ok)
        }
    }

    // MARK: 15. the access policy at HTTP level

    @Test func anInspectorReadsButChangesNothing() async throws {
        let server = try await TestServer()
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.addUser("xem", .viewer, unit: "tam-phuoc")
        let counter = try #require(server.demo.counters.first { $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            // Something for the inspector to try to revoke.
            _ = try await server.database.createAPIKey(name: "Khóa thử", unitCode: "tam-phuoc", now: server.clock.now)
            let keyId = Int64(try await server.count("SELECT MAX(id) FROM apiKeys"))
            let officer = Int64(try await server.count("SELECT id FROM officers WHERE code = 'cb-lan'"))
            let unitId = try #require(server.demo.units[0].id)
            let before = try await Self.structureRows(server)

            let inspector = try await client.signIn("kiemtra")
            let csrf = try await client.csrf(cookie: inspector)
            let changes: [(String, String)] = [
                (SiteURL.counters.path(["unit": "tam-phuoc"]), "code=q8&name=Qu%E1%BA%A7y+8"),
                (SiteURL.counterDisable(.value(counter)).path, ""),
                (SiteURL.officers.path(["unit": "tam-phuoc"]), "code=cb-moi&name=M%E1%BB%9Bi"),
                (SiteURL.officerAssign(.value(officer)).path, "counter=\(counter)"),
                (SiteURL.users.path(["unit": "tam-phuoc"]), "username=moi.tao&role=viewer&officer=&password=mat-khau-dai-du"),
                (SiteURL.apiKeys.path(["unit": "tam-phuoc"]), "name=Kh%C3%B3a"),
                (SiteURL.apiKeyRevoke(.value(keyId)).path, ""),
                (SiteURL.holidays.path, "date=2026-12-24&kind=holiday&nameVi=X&nameEn=&tentative=no"),
                (SiteURL.holidayRemove(.value(try #require(LocalDate("2026-01-01")))).path, ""),
                (SiteURL.unitForm(.value(unitId)).path, "form=sipas-counter"),
                (SiteURL.units.path, "code=an-phu&name=An+Ph%C3%BA&form=sipas-counter"),
                (SiteURL.sectors.path, "code=y-te&name=Y+t%E1%BA%BF"),
            ]
            for (path, form) in changes {
                let response = try await client.post(path, cookie: inspector, form: "_csrf=\(csrf)" + (form.isEmpty ? "" : "&" + form))
                #expect(response.status == .forbidden, "inspector POST \(path)")
            }
            #expect(try await Self.structureRows(server) == before, "nothing changed")
            let audit = try await client.get(SiteURL.audit.path, cookie: inspector)
            #expect(audit.status == .ok)
            #expect(audit.text.contains("<h1>Nhật ký quản trị</h1>"))
            #expect(try await client.get(SiteURL.auditCSV.path, cookie: inspector).status == .ok)

            // A viewer of the ward reads its counters and changes none of them.
            let viewer = try await client.signIn("xem")
            let viewerCSRF = try await client.csrf(cookie: viewer)
            #expect(try await client.get(SiteURL.counters.path, cookie: viewer).status == .ok)
            for path in [SiteURL.counters.path(["unit": "tam-phuoc"]), SiteURL.counterDisable(.value(counter)).path, SiteURL.counterEnable(.value(counter)).path] {
                let response = try await client.post(path, cookie: viewer, form: "_csrf=\(viewerCSRF)&code=q8&name=X")
                #expect(response.status == .forbidden, "viewer POST \(path)")
            }
            #expect(try await Self.structureRows(server) == before)
        }
    }

    @Test func anOfficerReadsTheirOwnFiguresButNotTheWardsIndicators() async throws {
        let server = try await TestServer()
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-lan", actor: "test", now: server.clock.now)
        try await server.test { client in
            let cookie = try await client.signIn("canbo.lan")
            let me = try await client.get(SiteURL.me.path, cookie: cookie)
            #expect(me.status == .ok)
            #expect(me.text.contains("Nguyễn Thị Lan"))
            let today = server.clock.today.description
            let indicators = try await client.get(SiteURL.apiIndicators.path(["unit": "tam-phuoc", "from": today, "to": today]), cookie: cookie)
            #expect(indicators.status == .forbidden)
            #expect(indicators.errorCode == "forbidden")
            #expect(try await client.get(SiteURL.audit.path, cookie: cookie).status == .forbidden)
            #expect(try await client.get(SiteURL.users.path, cookie: cookie).status == .forbidden)
        }
    }

    /// A fingerprint of everything the change screens touch.
    static func structureRows(_ server: TestServer) async throws -> [Int] {
        try await [
            server.count("SELECT COUNT(*) FROM counters"), server.count("SELECT COUNT(*) FROM counters WHERE active"),
            server.count("SELECT COUNT(*) FROM officers"), server.count("SELECT COUNT(*) FROM officerAssignments"),
            server.count("SELECT COUNT(*) FROM users"), server.count("SELECT COUNT(*) FROM apiKeys"),
            server.count("SELECT COUNT(*) FROM apiKeys WHERE revokedAt IS NULL"), server.count("SELECT COUNT(*) FROM calendarDays"),
            server.count("SELECT COUNT(*) FROM units"), server.count("SELECT COUNT(*) FROM sectors"),
            server.count("SELECT COUNT(*) FROM auditLog"),
        ]
    }
}
