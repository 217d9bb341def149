import Domain
import Foundation
import Storage

/// An API key list for a unit, with create and revoke for those who manage it. A new key's
/// secret is on the page that created it and nowhere else.
struct APIKeysPage: PageModel {
    static let template = "apikeys"
    struct Row: Sendable {
        let name: String
        let prefix: String
        let created: String
        let state: String
        let revokeAction: String?
        let csrf: String
        let revokeLabel: String
    }

    let page: PageChrome
    let heading: String
    let secret: String?
    let secretNotice: String
    let error: String?
    let keys: [Row]
    let canManage: Bool
    let action: String
    let csrf: String
    let nameLabel: String
    let prefixLabel: String
    let createdLabel: String
    let stateLabel: String
    let addHeading: String
    let addButton: String

    init(session: StaffSession, unit: Storage.Unit, keys: [ApiKey], language: Language, secret: String? = nil, error: LocalizedText? = nil) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Khóa API", en: "API keys"), path: "/admin/apikeys", staff: session)
        heading = LocalizedText(vi: "Khóa API - \(unit.name)", en: "API keys - \(unit.name)").text(in: language)
        self.secret = secret
        secretNotice = LocalizedText(
            vi: "Khóa mới (chỉ hiện một lần - hãy sao chép ngay vào phần mềm một cửa):",
            en: "The new key (shown once only - copy it into the one-stop software now):"
        ).text(in: language)
        self.error = error?.text(in: language)
        let manage = unit.id.map { session.user.canManage(unitId: $0) } ?? false
        canManage = manage
        self.keys = keys.map { key in
            Row(
                name: key.name, prefix: key.prefix, created: String(LocalTime.iso8601(key.createdAt).prefix(10)),
                state: key.revokedAt == nil
                    ? LocalizedText(vi: "Đang dùng", en: "Active").text(in: language)
                    : LocalizedText(vi: "Đã thu hồi", en: "Revoked").text(in: language),
                revokeAction: manage && key.revokedAt == nil ? key.id.map { "/admin/apikeys/\($0)/revoke" } : nil, csrf: session.csrfToken,
                revokeLabel: LocalizedText(vi: "Thu hồi", en: "Revoke").text(in: language))
        }
        action = "/admin/apikeys?unit=\(unit.code)"
        csrf = session.csrfToken
        nameLabel = LocalizedText(vi: "Tên (hệ thống dùng khóa)", en: "Name (the system using it)").text(in: language)
        prefixLabel = LocalizedText(vi: "Đầu khóa", en: "Starts with").text(in: language)
        createdLabel = LocalizedText(vi: "Ngày tạo", en: "Created").text(in: language)
        stateLabel = LocalizedText(vi: "Trạng thái", en: "State").text(in: language)
        addHeading = LocalizedText(vi: "Tạo khóa mới", en: "Create a key").text(in: language)
        addButton = LocalizedText(vi: "Tạo khóa", en: "Create key").text(in: language)
    }
}

/// An officer's own satisfaction figures by period: rates with interval and n, suppressed
/// below the minimum n. Only counts: never an individual citizen's answer.
struct MyFiguresPage: PageModel {
    static let template = "me"
    struct Row: Sendable {
        let period: String
        let rate: String
        let index: String
    }

    let page: PageChrome
    let heading: String
    let intro: String
    let rows: [Row]
    let periodLabel: String
    let rateLabel: String
    let indexLabel: String
    let method: String

    init(session: StaffSession, officerName: String, rows: [Row], language: Language) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Kết quả của tôi", en: "My results"), path: "/me", staff: session)
        heading = LocalizedText(vi: "Kết quả đánh giá - \(officerName)", en: "My ratings - \(officerName)").text(in: language)
        intro = LocalizedText(
            vi: "Tỷ lệ hài lòng chung từ các lượt đánh giá gắn với Ông/Bà. Dưới ngưỡng cỡ mẫu, tỷ lệ không được hiện.",
            en: "Overall satisfaction from the ratings attributed to you. Below the minimum sample no rate is shown."
        ).text(in: language)
        self.rows = rows
        periodLabel = LocalizedText(vi: "Kỳ", en: "Period").text(in: language)
        rateLabel = LocalizedText(vi: "Tỷ lệ hài lòng", en: "Satisfaction rate").text(in: language)
        indexLabel = LocalizedText(vi: "Chỉ số hài lòng", en: "Satisfaction index").text(in: language)
        method = FigureText.method.text(in: language)
    }
}
