import Domain
import Foundation
import Storage

/// A unit's API keys, with create and revoke for those who manage them. A new key's secret is
/// on the page that created it and nowhere else.
struct APIKeysPage: Page {
    let chrome: PageChrome
    let list: StructureList
    let secret: String?
    let secretNotice: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], keys: [APIKey], language: Language, secret: String? = nil,
        error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Khóa API", en: "API keys"), staff: session) {
            SiteURL.apiKeys.path(language: $0, ["unit": unit.code])
        }
        let manage = unit.id.map { session.may(.manageAPIKeys, inUnit: $0) } ?? false
        self.secret = secret
        secretNotice = words(
            "Khóa mới (chỉ hiện một lần - hãy sao chép ngay vào phần mềm một cửa):",
            "The new key (shown once only - copy it into the one-stop software now):")
        let rows: [[Cell]] = keys.map { key in
            let revoke = key.id.flatMap { id in
                manage && key.revokedAt == nil
                    ? InlineForm(action: SiteURL.apiKeyRevoke(.value(id)).path(language: language), csrf: session.csrfToken, button: words("Thu hồi", "Revoke"))
                    : nil
            }
            return [
                .text(key.name), .code(key.prefix + "…"), .text(LocalTime.displayDate(key.createdAt)),
                .textAndForm(key.revokedAt == nil ? words("Đang dùng", "Active") : words("Đã thu hồi", "Revoked"), revoke),
            ]
        }
        let nameLabel = words("Tên (hệ thống dùng khóa)", "Name (the system using it)")
        let form = StructureList.AddForm(
            title: words("Tạo khóa mới", "Create a key"), action: SiteURL.apiKeys.path(language: language, ["unit": unit.code]),
            csrf: session.csrfToken, fields: [.text("name", nameLabel, input: [:])], button: words("Tạo khóa", "Create key"))
        list = StructureList(
            heading: words("Khóa API - \(unit.name)", "API keys - \(unit.name)"),
            chooser: UnitChooser(screen: .apiKeys, units: units, current: unit, language: language), notice: nil, error: error?.text(in: language),
            caption: words("Khóa API", "API keys"),
            columns: [nameLabel, words("Đầu khóa", "Starts with"), words("Ngày tạo", "Created"), words("Trạng thái", "State")], rows: rows,
            form: manage ? form : nil)
    }

    func body(_ html: inout HTML) {
        if let secret {
            html.open("div", .class("ok"), .fixed("role", "status"))
            html.element("p", text: secretNotice)
            html.element("p", body: { $0.element("code", .class("secret"), text: secret) })
            html.close("div")
        }
        list.write(into: &html)
    }
}
