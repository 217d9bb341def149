import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App
@testable import Storage

/// The raw exports under /admin/exports: every rating and the feedback register as CSV and
/// XLSX, without contact data, for the accounts the policy gives `exportRawData`.
@Suite("Raw exports")
struct RawExportTests {
    nonisolated(unsafe) static let contact: [String: Any] = [
        "name": "Phạm Thị Diệu Linh", "address": "99 Hùng Vương, khu phố 4", "phone": "0903 111 222", "email": "dieu.linh@example.vn",
    ]
    static let words = ["Phạm Thị Diệu Linh", "99 Hùng Vương", "0903 111 222", "0903111222", "dieu.linh@example.vn", "Hồ sơ đất của tôi bị giữ"]
    static let comment = "Cán bộ rất nhiệt tình, số tôi 0903111222"

    static func range(_ url: SiteURL, unit: String? = "tam-phuoc", from: String = "2026-11-01", to: String = "2026-11-30") -> String {
        url.path(["unit": unit, "from": from, "to": to])
    }

    /// Feedback with every kind of contact data, handled; ratings with a comment.
    static func seed(_ client: some TestClientProtocol, server: TestServer) async throws -> [String] {
        try await IndicatorGroupTests.seed(client, server: server)
        let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","officer":"cb-lan","dossier":"HS-000123-DAT"}"#)
        let rated = try await client.postJSON(
            "/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3,"access-1":5,"visits":0},"comment":"\#(Self.comment)"}"#)
        try #require(rated.status == .created, "\(rated.text)")
        var codes: [String] = []
        for kind in ["phan-anh", "khieu-nai"] {
            let item = try await client.fileFeedback(
                [
                    "kind": kind, "category": "thai-do", "officer": "cb-minh", "description": "Hồ sơ đất của tôi bị giữ", "contact": Self.contact,
                    "consent": true,
                ], key: server.apiKey)
            codes.append(try #require(item["code"] as? String))
        }
        #expect(try await client.act(codes[0], ["action": "resolve", "result": "Đã xử lý"], key: server.apiKey).status == .ok)
        let anonymous = try await client.fileFeedback(["kind": "gop-y", "category": "co-so", "description": "Thiếu ghế"], key: server.apiKey)
        codes.append(try #require(anonymous["code"] as? String))
        return codes
    }

    @Test func theExportsCarryNoContactDataAndEveryRow() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23", 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let codes = try await Self.seed(client, server: server)
            let director = try await client.signIn("giamdoc")

            let responses = try await client.get(Self.range(.exportResponsesCSV), cookie: director)
            #expect(responses.status == .ok)
            #expect(responses.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(responses.headers[.contentDisposition] == "attachment; filename=\"hailong-luot-danh-gia-tam-phuoc-2026-11-01-2026-11-30.csv\"")
            let bytes = Array(responses.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.count == 1 + 44 + 1, "header, 44 ratings, the last CRLF")
            #expect(lines[0].hasPrefix("Đơn vị / Unit,Ngày / Day,Quầy / Counter,Cán bộ / Officer,Lĩnh vực / Sector,Thủ tục / Procedure,Kênh / Channel"))
            #expect(lines[0].contains(",overall,access-1,"))
            let header = lines[0].components(separatedBy: ",")
            let detailed = try #require(lines.first { $0.contains(",5,") }?.components(separatedBy: ","))
            #expect(detailed[try #require(header.firstIndex(of: "overall"))] == "3")
            #expect(detailed[try #require(header.firstIndex(of: "visits"))] == "0")
            #expect(detailed[1] == "2026-11-23" && detailed[2] == "q1" && detailed[3] == "cb-lan")
            let poster = try #require(lines.first { $0.hasSuffix(",poster" + String(repeating: ",", count: header.count - 11)) || $0.contains(",poster,") })
            #expect(poster.hasPrefix("tam-phuoc,2026-11-23,q3,,"), "a poster rating has no officer: \(poster)")

            let feedback = try await client.get(Self.range(.exportFeedbackCSV), cookie: director)
            #expect(feedback.status == .ok)
            let register = String(decoding: Array(feedback.body.readableBytesView).dropFirst(3), as: UTF8.self)
            let rows = register.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.count == 1 + 3)
            for code in codes { #expect(register.contains(code), "every item: \(code)") }
            #expect(rows[1].contains(",phan-anh,thai-do,api,resolved,không,"), "\(rows[1])")
            #expect(rows[1].contains(",có,không,0,"), "on time, not overdue, no extension: \(rows[1])")
            #expect(rows[1].contains(",cb-minh,"), "the officer the item is about")
            #expect(rows[3].contains(",gop-y,co-so,api,received,có,"), "the anonymous item: \(rows[3])")

            let responsesBook = try await client.get(Self.range(.exportResponsesXLSX), cookie: director)
            #expect(responsesBook.headers[.contentType] == RawExport.Format.xlsx.contentType)
            let book = try Workbook.read(Data(responsesBook.body.readableBytesView))
            let sheet = try #require(book.sheets.first)
            #expect(book.sheets.count == 1)
            #expect(sheet.freeze == "A2")
            #expect(sheet.rows.count == 45)
            let overall = try #require(sheet.rows[0].firstIndex { $0.text == "overall" })
            #expect(sheet.rows.dropFirst().allSatisfy { $0[overall].value is Int }, "levels are numbers")
            let registerBook = try Workbook.read(Data(try await client.get(Self.range(.exportFeedbackXLSX), cookie: director).body.readableBytesView))
            #expect(registerBook.sheets.first?.rows.count == 4)
            #expect(registerBook.sheets.first?.freeze == "A2")

            // Nothing a person could be found by, in any of the four files: no name, address,
            // phone, e-mail, description, comment or dossier number.
            var everything = responses.text + feedback.text
            for workbook in [book, registerBook] {
                everything += workbook.sheets.flatMap(\.rows).flatMap { $0 }.map { "\($0.value ?? "")" }.joined(separator: "|")
            }
            for word in Self.words + [Self.comment, "HS-000123-DAT", "Thiếu ghế"] {
                #expect(!everything.contains(word), "\(word) leaked into an export")
            }
            // The contact data is there to leak: the item's page shows it to its handler.
            let page = try await client.get(SiteURL.feedbackItem(.value(codes[1])).path, cookie: director)
            #expect(page.text.contains("Hồ sơ đất của tôi bị giữ"))
        }
    }

    @Test func theExportsFollowThePolicyAndRefuseBadRanges() async throws {
        let server = try await TestServer(now: try LocalInstant.at("2026-11-23", 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("xem.phuong", .viewer, unit: "tam-phuoc")
        try await server.addUser("xem.thanhpho", .viewer, unit: nil)
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        try await server.test { client in
            try await IndicatorGroupTests.seed(client, server: server)
            let director = try await client.signIn("giamdoc")
            #expect(try await client.get(Self.range(.exportResponsesCSV), cookie: director).status == .ok)
            #expect(try await client.get(Self.range(.exportResponsesCSV, unit: "chon-thanh"), cookie: director).status == .forbidden)
            #expect(try await client.get(Self.range(.exportFeedbackXLSX, unit: "all"), cookie: director).status == .forbidden)
            #expect(try await client.get(Self.range(.exportResponsesCSV, unit: "khong-co"), cookie: director).status == .notFound)
            // Viewers, inspectors and officers read figures, not raw rows (exportRawData).
            for account in ["xem.phuong", "xem.thanhpho", "kiemtra", "canbo"] {
                let cookie = try await client.signIn(account)
                #expect(try await client.get(Self.range(.exportResponsesCSV), cookie: cookie).status == .forbidden, "\(account)")
                #expect(try await client.get(Self.range(.exportFeedbackCSV, unit: nil), cookie: cookie).status == .forbidden, "\(account)")
            }
            // An administrator exports every unit at once.
            let admin = try await client.signIn("quantri")
            let all = try await client.get(Self.range(.exportResponsesCSV, unit: "all"), cookie: admin)
            #expect(all.status == .ok)
            #expect(all.text.components(separatedBy: "\r\n").count == 1 + 43 + 1)
            // This month when no range is given.
            #expect(try await client.get(SiteURL.exportResponsesCSV.path, cookie: admin).text.components(separatedBy: "\r\n").count == 45)
            for (from, to, message) in [
                ("2026-11-31", "2026-12-01", "YYYY-MM-DD"), ("2026-11-30", "2026-11-01", "Ngày bắt đầu phải trước"), ("2000-01-01", "2026-11-30", "10 năm"),
                ("hôm qua", "", "YYYY-MM-DD"),
            ] {
                let refused = try await client.get(Self.range(.exportFeedbackCSV, from: from, to: to), cookie: admin)
                #expect(refused.status == .badRequest, "\(from)-\(to)")
                #expect(refused.text.contains(message), "\(from)-\(to): \(message)")
                #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }
}
