import Crypto
import Domain
import Foundation
import GRDB
import HummingbirdTesting
import NIOCore
import Testing

@testable import App
@testable import Storage

/// The rating tablet at a counter (issue 12), at HTTP level: pairing, revocation, taps recorded
/// once, the minimum interval, a late tap's attribution, following the ticket, the factor
/// questions, bad input and who manages devices.
@Suite("Kiosk")
struct KioskTests {
    // MARK: pairing

    @Test func aTabletPairsWithAFreshCodeAndKeepsOnlyAHashOfItsCredential() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice()
        try await server.test { client in
            // Without a device: the pairing form, in both languages, with its own token.
            let form = try await client.get("/kiosk")
            #expect(form.status == .ok)
            #expect(form.text.contains("Mã ghép nối · Pairing code"))
            #expect(form.setCookie(named: KioskController.pairingCookie)?.contains("HttpOnly") == true)

            let paired = try await client.postPairing(device.code.description.lowercased())
            #expect(paired.status == .seeOther, "the code is read leniently: any case, with its dash")
            let cookie = try #require(paired.setCookie(named: KioskController.deviceCookie))
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/kiosk") && cookie.contains("SameSite=Strict"), "\(cookie)")
            let credential = try #require(paired.cookie(named: KioskController.deviceCookie))
            let stored = try await server.database.pool.read { db in try String.fetchOne(db, sql: "SELECT credentialHash FROM kioskDevices") }
            #expect(stored == Hex.encode(SHA256.hash(data: Data(credential.utf8))), "only the credential's hash is kept")
            #expect(try await server.count("SELECT COUNT(*) FROM kioskDevices WHERE pairedAt IS NOT NULL AND pairingUsedAt IS NOT NULL") == 1)

            // The screen: the centre, the counter, the overall question with its faces and no
            // opinion; no staff session anywhere, and the credential renewed.
            let screen = try await client.get("/kiosk", cookie: "\(KioskController.deviceCookie)=\(credential)")
            #expect(screen.status == .ok)
            for text in ["Phường Tam Phước", "Quầy 1 - Đất đai, xây dựng", "Ông/Bà có hài lòng", "Rất hài lòng", "Chưa hài lòng", "Không có ý kiến · No opinion"] {
                #expect(screen.text.contains(text), "\(text)")
            }
            #expect(screen.text.contains(#"<form method="post" action="/kiosk/taps""#), "each face is a plain form post without script")
            #expect(screen.setCookie(named: KioskController.deviceCookie) != nil)
            #expect(screen.setCookie(named: StaffSessionMiddleware.cookieName) == nil)

            // A second tablet with the same code: refused, the first keeps its credential.
            let again = try await client.postPairing(device.code.description, address: "10.1.0.2")
            #expect(again.status == .gone)
            #expect(again.text.contains("Mã ghép nối này đã được dùng"))
            #expect(again.setCookie(named: KioskController.deviceCookie) == nil)

            // The pairing form guards itself against other sites' posts.
            let forged = try await client.execute(
                uri: "/kiosk/pair", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "code=\(device.code)"))
            #expect(forged.status == .forbidden)
        }
    }

    @Test func wrongAndExpiredCodesAreRefusedAndGuessingIsThrottled() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice()
        try await server.test { client in
            let wrong = try await client.postPairing("AAAA-BBBB")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Mã ghép nối không đúng"))
            #expect(try await client.postPairing("not a code").status == .unprocessableContent)

            // Ten minutes and the code is spent.
            server.clock.advance(by: PairingCode.lifetime + 1)
            let expired = try await client.postPairing(device.code.description, address: "10.1.0.3")
            #expect(expired.status == .gone)
            #expect(expired.text.contains("Mã ghép nối đã hết hạn"))
            #expect(try await server.count("SELECT COUNT(*) FROM kioskDevices WHERE credentialHash IS NOT NULL") == 0)

            // A new code from the devices screen pairs.
            let code = try await server.database.newPairingCode(deviceId: device.id, actor: .test, now: server.clock.now)
            _ = try await client.pairKiosk(code.description, address: "10.1.0.3")

            // Guessing from one address stops at ten wrong codes.
            var statuses: [Int] = []
            for _ in 0..<11 { statuses.append(Int(try await client.postPairing("ZZZZ-ZZZZ", address: "10.9.9.9").status.code)) }
            #expect(statuses.prefix(10).allSatisfy { $0 == 422 } && statuses.last == 429, "\(statuses)")
        }
    }

    // MARK: revocation

    @Test func aRevokedTabletIsRefusedAndTheDevicesScreenShowsWhenEachWasLastSeen() async throws {
        let server = try await TestServer()
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let device = try await server.kioskDevice()
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            #expect(try await client.tap(tablet, key: "firstTapKey0001").status == .created)

            let staff = try await client.signIn("giamdoc")
            let screen = try await client.get("/admin/devices", cookie: staff)
            #expect(screen.status == .ok)
            #expect(screen.text.contains("Máy q1") && screen.text.contains("Đang hoạt động"), "last seen: just now")
            let csrf = try await client.csrf(cookie: staff)
            #expect(try await client.post("/admin/devices/\(device.id)/revoke", cookie: staff, form: "_csrf=\(csrf)").status == .seeOther)
            #expect(try await client.get("/admin/devices", cookie: staff).text.contains("Đã thu hồi"))

            let refused = try await client.tap(tablet, key: "secondTapKey002")
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "device_revoked")
            #expect(try await client.get("/kiosk/state", cookie: tablet).status == .forbidden)
            #expect(try await client.get("/kiosk/events", cookie: tablet).status == .forbidden)
            let page = try await client.get("/kiosk", cookie: tablet)
            #expect(page.status == .forbidden)
            #expect(page.text.contains("Thiết bị này đã bị thu hồi"))
            #expect(page.setCookie(named: KioskController.deviceCookie)?.contains("Max-Age=0") == true, "the tablet forgets the credential")
            #expect(try await server.kioskResponses() == 1)
            // A revoked device takes no new code.
            let code = try await client.post("/admin/devices/\(device.id)/code", cookie: staff, form: "_csrf=\(csrf)")
            #expect(code.status == .forbidden)
            // Without any device cookie: 401, in JSON for the script.
            let anonymous = try await client.kioskJSON("/kiosk/taps", "x=y", #"{"key":"anonymousKey001","answers":{"overall":3}}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "device_not_paired")
        }
    }

    // MARK: taps

    @Test func aResentTapIsRecordedOnceAndAnswered200() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice()
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            let first = try await client.tap(tablet, key: "resentTapKey0001", level: 2)
            #expect(first.status == .created)
            #expect(try first.json()["counted"] as? Bool == true)
            // The answer was lost on the way: the tablet sends the same tap again, later.
            server.clock.advance(by: 90)
            let again = try await client.tap(tablet, key: "resentTapKey0001", level: 2, age: 90_000)
            #expect(again.status == .ok)
            #expect(try again.json()["repeated"] as? Bool == true)
            #expect(try again.json()["counted"] as? Bool == true)
            #expect(try await server.kioskResponses() == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM kioskTaps") == 1)
            #expect(try await server.count("SELECT SUM(l2) FROM figureRollups WHERE dim = 0 AND grain = 'd'") == 1)

            // A ticket's tap too; another device may use the same key for its own tap.
            let ticket = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.tap(tablet, key: "ticketTapKey0001", ticket: ticket).status == .created)
            #expect(try await client.tap(tablet, key: "ticketTapKey0001", ticket: ticket).status == .ok)
            let other = try await server.kioskDevice(counter: "q2")
            let otherTablet = try await client.pairKiosk(other.code.description, address: "10.1.0.9")
            #expect(try await client.tap(otherTablet, key: "resentTapKey0001").status == .created)
            #expect(try await server.kioskResponses() == 3)
        }
    }

    @Test func idleTapsCountOnlyOutsideTheMinimumInterval() async throws {
        let server = try await TestServer()
        #expect(server.config.kioskTiming.minimumInterval == 20, "20 s by default, as HappyOrNot")
        let device = try await server.kioskDevice()
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            #expect(try await client.tap(tablet, key: "intervalKey00001").status == .created)
            server.clock.advance(by: 5)
            let drummed = try await client.tap(tablet, key: "intervalKey00002", level: 1)
            #expect(drummed.status == .ok)
            #expect(try drummed.json()["counted"] as? Bool == false)
            server.clock.advance(by: 15)
            #expect(try await client.tap(tablet, key: "intervalKey00003").status == .created, "20 s after the last counted tap")
            #expect(try await server.kioskResponses() == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM kioskTaps WHERE outcome = 'not-counted'") == 1)
            // An uncounted tap sent again stays uncounted, however late.
            server.clock.advance(by: 600)
            let resent = try await client.tap(tablet, key: "intervalKey00002", level: 1)
            #expect(try resent.json()["counted"] as? Bool == false)

            // Taps kept on the tablet during an outage arrive together: judged by when they were
            // made (their age), not by when they arrived.
            server.clock.advance(by: 3600)
            #expect(try await client.tap(tablet, key: "queuedKey0000001", age: 60_000).status == .created)
            #expect(try await client.tap(tablet, key: "queuedKey0000002", age: 30_000).status == .created)
            #expect(try await client.tap(tablet, key: "queuedKey0000003", age: 25_000).status == .ok, "5 s after the one before")
            #expect(try await client.tap(tablet, key: "queuedKey0000004", age: 0).status == .created)
            #expect(try await server.kioskResponses() == 5)
            // Every response is stamped with the server's time of arrival, never the tablet's.
            let stamps = try await server.database.pool.read { db in
                try Date.fetchAll(db, sql: "SELECT createdAt FROM responses r JOIN kioskTaps t ON t.responseId = r.id WHERE t.key LIKE 'queued%'")
            }
            #expect(stamps.count == 3 && stamps.allSatisfy { abs($0.timeIntervalSince(server.clock.now)) < 0.01 })

            // A ticket's tap is one citizen's: no interval applies to it.
            let ticket = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.tap(tablet, key: "ticketAfterIdle1", ticket: ticket).status == .created)
        }
    }

    @Test func aTapSentLateKeepsItsTicketsAttribution() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice()
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"cb-lan","procedure":"1.004227"}"#)
            let state = try await client.get("/kiosk/state", cookie: tablet).json()
            #expect(state["ticket"] as? String == token)
            #expect(state["procedure"] as? String == "Đăng ký biến động quyền sử dụng đất")
            let issued = server.clock.now

            // The tablet lost its network as the citizen tapped; the ticket expired meanwhile.
            server.clock.advance(by: 26 * 3600)
            #expect(try await client.get("/r/\(token)").status == .gone, "a phone can no longer rate it")
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] is NSNull, "the screen is idle again")
            let late = try await client.tap(tablet, key: "lateTicketTap001", ticket: token, level: 3, age: 26 * 3600 * 1000)
            #expect(late.status == .created)
            let row = try #require(
                try await server.database.pool.read { db in
                    try Row.fetchOne(
                        db,
                        sql: """
                            SELECT r.channel, r.createdAt, r.ticketId, o.code AS officer, p.code AS procedure, s.code AS sector, t.usedAt
                            FROM responses r JOIN tickets t ON t.id = r.ticketId LEFT JOIN officers o ON o.id = r.officerId
                            LEFT JOIN procedures p ON p.id = r.procedureId LEFT JOIN sectors s ON s.id = r.sectorId WHERE t.token = ?
                            """, arguments: [token])
                })
            #expect(row["channel"] as String == "kiosk")
            #expect(row["officer"] as String? == "cb-lan")
            #expect(row["procedure"] as String? == "1.004227")
            #expect(row["sector"] as String? == "dat-dai")
            #expect(abs((row["createdAt"] as Date).timeIntervalSince(server.clock.now)) < 0.01, "stamped when it arrived")
            #expect(row["usedAt"] as Date? != nil)
            // The response rate counts it on the day the ticket was issued.
            #expect(try await server.count("SELECT answered FROM ticketCounts WHERE day = '\(LocalDate(issued))'") == 1)
            // Used now: another tap for it is refused (a resend of the same key is not).
            #expect(try await client.tap(tablet, key: "lateTicketTap002", ticket: token).status == .gone)
            #expect(try await client.tap(tablet, key: "lateTicketTap001", ticket: token).status == .ok)

            // A ticket of another counter, or one older than the late window, is not this tap's.
            let q2 = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q2"}"#)
            let elsewhere = try await client.tap(tablet, key: "otherCounterTap1", ticket: q2)
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.errorCode == "ticket_elsewhere")
            let old = try await client.issueTicket(key: server.apiKey)
            server.clock.advance(by: 8 * 86_400)
            #expect(try await client.tap(tablet, key: "tooOldTicketTap1", ticket: old).status == .gone)
            #expect(try await server.kioskResponses() == 1)
        }
    }

    // MARK: following the counter

    @Test func theScreenFollowsTheCountersTicketByEventsAndByPolling() async throws {
        let server = try await TestServer { $0.kioskStreamLength = 3 }
        let device = try await server.kioskDevice()
        // The application's own database handle, whose signals the stream listens to.
        let parts = try await server.parts()
        let signals = parts.database.counterSignals
        try await server.test(parts) { client in
            let tablet = try await client.pairKiosk(device.code.description)
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] is NSNull)
            async let streamed = client.get("/kiosk/events", cookie: tablet)
            // The ticket is issued once the stream listens and has sent its first state: a
            // fixed pause was too short while the whole suite ran on two cores.
            let listening = try await eventually(seconds: 10) { signals.listeners(counterId: device.counterId) == 1 }
            try #require(listening, "the stream listens")
            try await Task.sleep(for: .milliseconds(300))
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","procedure":"1.001193"}"#)
            let events = try await streamed
            #expect(events.status == .ok)
            #expect(events.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            #expect(events.text.hasPrefix("retry: 3000\n\n"), "the browser reconnects by itself after a restart")
            let states = events.text.components(separatedBy: "event: state\ndata: ").dropFirst().map { $0.prefix { $0 != "\n" } }
            #expect(states.first == #"{"procedure":null,"procedureEn":null,"ticket":null}"#, "idle first: \(events.text)")
            #expect(states.dropFirst().first?.contains(#""ticket":"\#(token)""#) == true, "then the new ticket, without a reload: \(events.text)")
            #expect(events.text.contains("Đăng ký khai sinh"))

            // The screen without script shows it too, as the ticket its faces rate.
            let page = try await client.get("/kiosk", cookie: tablet)
            #expect(page.text.contains(#"name="ticket" value="\#(token)""#))
            #expect(page.text.contains("Mời Ông/Bà đánh giá giao dịch vừa xong"))
            #expect(page.text.contains(#"<noscript><meta http-equiv="refresh""#))

            // Rated (here by a phone): the counter's transaction is over.
            #expect(try await client.submitForm("/r/\(token)", "overall=3").status == .ok)
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] is NSNull)
            // A newer ticket replaces an older one, which is not shown again when the newer is rated.
            let older = try await client.issueTicket(key: server.apiKey)
            let newer = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] as? String == newer)
            #expect(try await client.tap(tablet, key: "followTapKey0001", ticket: newer).status == .created)
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] is NSNull, "not \(older)")
            // A ticket stays the tablet's transaction as long as a counter display shows one.
            _ = try await client.issueTicket(key: server.apiKey)
            server.clock.advance(by: server.config.displayTicketLifetime + 1)
            #expect(try await client.get("/kiosk/state", cookie: tablet).json()["ticket"] is NSNull)
        }
    }

    // MARK: factor questions

    @Test func factorAnswersJoinTheTapOnceWithScriptAndWithout() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice(askFactors: true)
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            let page = try await client.get("/kiosk", cookie: tablet)
            for question in ["access-1", "procedure-1", "officer-1", "result-1", "feedback-1"] {
                #expect(page.text.contains(#"data-q="\#(question)""#), "one screen per factor: \(question)")
            }
            #expect(!page.text.contains(#"data-q="access-2""#))

            // With script: the tap, then its answers, once; never the overall answer again.
            #expect(try await client.tap(tablet, key: "factorTapKey0001").status == .created)
            let overall = try await client.kioskJSON("/kiosk/details", tablet, #"{"key":"factorTapKey0001","answers":{"overall":1}}"#)
            #expect(overall.status == .unprocessableContent, "the overall answer stands")
            let details = #"{"key":"factorTapKey0001","answers":{"access-1":4,"officer-1":5,"result-1":0}}"#
            let added = try await client.kioskJSON("/kiosk/details", tablet, details)
            #expect(added.status == .ok)
            #expect(try added.json()["added"] as? Bool == true)
            #expect(try await client.kioskJSON("/kiosk/details", tablet, details).json()["added"] as? Bool == false)
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 4)
            #expect(try await server.count("SELECT SUM(l4 + l5) FROM figureRollups WHERE dim = 5 AND grain = 'd' AND dimId = 3 AND factor != ''") == 2)
            let unknown = try await client.kioskJSON("/kiosk/details", tablet, #"{"key":"neverTappedKey01","answers":{"access-1":4}}"#)
            #expect(unknown.status == .notFound)

            // Without script: one page per question, the answers carried on, written at the end.
            server.clock.advance(by: 60)
            let tapped = try await client.post("/kiosk/taps", cookie: tablet, form: "_k=plainFormTap0001&ticket=&overall=2")
            #expect(tapped.status == .seeOther)
            #expect(tapped.headers[.location] == "/kiosk?k=plainFormTap0001")
            let first = try await client.get("/kiosk?k=plainFormTap0001", cookie: tablet)
            #expect(first.text.contains("Câu hỏi thêm 1/5"))
            let second = try await client.post("/kiosk/details", cookie: tablet, form: "_k=plainFormTap0001&step=0&access-1=5")
            #expect(second.status == .ok)
            #expect(second.text.contains(#"<input type="hidden" name="access-1" value="5">"#))
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 5, "nothing written before the end")
            let done = try await client.post("/kiosk/details", cookie: tablet, form: "_k=plainFormTap0001&step=1&access-1=5&procedure-1=4&finish=1")
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/kiosk?thanks=1")
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 7)
            let thanks = try await client.get("/kiosk?thanks=1", cookie: tablet)
            #expect(thanks.text.contains("Xin cảm ơn Ông/Bà!"))
            #expect(thanks.text.contains(#"<noscript><meta http-equiv="refresh" content="5;url=/kiosk"></noscript>"#))
            let forged = try await client.post("/kiosk/details", cookie: tablet, form: "_k=plainFormTap0001&step=1&comment=hello")
            #expect(forged.status == .unprocessableContent)
        }
    }

    // MARK: bad input

    @Test func badTapsGetAClear4xxInVietnameseAndWriteNothing() async throws {
        let server = try await TestServer()
        let device = try await server.kioskDevice()
        try await server.test { client in
            let tablet = try await client.pairKiosk(device.code.description)
            let cases: [(String, Int, String)] = [
                (#"{"key":"badInputKey00001","answers":{"overall":7}}"#, 422, "invalid_answer"),
                (#"{"key":"badInputKey00002","answers":{}}"#, 422, "missing_overall"),
                (#"{"key":"badInputKey00003","answers":{"overall":"3"}}"#, 422, "invalid_answer"),
                (#"{"key":"badInputKey00004","answers":{"nope":3,"overall":3}}"#, 422, "unknown_question"),
                (#"{"key":"short","answers":{"overall":3}}"#, 400, "invalid_key"),
                (#"{"key":"badInputKey00006","answers":{"overall":3},"extra":1}"#, 422, "unknown_field"),
                (#"{"key":"badInputKey00007","answers":{"overall":3},"ticket":"<script>"}"#, 422, "ticket_elsewhere"),
                (#"{"key":"badInputKey00008","answers":{"overall":3},"age":"soon"}"#, 422, "invalid_field"),
                (#"{"key":"badInputKey00009""#, 400, "invalid_body"),
            ]
            for (body, status, code) in cases {
                let response = try await client.kioskJSON("/kiosk/taps", tablet, body)
                #expect(Int(response.status.code) == status, "\(body): \(response.text)")
                #expect(response.errorCode == code, "\(body): \(response.text)")
                let message = try #require(try response.json()["error"] as? [String: Any])["message"] as? String
                #expect(message?.isEmpty == false)
            }
            let plain = try await client.post("/kiosk/taps", cookie: tablet, form: "_k=plainBadTap0001&ticket=&overall=9")
            #expect(plain.status == .unprocessableContent)
            #expect(plain.text.contains("không hợp lệ"), "the screen again, saying what was wrong")
            #expect(try await server.writtenRows() == 0)
            #expect(try await server.count("SELECT COUNT(*) FROM kioskTaps") == 0)
        }
    }

    // MARK: who manages devices

    @Test func onlyAdministratorsAndTheUnitsDirectorManageDevices() async throws {
        let server = try await TestServer()
        for (name, role, unit) in [
            ("giamdoc", StaffRole.director, "tam-phuoc"), ("giamdoc.ct", .director, "chon-thanh"), ("canbo", .officer, "tam-phuoc"),
            ("xem", .viewer, "tam-phuoc"), ("thanhtra", .inspector, nil), ("quantri", .admin, nil),
        ] as [(String, StaffRole, String?)] {
            try await server.addUser(name, role, unit: unit)
        }
        let chonThanh = try await server.kioskDevice(unit: "chon-thanh")
        let q1 = try #require(server.demo.counters.first { $0.unitId == server.demo.units[0].id && $0.code == "q1" }?.id)
        let otherQ1 = try #require(server.demo.counters.first { $0.unitId == server.demo.units[1].id && $0.code == "q1" }?.id)
        try await server.test { client in
            for name in ["canbo", "xem", "thanhtra"] {
                let cookie = try await client.signIn(name)
                #expect(try await client.get("/admin/devices", cookie: cookie).status == .forbidden, "\(name)")
                #expect(!(try await client.get("/admin", cookie: cookie).text.contains("/admin/devices")), "\(name): no menu link")
            }
            let director = try await client.signIn("giamdoc")
            #expect(try await client.get("/admin", cookie: director).text.contains("/admin/devices"))
            #expect(try await client.get("/admin/devices?unit=chon-thanh", cookie: director).status == .forbidden)
            let csrf = try await client.csrf(cookie: director)
            let created = try await client.post("/admin/devices", cookie: director, form: "_csrf=\(csrf)&name=M%C3%A1y+q1&counter=\(q1)&askFactors=1")
            #expect(created.status == .created)
            #expect(created.text.contains("Mã ghép nối cho"))
            #expect(created.text.range(of: #"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"#, options: .regularExpression) != nil, "the code, shown once")
            #expect(try await client.get("/admin/devices", cookie: director).text.range(of: #"class="secret pairing""#) == nil)
            // Another ward's counter, or its device: refused.
            let foreign = try await client.post("/admin/devices", cookie: director, form: "_csrf=\(csrf)&name=X&counter=\(otherQ1)")
            #expect(foreign.status == .unprocessableContent)
            #expect(try await client.post("/admin/devices/\(chonThanh.id)/revoke", cookie: director, form: "_csrf=\(csrf)").status == .forbidden)
            #expect(try await client.post("/admin/devices/\(chonThanh.id)/code", cookie: director, form: "_csrf=\(csrf)").status == .forbidden)
            #expect(try await client.post("/admin/devices", cookie: director, form: "name=X&counter=\(q1)").status == .forbidden, "CSRF")
            // The factor questions are asked or not: another answer is refused, not read as "no".
            let maybe = try await client.post("/admin/devices", cookie: director, form: "_csrf=\(csrf)&name=X&counter=\(q1)&askFactors=maybe")
            #expect(maybe.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM kioskDevices") == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'device.create'") == 2)

            let admin = try await client.signIn("quantri")
            let adminCSRF = try await client.csrf(cookie: admin)
            let code = try await client.post("/admin/devices/\(chonThanh.id)/code?unit=chon-thanh", cookie: admin, form: "_csrf=\(adminCSRF)")
            #expect(code.status == .ok)
            #expect(code.text.contains("Mã ghép nối cho"))
            // The new code pairs; the old one no longer does.
            #expect(try await client.postPairing(chonThanh.code.description).status != .seeOther)
        }
    }
}
