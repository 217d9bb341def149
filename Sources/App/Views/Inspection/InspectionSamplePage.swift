import Domain
import Storage

/// `/inspection/samples/{id}`: a drawn sample - what was asked (so it can be drawn again), its
/// strata, and each sampled item with the reviewer's checklist: result concrete? on time?
/// history intact? reply sent? and a finding. "On time" and "history intact" start from what
/// the data says; the reviewer confirms by saving. Findings export as CSV and XLSX.
struct InspectionSamplePage: Page {
    struct Entry: Sendable {
        let code: String
        let href: String
        let facts: String
        let reviewed: String?
        let questions: [(name: String, label: String, options: [Components.Option])]
        let finding: String
        let failed: Bool
    }

    let chrome: PageChrome
    let words: Words
    let heading: String
    let nav: InspectionNav
    let notice: String?
    let error: String?
    let parameters: [FeedbackItemPage.Fact]
    let again: (label: String, href: String)
    let exports: [(label: String, href: String)]
    let strataHeading: String
    let strataHeaders: [String]
    let strata: [[Cell]]
    let itemsHeading: String
    let entries: [Entry]
    let empty: String
    let reviewAction: String?
    let csrf: String

    init(
        session: StaffSession, sample: InspectionSample, chains: [Int64: FeedbackChainStatus], language: Language, notice: LocalizedText?,
        error: LocalizedText?, failed: String?, input: [String: String]
    ) {
        let words = Words(language: language)
        self.words = words
        let id = sample.id
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Mẫu kiểm tra #\(id)", en: "Sample #\(id)"), staff: session) {
            SiteURL.inspectionSample(.value(id)).path(language: $0)
        }
        heading = words("Mẫu kiểm tra #\(id)", "Sample #\(id)")
        nav = InspectionNav(.samples, unit: sample.unitCode, language: language)
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        let request = sample.request
        parameters = [
            .init(label: words("Đơn vị", "Unit"), value: sample.unitCode ?? words("Tất cả đơn vị", "Every unit")),
            .init(label: words("Xử lý trong kỳ", "Handled in"), value: "\(request.from.vietnamese) - \(request.to.vietnamese)"),
            .init(label: words("Cỡ mẫu mỗi nhóm", "Size per stratum"), value: String(request.perStratum)),
            .init(label: words("Hạt giống", "Seed"), value: String(request.seed)),
            .init(
                label: words("Đã chọn", "Drawn"),
                value: words("\(sample.entries.count) trong \(sample.population) phản ánh, \(sample.strata.count) nhóm", "\(sample.entries.count) of \(sample.population) items, \(sample.strata.count) strata")),
            .init(label: words("Người chọn", "Drawn by"), value: "\(sample.createdBy) - \(LocalTime.display(sample.createdAt))"),
        ]
        again = (
            words("Chọn lại mẫu này với cùng hạt giống", "Draw this sample again with the same seed"),
            SiteURL.inspectionSamples.path(
                language: language,
                [
                    "unit": sample.unitCode ?? "all", "from": request.from.description, "to": request.to.description, "n": String(request.perStratum),
                    "seed": String(request.seed),
                ])
        )
        exports =
            session.mayAnywhere(.exportFindings)
            ? [
                (words("Tải kết quả kiểm tra (CSV)", "Download the findings (CSV)"), SiteURL.inspectionFindingsCSV(.value(id)).path),
                (words("Tải kết quả kiểm tra (Excel, XLSX)", "Download the findings (Excel, XLSX)"), SiteURL.inspectionFindingsXLSX(.value(id)).path),
            ] : []
        strataHeading = words("Các nhóm mẫu", "Strata")
        strataHeaders = [
            words("Nhóm (đơn vị / loại / người xử lý / thời hạn)", "Stratum (unit / kind / handler / timing)"), words("Số phản ánh đã xử lý", "Items handled"),
            words("Đã chọn", "Drawn"),
        ]
        strata = sample.strata.map { [.code($0.key), .text(String($0.population)), .text(String($0.drawn))] }
        itemsHeading = words("Phản ánh trong mẫu", "Items in the sample")
        let answers = ChecklistAnswer.allCases.map { (value: $0.rawValue, label: $0.name.text(in: language)) }
        entries = sample.entries.map { entry in
            let item = entry.item
            let code = item.code.description
            let fromData: [String: ChecklistAnswer] = [
                "onTime": item.onTime.map { $0 ? .yes : .no } ?? .notApplicable,
                "historyIntact": chains[item.id] == .verified ? .yes : .no,
            ]
            let review = entry.review
            let saved: [String: ChecklistAnswer] =
                review.map { ["resultConcrete": $0.resultConcrete, "onTime": $0.onTime, "historyIntact": $0.historyIntact, "replySent": $0.replySent] } ?? [:]
            let isFailed = failed == code
            func selected(_ name: String) -> String? { isFailed ? input[name] : (saved[name] ?? fromData[name])?.rawValue }
            let questions: [(String, String)] = [
                ("resultConcrete", words("Kết quả cụ thể?", "Result concrete?")),
                ("onTime", words("Đúng hạn?", "On time?") + (review == nil ? words(" (theo dữ liệu, hãy xác nhận)", " (from the data: confirm)") : "")),
                ("historyIntact", words("Lịch sử nguyên vẹn?", "History intact?") + (review == nil ? words(" (theo kiểm chứng chuỗi)", " (from the chain check)") : "")),
                ("replySent", words("Đã trả lời người dân?", "Reply sent?")),
            ]
            let handled = item.handledAt.map { LocalTime.display($0) } ?? "-"
            let timing = SampleTiming(onTime: item.onTime).name.text(in: language)
            return Entry(
                code: code, href: SiteURL.inspectionItem(.value(code)).path(language: language),
                facts: "\(item.unitCode) · \(item.kind.name.text(in: language)) · \(item.assignee ?? "-") · \(timing) · " + words("xử lý ", "handled ") + handled,
                reviewed: review.map { words("Đã kiểm tra: \($0.reviewer), \(LocalTime.display($0.at))", "Reviewed by \($0.reviewer), \(LocalTime.display($0.at))") },
                questions: questions.map { name, label in (name: name, label: label, options: FeedbackFields.options(answers, selected: selected(name))) },
                finding: isFailed ? input["finding"] ?? "" : review?.finding ?? "", failed: isFailed)
        }
        empty = words("Không có phản ánh nào được xử lý trong kỳ này.", "No item was handled in this period.")
        reviewAction =
            sample.entries.contains(where: { session.may(.reviewFeedback, inUnit: $0.item.unitId) })
            ? SiteURL.inspectionSampleReview(.value(id)).path(language: language) : nil
        csrf = session.csrfToken
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        nav.write(into: &html)
        Components.messages(notice: notice, error: error, into: &html)
        FeedbackItemPage.write(parameters, words: words, into: &html)
        html.element("p", body: { $0.element("a", .href(again.href), text: again.label) })
        for export in exports { html.element("p", body: { $0.element("a", .href(export.href), .class("btn"), text: export.label) }) }
        html.element("h2", text: strataHeading)
        Components.table(caption: strataHeading, headers: strataHeaders, rows: strata, into: &html)
        html.element("h2", text: itemsHeading)
        if entries.isEmpty { html.element("p", text: empty) }
        for entry in entries {
            html.open("section", .id("item-\(entry.code)"), .class("sample-item"), .attr("aria-label", entry.code))
            html.element("h3", body: { $0.element("a", .href(entry.href), body: { $0.element("code", text: entry.code) }) })
            html.element("p", text: entry.facts)
            if let reviewed = entry.reviewed { html.element("p", .class("ok"), text: reviewed) }
            if let reviewAction {
                html.open("form", .fixed("method", "post"), .attr("action", reviewAction), .class("action"), .attr("aria-label", entry.code))
                Components.csrf(csrf, into: &html)
                html.void("input", .type("hidden"), .name("item"), .value(entry.code))
                for question in entry.questions {
                    FeedbackFields.select(form: entry.code, name: question.name, label: question.label, options: question.options, required: true, into: &html)
                }
                FeedbackFields.textarea(
                    form: entry.code, name: "finding", label: words("Nhận xét", "Finding"), value: entry.finding, maxLength: InspectionController.noteLimit,
                    into: &html)
                html.element("button", .class("btn"), text: words("Ghi kết quả kiểm tra", "Save the review"))
                html.close("form")
            } else {
                for question in entry.questions {
                    let chosen = question.options.first(where: \.selected)?.label ?? "-"
                    html.element("p", text: "\(question.label) \(chosen)")
                }
                if !entry.finding.isEmpty { html.element("p", .class("desc"), text: entry.finding) }
            }
            html.close("section")
        }
    }
}
