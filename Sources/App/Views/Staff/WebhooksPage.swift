import Domain
import Foundation
import Storage

/// A unit's webhooks (add, send a test, disable, delete) and the log of their deliveries.
/// A new webhook's secret is on the page that created it and nowhere else.
struct WebhooksPage: Page {
    struct Row: Sendable {
        let url: String
        let events: String
        let state: String
        let forms: [InlineForm]
    }

    struct Delivery: Sendable {
        let event: String
        let url: String
        let createdAt: String
        let attempts: String
        let lastStatus: String
        let outcome: String
    }

    struct EventBox: Sendable {
        let name: String
        let label: String
        let checked: Bool
    }

    let chrome: PageChrome
    let heading: String
    let chooser: UnitChooser?
    let notice: String?
    let error: String?
    let secret: String?
    let secretNotice: String
    let listCaption: String
    let listColumns: [String]
    let rows: [Row]
    let empty: String?
    let formTitle: String
    let formAction: String
    let csrf: String
    let urlLabel: String
    let url: String
    let eventsLegend: String
    let eventBoxes: [EventBox]
    let secretLabel: String
    let secretHint: String
    let button: String
    let logHeading: String
    let logCaption: String
    let logColumns: [String]
    let deliveries: [Delivery]
    let logEmpty: String?
    let signingNote: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], webhooks: [Webhook], deliveries: [WebhookDeliveryEntry], language: Language,
        input: [String: String] = [:], secret: String? = nil, notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Webhook", en: "Webhooks"), staff: session) {
            SiteURL.webhooks.path(language: $0, ["unit": unit.code])
        }
        heading = words("Webhook - \(unit.name)", "Webhooks - \(unit.name)")
        chooser = UnitChooser(screen: .webhooks, units: units, current: unit, language: language)
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        self.secret = secret
        secretNotice = words(
            "Khóa ký (chỉ hiện một lần - hãy sao chép ngay vào hệ thống nhận):", "The signing secret (shown once only - copy it into the receiving system now):")
        listCaption = words("Webhook của đơn vị", "The unit's webhooks")
        listColumns = [words("Địa chỉ nhận", "URL"), words("Sự kiện", "Events"), words("Trạng thái", "State"), words("Thao tác", "Actions")]
        rows = webhooks.map { webhook in
            let toggle =
                webhook.isActive
                ? InlineForm(action: SiteURL.webhookDisable(.value(webhook.id)).path(language: language), csrf: session.csrfToken, button: words("Tắt", "Disable"))
                : InlineForm(action: SiteURL.webhookEnable(.value(webhook.id)).path(language: language), csrf: session.csrfToken, button: words("Bật lại", "Enable"))
            let test = InlineForm(
                action: SiteURL.webhookTest(.value(webhook.id)).path(language: language), csrf: session.csrfToken, button: words("Gửi thử", "Send test"))
            let delete = InlineForm(
                action: SiteURL.webhookDelete(.value(webhook.id)).path(language: language), csrf: session.csrfToken, button: words("Xóa", "Delete"))
            return Row(
                url: webhook.url, events: webhook.events.map(\.rawValue).joined(separator: ", "),
                state: webhook.isActive ? words("Đang dùng", "Active") : words("Đã tắt", "Disabled"),
                forms: (webhook.isActive ? [test] : []) + [toggle, delete])
        }
        empty = webhooks.isEmpty ? words("Đơn vị chưa có webhook nào.", "The unit has no webhook yet.") : nil
        formTitle = words("Thêm webhook", "Add a webhook")
        formAction = SiteURL.webhooks.path(language: language, ["unit": unit.code])
        csrf = session.csrfToken
        urlLabel = words("Địa chỉ nhận (http:// hoặc https://)", "Receiving URL (http:// or https://)")
        url = input["url"] ?? ""
        eventsLegend = words("Sự kiện gửi đi", "Events to send")
        eventBoxes = WebhookEvent.subscribable.map { event in
            EventBox(name: "event." + event.rawValue, label: "\(event.label.text(in: language)) (\(event.rawValue))", checked: input["event." + event.rawValue] != nil)
        }
        secretLabel = words("Khóa ký (để trống để hệ thống tự tạo)", "Signing secret (leave empty to generate one)")
        secretHint = words("Ít nhất 16 ký tự nếu tự nhập.", "At least 16 characters if you give one.")
        button = words("Thêm webhook", "Add webhook")
        signingNote = words(
            "Mỗi lần gửi là một yêu cầu POST JSON có X-HaiLong-Event, X-HaiLong-Timestamp (giây Unix) và X-HaiLong-Signature: sha256=HMAC-SHA256 của \"<timestamp>.<body>\" bằng khóa ký. Gửi lại theo thời gian tăng dần trong 24 giờ cho đến khi nhận được mã 2xx.",
            "Each delivery is a JSON POST with X-HaiLong-Event, X-HaiLong-Timestamp (Unix seconds) and X-HaiLong-Signature: sha256=HMAC-SHA256 of \"<timestamp>.<body>\" under the secret. Retried with growing delays for 24 hours until a 2xx answer.")
        logHeading = words("Nhật ký gửi", "Delivery log")
        logCaption = words("Các lần gửi gần nhất", "Latest deliveries")
        logColumns = [
            words("Sự kiện", "Event"), words("Địa chỉ nhận", "URL"), words("Thời điểm", "Time"), words("Số lần thử", "Attempts"),
            words("Kết quả lần cuối", "Last status"), words("Tình trạng", "Outcome"),
        ]
        self.deliveries = deliveries.map { entry in
            let outcome: String
            if let at = entry.deliveredAt {
                outcome = words("Đã gửi lúc \(LocalTime.display(at))", "Delivered at \(LocalTime.display(at))")
            } else if let at = entry.gaveUpAt {
                outcome = words("Đã dừng lúc \(LocalTime.display(at))", "Gave up at \(LocalTime.display(at))")
            } else if let at = entry.nextAttemptAt {
                outcome =
                    entry.attempts == 0
                    ? words("Chờ gửi", "Waiting to be sent") : words("Gửi lại lúc \(LocalTime.display(at))", "Retrying at \(LocalTime.display(at))")
            } else {
                outcome = "-"
            }
            return Delivery(
                event: entry.event, url: entry.url, createdAt: LocalTime.display(entry.createdAt), attempts: String(entry.attempts),
                lastStatus: entry.lastStatus.map { "HTTP \($0)" } ?? entry.lastError.map { words("Lỗi: \($0)", "Error: \($0)") } ?? "-",
                outcome: outcome)
        }
        logEmpty = deliveries.isEmpty ? words("Chưa có lần gửi nào.", "Nothing sent yet.") : nil
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        chooser?.write(into: &html)
        Components.messages(notice: notice, error: error, into: &html)
        if let secret {
            html.open("div", .class("ok"), .fixed("role", "status"))
            html.element("p", text: secretNotice)
            html.element("p", body: { $0.element("code", .class("secret"), text: secret) })
            html.close("div")
        }
        if let empty {
            html.element("p", text: empty)
        } else {
            Components.table(caption: listCaption, headers: listColumns, rows: rows, into: &html) { row, html in
                html.open("td")
                html.element("code", text: row.url)
                html.close("td")
                html.element("td", text: row.events)
                html.element("td", text: row.state)
                html.open("td")
                for form in row.forms { form.write(into: &html) }
                html.close("td")
            }
        }
        html.element("h2", text: formTitle)
        html.open("form", .fixed("method", "post"), .attr("action", formAction))
        Components.csrf(csrf, into: &html)
        Components.textField(name: "url", label: urlLabel, value: url, maxLength: 2000, required: true, into: &html)
        html.open("fieldset")
        html.element("legend", text: eventsLegend)
        for box in eventBoxes {
            html.open("label", .class("consent"))
            html.void("input", .type("checkbox"), .name(box.name), .fixed("value", "on"), .flag("checked", box.checked))
            html.element("span", text: box.label)
            html.close("label")
        }
        html.close("fieldset")
        Components.textField(name: "secret", label: secretLabel, maxLength: 200, autocomplete: "off", into: &html)
        html.element("p", .class("note"), text: secretHint)
        html.element("button", .class("btn"), text: button)
        html.close("form")
        html.element("p", .class("note"), text: signingNote)
        html.element("h2", text: logHeading)
        if let logEmpty {
            html.element("p", text: logEmpty)
        } else {
            Components.table(caption: logCaption, headers: logColumns, rows: deliveries, into: &html) { delivery, html in
                html.open("td")
                html.element("code", text: delivery.event)
                html.close("td")
                html.element("td", text: delivery.url)
                html.element("td", text: delivery.createdAt)
                html.element("td", text: delivery.attempts)
                html.element("td", text: delivery.lastStatus)
                html.element("td", text: delivery.outcome)
            }
        }
    }
}
