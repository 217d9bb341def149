import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

/// A form body with every name and value percent-encoded, as a browser sends it.
private func formBody(_ pairs: KeyValuePairs<String, String>) -> String {
    func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
    return pairs.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
}

extension TestClientProtocol {
    /// Posts one action form of an item's page.
    fileprivate func feedbackAction(_ code: String, cookie: String, csrf: String, _ pairs: KeyValuePairs<String, String>) async throws -> TestResponse {
        let body = formBody(pairs)
        return try await post(SiteURL.feedbackAction(.value(code)).path, cookie: cookie, form: "_csrf=\(csrf)" + (body.isEmpty ? "" : "&" + body))
    }
}

@Suite("Feedback screens: queue, item page with its actions, key-in")
struct FeedbackScreenTests {
    nonisolated(unsafe) static let contact: [String: Any] = ["name": "Nguyễn Văn An", "address": "12 Lê Lợi, Tam Phước", "phone": "0912 345 678"]

    /// Monday 23/11/2026, 09:00 in Asia/Ho_Chi_Minh.
    static func monday() throws -> Date { try LocalInstant.at("2026-11-23") }

    @Test func aDirectorKeysInAHotlineItemAssignsItAndTheOfficerStartsAndResolvesIt() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("canbo.an", .officer, unit: "tam-phuoc")
        try await server.test { client in
            var director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            let home = try await client.get(SiteURL.admin.path, cookie: director)
            #expect(home.text.contains(#"<a href="/admin/feedback">Phản ánh, kiến nghị</a>"#))

            let form = try await client.get(SiteURL.feedbackNew.path, cookie: director)
            #expect(form.status == .ok)
            #expect(form.text.contains("Tôi muốn báo một việc chưa đúng"))
            #expect(form.text.contains(#"<option value="hotline">Đường dây nóng</option>"#))
            #expect(form.text.contains(#"value="2026-11-23""#), "the date received starts as today")

            // A call to the hotline on Friday afternoon, keyed in on Monday morning.
            let created = try await client.post(
                SiteURL.feedbackNew.path, cookie: director,
                form: "_csrf=\(csrf)&"
                    + formBody([
                        "channel": "hotline", "receivedDate": "2026-11-20", "receivedTime": "16:45", "kind": "phan-anh", "category": "cham-tre",
                        "counter": "q1", "procedure": "1.001193", "dossier": "HS-2026-0042", "description": "Hồ sơ khai sinh trễ hẹn 5 ngày",
                        "contact.name": "Nguyễn Văn An", "contact.address": "12 Lê Lợi, Tam Phước", "contact.phone": "0912 345 678", "consent": "yes",
                    ]))
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/admin/feedback/") && location.hasSuffix("?received=1"))
            let code = String(location.dropFirst("/admin/feedback/".count).prefix { $0 != "?" })
            #expect(TrackingCode(normalizing: code)?.description == code)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE channel = 'hotline' AND receivedOn = '2026-11-20'") == 1)

            let page = try await client.get(location, cookie: director)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("Đã tiếp nhận phản ánh mã \(code)."))
            #expect(page.text.contains("Đường dây nóng"))
            #expect(page.text.contains("20/11/2026 16:45"), "the real time of receipt")
            // Ten working days after Friday 20/11, the day of receipt not counted.
            #expect(page.text.contains("04/12/2026"))
            #expect(page.text.contains("Nguyễn Văn An"), "the director handles the unit's items and sees the contact data")
            #expect(page.text.contains("HS-2026-0042"))
            #expect(page.text.contains(#"<input type="hidden" name="action" value="assign">"#))
            #expect(page.text.contains(#"<option value="canbo.an">canbo.an - "#), "the unit's officer accounts are offered")
            #expect(!page.text.contains(#"name="action" value="start""#), "start is not allowed on a received item")
            #expect(!page.text.contains(#"name="action" value="verify""#), "a delay is not a conduct item")

            let assigned = try await client.feedbackAction(
                code, cookie: director, csrf: csrf,
                ["action": "assign", "assignee": "canbo.an", "task": "Liên hệ người dân, kiểm tra hồ sơ", "dueAt": "2026-12-01"])
            #expect(assigned.status == .seeOther)
            #expect(assigned.headers[.location] == SiteURL.feedbackItem(.value(code)).path(["done": "assign"]))
            let afterAssign = try await client.get(try #require(assigned.headers[.location]), cookie: director)
            #expect(afterAssign.text.contains("Đã ghi thao tác: Giao xử lý."))
            #expect(afterAssign.text.contains("Liên hệ người dân, kiểm tra hồ sơ"))
            #expect(afterAssign.text.contains("01/12/2026"))

            // The officer finds it in their queue, opens it, starts and resolves it.
            var officer = try await client.signIn("canbo.an", address: "10.0.0.2")
            var officerCSRF = try await client.csrf(cookie: officer)
            let officerHome = try await client.get(SiteURL.admin.path, cookie: officer)
            #expect(officerHome.text.contains("Phản ánh, kiến nghị"))
            let queue = try await client.get(SiteURL.feedbackQueue.path, cookie: officer)
            #expect(queue.status == .ok)
            #expect(queue.text.contains(code))
            let mine = try await client.get(SiteURL.feedbackQueue.path(["assignee": "mine"]), cookie: officer)
            #expect(mine.text.contains(code))
            let item = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: officer)
            #expect(item.status == .ok)
            #expect(item.text.contains("Nguyễn Văn An"), "the assignee sees the contact data")
            #expect(item.text.contains(#"name="action" value="start""#))
            #expect(!item.text.contains(#"name="action" value="assign""#), "an officer does not assign")
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'feedback.contact.view' AND actor = 'canbo.an'") >= 1)

            // The next morning: sessions end after 30 minutes idle, so both sign in again.
            server.clock.set(try LocalInstant.at("2026-11-24", 10))
            officer = try await client.signIn("canbo.an", address: "10.0.0.2")
            officerCSRF = try await client.csrf(cookie: officer)
            director = try await client.signIn("giamdoc")
            let start = try await client.feedbackAction(code, cookie: officer, csrf: officerCSRF, ["action": "start"])
            #expect(start.headers[.location] == SiteURL.feedbackItem(.value(code)).path(["done": "start"]))
            let started = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: officer)
            #expect(started.text.contains("Đang xử lý"))
            #expect(started.text.contains("hiển thị công khai cho người dân"), "the result field says it is public")
            let resolved = try await client.feedbackAction(
                code, cookie: officer, csrf: officerCSRF, ["action": "resolve", "result": "Đã trả kết quả khai sinh ngày 24/11/2026"])
            #expect(resolved.headers[.location] == SiteURL.feedbackItem(.value(code)).path(["done": "resolve"]))
            let done = try await client.get(try #require(resolved.headers[.location]), cookie: officer)
            #expect(done.text.contains("Đã giải quyết"))
            #expect(done.text.contains("Đã trả kết quả khai sinh ngày 24/11/2026"))
            #expect(done.text.contains("24/11/2026 10:00"), "the timeline shows local times")
            #expect(done.text.contains("Giải quyết, trả lời"))
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents e JOIN feedbackItems i ON i.id = e.itemId WHERE i.state = 'resolved'") == 4)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents WHERE action = 'resolve' AND actor = 'canbo.an'") == 1)
            // Handled items leave the default queue (open items) but stay under "all".
            #expect(!(try await client.get(SiteURL.feedbackQueue.path, cookie: director)).text.contains(code))
            #expect(try await client.get(SiteURL.feedbackQueue.path(["due": "all"]), cookie: director).text.contains(code))
        }
    }

    @Test func anOfficerNeitherSeesNorActsOnAnItemNotAssignedToThem() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("canbo.an", .officer, unit: "tam-phuoc")
        try await server.addUser("canbo.binh", .officer, unit: "tam-phuoc")
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "co-so", "description": "Thiếu ghế chờ", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            let officer = try await client.signIn("canbo.an")
            let csrf = try await client.csrf(cookie: officer)

            #expect(!(try await client.get(SiteURL.feedbackQueue.path, cookie: officer)).text.contains(code))
            #expect(try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: officer).status == .forbidden)
            #expect(try await client.feedbackAction(code, cookie: officer, csrf: csrf, ["action": "resolve", "result": "Xong"]).status == .forbidden)

            // Assigned to a colleague: still neither in the queue nor open to this officer.
            let director = try await client.signIn("giamdoc", address: "10.0.0.2")
            let directorCSRF = try await client.csrf(cookie: director)
            #expect(
                try await client.feedbackAction(code, cookie: director, csrf: directorCSRF, ["action": "assign", "assignee": "canbo.binh", "task": "Bổ sung ghế chờ"]).status
                    == .seeOther)
            #expect(!(try await client.get(SiteURL.feedbackQueue.path, cookie: officer)).text.contains(code))
            #expect(try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: officer).status == .forbidden)
            #expect(try await client.feedbackAction(code, cookie: officer, csrf: csrf, ["action": "start"]).status == .forbidden)
            #expect(try await client.get(SiteURL.feedbackQueue.path(["unit": "chon-thanh"]), cookie: officer).status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE state = 'assigned' AND lastSeq = 2") == 1, "nothing changed")

            // An officer keys in what the suggestion box held, then is told its code: the item
            // is not theirs to open until someone assigns it to them.
            let keyed = try await client.post(
                SiteURL.feedbackNew.path, cookie: officer,
                form: "_csrf=\(csrf)&" + formBody(["channel": "box", "kind": "gop-y", "category": "co-so", "description": "Nhà vệ sinh hỏng vòi nước"]))
            #expect(keyed.status == .seeOther, "\(keyed.text)")
            let location = try #require(keyed.headers[.location])
            #expect(location.hasPrefix(SiteURL.feedbackNew.path(["unit": "tam-phuoc", "received": ""])))
            #expect(try await client.get(location, cookie: officer).text.contains("Đã tiếp nhận phản ánh mã"))
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems WHERE channel = 'box' AND anonymous") == 1)
        }
    }

    @Test func anotherWardsDirectorIsRefusedAndAnAdministratorChoosesTheWard() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc2", .director, unit: "chon-thanh")
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "gop-y", "category": "co-so", "description": "Nên có thêm quạt", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            let other = try await client.signIn("giamdoc2")
            let csrf = try await client.csrf(cookie: other)
            #expect(try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: other).status == .forbidden)
            #expect(try await client.feedbackAction(code, cookie: other, csrf: csrf, ["action": "accept"]).status == .forbidden)
            #expect(try await client.get(SiteURL.feedbackQueue.path(["unit": "tam-phuoc"]), cookie: other).status == .forbidden)
            let ownQueue = try await client.get(SiteURL.feedbackQueue.path, cookie: other)
            #expect(ownQueue.status == .ok)
            #expect(!ownQueue.text.contains(code))
            #expect(!ownQueue.text.contains("unit-chooser"), "a ward's director sees one ward")

            let admin = try await client.signIn("quantri", address: "10.0.0.2")
            let adminQueue = try await client.get(SiteURL.feedbackQueue.path(["unit": "tam-phuoc"]), cookie: admin)
            #expect(adminQueue.status == .ok)
            #expect(adminQueue.text.contains(#"id="unit-chooser""#))
            #expect(adminQueue.text.contains(code))
            #expect(!(try await client.get(SiteURL.feedbackQueue.path(["unit": "chon-thanh"]), cookie: admin)).text.contains(code))
        }
    }

    @Test func theOverdueFilterListsAnItemOnceTheClockPassesItsDueDate() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            // Received Monday 23/11/2026: due Monday 07/12/2026.
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "cham-tre", "description": "Trễ hẹn", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            var director = try await client.signIn("giamdoc")
            let overdueURL = SiteURL.feedbackQueue.path(["due": "overdue"])

            let before = try await client.get(overdueURL, cookie: director)
            #expect(!before.text.contains(code))
            #expect(before.text.contains("Quá hạn: 0"))
            #expect(try await client.get(SiteURL.feedbackQueue.path, cookie: director).text.contains(code))

            server.clock.set(try LocalInstant.at("2026-12-04", 9))
            director = try await client.signIn("giamdoc")
            let soon = try await client.get(SiteURL.feedbackQueue.path(["due": "soon"]), cookie: director)
            #expect(soon.text.contains(code))
            #expect(soon.text.contains("Sắp đến hạn: 1"))
            #expect(soon.text.contains("⚠ Sắp đến hạn"), "the marker is words, not colour alone")

            server.clock.set(try LocalInstant.at("2026-12-08", 9))
            director = try await client.signIn("giamdoc")
            let after = try await client.get(overdueURL, cookie: director)
            #expect(after.text.contains(code))
            #expect(after.text.contains("Quá hạn: 1"))
            #expect(after.text.contains("07/12/2026"))
            #expect(after.text.contains(#"<strong class="due over">⚠ Quá hạn</strong>"#))
            #expect(after.text.contains(#"aria-current="page""#))
            // The other filters keep working beside it.
            #expect(try await client.get(SiteURL.feedbackQueue.path(["due": "overdue", "kind": "phan-anh"]), cookie: director).text.contains(code))
            #expect(!(try await client.get(SiteURL.feedbackQueue.path(["due": "overdue", "kind": "gop-y"]), cookie: director)).text.contains(code))
            #expect(try await client.get(SiteURL.feedbackQueue.path(["assignee": "none"]), cookie: director).text.contains(code))
            #expect(!(try await client.get(SiteURL.feedbackQueue.path(["assignee": "mine"]), cookie: director)).text.contains(code))
            #expect(try await client.get(SiteURL.feedbackQueue.path(["state": "received"]), cookie: director).text.contains(code))
        }
    }

    @Test func aRefusedActionOrKeyInComesBackWithTheMessageAndTheInput() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "phan-anh", "category": "thu-tuc", "description": "Thủ tục rườm rà", "contact": Self.contact, "consent": true],
                key: server.apiKey)
            let code = try #require(item["code"] as? String)
            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)

            // 409: the state machine has no "start" from received.
            let early = try await client.feedbackAction(code, cookie: director, csrf: csrf, ["action": "start"])
            #expect(early.status == .conflict)
            #expect(early.text.contains("Không thể &quot;bắt đầu xử lý&quot; khi phản ánh đang ở trạng thái &quot;đã tiếp nhận&quot;."))
            #expect(early.text.contains(#"role="alert""#))
            #expect(early.text.contains("Phản ánh \(code)"), "the item's page again, not an error page")

            // 422: a resolve without its result keeps the note typed.
            let blank = try await client.feedbackAction(
                code, cookie: director, csrf: csrf, ["action": "resolve", "result": "  ", "note": "Ghi chú giữ lại"])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains(#"value="Ghi chú giữ lại""#))
            #expect(try await server.count("SELECT lastSeq FROM feedbackItems") == 1, "nothing was recorded")

            // 422 on key-in: contact without consent; everything typed is kept.
            let refused = try await client.post(
                SiteURL.feedbackNew.path, cookie: director,
                form: "_csrf=\(csrf)&"
                    + formBody([
                        "channel": "letter", "receivedDate": "2026-11-19", "kind": "kien-nghi", "category": "co-so",
                        "description": "Đề nghị lắp thêm mái che", "contact.name": "Trần Thị Bình",
                    ]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("cần đánh dấu đồng ý"))
            #expect(refused.text.contains("Đề nghị lắp thêm mái che"))
            #expect(refused.text.contains(#"value="Trần Thị Bình""#))
            #expect(refused.text.contains(#"<option value="letter" selected>"#))
            // And a date more than 30 days back.
            let old = try await client.post(
                SiteURL.feedbackNew.path, cookie: director,
                form: "_csrf=\(csrf)&"
                    + formBody(["channel": "box", "receivedDate": "2026-10-01", "kind": "gop-y", "category": "khac", "description": "Góp ý"]))
            #expect(old.status == .unprocessableContent)
            #expect(old.text.contains("Ngày nhận không được quá 30 ngày trước."))
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 1)
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefused() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let item = try await client.fileFeedback(
                ["kind": "gop-y", "category": "khac", "description": "Góp ý chung", "contact": Self.contact, "consent": true], key: server.apiKey)
            let code = try #require(item["code"] as? String)
            let director = try await client.signIn("giamdoc")
            let action = try await client.post(SiteURL.feedbackAction(.value(code)).path, cookie: director, form: "action=accept")
            #expect(action.status == .forbidden)
            let wrong = try await client.post(SiteURL.feedbackAction(.value(code)).path, cookie: director, form: "_csrf=sai&action=accept")
            #expect(wrong.status == .forbidden)
            let keyIn = try await client.post(
                SiteURL.feedbackNew.path, cookie: director,
                form: formBody(["channel": "hotline", "kind": "gop-y", "category": "khac", "description": "Góp ý qua điện thoại"]))
            #expect(keyIn.status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackItems") == 1)
        }
    }

    @Test func markupInADescriptionIsShownAsText() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            let created = try await client.post(
                SiteURL.feedbackNew.path, cookie: director,
                form: "_csrf=\(csrf)&"
                    + formBody([
                        "channel": "in-person", "kind": "gop-y", "category": "khac",
                        "description": #"<script>alert("x")</script><img src=x onerror=alert(1)> & 'ok'"#,
                    ]))
            #expect(created.status == .seeOther)
            let page = try await client.get(try #require(created.headers[.location]), cookie: director)
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;ok&#39;"))
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("<img src=x"))
            #expect(page.text.contains("Ẩn danh"), "an item without contact is anonymous")
            #expect(page.text.contains("Không tính hạn"))
        }
    }
}
