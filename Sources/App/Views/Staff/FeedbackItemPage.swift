import Domain
import Foundation
import Storage

/// `/admin/feedback/{code}`: one item for the people who handle or inspect it - what it is
/// about, who filed it (only when the desk opens the contact data for this account), its
/// deadline, extensions and verification, its tamper-evident history, and one form per
/// action the state machine and the access policy allow now. A refused action comes back
/// here with the message and the refused form's input kept.
struct FeedbackItemPage: Page {
    struct Fact: Sendable {
        let label: String
        let value: String
        var marker: FeedbackDueMarker? = nil
    }

    /// One action's form: its button and fields, with what was typed if it was refused.
    struct ActionForm: Sendable {
        enum Field: Sendable {
            case text(name: String, label: String, maxLength: Int, required: Bool, hint: String?)
            case textarea(name: String, label: String, maxLength: Int, required: Bool, hint: String?)
            case date(name: String, label: String)
            case select(name: String, label: String, options: [(value: String, label: String)], required: Bool)
        }

        let action: FeedbackAction
        let title: String
        let fields: [Field]
        let button: String
        let input: [String: String]
    }

    let chrome: PageChrome
    let words: Words
    let heading: String
    let back: (label: String, href: String)
    let notice: String?
    let error: String?
    let facts: [Fact]
    let subjectHeading: String
    let subject: [Fact]
    let descriptionHeading: String
    let description: String
    let attachments: String
    let contactHeading: String
    let contactLines: [Fact]
    let contactNote: String?
    let extensionsHeading: String
    let extensionHeaders: [String]
    let extensions: [[String]]
    let actionsHeading: String
    let actionPath: String
    let csrf: String
    let forms: [ActionForm]
    let noActions: String
    let timeline: FeedbackTimeline

    init(
        session: StaffSession, item: FeedbackItem, events: [FeedbackEvent], contact: FeedbackContact?, standing: FeedbackStanding, people: FeedbackPeople,
        actions: [FeedbackAction], assignees: [(value: String, label: String)], language: Language, notice: LocalizedText? = nil,
        error: LocalizedText? = nil, refused: FeedbackAction? = nil, input: [String: String] = [:]
    ) {
        let words = Words(language: language)
        self.words = words
        let code = item.code.description
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Phản ánh \(code)", en: "Feedback \(code)"), staff: session) {
            SiteURL.feedbackItem(.value(code)).path(language: $0)
        }
        heading = words("Phản ánh \(code)", "Feedback \(code)")
        back = (words("← Danh sách phản ánh", "← Feedback list"), SiteURL.feedbackQueue.path(language: language, ["unit": item.unitCode]))
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        let none = "-"

        var facts = [
            Fact(label: words("Trạng thái", "State"), value: item.state.name.text(in: language)),
            Fact(label: words("Loại", "Kind"), value: item.kind.name.text(in: language)),
            Fact(label: words("Nhóm nội dung", "Category"), value: item.category.name.text(in: language)),
            Fact(label: words("Kênh tiếp nhận", "Channel"), value: item.channel.name.text(in: language)),
            Fact(label: words("Ngày tiếp nhận", "Received"), value: LocalTime.display(item.receivedAt)),
            Fact(
                label: words("Hạn giải quyết theo luật", "Legal due date"),
                value: item.dueOn?.vietnamese ?? words("Không tính hạn (phản ánh ẩn danh)", "No deadline (anonymous item)"),
                marker: FeedbackDueMarker(standing)),
        ]
        if let accepted = item.acceptedOn { facts.append(Fact(label: words("Ngày thụ lý", "Accepted on"), value: accepted.vietnamese)) }
        facts.append(Fact(label: words("Người xử lý", "Assignee"), value: people.label(item.assignee) ?? words("Chưa giao", "Not assigned")))
        if item.assignee != nil {
            facts.append(Fact(label: words("Nội dung giao", "Task"), value: item.task ?? none))
            facts.append(Fact(label: words("Hạn xử lý nội bộ", "Internal due date"), value: item.internalDueOn?.vietnamese ?? none))
            facts.append(Fact(label: words("Người giao", "Assigned by"), value: item.assignedBy ?? none))
        }
        if item.category.isConduct {
            let outcome = item.verification.map { outcome in
                outcome.name.text(in: language) + (item.verifiedOn.map { " (\($0.vietnamese))" } ?? "")
            }
            facts.append(Fact(label: words("Kết quả xác minh", "Verification"), value: outcome ?? words("Chưa có", "None yet")))
        }
        if let handling = item.handling, let at = item.handledAt {
            let onTime = item.onTime.map { $0 ? words("đúng hạn", "on time") : words("trễ hạn", "late") }
            facts.append(
                Fact(
                    label: words("Đã xử lý", "Handled"),
                    value: "\(Self.handlingName(handling, words)) - \(LocalTime.display(at))" + (onTime.map { " (\($0))" } ?? "")))
        }
        if let anonymisedAt = item.anonymisedAt {
            let why = item.anonymisedReason.map { " - " + $0.name.text(in: language) } ?? ""
            facts.append(
                Fact(
                    label: words("Đã ẩn danh (xóa thông tin liên hệ)", "Anonymised (contact details erased)"),
                    value: LocalTime.display(anonymisedAt) + why))
        }
        if let result = item.result {
            facts.append(Fact(label: words("Kết quả trả lời (công khai trên trang tra cứu)", "Result (public on the tracking page)"), value: result))
        }
        self.facts = facts

        subjectHeading = words("Nội dung phản ánh về", "About")
        subject = [
            Fact(label: words("Quầy", "Counter"), value: item.counterCode ?? none),
            Fact(label: words("Cán bộ", "Officer"), value: people.label(item.officerCode) ?? none),
            Fact(label: words("Cán bộ (theo mô tả của người dân)", "Officer (as described)"), value: item.officerText ?? none),
            Fact(label: words("Thủ tục", "Procedure"), value: item.procedureCode ?? none),
            Fact(label: words("Số hồ sơ", "Dossier"), value: item.dossier ?? none),
        ]
        descriptionHeading = words("Nội dung", "Description")
        description = item.description
        attachments = words("Tệp đính kèm: \(item.attachmentCount)", "Attachments: \(item.attachmentCount)")

        contactHeading = words("Người phản ánh", "Filed by")
        contactLines = contact?.labelledLines(words).map { Fact(label: $0.label, value: $0.value) } ?? []
        if item.isAnonymous {
            contactNote = words(
                "Ẩn danh: không đủ họ tên, địa chỉ và số điện thoại, nên phản ánh được xử lý như góp ý ẩn danh, không tính thời hạn theo luật.",
                "Anonymous: without a name, address and phone the item is handled as anonymous feedback, outside the statutory clock.")
        } else if contact == nil {
            contactNote = words(
                "Thông tin liên hệ chỉ hiển thị cho cán bộ được giao xử lý phản ánh này.",
                "Contact details are shown only to the staff handling this item.")
        } else {
            contactNote = words(
                "Mỗi lần xem thông tin liên hệ đều được ghi vào nhật ký. Chỉ dùng để liên hệ trả lời phản ánh này.",
                "Every view of the contact details is logged. Use them only to answer this item.")
        }

        extensionsHeading = words("Gia hạn", "Extensions")
        extensionHeaders = [words("Lần", "No."), words("Ngày", "On"), words("Lý do", "Reason"), words("Mức độ", "Complexity"), words("Hạn mới", "New due date")]
        extensions = FeedbackStanding.extensions(events).map {
            [String($0.number), $0.on.vietnamese, $0.reason, $0.complexity.name.text(in: language), $0.due.vietnamese]
        }

        actionsHeading = words("Thao tác", "Actions")
        actionPath = SiteURL.feedbackAction(.value(code)).path(language: language)
        csrf = session.csrfToken
        forms = actions.map { action in
            ActionForm(
                action: action, title: action.name.text(in: language), fields: Self.fields(for: action, assignees: assignees, words: words),
                button: action.name.text(in: language), input: action == refused ? input : Self.defaults(for: action, item: item))
        }
        noActions = words("Tài khoản của Ông/Bà không có thao tác nào với phản ánh này lúc này.", "There is nothing your account can do on this item now.")

        timeline = FeedbackTimeline(events: events, people: people, words: words)
    }

    /// What a form starts with: a reclassification starts from the item's kind and category.
    private static func defaults(for action: FeedbackAction, item: FeedbackItem) -> [String: String] {
        action == .reclassify ? ["kind": item.kind.rawValue, "category": item.category.rawValue] : [:]
    }

    private static func handlingName(_ handling: FeedbackHandlingKind, _ words: Words) -> String {
        switch handling {
        case .resolve: words("Giải quyết, trả lời", "Resolved")
        case .transfer: words("Chuyển đơn vị có thẩm quyền", "Transferred")
        case .reject: words("Không thụ lý", "Rejected")
        }
    }

    /// The fields of one action's form, named as `FeedbackActionInput` reads them.
    private static func fields(
        for action: FeedbackAction, assignees: [(value: String, label: String)], words: Words
    ) -> [ActionForm.Field] {
        let note = ActionForm.Field.text(name: "note", label: words("Ghi chú nội bộ (không bắt buộc)", "Internal note (optional)"), maxLength: 2000, required: false, hint: nil)
        switch action {
        case .accept, .start, .close:
            return []
        case .assign:
            return [
                .select(name: "assignee", label: words("Giao cho", "Assign to"), options: assignees, required: true),
                .text(name: "task", label: words("Nội dung công việc", "Task"), maxLength: 500, required: true, hint: nil),
                .date(name: "dueAt", label: words("Hạn xử lý nội bộ (không sau hạn theo luật)", "Internal due date (not after the legal one)")),
                note,
            ]
        case .extend:
            return [
                .textarea(name: "reason", label: words("Lý do gia hạn", "Reason"), maxLength: 2000, required: true, hint: nil),
                .select(
                    name: "complexity", label: words("Mức độ phức tạp", "Complexity"),
                    options: ExtensionComplexity.allCases.map { (value: $0.rawValue, label: $0.name.text(in: words.language)) }, required: true),
                note,
            ]
        case .transfer:
            return [
                .text(name: "to", label: words("Chuyển đến (cơ quan có thẩm quyền)", "Transfer to (the competent body)"), maxLength: 300, required: true, hint: nil),
                .textarea(name: "reason", label: words("Lý do", "Reason"), maxLength: 2000, required: true, hint: nil),
                note,
            ]
        case .reject:
            return [.textarea(name: "reason", label: words("Lý do không thụ lý", "Reason"), maxLength: 2000, required: true, hint: nil), note]
        case .resolve:
            return [
                .textarea(
                    name: "result", label: words("Kết quả giải quyết, trả lời", "Result"), maxLength: 5000, required: true,
                    hint: words(
                        "Nội dung này được hiển thị công khai cho người dân trên trang tra cứu: không ghi thông tin cá nhân.",
                        "This text is shown to the citizen on the public tracking page: write no personal data.")),
                note,
            ]
        case .verify:
            return [
                .select(
                    name: "outcome", label: words("Kết quả xác minh", "Outcome"),
                    options: VerificationOutcome.allCases.map { (value: $0.rawValue, label: $0.name.text(in: words.language)) }, required: true),
                note,
            ]
        case .reopen:
            return [.textarea(name: "reason", label: words("Lý do mở lại", "Reason"), maxLength: 2000, required: true, hint: nil), note]
        case .reclassify:
            return [
                .select(
                    name: "kind", label: words("Loại mới", "New kind"),
                    options: FeedbackKind.allCases.map { (value: $0.rawValue, label: $0.name.text(in: words.language)) }, required: true),
                .select(
                    name: "category", label: words("Nhóm nội dung mới", "New category"),
                    options: FeedbackCategory.allCases.map { (value: $0.rawValue, label: $0.name.text(in: words.language)) }, required: true),
                note,
            ]
        }
    }

    func body(_ html: inout HTML) {
        html.element("p", body: { $0.element("a", .href(back.href), text: back.label) })
        html.element("h1", text: heading)
        Components.messages(notice: notice, error: error, into: &html)
        Self.write(facts, words: words, into: &html)

        html.element("h2", text: subjectHeading)
        Self.write(subject, words: words, into: &html)
        html.element("h2", text: descriptionHeading)
        html.element("p", .class("desc"), text: description)
        html.element("p", text: attachments)

        html.element("h2", text: contactHeading)
        if !contactLines.isEmpty { Self.write(contactLines, words: words, into: &html) }
        if let contactNote { html.element("p", .class("note"), text: contactNote) }

        if !extensions.isEmpty {
            html.element("h2", text: extensionsHeading)
            Components.table(caption: extensionsHeading, headers: extensionHeaders, rows: extensions.map { $0.map(Cell.text) }, into: &html)
        }

        html.element("h2", text: actionsHeading)
        if forms.isEmpty { html.element("p", text: noActions) }
        for form in forms { write(form, into: &html) }

        timeline.write(into: &html)
    }

    static func write(_ facts: [Fact], words: Words, into html: inout HTML) {
        html.open("dl", .class("facts"))
        for fact in facts {
            html.element("dt", text: fact.label)
            html.element("dd", body: { FeedbackDueMarker.write(date: fact.value, marker: fact.marker, words: words, into: &$0) })
        }
        html.close("dl")
    }

    private func write(_ form: ActionForm, into html: inout HTML) {
        let id = form.action.rawValue
        html.open("form", .fixed("method", "post"), .attr("action", actionPath), .class("action"), .attr("aria-label", form.title))
        Components.csrf(csrf, into: &html)
        html.void("input", .type("hidden"), .name("action"), .value(form.action.rawValue))
        if !form.fields.isEmpty { html.element("h3", text: form.title) }
        for field in form.fields {
            switch field {
            case .text(let name, let label, let maxLength, let required, let hint):
                FeedbackFields.text(
                    form: id, name: name, label: label, value: form.input[name], maxLength: maxLength, required: required, hint: hint, into: &html)
            case .textarea(let name, let label, let maxLength, let required, let hint):
                FeedbackFields.textarea(
                    form: id, name: name, label: label, value: form.input[name], maxLength: maxLength, required: required, hint: hint, into: &html)
            case .date(let name, let label):
                FeedbackFields.date(form: id, name: name, label: label, value: form.input[name], into: &html)
            case .select(let name, let label, let options, let required):
                FeedbackFields.select(
                    form: id, name: name, label: label, options: FeedbackFields.options(options, selected: form.input[name]), required: required,
                    into: &html)
            }
        }
        html.element("button", .class("btn"), text: form.button)
        html.close("form")
    }
}
