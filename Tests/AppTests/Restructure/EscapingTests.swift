import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// Issue 7: escaping stays the default with typed views. Every text a page shows - names of
/// units, centres, counters, officers, procedures, sectors, usernames, API keys, calendar
/// days, audit entries, form texts, a citizen's input - is set to markup with quotes, and
/// every page is fetched: the raw markup must never appear, the escaped text must.
@Suite("Escaping by construction")
struct EscapingTests {
    /// Forms/ copied with markup in front of every Vietnamese and English text.
    static func markedForms() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let source = TestServer.repoRoot.appendingPathComponent("Forms")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasSuffix(".json") {
            var text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            text = text.replacingOccurrences(of: #""vi": ""#, with: #""vi": "<b>\"x'&formVi "#)
            text = text.replacingOccurrences(of: #""en": ""#, with: #""en": "<b>\"x'&formEn "#)
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    @Test func everyPageEscapesEveryTextItShows() async throws {
        let forms = try Self.markedForms()
        let server = try await TestServer { $0.formsDirectory = forms }
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        _ = try await server.database.createUser(
            username: "canbo.lan", passwordHash: HummingbirdBcryptShim.hash("mat-khau-dai-du"), role: .officer, unitCode: "tam-phuoc",
            officerCode: "cb-lan", actor: "test", now: server.clock.now)
        let q1 = try #require(server.demo.counters.first { $0.code == "q1" && $0.unitId == server.demo.units[0].id }?.id)
        try await server.test { client in
            let M = Markup.raw
            // Names as an administrator (or someone who got into the database) could set them.
            try await server.database.pool.write { db in
                try db.execute(
                    sql: "UPDATE units SET name = ?, nameEn = ?, centreName = ? WHERE code = 'tam-phuoc'",
                    arguments: [M("wardVi"), M("wardEn"), M("centreVi")])
                try db.execute(sql: "UPDATE units SET name = ?, centreName = '' WHERE code = 'chon-thanh'", arguments: [M("secondWard")])
                try db.execute(sql: "UPDATE counters SET name = ?, nameEn = ?", arguments: [M("counterVi"), M("counterEn")])
                try db.execute(sql: "UPDATE officers SET name = ?", arguments: [M("officerVi")])
                try db.execute(sql: "UPDATE procedures SET name = ?, nameEn = ?", arguments: [M("procedureVi"), M("procedureEn")])
                try db.execute(sql: "UPDATE sectors SET name = ?, nameEn = ?", arguments: [M("sectorVi"), M("sectorEn")])
                try db.execute(sql: "UPDATE users SET username = ? WHERE username = 'giamdoc'", arguments: [M("staffuser")])
                try db.execute(
                    sql: "INSERT INTO auditLog (at, userId, actor, action, target, before, after) VALUES (?, NULL, ?, ?, ?, ?, ?)",
                    arguments: [server.clock.now, M("auditActor"), M("auditAction"), M("auditTarget"), M("auditBefore"), M("auditAfter")])
            }
            _ = try await server.database.createAPIKey(name: M("apiKeyName"), unitCode: "tam-phuoc", actor: M("keyActor"), now: server.clock.now)
            let admin = try #require(try await server.database.user(username: "quantri"))
            try await server.database.addCalendarDay(
                HolidayCalendar.CalendarDay(
                    date: try #require(LocalDate("2026-11-24")), kind: .holiday, name: LocalizedText(vi: M("dayVi"), en: M("dayEn")), tentative: false),
                actor: admin, now: server.clock.now)

            // Citizens: the rating page, in both languages, the details, a refused post that
            // keeps the input, the thanks, and the used ticket's error page.
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","procedure":"1.001193"}"#)
            let rating = try await client.get(SiteURL.rating(.value(token)).path)
            #expect(rating.status == .ok)
            Markup.expectEscaped(rating.text, ["centreVi", "counterVi", "procedureVi", "formVi"], "rating page")
            let english = try await client.get(SiteURL.rating(.value(token)).path(language: .en))
            Markup.expectEscaped(english.text, ["centreVi", "counterEn", "procedureEn", "formEn"], "rating page in English")
            let key = try #require(rating.submissionKey)
            let details = try await client.submitForm(SiteURL.rating(.value(token)).path, "_k=\(key)&overall=3")
            #expect(details.status == .ok)
            Markup.expectEscaped(details.text, ["formVi"], "details page")
            let refused = try await client.postForm(SiteURL.rating(.value(token)).path, "_k=\(key)&access-1=9&comment=\(Markup.encoded("commentText"))")
            #expect(refused.status == .unprocessableContent)
            Markup.expectEscaped(refused.text, ["formVi", "commentText"], "refused details")
            let thanks = try await client.submitForm(SiteURL.rating(.value(token)).path, "_k=\(key)&comment=\(Markup.encoded("commentText"))")
            #expect(thanks.status == .ok)
            Markup.expectEscaped(thanks.text, [], "thanks page")
            let used = try await client.get(SiteURL.rating(.value(token)).path)
            #expect(used.status == .gone)
            Markup.expectEscaped(used.text, ["centreVi", "counterVi", "procedureVi"], "used ticket")
            let usedEnglish = try await client.get(SiteURL.rating(.value(token)).path(language: .en))
            Markup.expectEscaped(usedEnglish.text, ["centreVi", "counterEn", "procedureEn"], "used ticket in English")

            // Sign-in: a refused sign-in keeps the username; `next` goes into a hidden field.
            let next = "/admin?x=" + Markup.raw("nextURL")
            let login = try await client.get(SiteURL.login.path(["next": next]))
            #expect(login.status == .ok)
            Markup.expectEscaped(login.text, ["nextURL"], "sign-in form")
            let (wrong, _) = try await client.postLogin(username: Markup.encoded("loginuser"), password: "sai-mat-khau-roi")
            #expect(wrong.status == .unauthorized)
            Markup.expectEscaped(wrong.text, ["loginuser"], "refused sign-in")

            // A director whose username is markup: the staff bar and the ward's screens.
            let director = try await client.signIn(Markup.encoded("staffuser"))
            let directorPages: [(String, [String])] = [
                (SiteURL.admin.path, ["staffuser", "wardVi"]),
                (SiteURL.counters.path, ["staffuser", "wardVi", "counterVi"]),
                (SiteURL.counters.path(language: .en), ["wardEn", "counterVi"]),
                (SiteURL.counterPoster(.value(q1)).path, ["centreVi", "counterVi"]),
                (SiteURL.counterPoster(.value(q1)).path(["size": "a5"]), ["centreVi", "counterVi"]),
                (SiteURL.officers.path, ["wardVi", "officerVi", "counterVi"]),
                (SiteURL.users.path, ["wardVi", "staffuser", "officerVi"]),
                (SiteURL.apiKeys.path, ["wardVi", "apiKeyName"]),
                (SiteURL.holidays.path(["year": "2026"]), ["dayVi"]),
                (SiteURL.holidays.path(language: .en, ["year": "2026"]), ["dayEn"]),
                (SiteURL.counterDisplay.path, ["counterVi"]),
                (SiteURL.counterDisplay.path(["counter": String(q1)]), ["centreVi", "counterVi"]),
            ]
            for (path, tags) in directorPages {
                let page = try await client.get(path, cookie: director)
                #expect(page.status == .ok, "\(path)")
                Markup.expectEscaped(page.text, tags, path)
            }
            let created = try await client.post(
                SiteURL.apiKeys.path, cookie: director, form: "_csrf=\(try await client.csrf(cookie: director))&name=\(Markup.encoded("newKey"))")
            #expect(created.status == .created)
            Markup.expectEscaped(created.text, ["newKey", "apiKeyName"], "created key")
            let counterError = try await client.post(
                SiteURL.counters.path, cookie: director,
                form: "_csrf=\(try await client.csrf(cookie: director))&code=Q%20X&name=\(Markup.encoded("typedName"))&nameEn=")
            #expect(counterError.status == .unprocessableContent)
            Markup.expectEscaped(counterError.text, ["typedName"], "refused counter keeps the input")

            // An officer named with markup: their own figures.
            let officer = try await client.signIn("canbo.lan")
            let me = try await client.get(SiteURL.me.path, cookie: officer)
            #expect(me.status == .ok)
            Markup.expectEscaped(me.text, ["officerVi"], "/me")
            let chooser = try await client.get(SiteURL.counterDisplay.path, cookie: officer)
            Markup.expectEscaped(chooser.text, ["counterVi"], "officer's counter chooser")

            // The administrator: every ward, the catalogue, the audit log, the lock confirmation.
            let cookie = try await client.signIn("quantri")
            let directorId = try await server.count("SELECT id FROM users WHERE role = 'director'")
            let adminPages: [(String, [String])] = [
                (SiteURL.counters.path(["unit": "tam-phuoc"]), ["wardVi", "secondWard", "counterVi"]),
                (SiteURL.officers.path(["unit": "tam-phuoc"]), ["wardVi", "secondWard", "officerVi"]),
                (SiteURL.users.path(["unit": "tam-phuoc"]), ["secondWard", "staffuser"]),
                (SiteURL.apiKeys.path(["unit": "tam-phuoc"]), ["secondWard", "apiKeyName"]),
                (SiteURL.units.path, ["wardVi", "centreVi", "secondWard"]),
                (SiteURL.sectors.path, ["sectorVi", "sectorEn"]),
                (SiteURL.procedures.path, ["procedureVi", "sectorVi"]),
                (SiteURL.audit.path, ["auditActor", "auditAction", "auditTarget", "auditBefore", "auditAfter", "keyActor", "apiKeyName", "dayVi"]),
            ]
            for (path, tags) in adminPages {
                let page = try await client.get(path, cookie: cookie)
                #expect(page.status == .ok, "\(path)")
                Markup.expectEscaped(page.text, tags, path)
            }
            let lock = try await client.post(SiteURL.userDisable(.value(Int64(directorId))).path, cookie: cookie, form: "_csrf=\(try await client.csrf(cookie: cookie))")
            #expect(lock.status == .ok)
            Markup.expectEscaped(lock.text, ["staffuser"], "lock confirmation")
        }
    }

    /// Pages whose texts come from code or configuration rather than the database, rendered
    /// straight through `PageRenderer.html(_:)` with hand-made models.
    @Test func pagesRenderedDirectlyEscapeHandMadeModels() throws {
        let M = Markup.raw
        let renderer = PageRenderer(assets: try StaticAssets(directory: TestServer.repoRoot.appendingPathComponent("Public").path))
        let error = AppError(.gone, "x", vi: M("errorVi"), en: M("errorEn"), advice: LocalizedText(vi: M("adviceVi"), en: M("adviceEn")))
        let header = CentreHeader(centre: M("centre"), counter: M("counter"), procedure: M("procedure"))
        let errorPage = ErrorPage(error: error, language: .vi, header: header) { _ in "/r/x?k=" + M("here") }
        Markup.expectEscaped(renderer.html(errorPage), ["errorVi", "adviceVi", "centre", "counter", "procedure", "here"], "error page")
        Markup.expectEscaped(
            renderer.html(ErrorPage(error: error, language: .en, header: nil) { _ in "/" }), ["errorEn", "adviceEn"], "error page in English")

        let user = StaffUser(
            id: 7, username: M("user"), passwordHash: "", role: .admin, unitId: nil, officerId: nil, active: true, createdAt: Date())
        let session = StaffSession(user: user, csrfToken: M("csrf"))
        let entry = AuditEntry(id: 1, at: Date(), actor: M("actor"), action: "counter.create", target: M("target"), before: nil, after: M("after"))
        Markup.expectEscaped(
            renderer.html(AuditPage(session: session, entries: [entry], language: .vi)), ["user", "csrf", "actor", "target", "after"], "audit page")
        Markup.expectEscaped(renderer.html(AdminHomePage(session: session, unitName: M("unit"), language: .en)), ["user", "unit"], "home")
        Markup.expectEscaped(
            renderer.html(MyFiguresPage(session: session, officerName: M("officer"), rows: [.init(period: M("period"), rate: M("rate"), index: M("index"), index7: M("i7"), index8: M("i8"))], language: .vi)),
            ["officer", "period", "rate", "index", "i7", "i8"], "my figures")
        Markup.expectEscaped(
            renderer.html(LoginPage(language: .vi, csrf: M("token"), next: M("next"), username: M("name"), error: LocalizedText(vi: M("why"), en: M("why")))),
            ["token", "next", "name", "why"], "login page")
        Markup.expectEscaped(
            renderer.html(UserLockPage(session: session, user: user, unitCode: M("code"), language: .vi)), ["user"], "lock confirmation")
    }
}
