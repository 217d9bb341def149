import Domain
import Storage

/// `/admin/privacy/{reference}`: one request about personal data for the staff who handle
/// it. For an open access request, the contact data held (to send to the person); for an
/// open correction, the data held and the new values; every opening is audited. Then the
/// forms to acknowledge and to complete the request: completing a deletion or a withdrawal
/// of consent erases the contact data and keeps the item.
struct PrivacyRequestStaffPage: Page {
    let chrome: PageChrome
    let words: Words
    let heading: String
    let back: (label: String, href: String)
    let notice: String?
    let error: String?
    let facts: [(label: String, value: String)]
    let held: [(label: String, value: String)]?
    let corrected: [(label: String, value: String)]?
    let contactNote: String?
    let action: String
    let csrf: String
    let forms: [(value: String, title: String, explanation: String)]

    init(
        session: StaffSession, request: PrivacyRequest, item: FeedbackItem, standing: PrivacyDesk.Standing, held: FeedbackContact?,
        corrected: FeedbackContact?, language: Language, notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        self.words = words
        let reference = request.reference
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Yêu cầu \(reference)", en: "Request \(reference)"), staff: session) {
            SiteURL.privacyRequest(.value(reference)).path(language: $0)
        }
        heading = words("Yêu cầu \(reference): \(request.kind.name.vi)", "Request \(reference): \(request.kind.name.en)")
        back = (words("← Yêu cầu về dữ liệu cá nhân", "← Personal data requests"), SiteURL.privacyQueue.path(language: language, ["unit": item.unitCode]))
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        let marker = standing.overdue ? words(" - quá hạn", " - overdue") : standing.dueSoon ? words(" - sắp đến hạn", " - due soon") : ""
        var facts: [(label: String, value: String)] = [
            (words("Phản ánh", "Feedback"), item.code.description),
            (words("Yêu cầu", "Request"), request.kind.name.text(in: language)),
            (words("Ngày nhận", "Received"), LocalTime.display(request.receivedAt)),
            (words("Hạn xác nhận", "Acknowledge by"), request.acknowledgeDueOn.vietnamese + marker),
            (words("Tình trạng", "Status"), PrivacyQueuePage.state(request, words: words)),
        ]
        if let at = request.acknowledgedAt { facts.append((words("Xác nhận", "Acknowledged"), "\(LocalTime.display(at)) - \(request.acknowledgedBy ?? "-")")) }
        if let at = request.completedAt { facts.append((words("Hoàn thành", "Completed"), "\(LocalTime.display(at)) - \(request.completedBy ?? "-")")) }
        if let at = item.anonymisedAt {
            facts.append((words("Phản ánh đã ẩn danh", "Item anonymised"), LocalTime.display(at) + (item.anonymisedReason.map { " - " + $0.name.text(in: language) } ?? "")))
        }
        self.facts = facts
        self.held = held?.labelledLines(words)
        self.corrected = corrected?.labelledLines(words)
        contactNote =
            held != nil || corrected != nil
            ? words(
                "Lần xem này được ghi vào nhật ký. Chỉ dùng để trả lời yêu cầu này.", "This view is logged. Use the data only to answer this request.")
            : nil
        action = SiteURL.privacyRequest(.value(reference)).path(language: language)
        csrf = session.csrfToken
        var forms: [(value: String, title: String, explanation: String)] = []
        if request.isOpen, request.acknowledgedAt == nil {
            forms.append(("acknowledge", words("Xác nhận đã nhận yêu cầu", "Acknowledge the request"), words("Báo người yêu cầu là Trung tâm đã nhận.", "The person sees it is acknowledged.")))
        }
        if request.isOpen {
            let explanation: String =
                switch request.kind {
                case .access: words("Sau khi đã gửi thông tin trên cho người yêu cầu.", "Once the data above has been sent to the person.")
                case .correction: words("Thay thông tin liên hệ bằng thông tin đúng ở trên.", "Replaces the contact details with the corrected ones above.")
                case .deletion, .withdrawal:
                    words(
                        "Xóa thông tin liên hệ và siêu dữ liệu tệp đính kèm; hồ sơ và lịch sử xử lý được giữ.",
                        "Erases the contact details and the attachments' metadata; the record and its history are kept.")
                }
            forms.append(("complete", words("Hoàn thành yêu cầu", "Complete the request"), explanation))
        }
        self.forms = forms
    }

    func body(_ html: inout HTML) {
        html.element("p", body: { $0.element("a", .href(back.href), text: back.label) })
        html.element("h1", text: heading)
        Components.messages(notice: notice, error: error, into: &html)
        Self.write(facts, into: &html)
        if let held {
            html.element("h2", text: words("Thông tin liên hệ đang giữ", "Contact details held"))
            Self.write(held, into: &html)
        }
        if let corrected {
            html.element("h2", text: words("Thông tin đúng theo yêu cầu", "Corrected details asked for"))
            Self.write(corrected, into: &html)
        }
        if let contactNote { html.element("p", .class("note"), text: contactNote) }
        for form in forms {
            html.open("form", .fixed("method", "post"), .attr("action", action), .class("action"), .attr("aria-label", form.title))
            Components.csrf(csrf, into: &html)
            html.void("input", .type("hidden"), .name("action"), .value(form.value))
            html.element("p", .class("note"), text: form.explanation)
            html.element("button", .class("btn"), text: form.title)
            html.close("form")
        }
    }

    private static func write(_ facts: [(label: String, value: String)], into html: inout HTML) {
        html.open("dl", .class("facts"))
        for fact in facts {
            html.element("dt", text: fact.label)
            html.element("dd", text: fact.value)
        }
        html.close("dl")
    }
}
