import Domain
import Storage

/// `/admin/privacy`: a unit's requests about personal data, open ones first by the date they
/// must be acknowledged (2 working days, domain.md §5), with due-soon and overdue marked in
/// words. No contact data here: it is opened on a request's own page, audited.
struct PrivacyQueuePage: Page {
    struct Row: Sendable {
        let reference: String
        let href: String
        let item: String
        let itemHref: String?
        let kind: String
        let received: String
        let due: String
        let marker: FeedbackDueMarker?
        let state: String
    }

    let chrome: PageChrome
    let words: Words
    let heading: String
    let chooser: UnitChooser?
    let intro: String
    let headers: [String]
    let rows: [Row]
    let empty: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], requests: [(PrivacyRequest, PrivacyDesk.Standing)], language: Language
    ) {
        let words = Words(language: language)
        self.words = words
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Yêu cầu về dữ liệu cá nhân", en: "Personal data requests"), staff: session) {
            SiteURL.privacyQueue.path(language: $0, ["unit": unit.code])
        }
        heading = words("Yêu cầu về dữ liệu cá nhân - \(unit.name)", "Personal data requests - \(unit.name)")
        chooser = UnitChooser(screen: .privacyQueue, units: units, current: unit, language: language)
        intro = words(
            "Người phản ánh yêu cầu xem, sửa, xóa thông tin liên hệ hoặc rút lại sự đồng ý. Xác nhận trong 2 ngày làm việc (Luật 91/2025/QH15).",
            "People ask to see, correct or delete their contact details, or withdraw consent. Acknowledge within 2 working days (Law 91/2025/QH15).")
        headers = [
            words("Mã yêu cầu", "Reference"), words("Phản ánh", "Feedback"), words("Yêu cầu", "Request"), words("Ngày nhận", "Received"),
            words("Hạn xác nhận", "Acknowledge by"), words("Tình trạng", "Status"),
        ]
        let mayReadItems = session.may(.viewFeedback, inUnit: unit.id ?? 0)
        rows = requests.map { request, standing in
            let code = request.itemCode.description
            let marker: FeedbackDueMarker? = standing.overdue ? .overdue : standing.dueSoon ? .dueSoon : nil
            return Row(
                reference: request.reference, href: SiteURL.privacyRequest(.value(request.reference)).path(language: language), item: code,
                itemHref: mayReadItems ? SiteURL.feedbackItem(.value(code)).path(language: language) : nil,
                kind: request.kind.name.text(in: language), received: LocalTime.display(request.receivedAt),
                due: request.acknowledgeDueOn.vietnamese, marker: marker, state: Self.state(request, words: words))
        }
        empty = words("Chưa có yêu cầu nào.", "No requests yet.")
    }

    static func state(_ request: PrivacyRequest, words: Words) -> String {
        if request.completedAt != nil { return words("Đã hoàn thành", "Completed") }
        if request.acknowledgedAt != nil { return words("Đã xác nhận, đang thực hiện", "Acknowledged") }
        return words("Chờ xác nhận", "Waiting for acknowledgement")
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        chooser?.write(into: &html)
        html.element("p", text: intro)
        if rows.isEmpty {
            html.element("p", text: empty)
            return
        }
        let words = self.words
        Components.table(caption: heading, headers: headers, rows: rows, into: &html) { row, html in
            html.element("td", body: { $0.element("a", .href(row.href), text: row.reference) })
            html.element("td", body: { cell in
                if let href = row.itemHref { cell.element("a", .href(href), text: row.item) } else { cell.text(row.item) }
            })
            html.element("td", text: row.kind)
            html.element("td", text: row.received)
            html.element("td", body: { FeedbackDueMarker.write(date: row.due, marker: row.marker, words: words, into: &$0) })
            html.element("td", text: row.state)
        }
    }
}
