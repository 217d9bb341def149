import Domain
import Storage

/// `/track/{code}/privacy`: the person asks to see, correct or delete the contact data they
/// gave with an item, or withdraws consent. They prove the item is theirs with the phone
/// number or e-mail they gave; a correction's new values are typed here. Works without
/// script at 320 px; a refused form comes back with its message and the input kept (never
/// the proof).
struct PrivacyRequestPage: Page {
    let chrome: PageChrome
    let language: Language
    let code: String
    let action: String
    let back: String
    let retentionMonths: Int
    let kinds: [(value: String, label: String, checked: Bool)]
    let input: [String: String]
    let error: String?

    init(code: TrackingCode, language: Language, retentionMonths: Int, input: [String: String] = [:], error: LocalizedText? = nil) {
        self.language = language
        let code = code.description
        self.code = code
        chrome = PageChrome(
            language: language, title: LocalizedText(vi: "Thông tin cá nhân của Ông/Bà", en: "Your personal data"), styles: ["feedback.css"]
        ) { SiteURL.trackPrivacy(.value(code)).path(language: $0) }
        action = SiteURL.trackPrivacy(.value(code)).path(language: language)
        back = SiteURL.track(.value(code)).path(language: language)
        self.retentionMonths = retentionMonths
        kinds = PrivacyRequestKind.allCases.map { ($0.rawValue, Self.phrase($0).text(in: language), input["kind"] == $0.rawValue) }
        self.input = input
        self.error = error?.text(in: language)
    }

    static func phrase(_ kind: PrivacyRequestKind) -> LocalizedText {
        switch kind {
        case .access: LocalizedText(vi: "Cho tôi biết thông tin liên hệ Trung tâm đang giữ", en: "Tell me the contact details the centre holds")
        case .correction: LocalizedText(vi: "Sửa thông tin liên hệ (ghi thông tin đúng bên dưới)", en: "Correct my contact details (give them below)")
        case .deletion: LocalizedText(vi: "Xóa thông tin liên hệ của tôi", en: "Delete my contact details")
        case .withdrawal: LocalizedText(vi: "Rút lại sự đồng ý: không liên hệ với tôi nữa", en: "Withdraw my consent: do not contact me again")
        }
    }

    func body(_ html: inout HTML) {
        let words = Words(language: language)
        html.element("p", body: { $0.element("a", .href(back), text: words("← Phản ánh \(code)", "← Feedback \(code)")) })
        html.element("h1", text: words("Thông tin cá nhân của Ông/Bà", "Your personal data"))
        Copy.writeContactNotice(retentionMonths: retentionMonths, into: &html)
        html.element(
            "p", .class("note"),
            text: words(
                "Trung tâm xác nhận đã nhận yêu cầu trong 2 ngày làm việc. Xóa thông tin liên hệ không xóa hồ sơ phản ánh: pháp luật yêu cầu lưu trữ hồ sơ.",
                "The centre acknowledges your request within 2 working days. Deleting contact details does not delete the feedback record, which the law requires to be archived."))
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("feedback"))
        html.open("fieldset", .class("kinds"))
        html.element("legend", text: words("Ông/Bà muốn gì?", "What do you ask for?"))
        for kind in kinds {
            html.open("label")
            html.void("input", .type("radio"), .name("kind"), .value(kind.value), .flag("checked", kind.checked), .flag("required"))
            html.element("span", text: kind.label)
            html.close("label")
        }
        html.close("fieldset")
        Components.textField(
            name: "proof",
            label: words(
                "Số điện thoại hoặc thư điện tử Ông/Bà đã ghi khi gửi phản ánh (để xác minh)",
                "The phone number or e-mail you gave with the feedback (to check it is you)"), maxLength: 254, required: true,
            autocomplete: "off", into: &html)
        html.open("fieldset", .class("contact"))
        html.element("legend", text: words("Thông tin đúng (chỉ khi sửa)", "Correct details (only to correct)"))
        html.element("p", .class("note"), text: words("Chỉ ghi những mục cần sửa.", "Fill in only what needs correcting."))
        Components.textField(name: "contact.name", label: words("Họ và tên", "Full name"), value: input["contact.name"] ?? "", maxLength: 120, into: &html)
        Components.textField(name: "contact.address", label: words("Địa chỉ", "Address"), value: input["contact.address"] ?? "", maxLength: 300, into: &html)
        Components.textField(name: "contact.phone", label: words("Số điện thoại", "Phone"), value: input["contact.phone"] ?? "", maxLength: 24, into: &html)
        Components.textField(name: "contact.email", label: words("Thư điện tử", "E-mail"), value: input["contact.email"] ?? "", maxLength: 254, into: &html)
        html.close("fieldset")
        html.element("button", .class("send"), text: words("Gửi yêu cầu", "Send the request"))
        html.close("form")
    }
}
