import Domain
import Foundation
import Storage

/// A unit's rating tablets (issue 12): which counter each serves, whether it asks the factor
/// questions, its state and when it was last heard from; a form to add one. A new pairing
/// code is on the page that made it and nowhere else.
struct DevicesPage: Page {
    /// A pairing code just made, to type on the tablet.
    struct NewCode: Sendable {
        let deviceName: String
        let counterName: String
        let code: PairingCode
        let expiresAt: Date
    }

    let chrome: PageChrome
    let list: StructureList
    let codeHeading: String?
    let code: String?
    /// What to do with the code: each step's words, and an address to open (kept whole, but
    /// wrapped on a narrow screen).
    let codeSteps: [(text: String, address: String?)]

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], devices: [(device: KioskDevice, counter: Counter)], counters: [Counter],
        kioskURL: String, language: Language, now: Date, input: [String: String] = [:], code: NewCode? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Thiết bị đánh giá tại quầy", en: "Rating tablets"), staff: session) {
            SiteURL.devices.path(language: $0, ["unit": unit.code])
        }
        if let code {
            codeHeading = words(
                "Mã ghép nối cho \"\(code.deviceName)\" (\(code.counterName)), dùng một lần, hiệu lực đến \(LocalTime.displayTime(code.expiresAt)):",
                "Pairing code for \"\(code.deviceName)\" (\(code.counterName)), single use, valid until \(LocalTime.displayTime(code.expiresAt)):")
            self.code = code.code.description
            codeSteps = [
                (words("Trên máy tính bảng đặt tại quầy, mở ", "On the tablet at the counter, open "), kioskURL),
                (
                    words(
                        "Nhập mã trên và bấm \"Ghép nối\". Máy tính bảng không cần đăng nhập tài khoản cán bộ.",
                        "Type the code above and press \"Pair\". No staff account signs in on the tablet."), nil
                ),
            ]
        } else {
            codeHeading = nil
            self.code = nil
            codeSteps = []
        }
        let rows: [[Cell]] = devices.map { entry in
            let device = entry.device
            let id = device.id ?? 0
            let revoked = device.revokedAt != nil
            let state: String
            if let revokedAt = device.revokedAt {
                state = words("Đã thu hồi \(LocalTime.display(revokedAt))", "Revoked \(LocalTime.display(revokedAt))")
            } else if device.pairingOpen(now: now), let expires = device.pairingExpiresAt {
                state =
                    device.pairedAt == nil
                    ? words("Chờ ghép nối (mã đến \(LocalTime.displayTime(expires)))", "Waiting to pair (code until \(LocalTime.displayTime(expires)))")
                    : words("Đã ghép nối; mã mới chờ đến \(LocalTime.displayTime(expires))", "Paired; a new code waits until \(LocalTime.displayTime(expires))")
            } else if let pairedAt = device.pairedAt {
                state = words("Đã ghép nối \(LocalTime.display(pairedAt))", "Paired \(LocalTime.display(pairedAt))")
            } else {
                state = words("Chưa ghép nối (mã đã hết hạn)", "Not paired (the code expired)")
            }
            let lastSeen: String
            if let seen = device.lastSeenAt {
                // The tablet's stream is heard from every minute while it is on.
                lastSeen =
                    !revoked && now.timeIntervalSince(seen) < 3 * 60
                    ? words("Đang hoạt động (\(LocalTime.displayTime(seen)))", "Online (\(LocalTime.displayTime(seen)))") : LocalTime.display(seen)
            } else {
                lastSeen = words("Chưa", "Never")
            }
            let newCode = revoked ? nil : InlineForm(action: SiteURL.deviceCode(.value(id)).path(language: language), csrf: session.csrfToken, button: words("Tạo mã ghép nối mới", "New pairing code"))
            let revoke = revoked ? nil : InlineForm(action: SiteURL.deviceRevoke(.value(id)).path(language: language), csrf: session.csrfToken, button: words("Thu hồi", "Revoke"))
            return [
                .text(device.name), .text("\(entry.counter.code) - \(entry.counter.name)"), .text(device.askFactors ? words("Có", "Yes") : words("Không", "No")),
                .textAndForm(state, revoke), .text(lastSeen), newCode.map(Cell.form) ?? .text("–"),
            ]
        }
        let counterOptions: [(value: String, label: String)] = counters.filter(\.active).compactMap { counter in
            counter.id.map { (value: String($0), label: "\(counter.code) - \(counter.name)") }
        }
        let form = StructureList.AddForm(
            title: words("Thêm thiết bị", "Add a device"), action: SiteURL.devices.path(language: language, ["unit": unit.code]), csrf: session.csrfToken,
            fields: [
                .text("name", words("Tên thiết bị (ví dụ: Máy tính bảng quầy 1)", "Device name (e.g. Counter 1 tablet)"), input: input),
                .select("counter", words("Quầy", "Counter"), counterOptions, input: input),
                .select(
                    "askFactors", words("Sau câu hỏi chung, hỏi thêm 5 câu theo yếu tố (mỗi câu một màn hình)", "After the overall question, ask five factor questions (one per screen)"),
                    [("0", words("Không", "No")), ("1", words("Có", "Yes"))], input: input),
            ], button: words("Thêm và tạo mã ghép nối", "Add and make a pairing code"))
        list = StructureList(
            heading: words("Thiết bị đánh giá tại quầy - \(unit.name)", "Rating tablets - \(unit.name)"),
            chooser: UnitChooser(screen: .devices, units: units, current: unit, language: language), notice: nil, error: error?.text(in: language),
            caption: words("Thiết bị đánh giá", "Rating tablets"),
            columns: [
                words("Tên", "Name"), words("Quầy", "Counter"), words("Câu hỏi theo yếu tố", "Factor questions"), words("Trạng thái", "State"),
                words("Hoạt động lần cuối", "Last seen"), words("Ghép nối lại", "Pair again"),
            ], rows: rows, form: form)
    }

    func body(_ html: inout HTML) {
        if let codeHeading, let code {
            html.open("div", .class("ok"), .fixed("role", "status"))
            html.element("p", text: codeHeading)
            html.element("p", body: { $0.element("code", .class("secret pairing"), text: code) })
            html.open("ol")
            for step in codeSteps {
                html.open("li")
                html.text(step.text)
                if let address = step.address { html.element("code", text: address) }
                html.close("li")
            }
            html.close("ol")
            html.close("div")
        }
        list.write(into: &html)
    }
}
