import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Public feedback: the form, the receipt, /track and the citizen's reopen")
struct PublicFeedbackTests {
    static let contactFields =
        "contact.name=Nguy%E1%BB%85n+V%C4%83n+An&contact.address=12+L%C3%AA+L%E1%BB%A3i&contact.phone=0912345678&consent=yes"

    @Test func theFormFilesAnItemAndTheReceiptShowsItsCode() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let form = try await client.get(SiteURL.feedback.path(["unit": "tam-phuoc"]))
            #expect(form.status == .ok)
            #expect(form.text.contains("Tôi muốn báo một việc chưa đúng"))
            #expect(form.text.contains(#"name="consent""#))
            #expect(form.text.contains(#"enctype="multipart/form-data""#))
            #expect(form.text.contains("Trung tâm Phục vụ hành chính công Phường Tam Phước"))

            let posted = try await client.postForm(
                SiteURL.feedback.path,
                "unit=tam-phuoc&kind=phan-anh&category=cham-tre&counter=q2&description=H%E1%BB%93+s%C6%A1+tr%E1%BB%85+h%E1%BA%B9n&"
                    + Self.contactFields)
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/track/") && location.hasSuffix("?new=1"))
            let receipt = try await client.get(location)
            #expect(receipt.status == .ok)
            let code = try #require(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 1 ? String(location.dropFirst(7).prefix(14)) : nil)
            #expect(receipt.text.contains(code))
            #expect(receipt.text.contains("Mã tra cứu"))
            #expect(receipt.text.contains("07/12/2026"), "due date shown")
            #expect(!receipt.text.contains("Nguyễn Văn An"), "never contact data on /track")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE channel = 'web' AND counterId IS NOT NULL") == 1)
            // Contact data is stored apart, sealed: the name is nowhere in the database in clear.
            let sealed = try await server.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM feedbackContacts") }
            #expect(sealed.map { !String(decoding: $0, as: UTF8.self).contains("An") } == true)
        }
    }

    @Test func aRefusedFormComesBackWithTheInputAndTheReason() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let refused = try await client.postForm(
                SiteURL.feedback.path,
                "unit=tam-phuoc&kind=phan-anh&category=khac&description=%3Cb%3EN%E1%BB%99i+dung%3C%2Fb%3E&contact.name=An&contact.phone=0912345678")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("cần đánh dấu đồng ý"))
            #expect(refused.text.contains("&lt;b&gt;Nội dung&lt;/b&gt;"), "kept, escaped")
            #expect(!refused.text.contains("<b>Nội dung"))
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 0)
            // Fields the form does not have, and a filled honeypot, are refused too.
            #expect(try await client.postForm(SiteURL.feedback.path, "unit=tam-phuoc&kind=gop-y&category=khac&description=x&admin=1").status == .unprocessableContent)
            #expect(try await client.postForm(SiteURL.feedback.path, "unit=tam-phuoc&kind=gop-y&category=khac&description=x&website=spam").status == .badRequest)
            #expect(try await client.postForm(SiteURL.feedback.path, "unit=tam-phuoc&kind=gop-y&category=khac&description=x&receivedAt=2026-01-01").status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 0)
        }
    }

    @Test func theJSONTwinAnswers201AndTrackAnswersJSON() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let created = try await client.postJSON(
                SiteURL.feedback.path,
                ["unit": "tam-phuoc", "kind": "gop-y", "category": "co-so", "description": "Cần thêm ghế",
                 "contact": ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"], "consent": true] as [String: Any])
            #expect(created.status == .created)
            let json = try created.json()
            let code = try #require(json["code"] as? String)
            #expect(json["dueAt"] as? String == "2026-12-07")
            #expect(json["state"] as? String == "received")

            let tracked = try await client.getJSON(SiteURL.track(.value(code.lowercased().replacingOccurrences(of: "-", with: ""))).path)
            #expect(tracked.status == .ok, "codes are case-insensitive and dashes optional")
            let body = try tracked.json()
            #expect(Set(body.keys) == ["code", "kind", "state", "receivedAt", "dueAt", "resolvedAt", "onTime", "result", "events"])
            #expect(body["code"] as? String == code)
            #expect(body["resolvedAt"] is NSNull)
            #expect((body["events"] as? [[String: Any]])?.first?["state"] as? String == "received")
            let unknown = try await client.getJSON(SiteURL.track(.value("AAAA-BBBB-CCCC")).path)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "unknown_feedback", "a JSON client gets a JSON error")
            let refused = try await client.postJSON(SiteURL.feedback.path, ["unit": "tam-phuoc", "kind": "gop-y", "category": "khac"] as [String: Any])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "invalid_description")
        }
    }

    @Test func theCitizenReopensAnAnsweredItemWithinTenWorkingDaysOnly() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23"))
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "thu-tuc", "description": "Hướng dẫn sai",
                 "contact": ["name": "An", "address": "12 Lê Lợi", "phone": "0912345678"], "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            #expect(try await client.act(code, ["action": "resolve", "result": "Đã hướng dẫn lại đầy đủ"], key: server.apiKey).status == .ok)
            let page = try await client.get(SiteURL.track(.value(code)).path)
            #expect(page.text.contains("Đã hướng dẫn lại đầy đủ"), "the result is public")
            #expect(page.text.contains("07/12/2026"), "reopen until ten working days after 23/11")
            let reopened = try await client.postForm(SiteURL.trackReopen(.value(code)).path, "reason=Ch%C6%B0a+%C4%91%C3%BAng")
            #expect(reopened.status == .seeOther)
            let json = try await client.getJSON(SiteURL.track(.value(code)).path).json()
            #expect(json["state"] as? String == "in-progress")
            // A reopened item gets the answer limit again, from the reopen day.
            #expect(json["dueAt"] as? String == "2026-12-07")
            // ...and is no longer handled: no handling time, no on-time verdict until answered again.
            #expect(json["resolvedAt"] is NSNull)
            #expect(json["onTime"] is NSNull)
            #expect(json["result"] is NSNull, "the answer reopened no longer stands")

            #expect(try await client.act(code, ["action": "resolve", "result": "Lần hai"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-12-08"))
            let late = try await client.postForm(SiteURL.trackReopen(.value(code)).path, "reason=Mu%E1%BB%99n")
            #expect(late.status == .conflict)
            #expect(late.text.contains("Đã hướng dẫn") || late.text.contains("Lần hai"))
        }
    }

    @Test func lookUpsAreLimitedPerAddress() async throws {
        let server = try await TestServer()
        try await server.test { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<61 {
                statuses.append(try await client.get(SiteURL.track(.value("AAAA-BBBB-CCCC")).path, headers: [AppRequestContext.realIP: "10.9.9.9"]).status)
            }
            #expect(statuses.prefix(60).allSatisfy { $0 == .notFound })
            #expect(statuses.last == .tooManyRequests)
            #expect(try await client.get(SiteURL.track(.value("AAAA-BBBB-CCCC")).path, headers: [AppRequestContext.realIP: "10.9.9.10"]).status == .notFound)
        }
    }

    @Test func theLowestRatingOffersFeedbackCarryingTheVisit() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q2","officer":"cb-lan","procedure":"1.004227","dossier":"H-1"}"#)
            let details = try await client.submitForm(SiteURL.rating(.value(token)).path, "overall=1")
            let key = try #require(details.submissionKey)
            let link = SiteURL.feedback.path(["from": token, "k": key])
            #expect(details.text.contains(link.replacingOccurrences(of: "&", with: "&amp;")))
            let form = try await client.get(link)
            #expect(form.status == .ok)
            #expect(form.text.contains("Quầy 2"))
            #expect(!form.text.contains("cb-lan") && !form.text.contains("Lan"), "the officer is never shown")
            // A counter or dossier that contradicts the rating is refused, and nothing is written.
            let body = "from=\(token)&k=\(key)&kind=phan-anh&category=thai-do&description=Th%C3%A1i+%C4%91%E1%BB%99&" + Self.contactFields
            let otherCounter = try await client.postForm(SiteURL.feedback.path, body + "&counter=q1")
            #expect(otherCounter.status == .unprocessableContent)
            #expect(otherCounter.text.contains("Quầy không khớp với lượt đánh giá"))
            #expect(try await client.postForm(SiteURL.feedback.path, body + "&dossier=H-2").status == .unprocessableContent)
            // ...nor can the complaint be pinned on another officer than the rated visit's.
            let otherOfficer = try await client.postForm(SiteURL.feedback.path, body + "&officer=cb-minh")
            #expect(otherOfficer.status == .unprocessableContent)
            #expect(otherOfficer.text.contains("Cán bộ không khớp với lượt đánh giá"))
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 0)
            let posted = try await client.postForm(SiteURL.feedback.path, body + "&counter=q2")
            #expect(posted.status == .seeOther)
            #expect(
                try await server.count(
                    "SELECT COUNT(*) FROM feedbackItems i JOIN officers o ON o.id = i.officerId WHERE o.code = 'cb-lan' AND i.channel = 'rating' AND i.dossier = 'H-1'")
                    == 1)
            // A satisfied citizen is not pushed to complain.
            let other = try await client.issueTicket(key: server.apiKey)
            #expect(!(try await client.submitForm(SiteURL.rating(.value(other)).path, "overall=3").text.contains("/feedback?from=")))
        }
    }
}

@Suite("Public feedback: attachments over HTTP")
struct FeedbackAttachmentHTTPTests {
    private func form(_ files: [(String, String, [UInt8])]) -> MultipartBody {
        var body = MultipartBody()
            .field("unit", "tam-phuoc").field("kind", "phan-anh").field("category", "co-so").field("description", "Mái che bị dột")
        for (index, file) in files.enumerated() {
            body = body.file("file\(index + 1)", filename: file.0, type: file.1, file.2)
        }
        return body
    }

    private func post(_ client: some TestClientProtocol, _ body: MultipartBody) async throws -> TestResponse {
        try await client.execute(
            uri: SiteURL.feedback.path, method: .post, headers: [.contentType: body.contentType], body: ByteBuffer(bytes: body.closed))
    }

    @Test func aPhotoAndAPDFAreKeptCleanedAndAnythingElseIsRefusedWithNothingWritten() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let good = try await post(
                client,
                form([
                    ("anh.jpg", "image/jpeg", AttachmentFixtures.jpeg(extra: [AttachmentFixtures.exifWithGPS()])),
                    ("bien-ban.pdf", "application/pdf", AttachmentFixtures.pdf()),
                ]))
            #expect(good.status == .seeOther, "\(good.text)")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackAttachments") == 2)
            let stored = try await server.database.pool.read { db in try Data.fetchAll(db, sql: "SELECT bytes FROM feedbackAttachments") }
            #expect(stored.allSatisfy { !String(decoding: $0, as: UTF8.self).contains(AttachmentFixtures.gpsDescription) })

            let refusals: [(String, String, [UInt8], HTTPResponse.Status)] = [
                ("bien-ban.pdf", "application/pdf", Array("<!doctype html><html><script>alert(1)</script></html>".utf8), .unsupportedMediaType),
                ("bien-ban.pdf", "application/pdf", AttachmentFixtures.pdf(catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), .unprocessableContent),
                ("anh.png", "image/png", Array("MZ\u{90}\u{00}not really a picture".utf8), .unsupportedMediaType),
            ]
            for (name, type, bytes, status) in refusals {
                let refused = try await post(client, form([(name, type, bytes)]))
                #expect(refused.status == status, "\(name): \(refused.status)")
                #expect(refused.text.contains(#"name="description""#), "the form comes back")
                #expect(refused.text.contains("Mái che bị dột"), "with what was typed")
            }
            // Over 5 MB, or a fourth file: refused before any file is looked at.
            let oversize = try await post(client, form([("anh.jpg", "image/jpeg", [UInt8](repeating: 0xFF, count: 5 * 1024 * 1024 + 1))]))
            #expect(oversize.status == .contentTooLarge)
            let four = try await post(client, form((1...4).map { ("anh\($0).png", "image/png", AttachmentFixtures.png()) }))
            #expect(four.status.code >= 400 && four.status.code < 500)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 1, "refusals wrote nothing")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackAttachments") == 2)
        }
    }
}
