import Domain
import Foundation
import Storage

/// `GET /track/{code}`: where a citizen's item stands, without an account. The public record
/// only: kind, state, dates, the result when answered, each step's date. Never contact data,
/// attachments, staff names or internal notes. After filing (`?new=1`) it is the receipt that
/// shows the code to keep. An answered item can be reopened here within the window.
struct TrackPage: Page {
    struct Step: Sendable {
        let at: String
        let state: String
    }

    let chrome: PageChrome
    let language: Language
    let isNew: Bool
    let code: String
    let kind: String
    let state: String
    let received: String
    let due: String?
    let handled: String?
    let onTime: Bool?
    let result: String?
    let steps: [Step]
    let reopenAction: String?
    let reopenUntil: String?
    let privacyURL: String
    let notice: String?
    let error: String?

    init(
        item: FeedbackItem, events: [FeedbackEvent], language: Language, isNew: Bool, reopenUntil: LocalDate?, notice: LocalizedText? = nil,
        error: LocalizedText? = nil
    ) {
        self.language = language
        let code = item.code.description
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Tra cứu phản ánh \(code)", en: "Feedback \(code)"), styles: ["feedback.css"]) {
            SiteURL.track(.value(code)).path(language: $0)
        }
        self.isNew = isNew
        self.code = code
        kind = item.kind.name.text(in: language)
        state = item.state.name.text(in: language)
        received = LocalTime.display(item.receivedAt)
        due = item.dueOn?.vietnamese
        handled = item.handledAt.map(LocalTime.display)
        onTime = item.onTime
        result = item.result
        steps = events.map { Step(at: LocalTime.display($0.at), state: $0.toState.name.text(in: language)) }
        reopenAction = reopenUntil == nil ? nil : SiteURL.trackReopen(.value(code)).path(language: language)
        self.reopenUntil = reopenUntil?.vietnamese
        privacyURL = SiteURL.trackPrivacy(.value(code)).path(language: language)
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
    }

    func body(_ html: inout HTML) {
        let words = Words(language: language)
        if isNew {
            html.open("div", .class("ok"), .fixed("role", "status"))
            html.element("p", text: words("Trung tâm đã nhận phản ánh của Ông/Bà. Mã tra cứu:", "The centre has received your feedback. Tracking code:"))
            html.element("p", .class("code"), text: code)
            html.element(
                "p", text: words("Hãy ghi lại mã này (hoặc chụp màn hình) để tra cứu kết quả.", "Keep this code (or a screenshot) to follow the answer."))
            html.close("div")
        }
        Components.messages(notice: notice, error: error, into: &html)
        html.element("h1", text: words("Phản ánh \(code)", "Feedback \(code)"))
        html.open("dl", .class("facts"))
        func fact(_ label: String, _ value: String) {
            html.element("dt", text: label)
            html.element("dd", text: value)
        }
        fact(words("Loại", "Kind"), kind)
        fact(words("Tình trạng", "Status"), state)
        fact(words("Ngày nhận", "Received"), received)
        fact(words("Hạn trả lời", "Due"), due ?? words("Không áp dụng (góp ý ẩn danh)", "None (anonymous feedback)"))
        if let handled {
            let timing = onTime.map { $0 ? words(" - đúng hạn", " - on time") : words(" - trễ hạn", " - late") } ?? ""
            fact(words("Ngày xử lý", "Handled"), handled + timing)
        }
        html.close("dl")
        if let result {
            html.element("h2", text: words("Kết quả giải quyết", "Result"))
            html.element("p", .class("result"), text: result)
        }
        html.element("h2", text: words("Các bước xử lý", "Steps"))
        html.open("ol", .class("steps"))
        for step in steps {
            html.element("li", body: {
                $0.element("span", .class("when"), text: step.at)
                $0.text(" ")
                $0.text(step.state)
            })
        }
        html.close("ol")
        if let reopenAction, let reopenUntil {
            html.element("h2", text: words("Chưa đồng ý với kết quả?", "Not satisfied with the answer?"))
            html.element(
                "p", .class("note"),
                text: words("Ông/Bà có thể đề nghị xem xét lại đến hết ngày \(reopenUntil).", "You may ask for it to be reopened until \(reopenUntil)."))
            html.open("form", .fixed("method", "post"), .attr("action", reopenAction))
            html.element("label", .class("f"), .attr("for", "reason"), text: words("Lý do", "Reason"))
            html.element("textarea", .id("reason"), .name("reason"), .fixed("rows", "3"), .fixed("maxlength", "2000"), .flag("required"), text: "")
            html.element("button", .class("send"), text: words("Đề nghị xem xét lại", "Reopen"))
            html.close("form")
        }
        // Offered on every item, with contact data or not, so the page tells nothing of it.
        html.element("h2", text: words("Thông tin cá nhân của Ông/Bà", "Your personal data"))
        html.element("p", body: {
            $0.text(
                words(
                    "Xem, sửa, xóa thông tin liên hệ đã ghi hoặc rút lại sự đồng ý: ",
                    "See, correct or delete the contact details you gave, or withdraw your consent: "))
            $0.element("a", .href(privacyURL), text: words("gửi yêu cầu", "make a request"))
        })
    }
}

/// `GET /track`: type a tracking code, case and dashes as the citizen likes.
struct TrackLookupPage: Page {
    let chrome: PageChrome
    let language: Language
    let action: String
    let code: String
    let error: String?

    init(language: Language, code: String = "", error: LocalizedText? = nil) {
        self.language = language
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Tra cứu phản ánh", en: "Track feedback"), styles: ["feedback.css"]) {
            SiteURL.trackLookup.path(language: $0)
        }
        action = SiteURL.trackLookup.path
        self.code = code
        self.error = error?.text(in: language)
    }

    func body(_ html: inout HTML) {
        let words = Words(language: language)
        html.element("h1", text: words("Tra cứu phản ánh", "Track feedback"))
        Components.messages(notice: nil, error: error, into: &html)
        html.open("form", .fixed("method", "get"), .attr("action", action))
        if language != .vi { html.void("input", .type("hidden"), .name("lang"), .value(language.rawValue)) }
        Components.textField(
            name: "code", label: words("Mã tra cứu (ví dụ PA7K-3MQ9-XD4F)", "Tracking code (e.g. PA7K-3MQ9-XD4F)"), value: code, maxLength: 40,
            required: true, autocomplete: "off", into: &html)
        html.element("button", .class("send"), text: words("Tra cứu", "Look up"))
        html.close("form")
    }
}
