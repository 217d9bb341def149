import Crypto
import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import Storage
import Testing

@testable import App

@Suite("Personal data: correction, deletion and retention keep the record and its history")
struct AnonymisationTests {
    static func monday() throws -> Date { try LocalInstant.at("2026-11-23") }

    /// A PDF whose document information and XMP packet name the person.
    static func pdfWithAuthor() -> [UInt8] {
        AttachmentFixtures.pdf(objects: [
            Array("4 0 obj\n<< /Author (Tr\u{5C}(an\u{5C}) Binh) /Title <42696E68> /Creator (Scanner of Binh) >>\nendobj\n".utf8),
            AttachmentFixtures.pdfStream(
                5, dictionary: "/Type /Metadata /Subtype /XML",
                data: Array("<?xpacket begin=\"\" id=\"W5M0\"?>\n<x:xmpmeta><dc:creator>XMP Binh</dc:creator></x:xmpmeta>\n<?xpacket end=\"w\"?>".utf8)),
        ])
    }

    private static func events(_ server: TestServer, _ code: String) throws -> [Row] {
        try server.database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT e.* FROM feedbackEvents e JOIN feedbackItems i ON i.id = e.itemId WHERE i.code = ? ORDER BY e.seq", arguments: [code])
        }
    }

    @Test func aCorrectionReplacesTheContactRecordsThatItChangedAndKeepsNoValue() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let code = try await client.fileWithContact()
            let empty = try await client.askPrivacy(code, kind: "correction", proof: PrivacyFixture.phone)
            #expect(empty.status == .unprocessableContent && empty.text.contains("thông tin cần sửa"))
            let bad = try await client.askPrivacy(code, kind: "correction", proof: PrivacyFixture.phone, ["contact.phone": "gọi tôi"])
            #expect(bad.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM privacyRequests") == 0)

            let reference = try await client.askPrivacyAccepted(
                code, kind: "correction", ["contact.phone": "0987 654 321", "contact.address": "7 Hai Bà Trưng, Tam Phước"])
            let sealed = try await server.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT sealedCorrection FROM privacyRequests") }
            let sealedText = String(decoding: try #require(sealed), as: UTF8.self)
            #expect(!sealedText.contains("0987") && !sealedText.contains("Hai Bà"), "the new values are sealed")

            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            let page = try await client.get(SiteURL.privacyRequest(.value(reference)).path, cookie: director)
            #expect(page.text.contains(PrivacyFixture.phone) && page.text.contains("0987 654 321"), "what is held and what it becomes")
            #expect(try await client.privacyAction(reference, "complete", cookie: director, csrf: csrf).status == .seeOther)

            #expect(try await server.count("SELECT COUNT(*) FROM privacyRequests WHERE sealedCorrection IS NOT NULL") == 0, "dropped once applied")
            let item = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: director)
            #expect(item.text.contains("0987 654 321") && item.text.contains("7 Hai Bà Trưng, Tam Phước") && item.text.contains(PrivacyFixture.name))
            #expect(!item.text.contains(PrivacyFixture.phone))
            #expect(item.text.contains("Sửa thông tin liên hệ"), "the history says the contact changed")
            let events = try Self.events(server, code)
            #expect(events.last?["action"] == "contact-changed")
            for event in events {
                let text = "\(event["note"] as String? ?? "") \(event["data"] as String)"
                #expect(!text.contains("0987") && !text.contains("0912") && !text.contains("Hai Bà") && !text.contains("Bình"), "no value in the history")
            }
            #expect(try await Maintenance.verify(dataDirectory: server.config.dataDirectory) == [])
            // The new phone proves the item from now on; the old one no longer does.
            #expect(try await client.askPrivacy(code, kind: "access", proof: PrivacyFixture.phone).status == .unprocessableContent)
            #expect(try await client.askPrivacy(code, kind: "access", proof: "0987654321").status == .seeOther)
        }
    }

    @Test func deletionErasesTheContactAndTheAttachmentsMetadataAndKeepsTheRecordVerifying() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let body = MultipartBody()
                .field("unit", "tam-phuoc").field("kind", "phan-anh").field("category", "thu-tuc").field("description", "Bị yêu cầu nộp thêm giấy tờ")
                .field("contact.name", PrivacyFixture.name).field("contact.address", PrivacyFixture.address).field("contact.phone", PrivacyFixture.phone)
                .field("consent", "yes").file("file1", filename: "don-cua-binh.pdf", type: "application/pdf", Self.pdfWithAuthor())
            let filed = try await client.execute(
                uri: SiteURL.feedback.path, method: .post, headers: [.contentType: body.contentType], body: ByteBuffer(bytes: body.closed))
            #expect(filed.status == .seeOther, "\(filed.text)")
            let location = try #require(filed.headers[.location])
            let code = String(location.dropFirst("/track/".count).prefix { $0 != "?" })
            let stored = try await server.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT bytes FROM feedbackAttachments") }
            #expect(Array(try #require(stored)).containsText("Scanner of Binh"), "intake keeps a PDF as uploaded")
            let trackBefore = try await client.getJSON(SiteURL.track(.value(code)).path)

            let reference = try await client.askPrivacyAccepted(code, kind: "deletion")
            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            let page = try await client.get(SiteURL.privacyRequest(.value(reference)).path, cookie: director)
            #expect(!page.text.contains(PrivacyFixture.phone), "a deletion needs no one to read the data")
            #expect(try await client.privacyAction(reference, "complete", cookie: director, csrf: csrf).status == .seeOther)

            #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 0)
            let trackingCode = try #require(TrackingCode(normalizing: code))
            let item = try #require(try await server.database.feedbackItem(code: trackingCode))
            #expect(item.anonymisedReason == .deletion)
            #expect(abs(try #require(item.anonymisedAt).timeIntervalSince(server.clock.now)) < 0.01)
            #expect(item.description == "Bị yêu cầu nộp thêm giấy tờ" && item.isAnonymous == false, "the record and its clock stay")
            let row = try await server.database.pool.read { db in try Row.fetchOne(db, sql: "SELECT bytes, size, sha256 FROM feedbackAttachments") }
            let attachment = try #require(row)
            let bytes = Array(attachment["bytes"] as Data)
            for secret in ["Binh", "Scanner", "XMP Binh", "42696E68"] { #expect(!bytes.containsText(secret), "\(secret) left in the PDF") }
            #expect(bytes.count == Self.pdfWithAuthor().count && attachment["size"] == bytes.count, "rewritten in place, offsets kept")
            #expect(attachment["sha256"] == Hex.encode(SHA256.hash(data: Data(bytes))))
            #expect(throws: Never.self) { try AttachmentInspector().inspect(bytes) }

            let events = try Self.events(server, code)
            #expect(events.last?["action"] == "contact-erased")
            #expect(try await Maintenance.verify(dataDirectory: server.config.dataDirectory) == [], "the history still verifies")
            let staffPage = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: director)
            #expect(staffPage.text.contains("Đã ẩn danh") && staffPage.text.contains("theo yêu cầu xóa"))
            #expect(!staffPage.text.contains(PrivacyFixture.phone))

            let trackAfter = try await client.getJSON(SiteURL.track(.value(code)).path)
            #expect(trackAfter.status == .ok)
            #expect(trackAfter.text == trackBefore.text, "the public record is unchanged, and says nothing of contact data")
            #expect(try await client.get(SiteURL.track(.value(code)).path).status == .ok)
            #expect(try await client.askPrivacy(code, kind: "access", proof: PrivacyFixture.phone).status == .unprocessableContent)
        }
    }

    @Test func retentionErasesContactDataTwentyFourMonthsAndADayAfterClosingAndNeverOfAnOpenItem() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let old = try await client.fileWithContact()
            let open = try await client.fileWithContact()
            #expect(try await client.act(old, ["action": "resolve", "result": "Đã trả hồ sơ"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-12-24"))
            let recent = try await client.fileWithContact()
            #expect(try await client.act(recent, ["action": "resolve", "result": "Đã trả hồ sơ"], key: server.apiKey).status == .ok)
            let job = PrivacyRetentionJob(database: server.database, months: 24)

            // 23/11/2028 is the last day of `old`'s 24 months: kept.
            #expect(try await job.purge(now: try LocalInstant.at("2028-11-23", 23, 59)).items == 0)
            // 24/11/2028: `old` closed 24 months and a day ago; `recent` 23 months ago.
            let day = try LocalInstant.at("2028-11-24", 1)
            let dry = try await job.purge(now: day, dryRun: true)
            #expect(dry.items == 1 && dry.contacts == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 3, "a dry run changes nothing")
            server.clock.set(day)
            try await job.run(now: day)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 2)
            let codes = try await server.database.pool.read { db in
                try String.fetchAll(db, sql: "SELECT code FROM feedbackItems WHERE anonymisedReason = 'retention'")
            }
            #expect(codes == [old])
            #expect(try await job.purge(now: day).items == 0, "once only")

            // Years later the open item still keeps its contact data; `recent` has lost it.
            let later = try await job.purge(now: try LocalInstant.at("2031-01-01"))
            #expect(later.items == 1 && later.contacts == 1)
            let openCode = try #require(TrackingCode(normalizing: open))
            let openItem = try #require(try await server.database.feedbackItem(code: openCode))
            #expect(openItem.hasContact && openItem.anonymisedAt == nil)
            #expect(try await Maintenance.verify(dataDirectory: server.config.dataDirectory) == [])
            for code in [old, open, recent] { #expect(try await client.get(SiteURL.track(.value(code)).path).status == .ok) }
            let director = try await client.signIn("giamdoc")
            let page = try await client.get(SiteURL.feedbackItem(.value(old)).path, cookie: director)
            #expect(page.text.contains("hết thời hạn lưu trữ") && !page.text.contains(PrivacyFixture.phone))
        }
    }

    @Test func thePurgeCommandCountsOnADryRunThenErasesAndPrintsNoPersonalData() async throws {
        // Anonymous items (a phone and an e-mail, no name) have no clock, so they can be filed
        // and closed in 2024, far enough back whenever this test runs.
        let server = try await TestServer(now: try LocalInstant.at("2024-01-10"))
        try await server.test { client in
            let contact: [String: Any] = ["phone": PrivacyFixture.phone, "email": PrivacyFixture.email]
            let closed = try await client.fileWithContact(contact)
            _ = try await client.fileWithContact(contact)
            #expect(try await client.act(closed, ["action": "resolve", "result": "Đã tiếp thu"], key: server.apiKey).status == .ok)
        }
        let tool = CommandLineTests.executable.path
        try #require(FileManager.default.isExecutableFile(atPath: tool), "no hailong at \(tool)")
        let directory = server.config.dataDirectory
        let dry = try Subprocess.run(tool, ["privacy", "purge", "--data-dir", directory, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.text.contains("would anonymise): 1 ") && dry.text.contains("contacts: 1"), "\(dry.text)")
        #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 2)
        let real = try Subprocess.run(tool, ["privacy", "purge", "--data-dir", directory, "--months", "24"])
        #expect(real.status == 0)
        #expect(real.text.contains("(anonymised): 1 ") && real.text.contains("contacts: 1"), "\(real.text)")
        for secret in ["0912", "binh", "Bình"] { #expect(!real.text.lowercased().contains(secret.lowercased()) && !dry.text.lowercased().contains(secret.lowercased())) }
        #expect(try await server.count("SELECT COUNT(*) FROM feedbackContacts") == 1, "the open one keeps its data")
        #expect(try Subprocess.run(tool, ["verify", "--data-dir", directory]).status == 0)
        #expect(try Subprocess.run(tool, ["privacy", "purge", "--data-dir", directory, "--months", "0"]).status != 0)
        #expect(try Subprocess.run(tool, ["privacy", "purge", "--data-dir", "/nonexistent-\(UUID().uuidString)"]).status != 0)
        let help = try Subprocess.run(tool, ["serve", "--help"])
        #expect(help.text.contains("--privacy-retention-months"))
    }

    @Test func noContactDataReachesTheLogs() async throws {
        let server = try await TestServer(now: try Self.monday())
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        let lines = LogCapture()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .trace
        let app = try await buildApplication(server.config, clock: server.clock, logger: logger)
        try await app.test(.router) { client in
            let code = try await client.fileWithContact()
            _ = try await client.askPrivacy(code, kind: "access", proof: "0999 888 777")
            let access = try await client.askPrivacyAccepted(code, kind: "access")
            let correction = try await client.askPrivacyAccepted(code, kind: "correction", ["contact.email": "moi.binh@example.vn"])
            let deletion = try await client.askPrivacyAccepted(code, kind: "deletion", proof: PrivacyFixture.email)
            let director = try await client.signIn("giamdoc")
            let csrf = try await client.csrf(cookie: director)
            for reference in [access, correction, deletion] {
                _ = try await client.get(SiteURL.privacyRequest(.value(reference)).path, cookie: director)
                _ = try await client.privacyAction(reference, "complete", cookie: director, csrf: csrf)
            }
            _ = try await client.get(SiteURL.feedbackItem(.value(code)).path, cookie: director)
            // Refusals are logged (at debug): a receipt under another reference, a forged post.
            _ = try await client.get(SiteURL.trackPrivacyReceipt(.value(code), .value("YC-2222-2222")).path)
            _ = try await client.post(SiteURL.privacyRequest(.value(access)).path, cookie: director, form: "_csrf=forged&action=complete")
        }
        let all = lines.all.joined(separator: "\n").lowercased()
        #expect(!lines.all.isEmpty, "the capture saw the requests")
        for secret in [PrivacyFixture.name, PrivacyFixture.phone, "0912345678", PrivacyFixture.email, "moi.binh", "45 nguyễn huệ", "0999"] {
            #expect(!all.contains(secret.lowercased()), "\(secret) in the logs")
        }
    }
}
