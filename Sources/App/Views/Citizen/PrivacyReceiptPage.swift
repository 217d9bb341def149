import Domain
import Storage

/// `/track/{code}/privacy/{reference}`: the receipt of a request about personal data - its
/// reference, what was asked, when, the date by which the centre acknowledges it, and where
/// it stands. Never any contact data.
struct PrivacyReceiptPage: Page {
    let chrome: PageChrome
    let language: Language
    let reference: String
    let facts: [(label: String, value: String)]
    let back: String
    let code: String

    init(request: PrivacyRequest, overdue: Bool, language: Language) {
        self.language = language
        let words = Words(language: language)
        let code = request.itemCode.description
        self.code = code
        reference = request.reference
        chrome = PageChrome(
            language: language, title: LocalizedText(vi: "Yêu cầu \(request.reference)", en: "Request \(request.reference)"), styles: ["feedback.css"]
        ) { SiteURL.trackPrivacyReceipt(.value(code), .value(request.reference)).path(language: $0) }
        back = SiteURL.track(.value(code)).path(language: language)
        let state: String =
            if let completed = request.completedAt {
                words("Đã thực hiện ngày \(LocalTime.display(completed))", "Done on \(LocalTime.display(completed))")
            } else if let acknowledged = request.acknowledgedAt {
                words("Trung tâm đã xác nhận ngày \(LocalTime.display(acknowledged)), đang thực hiện", "Acknowledged on \(LocalTime.display(acknowledged)), in progress")
            } else if overdue {
                words("Chờ xác nhận (đã quá hạn)", "Waiting for acknowledgement (overdue)")
            } else {
                words("Chờ xác nhận", "Waiting for acknowledgement")
            }
        facts = [
            (words("Mã yêu cầu", "Reference"), request.reference),
            (words("Phản ánh", "Feedback"), code),
            (words("Yêu cầu", "Request"), request.kind.name.text(in: language)),
            (words("Ngày nhận", "Received"), LocalTime.display(request.receivedAt)),
            (words("Hạn xác nhận", "Acknowledged by"), request.acknowledgeDueOn.vietnamese),
            (words("Tình trạng", "Status"), state),
        ]
    }

    func body(_ html: inout HTML) {
        let words = Words(language: language)
        html.open("div", .class("ok"), .fixed("role", "status"))
        html.element("p", text: words("Trung tâm đã nhận yêu cầu của Ông/Bà. Mã yêu cầu:", "The centre has received your request. Reference:"))
        html.element("p", .class("code"), text: reference)
        html.close("div")
        html.element("h1", text: words("Yêu cầu về thông tin cá nhân", "Request about personal data"))
        html.open("dl", .class("facts"))
        for fact in facts {
            html.element("dt", text: fact.label)
            html.element("dd", text: fact.value)
        }
        html.close("dl")
        html.element("p", body: { $0.element("a", .href(back), text: words("← Phản ánh \(code)", "← Feedback \(code)")) })
    }
}
