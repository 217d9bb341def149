import Domain
import Foundation
import Storage

/// `/admin/reports/{weekly|monthly|phase}`: the report as a Vietnamese administrative
/// document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing body and the national motto
/// side by side, the number and the place-date line, the title, the body's tables, the
/// recipients and the signature; one sheet per unit, each on its own A4 page when printed
/// (`unit=all`: the city summary first, then each unit). The tables are `ReportTables`, the
/// same the CSV and the XLSX write. Above the sheets, on screen only, the choice of unit and
/// period, the downloads and a print button; the page works without script.
struct ReportPage: Page {
    struct Link: Sendable {
        let label: String
        let href: String
    }

    /// A table as printed: bilingual headers, cells already worded the Vietnamese way.
    struct PrintedTable: Sendable {
        struct Header: Sendable {
            let vi: String
            let en: String?
        }

        struct Cell: Sendable {
            let text: String
            let numeric: Bool
        }

        let caption: String
        let style: String?
        let headers: [Header]
        let rows: [[Cell]]
    }

    struct Section: Sendable {
        let heading: String
        let english: String
        let table: PrintedTable?
        /// Said instead of an empty table.
        let empty: String?
    }

    /// One document: a unit's report, or the city summary.
    struct Sheet: Sendable {
        /// The unit's name (or the city's), to tell one sheet's tables from another's.
        let unitName: String
        let parentBody: String
        let body: String
        let number: String
        let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        let mottoLine = "Độc lập - Tự do - Hạnh phúc"
        let placeDate: String
        let title = "BÁO CÁO"
        let subject: String
        let english: String
        let intro: String
        let sections: [Section]
        let notes: [String]
        let recipients: [String]
        let signerTitle: String
        let signerName: String?
    }

    let chrome: PageChrome
    let heading: String
    let chooser: Chooser
    let downloads: [Link]
    let downloadsLabel: String
    let rawExports: [Link]
    let rawExportsLabel: String
    let otherReports: [Link]
    let printLabel: String
    let printHint: String
    let sheets: [Sheet]

    /// The GET form that picks unit, period and signer: plain HTML, no script.
    struct Chooser: Sendable {
        let action: String
        let language: Language
        let unitCode: String
        let unitLabel: String
        let units: [Components.Option]
        let periodLabel: String
        let periods: [Components.Option]
        let signerLabel: String
        let signer: String
        let button: String
    }

    /// - Parameters:
    ///   - units: the units the account may report on; `city`: whether it may ask `all`.
    ///   - signer: the name printed under the signature, as typed (nil: a line to write on).
    init(
        report: SatisfactionReport, tables: [ReportTables], unitCode: String, session: StaffSession, units: [Storage.Unit], city: Bool,
        exportsUnits: Bool, signer: String?, publicURL: String, language: Language
    ) {
        let words = Words(language: language)
        let kind = report.kind
        let period = report.period
        chrome = PageChrome(
            language: language, title: LocalizedText(vi: "\(kind.name.vi) - \(period.name.vi)", en: "\(kind.name.en) - \(period.name.en)"),
            staff: session, scripts: ["print.js"], styles: ["report.css"]
        ) {
            SiteURL.report(.value(kind)).path(language: $0, ["unit": unitCode, "period": period.code, "signer": signer])
        }
        let subjectName = report.subjects.count == 1 ? report.subjects[0].name : words("mọi đơn vị", "every unit")
        heading = words("\(kind.name.vi) - \(subjectName)", "\(kind.name.en) - \(subjectName)")

        var unitOptions = units.map { Components.Option(value: $0.code, label: $0.name, selected: $0.code == unitCode) }
        if city {
            unitOptions.insert(
                Components.Option(value: "all", label: words("Toàn thành phố (mọi đơn vị)", "Whole city (every unit)"), selected: unitCode == "all"), at: 0)
        }
        chooser = Chooser(
            action: SiteURL.report(.value(kind)).path, language: language, unitCode: unitCode, unitLabel: words("Đơn vị", "Unit"), units: unitOptions.count > 1 ? unitOptions : [],
            periodLabel: words("Kỳ báo cáo", "Period"),
            periods: Self.periodChoices(kind: kind, current: period, today: report.today, campaign: report.campaign).map {
                Components.Option(value: $0.code, label: $0.name.text(in: language), selected: $0.code == period.code)
            }, signerLabel: words("Người ký (họ và tên, không bắt buộc)", "Signed by (full name, optional)"), signer: signer ?? "",
            button: words("Xem báo cáo", "Show the report"))

        func link(_ format: String) -> String {
            SiteURL.report(.value(kind)).path(["unit": unitCode, "period": period.code, "format": format])
        }
        downloadsLabel = words("Tải bảng số liệu:", "Download the tables:")
        downloads = [Link(label: "CSV", href: link("csv")), Link(label: "XLSX (Excel)", href: link("xlsx"))]
        rawExportsLabel = words("Dữ liệu gốc của kỳ (không có thông tin liên hệ):", "Raw data of the period (no contact data):")
        if exportsUnits {
            let range: KeyValuePairs<String, String?> = ["unit": unitCode, "from": period.from.description, "to": period.to.description]
            rawExports = [
                Link(label: words("Lượt đánh giá (CSV)", "Ratings (CSV)"), href: SiteURL.exportResponsesCSV.path(range)),
                Link(label: words("Lượt đánh giá (XLSX)", "Ratings (XLSX)"), href: SiteURL.exportResponsesXLSX.path(range)),
                Link(label: words("Sổ phản ánh (CSV)", "Feedback register (CSV)"), href: SiteURL.exportFeedbackCSV.path(range)),
                Link(label: words("Sổ phản ánh (XLSX)", "Feedback register (XLSX)"), href: SiteURL.exportFeedbackXLSX.path(range)),
            ]
        } else {
            rawExports = []
        }
        otherReports =
            ReportKind.allCases.filter { $0 != kind }.map { other in
                Link(label: other.name.text(in: language), href: SiteURL.report(.value(other)).path(language: language, ["unit": unitCode]))
            } + [Link(label: words("Bảng điều hành", "Dashboard"), href: SiteURL.admin.path(language: language, ["unit": unitCode, "period": period.code]))]
        printLabel = words("In báo cáo", "Print the report")
        printHint = words(
            "Ctrl+P (⌘P) để in hoặc lưu PDF: khổ A4, mỗi đơn vị bắt đầu một trang mới.", "Ctrl+P (⌘P) prints or saves a PDF: A4, each unit from a new page.")

        var sheets: [Sheet] = []
        for (subject, table) in zip(report.subjects, tables) {
            sheets.append(Self.sheet(report: report, subject: subject, tables: table, signer: signer, publicURL: publicURL))
        }
        self.sheets = sheets
    }

    // MARK: the document

    static func sheet(report: SatisfactionReport, subject: ReportFigures, tables: ReportTables, signer: String?, publicURL: String) -> Sheet {
        let issuer = ReportIssuer(unit: subject.unit)
        let period = report.period
        let kind = report.kind
        let rules = report.rules
        let now = subject.current

        let campaign = report.campaignName
        let who = subject.isCity ? "xin tổng hợp kết quả đánh giá sự hài lòng tại Bộ phận Một cửa các đơn vị" : "\(issuer.bodyName) báo cáo kết quả đánh giá sự hài lòng"
        let intro = (campaign.map { "Thực hiện \($0), " } ?? "") + "\(who) \(Self.periodWords(kind: kind, period: period)) như sau:"

        var sections = [
            Section(heading: "I. KẾT QUẢ CÁC CHỈ TIÊU", english: "Campaign targets I1-I6", table: printed(tables.targets), empty: nil),
            Section(
                heading: "II. MỨC ĐỘ HÀI LÒNG", english: "Satisfaction, its factors, response rate, TT 01/2018 indices", table: printed(tables.satisfaction),
                empty: nil),
            Section(
                heading: "III. THEO LĨNH VỰC", english: "By sector", table: tables.sectors.rows.isEmpty ? nil : printed(tables.sectors),
                empty: "Chưa có đánh giá gắn với lĩnh vực trong kỳ. / No rating names a sector in the period."),
            Section(heading: "IV. PHẢN ÁNH, KIẾN NGHỊ", english: "Feedback and petitions", table: printed(tables.feedback), empty: nil),
        ]
        if let units = tables.units {
            sections.append(Section(heading: "V. THEO ĐƠN VỊ", english: "By unit", table: printed(units), empty: nil))
        }

        // Which cells the rules withheld in this report, by name: a reader sees why a cell
        // has no percentage.
        var withheld = tables.sectors.rows.compactMap { row -> String? in
            guard row.count > 4, row[3] == .text(ReportTables.notEnough), case .text(let name) = row[2], case .integer(let n) = row[4] else { return nil }
            return "lĩnh vực \(vietnamese(name)) (n = \(n))"
        }
        withheld += (tables.units?.rows ?? []).compactMap { row -> String? in
            guard row.count > 5, row[4] == .text(ReportTables.notEnough), case .text(let name) = row[2], case .integer(let n) = row[5] else { return nil }
            return "\(name) (n = \(n))"
        }
        var notes = [
            "Số liệu là \(IndicatorReport.methodName) - SIPAS-style counter index, không phải SIPAS chính thức; "
                + "hài lòng: hai mức cao nhất của thang đo; KTC 95%: khoảng tin cậy Wilson.",
            "Ô có dưới \(rules.minimumN) câu trả lời hợp lệ ghi \"chưa đủ mẫu\", không ghi tỷ lệ"
                + (withheld.isEmpty ? "; kỳ này không có." : ": " + withheld.joined(separator: ", ") + "."),
            "Phản ánh tính đến ngày \(LocalDate(now.feedback.end)?.vietnamese ?? now.feedback.end); tỷ lệ đúng hạn = đúng hạn / (đã giải quyết + quá hạn). "
                + "Trong ngoặc: thay đổi so với \(report.previousPeriod.name.vi.prefix(1).lowercased() + report.previousPeriod.name.vi.dropFirst()), điểm %. "
                + "Công khai tại \(publicURL).",
        ]
        if subject.isCity { notes.append("Số liệu toàn thành phố gộp mọi đơn vị như một; mỗi đơn vị có báo cáo riêng ở các trang sau.") }

        let recipients: [String]
        if subject.unit != nil {
            recipients =
                ["- UBND \(issuer.placeKind) \(issuer.place) (để báo cáo);"] + (campaign.map { ["- Ban Chỉ đạo \($0);"] } ?? [])
                + ["- Ủy ban Kiểm tra;", "- Lưu: VT, \(issuer.symbol)."]
        } else {
            recipients = (campaign.map { ["- Ban Chỉ đạo \($0);"] } ?? []) + ["- UBND các phường, xã (để biết);", "- Ủy ban Kiểm tra;", "- Lưu: VT."]
        }
        return Sheet(
            unitName: subject.name, parentBody: issuer.parentBody, body: issuer.body, number: "Số:\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}/BC-\(issuer.symbol)",
            placeDate: "\(issuer.place), \(administrativeDate(report.today))",
            subject: "Kết quả đánh giá sự hài lòng \(Self.periodWords(kind: kind, period: period))"
                + (subject.isCity ? " - tổng hợp các đơn vị" : ""),
            english: "Report: satisfaction results, \(period.name.en) - " + (subject.isCity ? "every unit" : englishName(subject)),
            intro: intro, sections: sections, notes: notes, recipients: recipients, signerTitle: issuer.signerTitle,
            signerName: signer)
    }

    /// The unit's English name where it has one.
    static func englishName(_ subject: ReportFigures) -> String {
        guard let english = subject.unit?.nameEn, !english.isEmpty else { return subject.name }
        return english
    }

    /// "tuần 48 năm 2026 (từ ngày 23/11/2026 đến ngày 29/11/2026)", "tháng 11 năm 2026",
    /// "giai đoạn 2 (từ ngày 01/6/2026 đến ngày 31/12/2026)".
    static func periodWords(kind: ReportKind, period: FigurePeriod) -> String {
        let range = "(từ ngày \(period.from.vietnamese) đến ngày \(period.to.vietnamese))"
        switch kind {
        case .weekly:
            let (year, week) = FigurePeriod.isoWeek(of: period.from)
            return "tuần \(week) năm \(year) \(range)"
        case .monthly:
            return "tháng \(period.from.month) năm \(period.from.year)"
        case .phase:
            let name = period.name.vi.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? period.code
            return "\(name.prefix(1).lowercased() + name.dropFirst()) \(range)"
        }
    }

    /// NĐ 30/2020: "ngày 05 tháng 01 năm 2026" - a day below 10 and the months 1 and 2 take a
    /// leading zero; other months do not ("tháng 11").
    static func administrativeDate(_ day: LocalDate) -> String {
        let dayText = day.day < 10 ? "0\(day.day)" : "\(day.day)"
        let monthText = day.month <= 2 ? "0\(day.month)" : "\(day.month)"
        return "ngày \(dayText) tháng \(monthText) năm \(day.year)"
    }

    /// The periods the chooser offers: the recent weeks or months, or the campaign's phases,
    /// and the one shown.
    static func periodChoices(kind: ReportKind, current: FigurePeriod, today: LocalDate, campaign: CampaignDefinition?) -> [FigurePeriod] {
        var choices: [FigurePeriod] = []
        var day = today
        switch kind {
        case .weekly:
            for _ in 0..<12 {
                choices.append(.week(containing: day))
                day = day.adding(days: -7)
            }
        case .monthly:
            for _ in 0..<12 {
                let month = FigurePeriod.month(containing: day)
                choices.append(month)
                day = month.from.adding(days: -1)
            }
        case .phase:
            choices = campaign?.phases.map(FigurePeriod.phase) ?? []
        }
        if !choices.contains(where: { $0.code == current.code }) { choices.insert(current, at: 0) }
        return choices
    }

    /// The Vietnamese part of a "vi / en" text.
    static func vietnamese(_ text: String) -> String {
        guard let range = text.range(of: " / ", options: .backwards) else { return text }
        return String(text[..<range.lowerBound])
    }

    /// The table as people read it: hidden columns left out, an interval as "[low–high]",
    /// the previous value with the change in points ("94,0% (−1,6)"), percentages with a
    /// decimal comma, "–" for no value. Headers in Vietnamese (the section's heading gives the
    /// English): a table fits its page better with one-line headers.
    static func printed(_ table: ReportTable) -> PrintedTable {
        let print = table.printing
        let joined = Set([print.interval, print.previous].compactMap { $0.map { $0 + 1 } })
        let columns = table.headers.indices.filter { !print.hidden.contains($0) && !joined.contains($0) }
        let headers = columns.map { index -> PrintedTable.Header in
            if index == print.interval { return PrintedTable.Header(vi: "KTC 95%", en: nil) }
            if index == print.previous { return PrintedTable.Header(vi: "Kỳ trước", en: nil) }
            return PrintedTable.Header(vi: vietnamese(table.headers[index]), en: nil)
        }
        let rows = table.rows.map { row in
            columns.map { index -> PrintedTable.Cell in
                let cell = index < row.count ? row[index] : .empty
                let next = index + 1 < row.count ? row[index + 1] : .empty
                if index == print.interval {
                    guard case .percent(let low) = cell, case .percent(let high) = next else { return PrintedTable.Cell(text: "–", numeric: true) }
                    return PrintedTable.Cell(text: "[\(FigureText.percent(low * 100, .vi))–\(FigureText.percent(high * 100, .vi))]", numeric: true)
                }
                if index == print.previous, case .percent(let change) = next {
                    let points = change * 100
                    let sign = (points * 10).rounded() == 0 ? "±" : points > 0 ? "+" : "−"
                    return PrintedTable.Cell(text: words(cell).text + " (\(sign)\(FigureText.percent(abs(points), .vi)))", numeric: true)
                }
                return words(cell)
            }
        }
        return PrintedTable(caption: vietnamese(table.name), style: print.style, headers: headers, rows: rows)
    }

    static func words(_ cell: ReportCell) -> PrintedTable.Cell {
        switch cell {
        case .text(let text): return PrintedTable.Cell(text: vietnamese(text), numeric: false)
        case .integer(let value): return PrintedTable.Cell(text: String(value), numeric: true)
        case .number(let value):
            // TT 01 points, 0 to 2: two decimals.
            let hundredths = Int((value * 100).rounded())
            return PrintedTable.Cell(text: "\(hundredths / 100)," + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)", numeric: true)
        case .percent(let value): return PrintedTable.Cell(text: FigureText.percent(value * 100, .vi) + "%", numeric: true)
        case .empty: return PrintedTable.Cell(text: "–", numeric: true)
        }
    }

    // MARK: view

    func body(_ html: inout HTML) {
        html.open("div", .class("noprint reporttools"))
        html.element("h1", text: heading)
        chooser.write(into: &html)
        html.open("p")
        html.text(downloadsLabel)
        for link in downloads {
            html.raw(" ")
            html.element("a", .href(link.href), .class("dl"), text: link.label)
        }
        html.close("p")
        if !rawExports.isEmpty {
            html.open("p")
            html.text(rawExportsLabel)
            for (index, link) in rawExports.enumerated() {
                html.raw(index == 0 ? " " : " · ")
                html.element("a", .href(link.href), text: link.label)
            }
            html.close("p")
        }
        html.open("p")
        for (index, link) in otherReports.enumerated() {
            if index > 0 { html.raw(" · ") }
            html.element("a", .href(link.href), text: link.label)
        }
        html.close("p")
        // A real button: print() needs script, so without it the hint says what to press.
        html.element("button", .type("button"), .class("btn"), .id("print"), .flag("hidden"), text: printLabel)
        html.element("p", .class("note"), text: printHint)
        html.close("div")
        for sheet in sheets { write(sheet, into: &html) }
    }

    private func write(_ sheet: Sheet, into html: inout HTML) {
        html.open("article", .class("sheet"), .fixed("lang", "vi"))
        html.open("div", .class("head"))
        html.open("div", .class("issuer"))
        html.element("p", .class("parent"), text: sheet.parentBody)
        html.element("p", .class("body"), text: sheet.body)
        html.element("p", .class("no"), text: sheet.number)
        html.close("div")
        html.open("div", .class("motto"))
        html.element("p", .class("nation"), text: sheet.motto)
        html.element("p", .class("motto2"), body: { $0.element("span", text: sheet.mottoLine) })
        html.element("p", .class("place"), text: sheet.placeDate)
        html.close("div")
        html.close("div")
        html.open("h2", .class("title"))
        html.element("span", .class("kind"), text: sheet.title)
        html.element("span", .class("subject"), text: sheet.subject)
        html.element("span", .class("en"), .fixed("lang", "en"), text: sheet.english)
        html.close("h2")
        html.element("p", .class("intro"), text: sheet.intro)
        for section in sheet.sections {
            html.open("section")
            html.open("h3")
            html.text(section.heading)
            html.raw(" ")
            html.element("span", .class("en"), .fixed("lang", "en"), text: section.english)
            html.close("h3")
            if let table = section.table {
                write(table, of: sheet.unitName, into: &html)
            } else if let empty = section.empty {
                html.element("p", text: empty)
            }
            html.close("section")
        }
        html.open("div", .class("notes"))
        for (index, note) in sheet.notes.enumerated() {
            html.open("p")
            if index == 0 {
                html.element("strong", text: "Ghi chú")
                html.raw(" ")
                html.element("span", .class("en"), .fixed("lang", "en"), text: "(notes)")
                html.raw(": ")
            }
            html.text("\(index + 1). \(note)")
            html.close("p")
        }
        html.close("div")
        html.open("div", .class("foot"))
        html.open("div", .class("recipients"))
        html.element("p", .class("label"), text: "Nơi nhận:")
        for line in sheet.recipients { html.element("p", text: line) }
        html.close("div")
        html.open("div", .class("signature"))
        html.element("p", .class("role"), text: sheet.signerTitle)
        html.element("p", .class("name"), text: sheet.signerName ?? "")
        html.close("div")
        html.close("div")
        html.close("article")
    }

    /// A table in a box that scrolls sideways on a phone (and says so to the keyboard and to
    /// screen readers); on paper the box is nothing.
    private func write(_ table: PrintedTable, of unitName: String, into html: inout HTML) {
        html.open("div", .class("tws"), .fixed("role", "region"), .attr("aria-label", "\(table.caption) - \(unitName)"), .fixed("tabindex", "0"))
        html.open("table", .class(table.style))
        html.element("caption", .class("vh"), text: table.caption)
        html.open("thead")
        html.open("tr")
        for header in table.headers {
            html.open("th", .fixed("scope", "col"))
            html.text(header.vi)
            if let en = header.en {
                html.element("span", .class("en"), .fixed("lang", "en"), text: en)
            }
            html.close("th")
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for row in table.rows {
            html.open("tr")
            for (index, cell) in row.enumerated() {
                if index == 0 {
                    html.element("th", .fixed("scope", "row"), text: cell.text)
                } else {
                    html.element("td", .class(cell.numeric ? "num" : nil), text: cell.text)
                }
            }
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.close("div")
    }
}

extension ReportPage.Chooser {
    func write(into html: inout HTML) {
        html.open("form", .fixed("method", "get"), .attr("action", action), .class("chooser"))
        if language != .vi { html.void("input", .type("hidden"), .name("lang"), .value(language.rawValue)) }
        if !units.isEmpty {
            html.open("span")
            Components.select(name: "unit", label: unitLabel, options: units, into: &html)
            html.close("span")
        } else {
            html.void("input", .type("hidden"), .name("unit"), .value(unitCode))
        }
        html.open("span")
        Components.select(name: "period", label: periodLabel, options: periods, into: &html)
        html.close("span")
        html.open("span")
        Components.textField(name: "signer", label: signerLabel, value: signer, maxLength: ReportIssuer.signerLimit, autocomplete: "name", into: &html)
        html.close("span")
        html.element("button", .class("btn"), text: button)
        html.close("form")
    }
}
