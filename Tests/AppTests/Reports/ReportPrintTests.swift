import Domain
import Foundation
import Testing

@testable import App
@testable import Storage

/// The monthly report printed to PDF by headless Chromium as a person's "Print" would (the
/// page's own `@page` rules): A4, the decree's margins, one page per unit, the motto, the
/// title and the API's figures on the page. The PDFs stay in `$TMPDIR/hailong-reports/` to be
/// looked at (`pdftoppm -png`).
@Suite("Report printing (headless Chromium)", .serialized)
struct ReportPrintTests {
    static let output = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-reports")

    /// A4 in PostScript points, and the decree's margins (NĐ 30/2020: top and bottom 20-25 mm,
    /// left 30-35 mm, right 15-20 mm); the report uses 20, 20, 30 and 15 mm.
    static let width = 595.28
    static let height = 841.89
    static let millimetre = 72 / 25.4

    @Test func theMonthlyReportPrintsOnA4WithTheMottoTitleAndFigures() async throws {
        try await AccessibilityTests.withLiveServer { browser, base, server in
            try await server.addUser("giamdoc", .director, unit: "tam-phuoc", password: AccessibilityTests.password)
            try await server.addUser("quantri", .admin, unit: nil, password: AccessibilityTests.password)
            try await server.recordDashboardWeeks()
            let month = FigurePeriod.month(containing: LocalDate(Date()))
            try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)

            // The API's figures for the month, to find on the page.
            let json = try Subprocess.run(
                "/usr/bin/curl",
                [
                    "-s", "-H", "Authorization: Bearer \(server.apiKey)",
                    base + SiteURL.apiIndicators.path(["unit": "tam-phuoc", "from": month.from.description, "to": month.to.description]),
                ]
            ).output
            let api = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let satisfaction = try #require(api["satisfaction"] as? [String: Any])
            let rate = try #require(satisfaction["rate"] as? Double)
            let n = try #require(satisfaction["n"] as? Int)

            try await AccessibilityTests.signIn("giamdoc", browser: browser, base: base)
            try await browser.open(base + SiteURL.report(.value(.monthly)).path(["signer": "Nguyễn Văn Bình"]))
            let unitPDF = try await Self.print(browser, named: "report-monthly-tam-phuoc.pdf")
            let info = try Self.info(unitPDF)
            #expect(info.a4, "A4: \(info.text)")
            #expect(info.pages == 1, "one unit's report fits one page: \(info.text)")
            let text = try Subprocess.run("/usr/bin/pdftotext", ["-layout", unitPDF.path, "-"]).text
            // A line may break inside a name ("SIPAS-" / "style"): the lines read as one.
            let joined = try Subprocess.run("/usr/bin/pdftotext", [unitPDF.path, "-"]).text.replacingOccurrences(of: "\n", with: " ")
            // (pdftotext joins a word hyphenated at a line's end without its hyphen.)
            #expect(joined.contains("SIPAS-style counter index") || joined.contains("SIPASstyle counter index"), "the method's name")
            #expect(joined.contains(IndicatorReport.methodName), "the method's name")
            for part in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "PHƯỜNG TAM PHƯỚC", "BÁO CÁO",
                "Kết quả đánh giá sự hài lòng tháng \(month.from.month) năm \(month.from.year)", "/BC-TTPVHCC", "Nơi nhận:", "GIÁM ĐỐC",
                "Nguyễn Văn Bình", "\(FigureText.percent(rate, .vi))%",
            ] {
                #expect(text.contains(part), "the printed page says \(part)")
            }
            #expect(text.contains(" \(n) "), "the overall rate's n")
            #expect(!text.contains("Tải bảng số liệu"), "the screen's tools are not printed")
            try Self.checkMargins(unitPDF)

            // The city: the summary and each unit, each starting a new page.
            try await browser.deleteCookies()
            try await AccessibilityTests.signIn("quantri", browser: browser, base: base)
            try await browser.open(base + SiteURL.report(.value(.monthly)).path(["unit": "all"]))
            let cityPDF = try await Self.print(browser, named: "report-monthly-all.pdf")
            let cityInfo = try Self.info(cityPDF)
            #expect(cityInfo.a4)
            // A report starts on the page that shows its motto: as many such pages as reports
            // (the summary and one per unit), the first page one of them.
            var starts: [Int] = []
            for page in 1...max(cityInfo.pages, 1) {
                let pageText = try Subprocess.run("/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", cityPDF.path, "-"]).text
                let mottos = pageText.components(separatedBy: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count - 1
                #expect(mottos <= 1, "page \(page) holds one report's start at most")
                if mottos == 1 { starts.append(page) }
            }
            #expect(starts.count == server.demo.units.count + 1 && starts.first == 1, "each report starts a new page: \(starts) of \(cityInfo.pages)")
            let unitPages = try Subprocess.run("/usr/bin/pdftotext", ["-f", "\(starts.last ?? 1)", "-l", "\(cityInfo.pages)", cityPDF.path, "-"]).text
            #expect(unitPages.contains("PHƯỜNG TAM PHƯỚC") || unitPages.contains("PHƯỜNG CHƠN THÀNH"))
            try Self.checkMargins(cityPDF)
        }
    }

    /// pdfinfo's page count and whether the pages are A4.
    static func info(_ file: URL) throws -> (pages: Int, a4: Bool, text: String) {
        let text = try Subprocess.run("/usr/bin/pdfinfo", [file.path]).text
        let lines = text.split(separator: "\n")
        let pages = lines.first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
        let a4 = lines.first { $0.hasPrefix("Page size:") }?.hasSuffix("(A4)") ?? false
        return (pages, a4, text)
    }

    static func print(_ browser: WebDriver, named name: String) async throws -> URL {
        let pdf = try await browser.printPDFAsPageCSS()
        let file = output.appendingPathComponent(name)
        try pdf.write(to: file)
        return file
    }

    /// Every word lies inside the decree's margins, on every page.
    static func checkMargins(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let boxes = try Subprocess.run("/usr/bin/pdftotext", ["-bbox", file.path, "-"]).text
        var left = Double.infinity
        var top = Double.infinity
        var right = 0.0
        var bottom = 0.0
        for line in boxes.split(separator: "\n") where line.contains("<word ") {
            func value(_ name: String) -> Double? {
                guard let range = line.range(of: name + "=\"") else { return nil }
                return Double(line[range.upperBound...].prefix { $0 != "\"" })
            }
            guard let xMin = value("xMin"), let yMin = value("yMin"), let xMax = value("xMax"), let yMax = value("yMax") else { continue }
            left = min(left, xMin)
            top = min(top, yMin)
            right = max(right, xMax)
            bottom = max(bottom, yMax)
        }
        let tolerance = 1.5
        #expect(left >= 30 * millimetre - tolerance, "left margin \(left / millimetre) mm", sourceLocation: sourceLocation)
        #expect(width - right >= 15 * millimetre - tolerance, "right margin \((width - right) / millimetre) mm", sourceLocation: sourceLocation)
        #expect(top >= 20 * millimetre - tolerance, "top margin \(top / millimetre) mm", sourceLocation: sourceLocation)
        #expect(height - bottom >= 20 * millimetre - tolerance, "bottom margin \((height - bottom) / millimetre) mm", sourceLocation: sourceLocation)
    }
}
