import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Citizen journey: scan, one tap, optional details")
struct CitizenJourneyTests {
    @Test func posterPageNamesCentreAndCounterAndNeedsNoScript() async throws {
        let server = try await TestServer()
        let token = try server.posterToken()
        try await server.test { client in
            let page = try await client.get("/r/\(token)")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("Trung tâm Phục vụ hành chính công Phường Tam Phước"))
            #expect(page.text.contains("Quầy 1"))
            #expect(page.text.contains(#"<html lang="vi">"#))
            #expect(page.text.contains(#"name="overall" value="3""#))
            #expect(page.text.contains(#"name="overall" value="1""#))
            #expect(page.text.contains(#"name="overall" value="0""#), "no-opinion must be offered")
            #expect(!page.text.lowercased().contains("<script"))
            #expect(!page.text.contains("staff.css"), "citizens' pages load only the citizens' stylesheet")
            let css = try await client.get("/static/site.css")
            #expect(css.status == .ok)
            // Under 15 KB on the wire: the page and everything it loads (bench/ measures it too).
            #expect(page.body.readableBytes + css.body.readableBytes < 15 * 1024)
        }
    }

    @Test func ticketPageNamesTheProcedureAndSpeaksEnglishOnRequest() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q2","procedure":"1.001193"}"#)
            let vi = try await client.get("/r/\(token)")
            #expect(vi.text.contains("Đăng ký khai sinh"))
            #expect(vi.text.contains(#"href="/r/\#(token)?lang=en""#))
            let en = try await client.get("/r/\(token)?lang=en")
            #expect(en.status == .ok)
            #expect(en.text.contains(#"<html lang="en">"#))
            #expect(en.text.contains("Birth registration"))
            #expect(en.text.contains("Very satisfied"))
            #expect(en.text.contains(#"action="/r/\#(token)?lang=en""#))
        }
    }

    @Test func oneTapRecordsTheRatingThenDetailsJoinTheSameResponse() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"cb-lan","procedure":"1.004227"}"#)
            let page = try await client.get("/r/\(token)")
            let key = try #require(page.submissionKey)

            let details = try await client.submitForm("/r/\(token)", "_k=\(key)&overall=3")
            #expect(details.status == .ok)
            #expect(details.text.contains("Đánh giá đã được ghi nhận"))
            #expect(details.text.contains(#"name="access-1""#))
            #expect(details.submissionKey == key)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM tickets WHERE usedAt IS NOT NULL") == 1)

            let comment = "Cán bộ tận tình"  // percent-encoded below
            let body = "_k=\(key)&access-1=5&officer-1=4&procedure-2=0&visits=1&comment=" + (comment.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let thanks = try await client.submitForm("/r/\(token)", body)
            #expect(thanks.status == .ok)
            #expect(thanks.text.contains("Ý kiến chi tiết của Ông/Bà đã được ghi nhận"))
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM answers WHERE responseId = (SELECT id FROM responses)") == 5)
            #expect(try await server.count("SELECT level FROM answers WHERE questionId = 'overall'") == 3)
            let stored = try await server.database.pool.read { db in try String.fetchOne(db, sql: "SELECT text FROM responseTexts") }
            #expect(stored == comment)
        }
    }

    /// A rating never carries contact data: a phone number or an e-mail typed into the
    /// comment is taken out before it is stored; the words, and a dossier code, stay.
    @Test func aPhoneOrEmailInTheCommentIsNotStored() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            #expect(try await client.submitForm("/r/\(token)", "_k=\(key)&overall=1").status == .ok)
            let comment = "Gọi lại cho tôi 0912 345 678 hoặc an.nguyen@example.vn, hồ sơ H12.34-261123-0001"
            let thanks = try await client.submitForm(
                "/r/\(token)", "_k=\(key)&comment=" + (comment.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(thanks.status == .ok)
            let stored = try await server.database.pool.read { db in try String.fetchOne(db, sql: "SELECT text FROM responseTexts") }
            #expect(stored == "Gọi lại cho tôi [đã ẩn] hoặc [đã ẩn], hồ sơ H12.34-261123-0001")
        }
    }

    @Test func aRecordedRatingRedirectsToItsOwnDetailsPage() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            let posted = try await client.postForm("/r/\(token)?lang=en", "_k=\(key)&overall=2")
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/r/\(token)?k=\(key)&lang=en")
            // The ticket is used: without the key its URL says so, with the key it continues.
            #expect(try await client.get("/r/\(token)").status == .gone)
            let details = try await client.get("/r/\(token)?k=\(key)&lang=en")
            #expect(details.status == .ok)
            #expect(details.text.contains("You may tell us more"))
            let someoneElse = try await client.get("/r/\(token)?k=AAAAAAAAAAAAAAAA")
            #expect(someoneElse.status == .gone)
        }
    }

    @Test func aDoubleTapRecordsOnce() async throws {
        let server = try await TestServer()
        let poster = try server.posterToken()
        try await server.test { client in
            // A poster takes many ratings, so only the page's key can tell a double tap.
            let key = try #require(try await client.get("/r/\(poster)").submissionKey)
            let first = try await client.submitForm("/r/\(poster)", "_k=\(key)&overall=2")
            let second = try await client.submitForm("/r/\(poster)", "_k=\(key)&overall=2")
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(second.text.contains(#"name="access-1""#), "the repeat shows the same details page")
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
            #expect(try await server.count("SELECT SUM(n) FROM answerCounts") == 1)

            // A fresh page load on the poster is a new citizen: a second response.
            let next = try #require(try await client.get("/r/\(poster)").submissionKey)
            #expect(next != key)
            #expect(try await client.submitForm("/r/\(poster)", "_k=\(next)&overall=3").status == .ok)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 2)
        }
    }

    @Test func detailsNeverReplaceTheOverallAnswerNorRecordTwice() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            _ = try await client.submitForm("/r/\(token)", "_k=\(key)&overall=1")
            // The same key with another overall level: shown the details again, nothing changes.
            let again = try await client.submitForm("/r/\(token)", "_k=\(key)&overall=3&access-1=5")
            #expect(again.status == .ok)
            #expect(try await server.count("SELECT level FROM answers WHERE questionId = 'overall'") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 1)

            #expect(try await client.submitForm("/r/\(token)", "_k=\(key)&access-1=2").status == .ok)
            let repeated = try await client.submitForm("/r/\(token)", "_k=\(key)&access-1=5&officer-1=5")
            #expect(repeated.status == .ok)
            #expect(try await server.count("SELECT level FROM answers WHERE questionId = 'access-1'") == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 2)
            #expect(try await server.count("SELECT SUM(n) FROM answerCounts") == 2)
        }
    }

    @Test func detailsAfterTheirWindowAreRefusedWith410() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            _ = try await client.submitForm("/r/\(token)", "_k=\(key)&overall=2")
            try await server.database.pool.write { db in
                try db.execute(sql: "UPDATE responses SET detailsUntil = ?", arguments: [server.clock.now.addingTimeInterval(-1)])
            }
            let late = try await client.postForm("/r/\(token)", "_k=\(key)&access-1=5")
            #expect(late.status == .gone)
            #expect(late.text.contains("Đã hết thời gian bổ sung ý kiến"))
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 1)
        }
    }

    @Test func aUsedTicketGets410AndAForgedToken404() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            #expect(try await client.submitForm("/r/\(token)", "overall=3").status == .ok)

            let page = try await client.get("/r/\(token)")
            #expect(page.status == .gone)
            #expect(page.text.contains("đã được dùng để đánh giá"))
            let again = try await client.postForm("/r/\(token)", "overall=1")
            #expect(again.status == .gone)
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)

            for forged in ["AAAAAAAAAAAA", "zzzzzzzzzzzz"] {
                #expect(try await client.get("/r/\(forged)").status == .notFound)
                #expect(try await client.submitForm("/r/\(forged)", "overall=3").status == .notFound)
            }
            let odd = try await client.get("/r/%3Cscript%3E")
            #expect(odd.status == .notFound)
            #expect(!odd.text.contains("<script>"))
            #expect(try await server.count("SELECT COUNT(*) FROM responses") == 1)
        }
    }

    @Test func anExpiredTicketGets410AndRecordsNothing() async throws {
        let server = try await TestServer()
        let unitId = try #require(server.demo.units[0].id)
        let ticket = try await server.database.issueTicket(
            TicketRequest(unitId: unitId, counter: "q1", lifetime: 60, now: server.clock.now.addingTimeInterval(-3600)))
        try await server.test { client in
            let page = try await client.get("/r/\(ticket.token)")
            #expect(page.status == .gone)
            #expect(page.text.contains("đã hết hạn"))
            #expect(try await client.submitForm("/r/\(ticket.token)", "overall=3").status == .gone)
            #expect(try await server.writtenRows() == 0)
        }
    }

    @Test func aRefusedPostReRendersThePageWithTheErrorAndKeepsTheInput() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let key = try #require(try await client.get("/r/\(token)").submissionKey)
            let missing = try await client.postForm("/r/\(token)", "_k=\(key)")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Vui lòng chọn một mức hài lòng chung"))
            #expect(missing.submissionKey == key)

            _ = try await client.submitForm("/r/\(token)", "_k=\(key)&overall=3")
            let script = "<script>alert(1)</script>".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let refused = try await client.postForm("/r/\(token)", "_k=\(key)&access-1=9&officer-1=4&comment=\(script)")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("access-1"))
            #expect(refused.text.contains(#"name="officer-1" value="4" checked"#), "the citizen's choices are kept")
            #expect(refused.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "kept input is escaped")
            #expect(!refused.text.contains("<script>"))
            #expect(try await server.count("SELECT COUNT(*) FROM answers") == 1)
        }
    }
}

@Suite("Page weight")
struct PageWeightTests {
    @Test func theDetailsPageWithItsStylesheetStaysUnder15KB() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey)
            let details = try await client.submitForm("/r/\(token)", "overall=1")
            let css = try await client.get("/static/site.css")
            #expect(details.body.readableBytes + css.body.readableBytes < 15 * 1024, "\(details.body.readableBytes) + \(css.body.readableBytes) bytes")
        }
    }
}
