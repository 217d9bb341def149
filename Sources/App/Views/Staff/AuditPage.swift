import Domain
import Foundation
import Storage

/// The audit log, newest first, in words: what each action was, when in local time, who did
/// it, and the change.
struct AuditPage: Page {
    let chrome: PageChrome
    let heading: String
    let csvURL: String
    let csvLabel: String
    let caption: String
    let columns: [String]
    let rows: [[Cell]]

    init(session: StaffSession, entries: [AuditEntry], language: Language) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Nhật ký quản trị", en: "Audit log"), staff: session) {
            SiteURL.audit.path(language: $0)
        }
        heading = words("Nhật ký quản trị", "Audit log")
        csvURL = SiteURL.auditCSV.path
        csvLabel = words("Tải về CSV", "Download CSV")
        caption = heading
        columns = [words("Thời điểm", "When"), words("Người thực hiện", "Who"), words("Thao tác", "Action"), words("Đối tượng", "Target"), words("Trước → sau", "Before → after")]
        rows = entries.map { entry in
            [
                .text(LocalTime.display(entry.at)), .text(entry.actor), .text(AuditAction.label(entry.action, language: language)),
                .text(entry.target), .text("\(entry.before ?? "-") → \(entry.after ?? "-")"),
            ]
        }
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", body: { $0.element("a", .href(csvURL), text: csvLabel) })
        Components.table(caption: caption, headers: columns, rows: rows, into: &html)
    }
}

/// The audit log's action codes in words. The codes stay in the CSV (stable for scripts);
/// people read these.
enum AuditAction {
    static func label(_ code: String, language: Language) -> String {
        guard let text = labels[code] else { return code }
        return text.text(in: language)
    }

    static let labels: [String: LocalizedText] = [
        "apikey.create": LocalizedText(vi: "Tạo khóa API", en: "API key created"),
        "apikey.revoke": LocalizedText(vi: "Thu hồi khóa API", en: "API key revoked"),
        "counter.create": LocalizedText(vi: "Thêm quầy", en: "Counter added"),
        "counter.disable": LocalizedText(vi: "Ngừng quầy", en: "Counter taken out of service"),
        "counter.enable": LocalizedText(vi: "Mở lại quầy", en: "Counter put back in service"),
        "officer.create": LocalizedText(vi: "Thêm cán bộ", en: "Officer added"),
        "officer.assign": LocalizedText(vi: "Phân công cán bộ vào quầy", en: "Officer assigned to a counter"),
        "unit.create": LocalizedText(vi: "Thêm đơn vị", en: "Unit added"),
        "unit.form": LocalizedText(vi: "Đổi phiếu khảo sát", en: "Survey form changed"),
        "sector.create": LocalizedText(vi: "Thêm lĩnh vực", en: "Sector added"),
        "procedure.create": LocalizedText(vi: "Thêm thủ tục", en: "Procedure added"),
        "calendar.add": LocalizedText(vi: "Thêm ngày vào lịch nghỉ", en: "Calendar day added"),
        "calendar.remove": LocalizedText(vi: "Xóa ngày khỏi lịch nghỉ", en: "Calendar day removed"),
        "user.create": LocalizedText(vi: "Tạo tài khoản", en: "Account created"),
        "user.disable": LocalizedText(vi: "Khóa tài khoản", en: "Account disabled"),
        "user.enable": LocalizedText(vi: "Mở lại tài khoản", en: "Account enabled"),
        "form.freeze": LocalizedText(vi: "Khóa phiếu khảo sát", en: "Form frozen"),
    ]
}
