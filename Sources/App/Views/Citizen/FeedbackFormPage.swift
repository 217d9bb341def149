import Domain
import Storage

/// The public feedback form (`GET /feedback`): plain words first to choose the kind, the
/// subject as the citizen knows it, the description, evidence, and contact data only with an
/// explicit consent that names its purpose (domain.md §5). Works without script at 320 px.
struct FeedbackFormPage: Page {
    let chrome: PageChrome
    let header: CentreHeader
    let language: Language
    let error: String?
    let action: String
    let units: [Components.Option]?
    let fixedUnit: String?
    let origin: (token: String, key: String, about: String)?
    let kinds: [(value: String, phrase: String, name: String, checked: Bool)]
    let categories: [Components.Option]
    let counters: [Components.Option]
    let input: [String: String]
    let consented: Bool
    let trackURL: String
    let retentionMonths: Int

    init(
        language: Language, units: [Storage.Unit], unit: Storage.Unit?, counters: [Counter], origin: RatingOrigin?, originToken: (String, String)?,
        input: [String: String] = [:], error: LocalizedText? = nil, retentionMonths: Int
    ) {
        self.language = language
        self.retentionMonths = retentionMonths
        let words = Words(language: language)
        let query: KeyValuePairs<String, String?> = [
            "unit": origin == nil ? unit?.code : nil, "from": originToken?.0, "k": originToken?.1,
        ]
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Gửi phản ánh, kiến nghị", en: "Send feedback"), styles: ["feedback.css"]) {
            SiteURL.feedback.path(language: $0, query)
        }
        header = unit.map { CentreHeader(centre: $0.centreName.isEmpty ? $0.name : $0.centreName) } ?? .service
        self.error = error?.text(in: language)
        action = SiteURL.feedback.path(language: language)
        self.units = unit == nil ? units.map { Components.Option(value: $0.code, label: $0.name, selected: input["unit"] == $0.code) } : nil
        fixedUnit = origin == nil ? unit?.code : nil
        if let origin, let originToken {
            let about = [origin.counterName, origin.procedureName].compactMap { $0 }.joined(separator: " - ")
            self.origin = (originToken.0, originToken.1, words("Về lượt giao dịch của Ông/Bà: \(about)", "About your visit: \(about)"))
        } else {
            self.origin = nil
        }
        kinds = FeedbackKind.allCases.map { kind in
            (kind.rawValue, kind.formPhrase.text(in: language), kind.name.text(in: language), input["kind"] == kind.rawValue)
        }
        categories = [Components.Option(value: "", label: words("- Chọn -", "- Choose -"), selected: (input["category"] ?? "").isEmpty)]
            + FeedbackCategory.allCases.map {
                Components.Option(value: $0.rawValue, label: $0.name.text(in: language), selected: input["category"] == $0.rawValue)
            }
        self.counters = [Components.Option(value: "", label: words("- Không rõ -", "- Not sure -"), selected: (input["counter"] ?? "").isEmpty)]
            + counters.filter(\.active).map { Components.Option(value: $0.code, label: $0.name, selected: input["counter"] == $0.code) }
        self.input = input
        consented = input["consent"] != nil
        trackURL = SiteURL.trackLookup.path(language: language)
    }

    func body(_ html: inout HTML) {
        let words = Words(language: language)
        header.write(into: &html)
        html.element("h1", text: words("Gửi phản ánh, kiến nghị", "Send feedback"))
        html.element(
            "p", .class("note"),
            text: words(
                "Trung tâm trả lời theo thời hạn của pháp luật. Ông/Bà sẽ nhận một mã tra cứu để theo dõi.",
                "The centre answers within the legal time limits. You will get a tracking code to follow it."))
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "post"), .attr("action", action), .fixed("enctype", "multipart/form-data"), .class("feedback"))
        html.raw("<div class=\"hp\" aria-hidden=\"true\"><label>Website <input type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>")
        if let origin {
            html.void("input", .type("hidden"), .name("from"), .value(origin.token))
            html.void("input", .type("hidden"), .name("k"), .value(origin.key))
            html.element("p", .class("info"), text: origin.about)
        } else if let fixedUnit {
            html.void("input", .type("hidden"), .name("unit"), .value(fixedUnit))
        } else if let units {
            Components.select(name: "unit", label: words("Nơi Ông/Bà muốn gửi", "Where to send it"), options: units, into: &html)
        }

        html.open("fieldset", .class("kinds"))
        html.element("legend", text: words("Ông/Bà muốn làm gì?", "What would you like to do?"))
        for kind in kinds {
            html.open("label")
            html.void("input", .type("radio"), .name("kind"), .value(kind.value), .flag("checked", kind.checked), .flag("required"))
            html.open("span")
            html.text(kind.phrase)
            html.element("small", text: kind.name)
            html.close("span")
            html.close("label")
        }
        html.close("fieldset")
        html.element(
            "p", .class("note"),
            text: words(
                "Nếu việc không thuộc thẩm quyền của Trung tâm (ví dụ tranh chấp giữa các hộ, việc của cơ quan khác), Trung tâm chuyển đến nơi có thẩm quyền trong 5 ngày làm việc và báo cho Ông/Bà.",
                "If the matter is not the centre's to decide (a dispute between households, another office's business), the centre forwards it to the competent office within 5 working days and tells you."))

        Components.select(name: "category", label: words("Nội dung liên quan đến", "It is about"), options: categories, into: &html)
        if origin == nil {
            html.open("fieldset", .class("subject"))
            html.element("legend", text: words("Về việc gì, ở đâu (nếu biết)", "Where and about what (if you know)"))
            if counters.count > 1 { Components.select(name: "counter", label: words("Quầy", "Counter"), options: counters, into: &html) }
            Components.textField(
                name: "officerText", label: words("Cán bộ (tên trên thẻ, hoặc quầy và giờ Ông/Bà đến)", "Officer (name on the badge, or counter and time)"),
                value: input["officerText"] ?? "", maxLength: 200, into: &html)
            Components.textField(name: "procedure", label: words("Mã thủ tục", "Procedure code"), value: input["procedure"] ?? "", maxLength: 64, into: &html)
            Components.textField(name: "dossier", label: words("Mã hồ sơ", "Dossier number"), value: input["dossier"] ?? "", maxLength: 100, into: &html)
            html.close("fieldset")
        }
        html.element("label", .class("f"), .attr("for", "description"), text: words("Nội dung (bắt buộc)", "Description (required)"))
        html.element(
            "textarea", .id("description"), .name("description"), .fixed("rows", "6"), .fixed("maxlength", "5000"), .flag("required"),
            text: input["description"] ?? "")

        html.open("fieldset", .class("files"))
        html.element("legend", text: words("Ảnh, tài liệu làm bằng chứng (không bắt buộc)", "Photos or documents as evidence (optional)"))
        html.element(
            "p", .class("note"),
            text: words(
                "Tối đa 3 tệp JPEG, PNG hoặc PDF, mỗi tệp đến 5 MB. Vị trí GPS trong ảnh được xóa.",
                "Up to 3 JPEG, PNG or PDF files, 5 MB each. GPS positions in photos are removed."))
        for index in 1...3 {
            html.element("label", .class("f"), .attr("for", "file\(index)"), text: words("Tệp \(index)", "File \(index)"))
            html.void("input", .type("file"), .id("file\(index)"), .name("file\(index)"), .fixed("accept", "image/jpeg,image/png,application/pdf"))
        }
        html.close("fieldset")

        html.open("fieldset", .class("contact"))
        html.element("legend", text: words("Thông tin liên hệ (không bắt buộc)", "Contact details (optional)"))
        html.element(
            "p", .class("note"),
            text: words(
                "Để được trả lời theo thời hạn của pháp luật, cần ghi họ tên, địa chỉ và số điện thoại. Nếu không, phản ánh được tiếp nhận như góp ý ẩn danh, không có thời hạn trả lời.",
                "To be answered within the legal time limits, give your name, address and phone. Otherwise it is received as anonymous feedback, without a deadline."))
        Components.textField(name: "contact.name", label: words("Họ và tên", "Full name"), value: input["contact.name"] ?? "", maxLength: 120, autocomplete: "name", into: &html)
        Components.textField(
            name: "contact.address", label: words("Địa chỉ", "Address"), value: input["contact.address"] ?? "", maxLength: 300,
            autocomplete: "street-address", into: &html)
        Components.textField(name: "contact.phone", label: words("Số điện thoại", "Phone"), value: input["contact.phone"] ?? "", maxLength: 24, autocomplete: "tel", into: &html)
        Components.textField(name: "contact.email", label: words("Thư điện tử", "E-mail"), value: input["contact.email"] ?? "", maxLength: 254, autocomplete: "email", into: &html)
        Copy.writeContactNotice(retentionMonths: retentionMonths, into: &html)
        html.open("label", .class("consent"))
        html.void("input", .type("checkbox"), .name("consent"), .fixed("value", "yes"), .flag("checked", consented))
        html.element("span", text: Copy.contactConsent.text(in: language))
        html.close("label")
        html.close("fieldset")
        html.element("button", .class("send"), text: words("Gửi phản ánh", "Send"))
        html.close("form")
        html.element("p", .class("note"), body: {
            $0.text(words("Đã có mã tra cứu? ", "Have a tracking code? "))
            $0.element("a", .href(trackURL), text: words("Tra cứu tình trạng xử lý", "Check its status"))
        })
    }
}
