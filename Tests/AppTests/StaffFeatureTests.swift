import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("API keys screen and the officer's own page")
struct StaffFeatureTests {
    @Test func aDirectorCreatesAKeySeenOnceThatWorksUntilRevoked() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("giamdoc2", .director, unit: "chon-thanh")
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: cookie)
            let created = try await client.post("/admin/apikeys", cookie: cookie, form: "_csrf=\(csrf)&name=M%E1%BB%99t+c%E1%BB%ADa+t%E1%BB%89nh")
            #expect(created.status == .created)
            #expect(created.headers[.cacheControl] == "no-store")
            let range = try #require(created.text.range(of: #"<code class="secret">hl_"#))
            let secret = "hl_" + created.text[range.upperBound...].prefix { $0 != "<" }
            #expect(secret.count == 43)
            // Listed afterwards by its prefix only.
            let list = try await client.get("/admin/apikeys", cookie: cookie)
            #expect(list.text.contains("Một cửa tỉnh"))
            #expect(!list.text.contains(secret))

            #expect(try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: secret).status == .created)
            // Another ward's director cannot revoke it.
            let other = try await client.signIn("giamdoc2")
            let keyId = try await server.count("SELECT id FROM apiKeys WHERE name = 'Một cửa tỉnh'")
            let otherCSRF = try await client.csrf(cookie: other)
            #expect(try await client.post("/admin/apikeys/\(keyId)/revoke", cookie: other, form: "_csrf=\(otherCSRF)").status == .forbidden)
            #expect(try await client.get("/admin/apikeys?unit=tam-phuoc", cookie: other).status == .forbidden)

            #expect(try await client.post("/admin/apikeys/\(keyId)/revoke", cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: secret).status == .unauthorized)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action IN ('apikey.create', 'apikey.revoke') AND actor = 'giamdoc'") == 2)
        }
    }

    @Test func anOfficerSeesTheirFiguresOnlyAboveTheMinimumN() async throws {
        let server = try await TestServer()
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-lan", actor: "test", now: server.clock.now)
        _ = try await server.database.createUser(
            username: "canbo.minh", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-minh", actor: "test", now: server.clock.now)
        try await server.test { client in
            // 30 ratings attributed to Lan (27 satisfied), 5 to Minh.
            for index in 0..<35 {
                let officer = index < 30 ? "cb-lan" : "cb-minh"
                let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"\#(officer)"}"#)
                let level = index < 27 || index >= 30 ? 3 : 1
                let comment = index == 0 ? #","comment":"Chỉ riêng người dân biết""# : ""
                _ = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":\#(level)}\#(comment)}"#)
            }
            let lan = try await client.get("/me", cookie: try await client.signIn("canbo.lan"))
            #expect(lan.status == .ok)
            #expect(lan.text.contains("Nguyễn Thị Lan"))
            #expect(lan.text.contains("90,0%"), "27 of 30")
            #expect(lan.text.contains("n = 30"))
            #expect(!lan.text.contains("Chỉ riêng người dân biết"), "never an individual answer")
            let minh = try await client.get("/me", cookie: try await client.signIn("canbo.minh"))
            #expect(minh.text.contains("chưa đủ mẫu (n = 5)"))
            #expect(!minh.text.contains("100,0%"))
            // Accounts without an officer record have no such page.
            try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
            #expect(try await client.get("/me", cookie: try await client.signIn("giamdoc")).status == .forbidden)
        }
    }
}

@Suite("Staff accounts screen")
struct StaffAccountsScreenTests {
    @Test func aDirectorAddsOfficerAccountsOfTheirWardOnly() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: cookie)
            let page = try await client.get("/admin/users", cookie: cookie)
            #expect(page.status == .ok)
            #expect(!page.text.contains(#"value="admin""#), "a director cannot hand out admin")

            let short = try await client.post("/admin/users", cookie: cookie, form: "_csrf=\(csrf)&username=canbo.lan&role=officer&officer=cb-lan&password=ngan")
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("ít nhất 10 ký tự"))
            #expect(short.text.contains(#"value="canbo.lan""#))

            let added = try await client.post(
                "/admin/users", cookie: cookie, form: "_csrf=\(csrf)&username=canbo.lan&role=officer&officer=cb-lan&password=mat-khau-moi-dai")
            #expect(added.status == .seeOther)
            let officer = try await client.signIn("canbo.lan", password: "mat-khau-moi-dai")
            #expect(try await client.get("/me", cookie: officer).status == .ok, "linked to the officer record")

            let escalate = try await client.post(
                "/admin/users", cookie: cookie, form: "_csrf=\(csrf)&username=sep&role=admin&officer=&password=mat-khau-moi-dai")
            #expect(escalate.status == .forbidden)
            let unknownRole = try await client.post(
                "/admin/users", cookie: cookie, form: "_csrf=\(csrf)&username=sep&role=bogus&officer=&password=mat-khau-moi-dai")
            #expect(unknownRole.status == .unprocessableContent, "a mistake in the form, not a refusal")
            #expect(unknownRole.text.contains("Vai trò không hợp lệ"))
            let otherWard = try await client.post(
                "/admin/users?unit=chon-thanh", cookie: cookie, form: "_csrf=\(csrf)&username=x.y&role=viewer&officer=&password=mat-khau-moi-dai")
            #expect(otherWard.status == .forbidden)
            let foreignOfficer = try await client.post(
                "/admin/users", cookie: cookie, form: "_csrf=\(csrf)&username=tuan&role=officer&officer=cb-tuan&password=mat-khau-moi-dai")
            #expect(foreignOfficer.status == .unprocessableContent, "cb-tuan serves Chơn Thành")
            #expect(try await server.count("SELECT COUNT(*) FROM users") == 2)

            // Disabling an account asks first, then ends its sessions at once.
            let id = try await server.count("SELECT id FROM users WHERE username = 'canbo.lan'")
            let asked = try await client.post("/admin/users/\(id)/disable", cookie: cookie, form: "_csrf=\(csrf)")
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Khóa tài khoản canbo.lan?"))
            #expect(asked.text.contains(#"name="confirm" value="yes""#))
            #expect(try await client.get("/me", cookie: officer).status == .ok, "not locked before the confirmation")
            #expect(try await client.post("/admin/users/\(id)/disable", cookie: cookie, form: "_csrf=\(csrf)&confirm=yes").status == .seeOther)
            #expect(try await client.get("/me", cookie: officer).status == .seeOther)
            let (refused, _) = try await client.postLogin(username: "canbo.lan", password: "mat-khau-moi-dai")
            #expect(refused.status == .unauthorized)
            let selfId = try await server.count("SELECT id FROM users WHERE username = 'giamdoc'")
            #expect(try await client.post("/admin/users/\(selfId)/disable", cookie: cookie, form: "_csrf=\(csrf)&confirm=yes").status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'user.disable'") == 1)
        }
    }
}

@Suite("Structure screens: officers, units, sectors, procedures")
struct CatalogueScreenTests {
    @Test func aDirectorAddsAndAssignsOfficersOfTheirWard() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let q2 = try #require(server.demo.counters.first { $0.code == "q2" && $0.unitId == server.demo.units[0].id }?.id)
        let otherCounter = try #require(server.demo.counters.first { $0.unitId == server.demo.units[1].id }?.id)
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: cookie)
            let added = try await client.post("/admin/officers", cookie: cookie, form: "_csrf=\(csrf)&code=cb-hung&name=%C4%90%E1%BB%97+V%C4%83n+H%C3%B9ng")
            #expect(added.status == .seeOther)
            let officer = try await server.count("SELECT id FROM officers WHERE code = 'cb-hung'")
            #expect(try await client.post("/admin/officers/\(officer)/assign", cookie: cookie, form: "_csrf=\(csrf)&counter=\(q2)").status == .seeOther)
            let page = try await client.get("/admin/officers", cookie: cookie)
            #expect(page.text.contains("Đỗ Văn Hùng"))
            #expect(page.text.contains(#"<option value="\#(q2)" selected>"#))
            // A ticket at q2 now names Hùng.
            _ = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q2"}"#)
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE officerId = \(officer)") == 1)
            // Not to another ward's counter; not an officer of another ward.
            #expect(try await client.post("/admin/officers/\(officer)/assign", cookie: cookie, form: "_csrf=\(csrf)&counter=\(otherCounter)").status == .forbidden)
            let tuan = try await server.count("SELECT id FROM officers WHERE code = 'cb-tuan'")
            #expect(try await client.post("/admin/officers/\(tuan)/assign", cookie: cookie, form: "_csrf=\(csrf)&counter=\(q2)").status == .forbidden)
            // A counter that is not one is the form's bad input (it was "page not found").
            for counter in ["abc", "", "999999"] {
                let refused = try await client.post("/admin/officers/\(officer)/assign", cookie: cookie, form: "_csrf=\(csrf)&counter=\(counter)")
                #expect(refused.status == .unprocessableContent, "\(counter)")
            }
            let duplicate = try await client.post("/admin/officers", cookie: cookie, form: "_csrf=\(csrf)&code=cb-hung&name=Kh%C3%A1c")
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains(#"value="Khác""#))
            // Sectors and procedures are the administrator's; of units, a director sees their own
            // ward, to choose its form, and no other.
            for path in ["/admin/sectors", "/admin/procedures"] {
                #expect(try await client.get(path, cookie: cookie).status == .forbidden, "\(path)")
            }
            let units = try await client.get("/admin/units", cookie: cookie)
            #expect(units.text.contains("Phường Tam Phước") && !units.text.contains("Phường Chơn Thành"))
            #expect(!units.text.contains("Thêm đơn vị"))
            let own = try await server.count("SELECT id FROM units WHERE code = 'tam-phuoc'")
            let other = try await server.count("SELECT id FROM units WHERE code = 'chon-thanh'")
            #expect(try await client.post("/admin/units/\(own)/form", cookie: cookie, form: "_csrf=\(csrf)&form=sipas-counter").status == .seeOther)
            #expect(try await client.post("/admin/units/\(other)/form", cookie: cookie, form: "_csrf=\(csrf)&form=sipas-counter").status == .forbidden)
            #expect(try await client.post("/admin/units", cookie: cookie, form: "_csrf=\(csrf)&code=x&name=X&form=sipas-counter").status == .forbidden)
        }
    }

    @Test func anAdministratorAddsUnitsSectorsProceduresAndChoosesAUnitsForm() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let cookie = try await client.signIn("quantri")
            let csrf = try await client.csrf(cookie: cookie)
            let unit = try await client.post(
                "/admin/units", cookie: cookie,
                form: "_csrf=\(csrf)&code=an-phu&name=Ph%C6%B0%E1%BB%9Dng+An+Ph%C3%BA&nameEn=&centre=&form=sipas-counter")
            #expect(unit.status == .seeOther)
            #expect(try await client.get("/admin/units", cookie: cookie).text.contains("Phường An Phú"))
            let badForm = try await client.post("/admin/units", cookie: cookie, form: "_csrf=\(csrf)&code=x-y&name=X&form=khong-co")
            #expect(badForm.status == .unprocessableContent)
            let unitId = try await server.count("SELECT id FROM units WHERE code = 'an-phu'")
            #expect(try await client.post("/admin/units/\(unitId)/form", cookie: cookie, form: "_csrf=\(csrf)&form=sipas-counter").status == .seeOther)
            // An unknown form is bad input; a unit that does not exist is not found (it had been a silent 303).
            #expect(try await client.post("/admin/units/\(unitId)/form", cookie: cookie, form: "_csrf=\(csrf)&form=khong-co").status == .unprocessableContent)
            #expect(try await client.post("/admin/units/999999/form", cookie: cookie, form: "_csrf=\(csrf)&form=sipas-counter").status == .notFound)
            // `all` is the city in reports and on the dashboard (product.md), never a unit's code.
            let reserved = try await client.post("/admin/units", cookie: cookie, form: "_csrf=\(csrf)&code=all&name=X&form=sipas-counter")
            #expect(reserved.status == .unprocessableContent)
            #expect(reserved.text.contains("dành cho toàn thành phố"))
            #expect(try await server.count("SELECT COUNT(*) FROM units WHERE code = 'all'") == 0)

            #expect(try await client.post("/admin/sectors", cookie: cookie, form: "_csrf=\(csrf)&code=y-te&name=Y+t%E1%BA%BF&nameEn=Health").status == .seeOther)
            let procedure = try await client.post(
                "/admin/procedures", cookie: cookie, form: "_csrf=\(csrf)&code=1.012345&name=C%E1%BA%A5p+ph%C3%A9p&sector=y-te")
            #expect(procedure.status == .seeOther)
            // A sector that does not exist is named as the field at fault (it read as a bad code).
            let noSector = try await client.post(
                "/admin/procedures", cookie: cookie, form: "_csrf=\(csrf)&code=9.999998&name=X&sector=khong-co")
            #expect(noSector.status == .unprocessableContent)
            #expect(noSector.text.contains("Không có lĩnh vực mã"))
            #expect(try await client.get("/admin/procedures", cookie: cookie).text.contains("1.012345"))
            let badCode = try await client.post("/admin/sectors", cookie: cookie, form: "_csrf=\(csrf)&code=Y T%C3%A9&name=X")
            #expect(badCode.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action IN ('unit.create', 'sector.create', 'procedure.create') AND actor = 'quantri'") == 3)
        }
    }
}

@Suite("Holiday calendar screen")
struct HolidayScreenTests {
    @Test func theShippedYearsAreEditableByAnAdministratorAndADirector() async throws {
        let server = try await TestServer()
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let admin = try await client.signIn("quantri")
            let csrf = try await client.csrf(cookie: admin)
            let year2026 = try await client.get("/admin/holidays?year=2026", cookie: admin)
            #expect(year2026.status == .ok)
            #expect(year2026.text.contains("16/02/2026"), "Tết Bính Ngọ ships")
            #expect(year2026.text.contains("2026, 2027"))
            #expect(try await client.get("/admin/holidays?year=2027", cookie: admin).text.contains("(dự kiến)"), "lunar 2027 days are tentative")

            let added = try await client.post(
                "/admin/holidays", cookie: admin,
                form: "_csrf=\(csrf)&date=2026-11-24&kind=holiday&nameVi=Ng%C3%A0y+V%C4%83n+h%C3%B3a+Vi%E1%BB%87t+Nam&nameEn=Vietnam+Culture+Day&tentative=no")
            #expect(added.status == .seeOther)
            #expect(try await client.get("/admin/holidays?year=2026", cookie: admin).text.contains("Ngày Văn hóa Việt Nam"))
            // A make-up working day must be a Saturday or Sunday: 2026-11-25 is a Wednesday.
            let weekday = try await client.post(
                "/admin/holidays", cookie: admin, form: "_csrf=\(csrf)&date=2026-11-25&kind=makeUpWorkingDay&nameVi=L%C3%A0m+b%C3%B9&nameEn=&tentative=no")
            #expect(weekday.status == .unprocessableContent)
            #expect(weekday.text.contains(#"value="2026-11-25""#))
            let duplicate = try await client.post(
                "/admin/holidays", cookie: admin, form: "_csrf=\(csrf)&date=2026-11-24&kind=holiday&nameVi=Tr%C3%B9ng&nameEn=&tentative=no")
            #expect(duplicate.status == .unprocessableContent)
            #expect(try await client.post("/admin/holidays/2026-11-24/remove", cookie: admin, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM calendarDays WHERE date = '2026-11-24'") == 0)
            #expect(try await server.count("SELECT COUNT(*) FROM calendarDays WHERE date = '2026-01-01'") == 1)
            #expect(try await client.post("/admin/holidays/2026-01-01/remove", cookie: admin, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action LIKE 'calendar.%'") == 3)
            // Only the form's two kinds: another had been stored as a day off.
            let unknownKind = try await client.post(
                "/admin/holidays", cookie: admin, form: "_csrf=\(csrf)&date=2026-12-29&kind=zzz&nameVi=X&nameEn=&tentative=no")
            #expect(unknownKind.status == .unprocessableContent)
            #expect(unknownKind.text.contains("ngày nghỉ hoặc ngày làm bù"))
            // Removing a day the calendar does not hold is not a change.
            #expect(try await client.post("/admin/holidays/2026-12-24/remove", cookie: admin, form: "_csrf=\(csrf)").status == .notFound)
            #expect(try await server.count("SELECT COUNT(*) FROM calendarDays WHERE date IN ('2026-12-29', '2026-12-24')") == 0)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action LIKE 'calendar.%'") == 3)

            // product.md: the director "manages ... the holiday calendar" (one for every unit).
            let director = try await client.signIn("giamdoc")
            let directorCSRF = try await client.csrf(cookie: director)
            #expect(try await client.get("/admin/holidays", cookie: director).text.contains(#"action="/admin/holidays""#))
            let byDirector = try await client.post(
                "/admin/holidays", cookie: director, form: "_csrf=\(directorCSRF)&date=2026-12-24&kind=holiday&nameVi=X&nameEn=&tentative=no")
            #expect(byDirector.status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action LIKE 'calendar.%' AND actor = 'giamdoc'") == 1)
        }
        // A restart keeps an administrator's edits: a shipped day removed stays removed.
        try await server.test { _ in }
        #expect(try await server.count("SELECT COUNT(*) FROM calendarDays WHERE date = '2026-01-01'") == 0)
        #expect(try await server.count("SELECT COUNT(*) FROM calendarDays WHERE year = 2027") > 0)
    }
}

@Suite("Indicators with a staff session")
struct IndicatorSessionTests {
    @Test func aSignedInDirectorReadsTheirWardsIndicatorsOnly() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let today = server.clock.today
            let own = try await client.get("/api/v1/indicators?unit=tam-phuoc&from=\(today)&to=\(today)", cookie: cookie)
            #expect(own.status == .ok)
            #expect(try own.json()["responses"] as? Int == 0)
            let other = try await client.get("/api/v1/indicators?unit=chon-thanh&from=\(today)&to=\(today)", cookie: cookie)
            #expect(other.status == .forbidden)
            #expect(other.errorCode == "forbidden")
            let forged = try await client.get("/api/v1/indicators?unit=tam-phuoc&from=\(today)&to=\(today)", cookie: "hl_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(forged.status == .unauthorized)
            // An officer sees their own figures at /me, not the ward's.
            try await server.addUser("canbo", .officer, unit: "tam-phuoc")
            let officer = try await client.signIn("canbo")
            #expect(try await client.get("/api/v1/indicators?unit=tam-phuoc&from=\(today)&to=\(today)", cookie: officer).status == .forbidden)
        }
    }
}

@Suite("Counters out of service")
struct CounterServiceTests {
    @Test func aCounterTakenOutOfServiceRefusesItsPosterAndNewTickets() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("xem", .viewer, unit: "tam-phuoc")
        let counter = try #require(server.demo.counters.first)
        try await server.test { client in
            let cookie = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: cookie)
            #expect(try await client.post("/admin/counters/\(counter.id ?? 0)/disable", cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await client.get("/r/\(counter.posterToken)").status == .gone)
            #expect(try await client.postForm("/r/\(counter.posterToken)", "overall=3").status == .gone)
            let ticket = try await client.postJSON("/api/v1/tickets", #"{"counter":"q1"}"#, key: server.apiKey)
            #expect(ticket.status == .unprocessableContent)
            #expect(try await client.get("/admin/counters", cookie: cookie).text.contains("Ngừng phục vụ"))

            let viewer = try await client.signIn("xem")
            let viewerCSRF = try await client.csrf(cookie: viewer)
            #expect(try await client.post("/admin/counters/\(counter.id ?? 0)/enable", cookie: viewer, form: "_csrf=\(viewerCSRF)").status == .forbidden)
            #expect(try await client.post("/admin/counters/\(counter.id ?? 0)/enable", cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await client.submitForm("/r/\(counter.posterToken)", "overall=3").status == .ok)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action IN ('counter.disable', 'counter.enable')") == 2)
        }
    }
}
