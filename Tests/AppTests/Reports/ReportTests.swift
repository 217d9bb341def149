import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App
@testable import Storage

/// `GET /admin/reports/{weekly|monthly|phase}` (issue 11 items 1-2): the administrative layout,
/// every figure equal to the indicators API's, the tables as CSV and XLSX, who may read which
/// unit's report, and bad queries answered with a clear 4xx.
@Suite("Reports")
struct ReportTests {
    static let kinds: [(kind: ReportKind, period: String, from: String, to: String, previousFrom: String, previousTo: String)] = [
        (.weekly, "2026-W48", "2026-11-23", "2026-11-29", "2026-11-16", "2026-11-22"),
        (.monthly, "2026-11", "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31"),
        (.phase, "P2", "2026-06-01", "2026-12-31", "2026-05-01", "2026-05-31"),
    ]

    static func url(_ kind: ReportKind, _ query: KeyValuePairs<String, String?>) -> String {
        SiteURL.report(.value(kind)).path(query)
    }

    @Test func everyKindOfReportShowsTheAPIsFiguresInTheOfficialLayout() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            try await ReportSeed.seed(client, server: server)
            let director = try await client.signIn("giamdoc")
            for (kind, period, from, to, previousFrom, previousTo) in Self.kinds {
                let current = try await client.indicators(
                    unit: "tam-phuoc", from: try #require(LocalDate(from)), to: try #require(LocalDate(to)), key: server.apiKey)
                let previous = try await client.indicators(
                    unit: "tam-phuoc", from: try #require(LocalDate(previousFrom)), to: try #require(LocalDate(previousTo)), key: server.apiKey)

                let page = try await client.get(Self.url(kind, ["unit": "tam-phuoc", "period": period]), cookie: director)
                #expect(page.status == .ok, "\(kind): \(page.status)")
                let html = page.text
                // Nghị định 30/2020: motto, issuing body, number, place and date, title, recipients, signature.
                for part in [
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "<span>Độc lập - Tự do - Hạnh phúc</span>", "ỦY BAN NHÂN DÂN PHƯỜNG TAM PHƯỚC",
                    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "/BC-TTPVHCC", "Tam Phước, ngày 23 tháng 11 năm 2026", ">BÁO CÁO<", "Nơi nhận:",
                    "- Lưu: VT, TTPVHCC.", ">GIÁM ĐỐC<", IndicatorReport.methodName, "SIPAS-style counter index",
                ] {
                    #expect(html.contains(part), "\(kind): \(part)")
                }
                let title =
                    switch kind {
                    case .weekly: "Kết quả đánh giá sự hài lòng tuần 48 năm 2026 (từ ngày 23/11/2026 đến ngày 29/11/2026)"
                    case .monthly: "Kết quả đánh giá sự hài lòng tháng 11 năm 2026"
                    case .phase: "Kết quả đánh giá sự hài lòng giai đoạn 2 (từ ngày 01/06/2026 đến ngày 31/12/2026)"
                    }
                #expect(html.contains(title), "\(kind): the title")
                // The overall rate as the API gives it, with its n and interval.
                let satisfaction = try #require(current["satisfaction"] as? [String: Any])
                let rate = try #require(satisfaction["rate"] as? Double)
                let ci = try #require(satisfaction["ci95"] as? [Double])
                let n = try #require(satisfaction["n"] as? Int)
                #expect(
                    html.contains(
                        "<td class=\"num\">\(FigureText.percent(rate, .vi))%</td><td class=\"num\">\(n)</td>"
                            + "<td class=\"num\">[\(FigureText.percent(ci[0], .vi))–\(FigureText.percent(ci[1], .vi))]</td>"), "\(kind): the overall rate")
                #expect(!html.contains("<script>"), "no inline script: the page works without it")

                // The XLSX: every figure equals the API's, typed and formatted.
                let xlsx = try await client.get(Self.url(kind, ["unit": "tam-phuoc", "period": period, "format": "xlsx"]), cookie: director)
                #expect(xlsx.status == .ok)
                #expect(xlsx.headers[.contentType] == RawExport.Format.xlsx.contentType)
                #expect(xlsx.headers[.contentDisposition]?.contains(".xlsx") == true)
                let book = try Workbook.read(Data(xlsx.body.readableBytesView))
                #expect(
                    book.sheets.map(\.name) == ["Thông tin - About", "Chỉ tiêu - Targets", "Hài lòng - Satisfaction", "Lĩnh vực - Sectors", "Phản ánh - Feedback"],
                    "one sheet per table")
                ExpectedReport(unit: "tam-phuoc", current: current, previous: previous).check(book)
            }
        }
    }

    @Test func theTestDataGivesEveryTableSomethingToShow() async throws {
        // The check above is only as good as the data: make sure the week has feedback on
        // time and overdue, a sector below the minimum n, a previous period with ratings.
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.test { client in
            try await ReportSeed.seed(client, server: server)
            let week = try await client.indicators(
                unit: "tam-phuoc", from: try #require(LocalDate("2026-11-23")), to: try #require(LocalDate("2026-11-29")), key: server.apiKey)
            let feedback = try #require(week["feedback"] as? [String: Any])
            #expect(feedback["onTime"] as? Int == 1)
            #expect(feedback["overdue"] as? Int == 1)
            #expect(feedback["anonymous"] as? Int == 1)
            let sectors = try #require(week["sectors"] as? [String: [String: Any]])
            #expect(sectors.values.contains { $0["suppressed"] as? Bool == true })
            #expect(sectors.values.contains { $0["suppressed"] as? Bool == false })
            let before = try await client.indicators(
                unit: "tam-phuoc", from: try #require(LocalDate("2026-11-16")), to: try #require(LocalDate("2026-11-22")), key: server.apiKey)
            #expect(before["responses"] as? Int == 10)
        }
    }

    @Test func aPhaseAcrossYearsAgreesWithTheAPI() async throws {
        // P5 runs from 01/10/2027 to 31/12/2030 (Forms/campaign-2026.json); today is 10/01/2028.
        let server = try await TestServer(now: try LocalInstant.at("2028-01-10", 10))
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            // 5, 20, 40 and 100 days back are in P5 (02/10/2027 the earliest); 130 and 200 in P4.
            for daysBack in [5, 20, 40, 100, 130, 200] {
                try await server.recordRatings(officer: "cb-lan", levels: Array(repeating: 3, count: 30) + [1, 2], visits: 1, daysBack: daysBack)
            }
            let admin = try await client.signIn("quantri")
            let page = try await client.get(Self.url(.phase, ["unit": "tam-phuoc", "period": "P5"]), cookie: admin)
            #expect(page.status == .ok)
            #expect(page.text.contains("giai đoạn 5 (từ ngày 01/10/2027 đến ngày 31/12/2030)"))
            #expect(page.text.contains("Tam Phước, ngày 10 tháng 01 năm 2028"), "months 1 and 2 take a leading zero (NĐ 30)")
            let current = try await client.indicators(
                unit: "tam-phuoc", from: try #require(LocalDate("2027-10-01")), to: try #require(LocalDate("2030-12-31")), key: server.apiKey)
            let previous = try await client.indicators(
                unit: "tam-phuoc", from: try #require(LocalDate("2027-04-01")), to: try #require(LocalDate("2027-09-30")), key: server.apiKey)
            #expect(current["responses"] as? Int == 128, "four days of 32 ratings in P5")
            #expect(previous["responses"] as? Int == 64, "two in P4, the phase before")
            let xlsx = try await client.get(Self.url(.phase, ["unit": "tam-phuoc", "period": "P5", "format": "xlsx"]), cookie: admin)
            ExpectedReport(unit: "tam-phuoc", current: current, previous: previous).check(try Workbook.read(Data(xlsx.body.readableBytesView)))
        }
    }

    @Test func theCityReportHasASummaryAndEveryUnitOnItsOwnPage() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("xem.thanhpho", .viewer, unit: nil)
        try await server.test { client in
            try await ReportSeed.seed(client, server: server)
            for account in ["quantri", "xem.thanhpho"] {
                let cookie = try await client.signIn(account)
                let page = try await client.get(Self.url(.monthly, ["unit": "all", "period": "2026-11"]), cookie: cookie)
                #expect(page.status == .ok, "\(account)")
                let html = page.text
                #expect(html.components(separatedBy: "<article class=\"sheet\"").count - 1 == 1 + server.demo.units.count, "the summary and one sheet per unit")
                #expect(html.contains("ỦY BAN NHÂN DÂN PHƯỜNG TAM PHƯỚC") && html.contains("ỦY BAN NHÂN DÂN PHƯỜNG CHƠN THÀNH"))
                #expect(html.contains("tháng 11 năm 2026 - tổng hợp các đơn vị"))
                #expect(html.contains("V. THEO ĐƠN VỊ"))
                #expect(html.contains("<th scope=\"row\">Phường Chơn Thành</th><td class=\"num\">0</td>"), "a unit without ratings is listed")
            }
            let admin = try await client.signIn("quantri")
            let xlsx = try await client.get(Self.url(.monthly, ["unit": "all", "period": "2026-11", "format": "xlsx"]), cookie: admin)
            let book = try Workbook.read(Data(xlsx.body.readableBytesView))
            #expect(book.sheets.last?.name == "Đơn vị - Units")
            let units = try #require(book["Đơn vị - Units"])
            #expect(units.freeze == "A2")
            for unit in server.demo.units {
                let current = try await client.indicators(
                    unit: unit.code, from: try #require(LocalDate("2026-11-01")), to: try #require(LocalDate("2026-11-30")),
                    key: unit.code == "tam-phuoc" ? server.apiKey : server.otherAPIKey)
                let previous = try await client.indicators(
                    unit: unit.code, from: try #require(LocalDate("2026-10-01")), to: try #require(LocalDate("2026-10-31")),
                    key: unit.code == "tam-phuoc" ? server.apiKey : server.otherAPIKey)
                ExpectedReport(unit: unit.code, current: current, previous: previous).check(book)
                // The summary's row of the unit: its ratings and overall rate, or "chưa đủ mẫu".
                let row = try #require(units.rows.first { $0[1].text == unit.code })
                #expect(row[3].double == (current["responses"] as? Int).map(Double.init))
                let satisfaction = try #require(current["satisfaction"] as? [String: Any])
                if let n = satisfaction["n"] as? Int, n >= 30, let rate = satisfaction["rate"] as? Double {
                    #expect(abs((row[4].double ?? -1) - rate / 100) < 1e-9)
                } else {
                    #expect(row[4].text == "chưa đủ mẫu" || row[4].value == nil)
                }
            }
            // The city's own rows: the units together.
            let summary = try #require(book["Hài lòng - Satisfaction"]?.rows.first { $0.first?.text == "all" })
            #expect(summary[3].double == 53, "43 + 10 valid answers in November, every unit")
            let csv = try await client.get(Self.url(.monthly, ["unit": "all", "period": "2026-11", "format": "csv"]), cookie: admin)
            #expect(csv.text.contains("\r\nall,Tỷ lệ hài lòng chung / Overall satisfaction,"))
            #expect(csv.headers[.contentDisposition]?.contains("hailong-bao-cao-thang-2026-11-all.csv") == true)
        }
    }

    @Test func eachRoleReadsTheReportsThePolicyGivesIt() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("giamdoc.ct", .director, unit: "chon-thanh")
        try await server.addUser("xem.phuong", .viewer, unit: "tam-phuoc")
        try await server.addUser("xem.thanhpho", .viewer, unit: nil)
        try await server.addUser("kiemtra", .inspector, unit: nil)
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.addUser("canbo", .officer, unit: "tam-phuoc")
        try await server.test { client in
            let monthly = Self.url(.monthly, ["unit": "tam-phuoc", "period": "2026-11"])
            let city = Self.url(.monthly, ["unit": "all", "period": "2026-11"])
            // A director reads their unit's report, never another's, never the city's.
            let director = try await client.signIn("giamdoc")
            #expect(try await client.get(monthly, cookie: director).status == .ok)
            #expect(try await client.get(Self.url(.weekly, [:]), cookie: director).text.contains("ỦY BAN NHÂN DÂN PHƯỜNG TAM PHƯỚC"), "their own unit by default")
            let other = try await client.signIn("giamdoc.ct")
            #expect(try await client.get(monthly, cookie: other).status == .forbidden)
            #expect(try await client.get(monthly + "&format=xlsx", cookie: other).status == .forbidden)
            #expect(try await client.get(city, cookie: other).status == .forbidden)
            // A unit's viewer reads that unit; a city viewer, an inspector and an
            // administrator read every unit and the city (the policy's viewReports).
            let viewer = try await client.signIn("xem.phuong")
            #expect(try await client.get(monthly, cookie: viewer).status == .ok)
            #expect(try await client.get(city, cookie: viewer).status == .forbidden)
            for account in ["xem.thanhpho", "kiemtra", "quantri"] {
                let cookie = try await client.signIn(account)
                #expect(try await client.get(monthly, cookie: cookie).status == .ok, "\(account)")
                #expect(try await client.get(city, cookie: cookie).status == .ok, "\(account)")
                #expect(try await client.get(Self.url(.phase, [:]), cookie: cookie).text.contains("tổng hợp các đơn vị"), "\(account): the city by default")
            }
            // An officer sees their own figures at /me, not the unit's reports.
            let officer = try await client.signIn("canbo")
            #expect(try await client.get(monthly, cookie: officer).status == .forbidden)
            #expect(try await client.get(monthly + "&format=csv", cookie: officer).status == .forbidden)
            // Not signed in: the sign-in page, no figures.
            let anonymous = try await client.get(monthly)
            #expect(anonymous.status != .ok)
            #expect(!anonymous.text.contains("BÁO CÁO"))
        }
    }

    @Test func badQueriesGetAClearPageInVietnamese() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/admin/reports/yearly", .notFound, "Không tìm thấy"),
                (Self.url(.weekly, ["period": "2026-11"]), .badRequest, "Kỳ &#39;2026-11&#39; không dùng được cho báo cáo tuần: hãy ghi dạng 2026-W48."),
                (Self.url(.monthly, ["period": "2026-W48"]), .badRequest, "hãy ghi dạng 2026-11"),
                (Self.url(.phase, ["period": "P9"]), .badRequest, "hãy ghi dạng P2"),
                (Self.url(.weekly, ["period": "2026-W54"]), .badRequest, "không dùng được"),
                (Self.url(.monthly, ["period": "2026-13"]), .badRequest, "không dùng được"),
                (Self.url(.monthly, ["period": "<script>"]), .badRequest, "&lt;script&gt;"),
                (Self.url(.monthly, ["format": "pdf"]), .badRequest, "Định dạng &#39;pdf&#39; không hợp lệ: dùng html, csv hoặc xlsx."),
                (Self.url(.monthly, ["unit": "khong-co"]), .notFound, "Không tìm thấy"),
                (Self.url(.monthly, ["signer": String(repeating: "Nguyễn ", count: 20)]), .badRequest, "Tên người ký tối đa 80 ký tự"),
            ]
            for (url, status, message) in cases {
                let response = try await client.get(url, cookie: director)
                #expect(response.status == status, "\(url): \(response.status)")
                #expect(response.text.contains(message), "\(url): \(message)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(url): a page, not a download")
            }
            // The signer's name is printed as typed, escaped.
            let signed = try await client.get(Self.url(.monthly, ["signer": "Trần <Văn> Bình"]), cookie: director)
            #expect(signed.status == .ok)
            #expect(signed.text.contains("<p class=\"name\">Trần &lt;Văn&gt; Bình</p>"))
        }
    }

    @Test func theCSVIsExcelReadyAndFormulaSafe() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("quantri", .admin, unit: nil)
        try await server.test { client in
            // A sector whose name would run as a formula in a spreadsheet, rated 30 times.
            let admin = try await server.database.user(username: "quantri")
            _ = try await server.database.createSector(
                code: "thu-nghiem", name: "=HYPERLINK(\"http://x\") Lĩnh vực thử", nameEn: "+Test sector", actor: try #require(admin), now: server.clock.now)
            for _ in 0..<30 {
                let token = try await client.issueTicket(key: server.apiKey, body: #"{"counter":"q1","sector":"thu-nghiem"}"#)
                let rated = try await client.postJSON("/api/v1/responses", #"{"token":"\#(token)","answers":{"overall":3}}"#)
                try #require(rated.status == .created)
            }
            let director = try await client.signIn("giamdoc")
            let csv = try await client.get(Self.url(.weekly, ["period": "2026-W48", "format": "csv"]), cookie: director)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"hailong-bao-cao-tuan-2026-W48-tam-phuoc.csv\"")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.first == "Thông tin - About")
            #expect(lines.contains("Chỉ tiêu - Targets"))
            #expect(lines.contains { $0.hasPrefix("tam-phuoc,Tỷ lệ hài lòng chung / Overall satisfaction,100,30,") }, "a rate as its number of percent")
            #expect(
                lines.contains { $0.hasPrefix(#"tam-phuoc,thu-nghiem,"'=HYPERLINK(""http://x"") Lĩnh vực thử / +Test sector",100,30,"#) },
                "a formula is neutralised, quoted, Vietnamese intact: \(lines.filter { $0.contains("thu-nghiem") })")
            #expect(text.contains("chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy) - SIPAS-style counter index"))
            // The XLSX holds the same text as a text cell: it never runs.
            let xlsx = try await client.get(Self.url(.weekly, ["period": "2026-W48", "format": "xlsx"]), cookie: director)
            let sectors = try #require(try Workbook.read(Data(xlsx.body.readableBytesView))["Lĩnh vực - Sectors"])
            #expect(sectors.rows.contains { $0[2].text == "=HYPERLINK(\"http://x\") Lĩnh vực thử / +Test sector" })
        }
    }

    @Test func theReportPageLinksItsDownloadsAndTheDashboardLinksTheReports() async throws {
        let server = try await TestServer(now: try LocalInstant.at(ReportSeed.monday, 10))
        try await server.addUser("giamdoc", .director, unit: "tam-phuoc")
        try await server.addUser("xem.phuong", .viewer, unit: "tam-phuoc")
        try await server.test { client in
            let director = try await client.signIn("giamdoc")
            let page = try await client.get(Self.url(.monthly, ["period": "2026-11"]), cookie: director).text
            let amp = "&amp;"
            #expect(page.contains("href=\"/admin/reports/monthly?unit=tam-phuoc\(amp)period=2026-11\(amp)format=csv\""))
            #expect(page.contains("href=\"/admin/reports/monthly?unit=tam-phuoc\(amp)period=2026-11\(amp)format=xlsx\""))
            #expect(page.contains("href=\"/admin/exports/responses.csv?unit=tam-phuoc\(amp)from=2026-11-01\(amp)to=2026-11-30\""))
            #expect(page.contains("href=\"/admin/exports/feedback.xlsx?unit=tam-phuoc\(amp)from=2026-11-01\(amp)to=2026-11-30\""))
            #expect(page.contains("<form method=\"get\" action=\"/admin/reports/monthly\""), "the chooser works without script")
            let dashboard = try await client.get(SiteURL.admin.path(["period": "2026-W48"]), cookie: director).text
            #expect(dashboard.contains("href=\"/admin/reports/weekly?unit=tam-phuoc\(amp)period=2026-W48\""))
            #expect(dashboard.contains("href=\"/admin/reports/monthly?unit=tam-phuoc\""))
            #expect(dashboard.contains("href=\"/admin/exports/responses.xlsx?unit=tam-phuoc\(amp)from=2026-11-23\(amp)to=2026-11-29\""))
            // A viewer reads the reports but exports no raw rows: no such links.
            let viewer = try await client.signIn("xem.phuong")
            let viewed = try await client.get(Self.url(.monthly, ["period": "2026-11"]), cookie: viewer).text
            #expect(viewed.contains("format=xlsx"))
            #expect(!viewed.contains("/admin/exports/"))
            #expect(!(try await client.get(SiteURL.admin.path, cookie: viewer).text.contains("/admin/exports/")))
        }
    }
}
