import Domain
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing

@testable import App

@Suite("Inspection samples: strata, seed, checklist, findings as CSV and XLSX")
struct InspectionSampleTests {
    /// tam-phuoc: five phản ánh and three góp ý answered on Monday, one phản ánh still open;
    /// chon-thanh: two phản ánh answered.
    static func handledItems(_ server: TestServer, client: any TestClientProtocol) async throws -> (phanAnh: [String], gopY: [String], other: [String]) {
        func answered(_ kind: String, key: String) async throws -> String {
            let code = try #require(
                try await client.fileFeedback(
                    ["kind": kind, "category": "thu-tuc", "description": "Nội dung", "contact": InspectionFixture.contact, "consent": true], key: key,
                    unit: key == server.apiKey ? "tam-phuoc" : "chon-thanh")["code"]
                    as? String)
            #expect(try await client.act(code, ["action": "resolve", "result": "Đã trả lời"], key: key).status == .ok)
            return code
        }
        var phanAnh: [String] = []
        for _ in 0..<5 { phanAnh.append(try await answered("phan-anh", key: server.apiKey)) }
        var gopY: [String] = []
        for _ in 0..<3 { gopY.append(try await answered("gop-y", key: server.apiKey)) }
        _ = try await client.fileFeedback(
            ["kind": "phan-anh", "category": "thu-tuc", "description": "Còn mở", "contact": InspectionFixture.contact, "consent": true], key: server.apiKey)
        var other: [String] = []
        for _ in 0..<2 { other.append(try await answered("phan-anh", key: server.otherAPIKey)) }
        return (phanAnh, gopY, other)
    }

    static func sampleItems(_ server: TestServer, _ id: Int) async throws -> [String] {
        try await server.database.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT f.code FROM inspectionSampleItems s JOIN feedbackItems f ON f.id = s.itemId WHERE s.sampleId = ? ORDER BY s.position
                    """, arguments: [id])
        }
    }

    @Test func aSampleTakesTheSizeFromEachStratumAndTheSameSeedDrawsItAgain() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            let handled = try await Self.handledItems(server, client: client)
            let inspector = try await client.signIn("kiemtra.tp")
            let csrf = try await client.csrf(cookie: inspector)
            let form = try await client.get(SiteURL.inspectionSamples.path, cookie: inspector)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<option value="all" selected>"#))

            let drawn = try await client.post(
                SiteURL.inspectionSamples.path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "n": "2", "seed": "20261123"]))
            #expect(drawn.status == .seeOther, "\(drawn.text)")
            #expect(drawn.headers[.location] == SiteURL.inspectionSample(.value(1)).path)
            let first = try await Self.sampleItems(server, 1)
            #expect(first.count == 4, "two strata (phản ánh, góp ý; on time; nobody assigned) of two each")
            #expect(first.filter { handled.phanAnh.contains($0) }.count == 2)
            #expect(first.filter { handled.gopY.contains($0) }.count == 2)
            #expect(first.allSatisfy { !handled.other.contains($0) }, "only the chosen unit")
            let page = try await client.get(SiteURL.inspectionSample(.value(1)).path, cookie: inspector)
            #expect(page.text.contains("20261123"), "the seed is shown")
            #expect(page.text.contains("tam-phuoc/phan-anh/-/on-time"))
            #expect(page.text.contains("tam-phuoc/gop-y/-/on-time"))
            #expect(page.text.contains("4 trong 8 phản ánh, 2 nhóm"))
            #expect(try await server.count("SELECT population FROM inspectionSampleStrata WHERE sampleId = 1 AND stratum = 'tam-phuoc/phan-anh/-/on-time'") == 5)
            #expect(try await server.count("SELECT drawn FROM inspectionSampleStrata WHERE sampleId = 1 AND stratum = 'tam-phuoc/phan-anh/-/on-time'") == 2)
            #expect(page.text.contains("<td><code>tam-phuoc/phan-anh/-/on-time</code></td><td>5</td><td>2</td>"))
            #expect(page.text.contains("seed=20261123"), "a link draws it again")

            // The same seed, typed in again: the same items in the same order.
            let again = try await client.post(
                SiteURL.inspectionSamples.path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "n": "2", "seed": "20261123"]))
            #expect(again.status == .seeOther)
            #expect(try await Self.sampleItems(server, 2) == first)
            // A size larger than a stratum takes all of it; every unit adds chon-thanh's stratum.
            let all = try await client.post(
                SiteURL.inspectionSamples.path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["unit": "all", "from": "2026-11-23", "to": "2026-11-23", "n": "50", "seed": "7"]))
            #expect(all.status == .seeOther)
            #expect(Set(try await Self.sampleItems(server, 3)) == Set(handled.phanAnh + handled.gopY + handled.other))
            // Without a seed, one is chosen and shown.
            let fresh = try await client.post(
                SiteURL.inspectionSamples.path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "n": "1", "seed": ""]))
            #expect(fresh.status == .seeOther)
            #expect(try await server.count("SELECT COUNT(*) FROM inspectionSampleItems WHERE sampleId = 4") == 2)
            #expect(try await server.count("SELECT COUNT(*) FROM inspectionSamples WHERE id = 4 AND CAST(seed AS INTEGER) > 0") == 1)

            // Bad input: a clear 422 on the same page, nothing written.
            for bad in [
                ["unit": "tam-phuoc", "from": "2026-11-30", "to": "2026-11-01", "n": "2", "seed": "1"],
                ["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "n": "0", "seed": "1"],
                ["unit": "tam-phuoc", "from": "2026-11-01", "to": "2026-11-30", "n": "2", "seed": "-5"],
                ["unit": "tam-phuoc", "from": "hôm qua", "to": "2026-11-30", "n": "2", "seed": "1"],
                ["unit": "khong-co", "from": "2026-11-01", "to": "2026-11-30", "n": "2", "seed": "1"],
            ] {
                let refused = try await client.post(
                    SiteURL.inspectionSamples.path, cookie: inspector,
                    form: "_csrf=\(csrf)&" + bad.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                        .joined(separator: "&"))
                #expect(refused.status == .unprocessableContent, "\(bad)")
                #expect(refused.text.contains("role=\"alert\""))
            }
            #expect(try await server.count("SELECT COUNT(*) FROM inspectionSamples") == 4)

            // A ward's inspector cannot open a sample of every unit, nor draw one.
            let ward = try await client.signIn("kiemtra.tamphuoc", address: "10.0.0.7")
            let wardCSRF = try await client.csrf(cookie: ward)
            #expect(try await client.get(SiteURL.inspectionSample(.value(3)).path, cookie: ward).status == .notFound)
            #expect(try await client.get(SiteURL.inspectionSample(.value(1)).path, cookie: ward).status == .ok)
            let wardAll = try await client.post(
                SiteURL.inspectionSamples.path, cookie: ward,
                form: "_csrf=\(wardCSRF)&" + inspectionForm(["unit": "all", "from": "2026-11-01", "to": "2026-11-30", "n": "2", "seed": "1"]))
            #expect(wardAll.status == .unprocessableContent)
            #expect(try await client.get(SiteURL.inspectionFindingsCSV(.value(3)).path, cookie: ward).status == .notFound)
        }
    }

    @Test func theChecklistIsPrefilledConfirmedAndExportedAsCSVAndXLSX() async throws {
        let server = try await TestServer(now: try InspectionFixture.monday())
        try await InspectionFixture.accounts(server)
        try await server.test { client in
            _ = try await Self.handledItems(server, client: client)
            let inspector = try await client.signIn("kiemtra.tamphuoc")
            let csrf = try await client.csrf(cookie: inspector)
            let drawn = try await client.post(
                SiteURL.inspectionSamples.path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["unit": "tam-phuoc", "from": "2026-11-23", "to": "2026-11-23", "n": "1", "seed": "42"]))
            #expect(drawn.status == .seeOther)
            let items = try await Self.sampleItems(server, 1)
            let code = try #require(items.first)
            let page = try await client.get(SiteURL.inspectionSample(.value(1)).path, cookie: inspector)
            // "On time" and "history intact" start from the data; nothing is saved until confirmed.
            #expect(page.text.contains(#"<select id="\#(code)-onTime" name="onTime" required><option value="">-</option><option value="yes" selected>"#))
            #expect(page.text.contains(#"<select id="\#(code)-historyIntact" name="historyIntact" required><option value="">-</option><option value="yes" selected>"#))
            #expect(page.text.contains(#"<select id="\#(code)-replySent" name="replySent" required><option value="" selected>-</option>"#))
            #expect(try await server.count("SELECT COUNT(*) FROM inspectionSampleItems WHERE reviewedBy IS NOT NULL") == 0)

            let finding = "=HYPERLINK(\"http://x\") Kết quả trả lời rõ ràng, đúng hạn"
            let saved = try await client.post(
                SiteURL.inspectionSampleReview(.value(1)).path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(
                    ["item": code, "resultConcrete": "yes", "onTime": "yes", "historyIntact": "yes", "replySent": "n/a", "finding": finding]))
            #expect(saved.status == .seeOther)
            let reviewed = try await client.get(SiteURL.inspectionSample(.value(1)).path, cookie: inspector)
            #expect(reviewed.text.contains("Đã kiểm tra: kiemtra.tamphuoc"))
            let incomplete = try await client.post(
                SiteURL.inspectionSampleReview(.value(1)).path, cookie: inspector,
                form: "_csrf=\(csrf)&" + inspectionForm(["item": code, "resultConcrete": "yes", "finding": "thiếu"]))
            #expect(incomplete.status == .unprocessableContent)
            #expect(try await server.count("SELECT COUNT(*) FROM inspectionSampleItems WHERE finding = 'thiếu'") == 0)

            // A city viewer reads and exports, but does not fill in the checklist.
            let viewer = try await client.signIn("xem.tp", address: "10.0.0.8")
            let viewerCSRF = try await client.csrf(cookie: viewer)
            let viewerPage = try await client.get(SiteURL.inspectionSample(.value(1)).path, cookie: viewer)
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.text.contains(#"name="resultConcrete""#))
            let refused = try await client.post(
                SiteURL.inspectionSampleReview(.value(1)).path, cookie: viewer,
                form: "_csrf=\(viewerCSRF)&" + inspectionForm(["item": code, "resultConcrete": "no", "onTime": "no", "historyIntact": "no", "replySent": "no"]))
            #expect(refused.status == .forbidden)

            let csv = try await client.get(SiteURL.inspectionFindingsCSV(.value(1)).path, cookie: viewer)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.count == 4 && lines[3].isEmpty, "header, two rows, each ended by CRLF: \(lines)")
            #expect(lines[0].hasPrefix("Mẫu / Sample,Nhóm mẫu / Stratum,Mã / Code"))
            #expect(lines[1].contains(#""'=HYPERLINK(""http://x"") Kết quả trả lời rõ ràng, đúng hạn""#), "neutralised, quoted, Vietnamese intact: \(lines[1])")
            #expect(lines[1].contains(",Có,Có,Có,Không áp dụng,"))

            let xlsx = try await client.get(SiteURL.inspectionFindingsXLSX(.value(1)).path, cookie: viewer)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let read = try OpenPyXL.read(Data(xlsx.body.readableBytesView))
            let sheets = try #require(read["sheets"] as? [[String: Any]])
            #expect(sheets.count == 2)
            let findings = sheets[0]
            #expect(findings["freeze"] as? String == "A2", "the header row is frozen")
            let rows = try #require(findings["rows"] as? [[Any]])
            #expect(rows[0].first as? String == "Mẫu / Sample")
            #expect(rows[1].first as? Int == 1, "a number stays a number")
            #expect(rows[1][2] as? String == code)
            #expect(rows[1].contains { ($0 as? String) == finding }, "the finding as typed: a text cell never runs")
            let strata = sheets[1]
            #expect(strata["freeze"] as? String == "A2")
            let strataRows = try #require(strata["rows"] as? [[Any]])
            #expect(strataRows[0].count == 5)
            #expect(strataRows[1][0] as? String == "tam-phuoc/gop-y/-/on-time")
            #expect(strataRows[1][1] as? Int == 3, "the stratum held the three góp ý")
            #expect(strataRows[1][2] as? Int == 1)
            #expect(strataRows[1][4] as? Double == 1.0)
            #expect((strata["formats"] as? [String])?.contains("0.0%") == true, "the share has a percentage format")
        }
    }
}

/// Reads an XLSX with openpyxl (PyPI; `make test-deps` installs it through scripts/pip-ensure):
/// each sheet's frozen cell, rows of values, and the number formats of its cells.
enum OpenPyXL {
    static let package = "openpyxl==3.1.5"

    static func read(_ data: Data) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": []}
            for sheet in book.worksheets:
                rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
                formats = sorted({cell.number_format for row in sheet.iter_rows() for cell in row})
                out["sheets"].append({"name": sheet.title, "freeze": sheet.freeze_panes, "rows": rows, "formats": formats})
            print(json.dumps(out, ensure_ascii=False, default=str))
            """
        let result = try Subprocess.run("/usr/bin/env", ["python3", "-c", script, file.path])
        try #require(result.status == 0, "openpyxl could not read the file (`make test-deps` installs \(package)): \(result.text)")
        return try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
    }
}
