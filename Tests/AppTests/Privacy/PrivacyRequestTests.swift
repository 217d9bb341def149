import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Personal data: the notice, the person's requests from /track, the staff queue")
struct PrivacyRequestTests {
    /// Monday 23/11/2026, 09:00 in Asia/Ho_Chi_Minh.
    static func monday() throws -> Date { try LocalInstant.at("2026-11-23") }

    @Test func theNoticeStandsBesideTheConsentWhereverContactDataIsCollected() async throws {
        let server = try await TestServer(now: try Self.monday()) { $0.privacyRetentionMonths = 36 }
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            for path in [SiteURL.feedback.path(["unit": "tam-phuoc"]), SiteURL.feedback.path(language: .en, ["unit": "tam-phuoc"])] {
                let page = try await client.get(path)
                let vi = try #require(page.text.range(of: "Thông tin liên hệ chỉ dùng để liên hệ"), "\(path)")
                let en = try #require(page.text.range(of: "Contact details are used only to contact you"), "\(path)")
                let consent = try #require(page.text.range(of: #"name="consent""#))
                #expect(vi.lowerBound < en.lowerBound && en.lowerBound < consent.lowerBound, "Vietnamese, then English, then the checkbox")
                #expect(page.text.contains("36 tháng") && page.text.contains("36 months"), "the configured retention, not a fixed one")
                #expect(page.text.contains("rút lại sự đồng ý") && page.text.contains("withdraw your consent"))
                #expect(page.text.contains("mã tra cứu") && page.text.contains("tracking code"), "how to use the rights")
                #expect(page.text.contains(#"<input type="checkbox" name="consent" value="yes">"#), "never ticked in advance")
            }
            let director = try await client.signIn("giamdoc")
            let intake = try await client.get(SiteURL.feedbackNew.path, cookie: director)
            #expect(intake.text.contains("Thông tin liên hệ chỉ dùng để liên hệ") && intake.text.contains("36 months"))

            // Consent stays explicit: contact data without it is refused and nothing is written.
            let refused = try await client.postJSON(
                SiteURL.feedback.path,
                ["unit": "tam-phuoc", "kind": "phan-anh", "category": "khac", "description": "Trễ hẹn", "contact": ["phone": PrivacyFixture.phone]])
            #expect(refused.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 0)
        }
    }

    @Test func aRequestIsProvenByTheCodeAndTheContactGivenAndAWrongProofIsAnsweredAsAnUnknownCode() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.test { client in
            let code = try await client.fileWithContact()
            let withoutContact = try await client.fileWithContact([:])
            let track = try await client.get(SiteURL.track(.value(code)).path)
            #expect(track.text.contains(#"href="\#(SiteURL.trackPrivacy(.value(code)).path)""#), "the tracking page leads to the form")
            let form = try await client.get(SiteURL.trackPrivacy(.value(code)).path)
            #expect(form.status == .ok && form.text.contains(#"name="proof""#) && form.text.contains(#"value="withdrawal""#))

            let unknownCode = "ABCD-EFGH-JKMN"
            let wrong = try await client.askPrivacy(code, kind: "deletion", proof: "0999 888 777")
            let noContact = try await client.askPrivacy(withoutContact, kind: "deletion", proof: PrivacyFixture.phone)
            let unknown = try await client.askPrivacy(unknownCode, kind: "deletion", proof: "0999 888 777")
            for response in [wrong, noContact, unknown] {
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("không khớp với hồ sơ phản ánh nào"))
                #expect(!response.text.contains("0999") && !response.text.contains("0912"), "the proof is never echoed")
            }
            // One answer, word for word, whether the code exists or not.
            #expect(wrong.text.replacingOccurrences(of: code, with: "CODE") == unknown.text.replacingOccurrences(of: unknownCode, with: "CODE"))
            #expect(try await server.count("SELECT COUNT(*) FROM privacyRequests") == 0)

            // The phone as given, written another way, proves it; so does the e-mail.
            let reference = try await client.askPrivacyAccepted(code, kind: "access", proof: "+84 912.345.678")
            #expect(reference.hasPrefix("YC-") && reference.count == 12)
            let receipt = try await client.get(SiteURL.trackPrivacyReceipt(.value(code), .value(reference)).path)
            #expect(receipt.status == .ok)
            #expect(receipt.text.contains(reference))
            #expect(receipt.text.contains("25/11/2026"), "acknowledged within 2 working days: Wednesday")
            #expect(!receipt.text.contains(PrivacyFixture.name) && !receipt.text.contains("0912"))
            _ = try await client.askPrivacyAccepted(code, kind: "withdrawal", proof: " Binh.Tran@Example.VN ")
            #expect(try await server.count("SELECT COUNT(*) FROM privacyRequests") == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'privacy.request'") == 2)
            // A receipt is found only under its own item's code.
            #expect(try await client.get(SiteURL.trackPrivacyReceipt(.value(withoutContact), .value(reference)).path).status == .notFound)
            // Missing choices are plain 4xx with the form again.
            let noKind = try await client.postForm(SiteURL.trackPrivacy(.value(code)).path, "proof=0912345678")
            #expect(noKind.status == .unprocessableContent && noKind.text.contains(#"name="kind""#))
            #expect(try await client.askPrivacy(code, kind: "access", proof: "").status == .unprocessableContent)
            #expect(try await client.get(SiteURL.trackPrivacy(.value("not-a-code")).path).status == .notFound)
        }
    }

    @Test func requestsShareTheTrackingPagesCeilingPerAddress() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.test { client in
            let code = try await client.fileWithContact()
            for _ in 0..<60 {
                #expect(try await client.askPrivacy(code, kind: "deletion", proof: "0999 888 777").status == .unprocessableContent)
            }
            #expect(try await client.askPrivacy(code, kind: "deletion", proof: PrivacyFixture.phone).status == .tooManyRequests)
            #expect(try await client.get(SiteURL.track(.value(code)).path).status == .tooManyRequests, "one ceiling for both")
            server.clock.advance(by: 11 * 60)
            #expect(try await client.askPrivacy(code, kind: "deletion", proof: PrivacyFixture.phone).status == .seeOther)
        }
    }

    @Test func theAcknowledgementIsDueTwoWorkingDaysLaterAcrossHolidaysAndWeekends() async throws {
        // Wednesday 29/04/2026: 30/04 and 01/05 are holidays, 02-03/05 a weekend.
        let server = try await TestServer(now: try LocalInstant.at("2026-04-29", 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let first = try await client.fileWithContact()
            let beforeHolidays = try await client.askPrivacyAccepted(first, kind: "access")
            #expect(try await server.database.privacyRequest(reference: beforeHolidays)?.acknowledgeDueOn == LocalDate("2026-05-05"))

            // Friday 27/11/2026, late afternoon: Monday and Tuesday.
            server.clock.set(try LocalInstant.at("2026-11-27", 16, 30))
            let second = try await client.fileWithContact()
            let beforeWeekend = try await client.askPrivacyAccepted(second, kind: "deletion")
            #expect(try await server.database.privacyRequest(reference: beforeWeekend)?.acknowledgeDueOn == LocalDate("2026-12-01"))

            let director = try await client.signIn("giamdoc")
            let queue = try await client.get(SiteURL.privacyQueue.path, cookie: director)
            #expect(queue.status == .ok)
            let overdueRow = try #require(queue.text.between(beforeHolidays, "</tr>"))
            #expect(overdueRow.contains("05/05/2026") && overdueRow.contains("Quá hạn"))
            let soonRow = try #require(queue.text.between(beforeWeekend, "</tr>"))
            #expect(soonRow.contains("01/12/2026") && soonRow.contains("Sắp đến hạn") && !soonRow.contains("Quá hạn"))
            #expect(try #require(queue.text.range(of: beforeHolidays)).lowerBound < (try #require(queue.text.range(of: beforeWeekend))).lowerBound)

            let csrf = try await client.csrf(cookie: director)
            #expect(try await client.privacyAction(beforeHolidays, "acknowledge", cookie: director, csrf: csrf).status == .seeOther)
            let after = try await client.get(SiteURL.privacyQueue.path, cookie: director)
            let acknowledged = try #require(after.text.between(beforeHolidays, "</tr>"))
            #expect(!acknowledged.contains("Quá hạn") && acknowledged.contains("Đã xác nhận"))
        }
    }

    @Test func theQueueIsTheUnitsDirectorsAndTheAdministratorsOnly() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("giamdoc.ct", .director, unit: "chon-thanh")
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        try await server.addUser("thanhtra", .inspector, unit: nil)
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let code = try await client.fileWithContact()
            let reference = try await client.askPrivacyAccepted(code, kind: "access")
            let requestPath = SiteURL.privacyRequest(.value(reference)).path

            let director = try await client.signIn("giamdoc")
            let queue = try await client.get(SiteURL.privacyQueue.path, cookie: director)
            #expect(queue.status == .ok && queue.text.contains(reference))
            #expect(try await client.get(SiteURL.admin.path, cookie: director).text.contains(#"<a href="/admin/privacy">"#))
            #expect(try await client.get(requestPath, cookie: director).status == .ok)
            let admin = try await client.signIn("quantri")
            #expect(try await client.get(SiteURL.privacyQueue.path(["unit": "tam-phuoc"]), cookie: admin).text.contains(reference))

            let other = try await client.signIn("giamdoc.ct")
            #expect(try await client.get(SiteURL.privacyQueue.path(["unit": "tam-phuoc"]), cookie: other).status == .forbidden)
            let own = try await client.get(SiteURL.privacyQueue.path, cookie: other)
            #expect(own.status == .ok && !own.text.contains(reference))
            #expect(try await client.get(requestPath, cookie: other).status == .notFound)
            let otherCSRF = try await client.csrf(cookie: other)
            #expect(try await client.privacyAction(reference, "complete", cookie: other, csrf: otherCSRF).status == .notFound)
            for username in ["canbo", "thanhtra"] {
                let cookie = try await client.signIn(username)
                #expect(try await client.get(SiteURL.privacyQueue.path(["unit": "tam-phuoc"]), cookie: cookie).status == .forbidden, "\(username)")
                #expect(try await client.get(requestPath, cookie: cookie).status == .notFound, "\(username)")
                #expect(!(try await client.get(SiteURL.admin.path, cookie: cookie)).text.contains(SiteURL.privacyQueue.path), "\(username)")
            }
            #expect(try await server.database.privacyRequest(reference: reference)?.isOpen == true, "nobody else changed it")
            // Only the two who may handle it opened the contact data.
            let viewers = try await server.database.pool.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT actor FROM auditLog WHERE action = 'feedback.contact.view' ORDER BY actor")
            }
            #expect(viewers == ["giamdoc"])
        }
    }

    @Test func anAccessRequestShowsTheDataToTheDirectorAuditedUntilItIsCompleted() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let code = try await client.fileWithContact()
            let reference = try await client.askPrivacyAccepted(code, kind: "access")
            let views = "SELECT COUNT(*) FROM auditLog WHERE action = 'feedback.contact.view' AND target = 'feedback:\(code)'"
            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            let queue = try await client.get(SiteURL.privacyQueue.path, cookie: director)
            #expect(!queue.text.contains(PrivacyFixture.phone), "the queue shows no contact data")
            #expect(try await server.count(views) == 0)

            let page = try await client.get(SiteURL.privacyRequest(.value(reference)).path, cookie: director)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            for value in [PrivacyFixture.name, PrivacyFixture.address, PrivacyFixture.phone, PrivacyFixture.email] { #expect(page.text.contains(value)) }
            #expect(try await server.count(views) == 1, "each opening is audited")

            let forged = try await client.post(SiteURL.privacyRequest(.value(reference)).path, cookie: director, form: "_csrf=forged&action=complete")
            #expect(forged.status == .forbidden)
            #expect(try await client.privacyAction(reference, "acknowledge", cookie: director, csrf: csrf).status == .seeOther)
            let receipt = try await client.get(SiteURL.trackPrivacyReceipt(.value(code), .value(reference)).path)
            #expect(receipt.text.contains("Trung tâm đã xác nhận"))
            #expect(try await client.privacyAction(reference, "complete", cookie: director, csrf: csrf).status == .seeOther)
            let twice = try await client.privacyAction(reference, "complete", cookie: director, csrf: csrf)
            #expect(twice.status == .conflict && twice.text.contains("đã được hoàn thành"))
            let done = try await client.get(SiteURL.privacyRequest(.value(reference)).path, cookie: director)
            #expect(done.text.contains("Đã hoàn thành") && !done.text.contains(PrivacyFixture.phone), "a completed request opens nothing")
            #expect(try await server.count(views) == 1, "nothing opened once completed, nor on the refused second completion")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 1, "access keeps the data")

            // The other ways to the same data are audited too: the item's page and the API.
            _ = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: director)
            let api = try await client.getJSON(SiteURL.apiFeedbackItem(.value(code)).path, cookie: director)
            #expect(api.text.contains(PrivacyFixture.email))
            #expect(try await server.count(views) == 3)
        }
    }
}
