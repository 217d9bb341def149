import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Synchronization
import Testing

@testable import App

@Suite("Inspection workspace: scope, verification, notes, no handling, chain status")
struct InspectionWorkspaceTests {
    @Test func anInspectorOfOneWardSeesOnlyItsWardAndCityAccountsSeeAll() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            let items = try await InspectionFixture.items(server, client: client)
            let ward = try await client.signIn("kiemtra.tamphuoc")
            let home = try await client.get(SiteURL.admin.path, cookie: ward)
            #expect(home.text.contains(#"<a href="/inspection">"#), "the staff home links to the workspace")
            let overview = try await client.get(SiteURL.inspection.path, cookie: ward)
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Phường Tam Phước"))
            #expect(!overview.text.contains("Phường Chơn Thành"))
            let queue = try await client.get(SiteURL.inspectionQueue.path, cookie: ward)
            #expect(queue.text.contains(items.clocked))
            #expect(!queue.text.contains(items.otherWard), "another ward's item is not listed")
            let conduct = try await client.get(SiteURL.inspectionConduct.path, cookie: ward)
            #expect(conduct.text.contains(items.conduct))
            #expect(!conduct.text.contains(items.clocked))
            #expect(try await client.get(SiteURL.inspectionItem(.value(items.otherWard)).path, cookie: ward).status == .forbidden)
            #expect(try await client.get(SiteURL.inspectionQueue.path(["unit": "chon-thanh"]), cookie: ward).status == .forbidden)
            #expect(try await client.get(SiteURL.feedbackItem(.value(items.otherWard)).path, cookie: ward).status == .forbidden)
            #expect(try await client.getJSON(SiteURL.apiFeedbackItem(.value(items.otherWard)).path, cookie: ward).status == .forbidden)
            let own = try await client.get(SiteURL.inspectionItem(.value(items.clocked)).path, cookie: ward)
            #expect(own.status == .ok)
            #expect(try await client.get(SiteURL.audit.path, cookie: ward).status == .forbidden, "the audit log holds every unit's")
            #expect(try await client.get(SiteURL.counters.path(["unit": "chon-thanh"]), cookie: ward).status == .forbidden)

            for username in ["kiemtra.tp", "xem.tp"] {
                let city = try await client.signIn(username, address: "10.0.0.\(username.count)")
                let all = try await client.get(SiteURL.inspectionQueue.path, cookie: city)
                #expect(all.status == .ok, "\(username)")
                for code in [items.clocked, items.conduct, items.otherWard] { #expect(all.text.contains(code), "\(username) sees \(code)") }
                let overview = try await client.get(SiteURL.inspection.path, cookie: city)
                #expect(overview.text.contains("Phường Tam Phước") && overview.text.contains("Phường Chơn Thành"), "\(username)")
                for code in [items.clocked, items.otherWard, items.anonymous] {
                    let page = try await client.get(SiteURL.inspectionItem(.value(code)).path, cookie: city)
                    #expect(page.status == .ok, "\(username) \(code)")
                    #expect(!page.text.contains("Nguyễn Văn An") && !page.text.contains("0912 345 678"), "never contact data")
                }
            }
            #expect(try await server.count("SELECT COUNT(*) FROM auditLog WHERE action = 'feedback.contact.view'") == 0, "no contact was opened")
        }
    }

    @Test func queuesByDeadlineStateAndKindListAnonymousItemsApart() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            let items = try await InspectionFixture.items(server, client: client)
            // The clocked item is answered on time; twelve working days later the conduct item is overdue.
            #expect(try await client.act(items.clocked, ["action": "resolve", "result": "Đã trả hồ sơ"], key: server.apiKey).status == .ok)
            server.clock.set(try LocalInstant.at("2026-12-09"))
            let inspector = try await client.signIn("kiemtra.tp")
            let overdue = try await client.get(SiteURL.inspectionQueue.path(["unit": "tam-phuoc", "state": "overdue"]), cookie: inspector)
            #expect(overdue.text.contains(items.conduct))
            #expect(!overdue.text.contains(">\(items.clocked)<"))
            let onTime = try await client.get(SiteURL.inspectionQueue.path(["unit": "tam-phuoc", "state": "on-time"]), cookie: inspector)
            #expect(onTime.text.contains(">\(items.clocked)<"))
            #expect(!onTime.text.contains(">\(items.conduct)<"))
            let anonymousPart = try #require(onTime.text.range(of: #"id="anonymous""#))
            #expect(onTime.text[anonymousPart.upperBound...].contains(items.anonymous), "anonymous items are listed apart")
            #expect(!onTime.text[..<anonymousPart.lowerBound].contains(">\(items.anonymous)<"))
            let byKind = try await client.get(SiteURL.inspectionQueue.path(["kind": "gop-y"]), cookie: inspector)
            #expect(byKind.text.contains(items.anonymous))
            #expect(!byKind.text.contains(">\(items.clocked)<"))
            let overview = try await client.get(SiteURL.inspection.path, cookie: inspector)
            #expect(overview.text.contains(SiteURL.inspectionQueue.path(["unit": "tam-phuoc", "state": "overdue"]).replacingOccurrences(of: "&", with: "&amp;")))
        }
    }

    @Test func anInspectorRecordsAVerificationAndNotesACityViewerCannot() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            let items = try await InspectionFixture.items(server, client: client)
            let inspector = try await client.signIn("kiemtra.tamphuoc")
            let csrf = try await client.csrf(cookie: inspector)
            let page = try await client.get(SiteURL.inspectionItem(.value(items.conduct)).path, cookie: inspector)
            #expect(page.text.contains(#"name="outcome""#))
            #expect(page.text.contains("Đã kiểm chứng"))
            let verified = try await client.post(
                SiteURL.inspectionVerify(.value(items.conduct)).path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["outcome": "co-co-so", "note": "Đã xác minh với camera quầy"]))
            #expect(verified.status == .seeOther)
            let after = try await client.get(try #require(verified.headers[.location]), cookie: inspector)
            #expect(after.text.contains("Đã ghi kết quả xác minh."))
            #expect(after.text.contains("Có cơ sở"))
            #expect(after.text.contains("Đã kiểm chứng"), "the chain still verifies after the inspector's event")
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents WHERE action = 'verify' AND actor = 'kiemtra.tamphuoc'") == 1)
            #expect(try await server.database.feedbackChainProblems().isEmpty)

            // A refused outcome comes back with the message; nothing is written.
            let bad = try await client.post(
                SiteURL.inspectionVerify(.value(items.conduct)).path, cookie: inspector, form: "_csrf=\(csrf)&outcome=chac-chan")
            #expect(bad.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents WHERE action = 'verify'") == 1)
            // Not a conduct item: no form, and a post is refused by the state machine.
            let notConduct = try await client.post(
                SiteURL.inspectionVerify(.value(items.clocked)).path, cookie: inspector, form: "_csrf=\(csrf)&outcome=co-co-so")
            #expect(notConduct.status == .conflict)
            // Another ward's item: refused.
            let otherWard = try await client.post(
                SiteURL.inspectionVerify(.value(items.otherWard)).path, cookie: inspector, form: "_csrf=\(csrf)&outcome=co-co-so")
            #expect(otherWard.status == .forbidden)
            #expect(try await client.post(SiteURL.inspectionVerify(.value(items.conduct)).path, cookie: inspector, form: "outcome=co-co-so").status == .forbidden, "CSRF")

            let noted = try await client.post(
                SiteURL.inspectionNote(.value(items.clocked)).path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["note": "Kết quả trả lời chưa nêu rõ ngày trả hồ sơ"]))
            #expect(noted.status == .seeOther)
            let withNote = try await client.get(SiteURL.inspectionItem(.value(items.clocked)).path, cookie: inspector)
            #expect(withNote.text.contains("Kết quả trả lời chưa nêu rõ ngày trả hồ sơ"))
            #expect(withNote.text.contains("kiemtra.tamphuoc"))
            let empty = try await client.post(SiteURL.inspectionNote(.value(items.clocked)).path, cookie: inspector, form: "_csrf=\(csrf)&note=%20")
            #expect(empty.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM reviewerNotes") == 1)
            #expect(try await server.count("SELECT lastSeq FROM feedbackItems WHERE code = '\(items.clocked)'") == 1, "a note is not part of the handling")
            await #expect(throws: (any Error).self) {
                try await server.database.pool.write { db in try db.execute(sql: "UPDATE reviewerNotes SET note = 'sửa'") }
            }

            let viewer = try await client.signIn("xem.tp", address: "10.0.0.9")
            let viewerCSRF = try await client.csrf(cookie: viewer)
            let readOnly = try await client.get(SiteURL.inspectionItem(.value(items.conduct)).path, cookie: viewer)
            #expect(readOnly.status == .ok)
            #expect(!readOnly.text.contains(#"name="outcome""#) && !readOnly.text.contains(#"name="note""#), "no form for a city viewer")
            let refusedVerify = try await client.post(
                SiteURL.inspectionVerify(.value(items.conduct)).path, cookie: viewer, form: "_csrf=\(viewerCSRF)&outcome=khong-co-co-so")
            #expect(refusedVerify.status == .forbidden)
            let refusedNote = try await client.post(
                SiteURL.inspectionNote(.value(items.conduct)).path, cookie: viewer, form: "_csrf=\(viewerCSRF)&note=ghi")
            #expect(refusedNote.status == .forbidden)
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents WHERE action = 'verify'") == 1)
            #expect(try await server.count("SELECT COUNT(*) FROM reviewerNotes") == 1)
        }
    }

    /// Every handling action, by an inspector on a screen and through the API with a staff
    /// session: refused (403), nothing written.
    @Test(arguments: [
        ["action": "accept"], ["action": "assign", "assignee": "giamdoc", "task": "Xác minh"], ["action": "start"],
        ["action": "extend", "reason": "Phức tạp", "complexity": "complex"], ["action": "transfer", "to": "Sở Tư pháp", "reason": "Không thuộc thẩm quyền"],
        ["action": "reject", "reason": "Trùng"], ["action": "resolve", "result": "Đã trả lời"], ["action": "close"],
        ["action": "reopen", "reason": "Chưa đúng"], ["action": "reclassify", "kind": "kien-nghi", "category": "khac"],
    ])
    func anInspectorCanNeverHandleAnItem(fields: [String: String]) async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            let items = try await InspectionFixture.items(server, client: client)
            // A khiếu nại accepted and assigned, so every action has a state it could apply to;
            // and an answered item for close and reopen.
            let complaint = try #require(
                try await client.fileFeedback(
                    ["kind": "khieu-nai", "category": "thu-tuc", "description": "Khiếu nại", "contact": InspectionFixture.contact, "consent": true],
                    key: server.apiKey)["code"] as? String)
            #expect(try await client.act(complaint, ["action": "accept"], key: server.apiKey).status == .ok)
            #expect(try await client.act(complaint, ["action": "assign", "assignee": "giamdoc", "task": "Xác minh"], key: server.apiKey).status == .ok)
            #expect(try await client.act(items.clocked, ["action": "resolve", "result": "Đã trả lời"], key: server.apiKey).status == .ok)
            let target: String =
                switch fields["action"] {
                case "close", "reopen": items.clocked
                case "accept", "reject": items.conduct
                default: complaint
                }
            let before = try await server.count("SELECT COUNT(*) FROM feedbackEvents")
            let row = try await Self.itemRow(server, target)
            for username in ["kiemtra.tp", "kiemtra.tamphuoc"] {
                let cookie = try await client.signIn(username, address: "10.0.1.\(username.count)")
                let csrf = try await client.csrf(cookie: cookie)
                let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                let screen = try await client.post(
                    SiteURL.feedbackAction(.value(target)).path, cookie: cookie, form: "_csrf=\(csrf)&" + pairs.joined(separator: "&"))
                #expect(screen.status == .forbidden, "\(username) \(fields) on the screen: \(screen.status)")
                let api = try await client.postJSON(SiteURL.apiFeedbackActions(.value(target)).path, fields, cookie: cookie)
                #expect(api.status == .forbidden, "\(username) \(fields) through the API: \(api.status) \(api.text)")
                let page = try await client.get(SiteURL.feedbackItem(.value(target)).path, cookie: cookie)
                #expect(!page.text.contains(#"name="action" value="\#(fields["action"] ?? "")""#), "no form offered")
            }
            #expect(try await server.count("SELECT COUNT(*) FROM feedbackEvents") == before)
            #expect(try await Self.itemRow(server, target) == row)
        }
    }

    static func itemRow(_ server: TestServer, _ code: String) async throws -> String {
        try await server.database.pool.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM feedbackItems WHERE code = ?", arguments: [code]))
            return row.description
        }
    }

    @Test func theChainStatusNamesTheEventEditedBehindTheServicesBack() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        let filed = Mutex("")
        try await server.test { client in
            let items = try await InspectionFixture.items(server, client: client)
            filed.withLock { $0 = items.clocked }
            #expect(try await client.act(items.clocked, ["action": "resolve", "result": "Đã trả lời"], key: server.apiKey).status == .ok)
            #expect(try await client.act(items.clocked, ["action": "close"], key: server.apiKey).status == .ok)
        }
        let code = filed.withLock { $0 }
        try await server.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER feedbackEventsNoUpdate")
            try db.execute(
                sql: "UPDATE feedbackEvents SET note = 'sửa sau' WHERE seq = 2 AND itemId = (SELECT id FROM feedbackItems WHERE code = ?)", arguments: [code])
        }
        try await server.test { client in
            let inspector = try await client.signIn("kiemtra.tp")
            let page = try await client.get(SiteURL.inspectionItem(.value(code)).path, cookie: inspector)
            #expect(page.text.contains("Bị phá vỡ tại sự kiện 2"))
            let english = try await client.get(SiteURL.inspectionItem(.value(code)).path(language: .en), cookie: inspector)
            #expect(english.text.contains("Broken at event 2"))
            #expect(!english.text.contains("Verified: the history is intact"))
        }
    }
}
