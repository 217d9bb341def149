import Domain
import Foundation
import Storage

/// `/admin/feedback/new`: a staff member keys in an item received by hotline, letter, in
/// person, from the suggestion box or at the counter, with the real date of receipt. The
/// same checks as every other channel apply (`FeedbackIntakeService`); a refused form comes
/// back with the message and everything typed kept.
struct FeedbackNewPage: Page {
    /// The channels a staff member keys in (the intake refuses the others from staff).
    static let channels: [FeedbackChannel] = [.hotline, .letter, .inPerson, .box, .counter]

    let chrome: PageChrome
    let words: Words
    let heading: String
    let intro: String
    let back: (label: String, href: String)
    let chooser: UnitChooser?
    let notice: String?
    let error: String?
    let action: String
    let csrf: String
    let input: [String: String]
    let today: String
    let channels: [(value: String, label: String)]
    let kinds: [(value: String, phrase: String, name: String)]
    let kindLegend: String
    let categories: [(value: String, label: String)]
    let counters: [(value: String, label: String)]
    let officers: [(value: String, label: String)]
    let procedures: [(value: String, label: String)]
    let purpose: String
    let noticeIntro: String
    let retentionMonths: Int
    let submit: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], counters: [Counter], officers: [Officer], procedures: [Procedure],
        today: LocalDate, language: Language, input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil,
        retentionMonths: Int
    ) {
        self.retentionMonths = retentionMonths
        let words = Words(language: language)
        self.words = words
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Tiếp nhận phản ánh", en: "Key in feedback"), staff: session) {
            SiteURL.feedbackNew.path(language: $0, ["unit": unit.code])
        }
        heading = words("Tiếp nhận phản ánh - \(unit.name)", "Key in feedback - \(unit.name)")
        intro = words(
            "Ghi lại phản ánh, kiến nghị nhận qua đường dây nóng, thư, trực tiếp, hòm thư góp ý hoặc tại quầy, với ngày nhận thực tế (không quá 30 ngày trước).",
            "Record an item received by hotline, letter, in person, from the suggestion box or at the counter, with the real date of receipt (at most 30 days back).")
        back = (words("← Danh sách phản ánh", "← Feedback list"), SiteURL.feedbackQueue.path(language: language, ["unit": unit.code]))
        chooser = UnitChooser(screen: .feedbackNew, units: units, current: unit, language: language)
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        action = SiteURL.feedbackNew.path(language: language, ["unit": unit.code])
        csrf = session.csrfToken
        self.input = input
        self.today = today.description
        channels = Self.channels.map { (value: $0.rawValue, label: $0.name.text(in: language)) }
        kindLegend = words("Người dân muốn gì? (loại phản ánh)", "What does the person want? (kind)")
        kinds = FeedbackKind.allCases.map { (value: $0.rawValue, phrase: $0.formPhrase.text(in: language), name: $0.name.text(in: language)) }
        categories = FeedbackCategory.allCases.map { (value: $0.rawValue, label: $0.name.text(in: language)) }
        self.counters = counters.filter(\.active).map { (value: $0.code, label: language == .en && !$0.nameEn.isEmpty ? $0.nameEn : $0.name) }
        self.officers = officers.filter(\.active).map { (value: $0.code, label: "\($0.name) (\($0.code))") }
        self.procedures = procedures.map { (value: $0.code, label: "\($0.code) - \(language == .en && !$0.nameEn.isEmpty ? $0.nameEn : $0.name)") }
        purpose = words(
            "Người phản ánh đồng ý cho Trung tâm dùng thông tin liên hệ này để liên hệ, làm rõ và trả lời phản ánh này (Luật 91/2025/QH15). Bắt buộc khi có ghi thông tin liên hệ.",
            "The person consents to the centre using these contact details to contact them about, clarify and answer this item (Law 91/2025/QH15). Required when any contact detail is given.")
        noticeIntro = words(
            "Trước khi ghi thông tin liên hệ, đọc (hoặc gửi kèm thư trả lời) cho người phản ánh thông báo sau và hỏi sự đồng ý của họ:",
            "Before recording contact details, read (or send with the reply) this notice to the person and ask for their consent:")
        submit = words("Ghi nhận phản ánh", "Record the item")
    }

    func body(_ html: inout HTML) {
        html.element("p", body: { $0.element("a", .href(back.href), text: back.label) })
        html.element("h1", text: heading)
        chooser?.write(into: &html)
        html.element("p", text: intro)
        Components.messages(notice: notice, error: error, into: &html)
        let form = "new"
        html.open("form", .fixed("method", "post"), .attr("action", action), .class("intake"))
        Components.csrf(csrf, into: &html)

        html.open("fieldset")
        html.element("legend", text: words("Tiếp nhận", "Receipt"))
        FeedbackFields.select(
            form: form, name: "channel", label: words("Kênh tiếp nhận", "Channel"),
            options: FeedbackFields.options(channels, selected: input["channel"], placeholder: nil), required: true, into: &html)
        FeedbackFields.date(
            form: form, name: "receivedDate", label: words("Ngày nhận thực tế", "Date received"), value: input["receivedDate"] ?? today, required: true,
            into: &html)
        FeedbackFields.text(
            form: form, name: "receivedTime", label: words("Giờ nhận (không bắt buộc, dạng 09:30)", "Time received (optional, as 09:30)"),
            value: input["receivedTime"], maxLength: 5, into: &html)
        html.close("fieldset")

        html.open("fieldset", .class("choice"))
        html.element("legend", text: kindLegend)
        for kind in kinds {
            html.open("label")
            html.void("input", .type("radio"), .name("kind"), .value(kind.value), .flag("checked", input["kind"] == kind.value), .flag("required"))
            html.element("span", body: {
                $0.text(kind.phrase)
                $0.raw(" ")
                $0.element("span", .class("note"), text: "(\(kind.name))")
            })
            html.close("label")
        }
        html.close("fieldset")
        FeedbackFields.select(
            form: form, name: "category", label: words("Nhóm nội dung", "Category"),
            options: FeedbackFields.options(categories, selected: input["category"], placeholder: nil), required: true, into: &html)

        html.open("fieldset")
        html.element("legend", text: words("Phản ánh về (không bắt buộc)", "About (optional)"))
        FeedbackFields.select(
            form: form, name: "counter", label: words("Quầy", "Counter"), options: FeedbackFields.options(counters, selected: input["counter"]),
            into: &html)
        FeedbackFields.select(
            form: form, name: "officer", label: words("Cán bộ", "Officer"), options: FeedbackFields.options(officers, selected: input["officer"]),
            into: &html)
        FeedbackFields.text(
            form: form, name: "officerText", label: words("Cán bộ theo mô tả của người dân", "Officer as the person describes them"),
            value: input["officerText"], maxLength: 200,
            hint: words("Ví dụ: tên trên thẻ, hoặc quầy và giờ giao dịch.", "For example the name on the badge, or the counter and time of the visit."),
            into: &html)
        FeedbackFields.select(
            form: form, name: "procedure", label: words("Thủ tục", "Procedure"),
            options: FeedbackFields.options(procedures, selected: input["procedure"]), into: &html)
        FeedbackFields.text(form: form, name: "dossier", label: words("Số hồ sơ", "Dossier number"), value: input["dossier"], maxLength: 100, into: &html)
        html.close("fieldset")

        FeedbackFields.textarea(
            form: form, name: "description", label: words("Nội dung phản ánh", "Description"), value: input["description"],
            maxLength: FeedbackIntakeService.descriptionLimit, required: true, into: &html)

        html.open("fieldset")
        html.element("legend", text: words("Thông tin liên hệ (không bắt buộc)", "Contact details (optional)"))
        html.element(
            "p", .class("note"),
            text: words(
                "Không đủ họ tên, địa chỉ và số điện thoại thì phản ánh được xử lý như góp ý ẩn danh, không tính thời hạn theo luật.",
                "Without a name, address and phone the item is anonymous feedback, outside the statutory clock."))
        FeedbackFields.text(form: form, name: "contact.name", label: words("Họ tên", "Name"), value: input["contact.name"], maxLength: 120, into: &html)
        FeedbackFields.text(
            form: form, name: "contact.address", label: words("Địa chỉ", "Address"), value: input["contact.address"], maxLength: 300, into: &html)
        FeedbackFields.text(
            form: form, name: "contact.phone", label: words("Điện thoại", "Phone"), value: input["contact.phone"], maxLength: 24, into: &html)
        FeedbackFields.text(
            form: form, name: "contact.email", label: words("Thư điện tử", "E-mail"), value: input["contact.email"], maxLength: 254, into: &html)
        html.element("p", .class("note"), text: noticeIntro)
        Copy.writeContactNotice(retentionMonths: retentionMonths, into: &html)
        html.open("label", .class("consent"))
        html.void("input", .type("checkbox"), .name("consent"), .fixed("value", "yes"), .flag("checked", input["consent"] != nil))
        html.element("span", text: purpose)
        html.close("label")
        html.close("fieldset")

        html.element("button", .class("btn"), text: submit)
        html.close("form")
    }
}
