import Domain
import Foundation
import Storage

/// The sign-in form. A refused sign-in keeps the username, never the password.
struct LoginPage: PageModel {
    static let template = "login"
    let page: PageChrome
    let heading: String
    let error: String?
    let action = "/login"
    let csrf: String
    let next: String
    let username: String
    let usernameLabel: String
    let passwordLabel: String
    let submit: String

    init(language: Language, csrf: String, next: String, username: String = "", error: LocalizedText? = nil) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Đăng nhập", en: "Sign in"), path: "/login", staffStyles: true)
        heading = LocalizedText(vi: "Đăng nhập cán bộ", en: "Staff sign-in").text(in: language)
        self.error = error?.text(in: language)
        self.csrf = csrf
        self.next = next
        self.username = username
        usernameLabel = LocalizedText(vi: "Tên đăng nhập", en: "Username").text(in: language)
        passwordLabel = LocalizedText(vi: "Mật khẩu", en: "Password").text(in: language)
        submit = LocalizedText(vi: "Đăng nhập", en: "Sign in").text(in: language)
    }
}

/// The staff home: what this account can open.
struct AdminHomePage: PageModel {
    static let template = "admin"
    struct Link: Sendable {
        let href: String
        let label: String
    }

    let page: PageChrome
    let heading: String
    let greeting: String
    let links: [Link]

    init(session: StaffSession, unitName: String?, language: Language) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Trang cán bộ", en: "Staff home"), path: "/admin", staff: session)
        heading = LocalizedText(vi: "Trang cán bộ", en: "Staff home").text(in: language)
        let role = session.user.role.name.text(in: language)
        greeting = unitName.map { "\(role) - \($0)" } ?? role
        var links: [Link] = []
        if session.user.role != .inspector {
            links.append(Link(href: "/admin/counters", label: LocalizedText(vi: "Quầy và mã QR dán tại quầy", en: "Counters and their QR posters").text(in: language)))
        }
        if session.user.role == .director {
            links.append(Link(href: "/admin/units", label: LocalizedText(vi: "Phiếu khảo sát đang dùng", en: "Survey form in use").text(in: language)))
            links.append(Link(href: "/admin/holidays", label: LocalizedText(vi: "Lịch nghỉ lễ (xem)", en: "Holiday calendar (view)").text(in: language)))
        }
        if session.user.role.managesStructure {
            links.append(Link(href: "/admin/officers", label: LocalizedText(vi: "Cán bộ và phân công quầy", en: "Officers and their counters").text(in: language)))
            links.append(Link(href: "/admin/users", label: LocalizedText(vi: "Tài khoản cán bộ", en: "Staff accounts").text(in: language)))
            links.append(Link(href: "/admin/apikeys", label: LocalizedText(vi: "Khóa API cho phần mềm một cửa", en: "API keys for the one-stop software").text(in: language)))
        }
        if session.user.role == .admin {
            for (href, vi, en) in [
                ("/admin/units", "Đơn vị và phiếu khảo sát", "Units and their forms"), ("/admin/sectors", "Lĩnh vực", "Sectors"),
                ("/admin/procedures", "Thủ tục hành chính", "Procedures"), ("/admin/holidays", "Lịch nghỉ lễ, ngày làm bù", "Holiday calendar"),
            ] {
                links.append(Link(href: href, label: LocalizedText(vi: vi, en: en).text(in: language)))
            }
        }
        if session.user.officerId != nil {
            links.append(Link(href: "/me", label: LocalizedText(vi: "Kết quả đánh giá của tôi", en: "My ratings").text(in: language)))
        }
        if session.user.role.readsAuditLog {
            links.append(Link(href: "/admin/audit", label: LocalizedText(vi: "Nhật ký quản trị", en: "Audit log").text(in: language)))
        }
        if [.officer, .director, .admin].contains(session.user.role) {
            links.insert(Link(href: "/counter", label: LocalizedText(vi: "Màn hình quầy (mã QR dùng một lần)", en: "Counter display (single-use QR)").text(in: language)), at: 0)
        }
        self.links = links
    }
}

/// A unit's counters, with poster links and, for those who manage the unit, a form to add one.
struct CountersPage: PageModel {
    static let template = "counters"
    struct Row: Sendable {
        let code: String
        let name: String
        let posterA4: String
        let posterA5: String
        let ratingURL: String
        let state: String
        let toggleAction: String?
        let toggleLabel: String
        let csrf: String
    }

    let page: PageChrome
    let heading: String
    let error: String?
    let notice: String?
    let counters: [Row]
    let canManage: Bool
    let action: String
    let csrf: String
    let code: String
    let name: String
    let nameEn: String
    let codeLabel: String
    let nameLabel: String
    let nameEnLabel: String
    let posterLabel: String
    let stateLabel: String
    let linkLabel: String
    let addHeading: String
    let addButton: String

    init(
        session: StaffSession, unit: Storage.Unit, counters: [Counter], urls: SiteURLs, language: Language, input: [String: String] = [:],
        error: LocalizedText? = nil, notice: LocalizedText? = nil
    ) {
        let path = "/admin/counters"
        page = PageChrome(language: language, title: LocalizedText(vi: "Quầy", en: "Counters"), path: path, staff: session)
        heading = LocalizedText(vi: "Quầy - \(unit.name)", en: "Counters - \(unit.nameEn.isEmpty ? unit.name : unit.nameEn)").text(in: language)
        self.error = error?.text(in: language)
        self.notice = notice?.text(in: language)
        let manage = unit.id.map { session.user.canManage(unitId: $0) } ?? false
        self.counters = counters.compactMap { counter in
            guard let id = counter.id else { return nil }
            return Row(
                code: counter.code, name: counter.name, posterA4: "/admin/counters/\(id)/poster", posterA5: "/admin/counters/\(id)/poster?size=a5",
                ratingURL: urls.rating(token: counter.posterToken),
                state: (counter.active ? LocalizedText(vi: "Đang phục vụ", en: "In service") : LocalizedText(vi: "Ngừng phục vụ", en: "Out of service"))
                    .text(in: language),
                toggleAction: manage ? "/admin/counters/\(id)/\(counter.active ? "disable" : "enable")" : nil,
                toggleLabel: (counter.active ? LocalizedText(vi: "Ngừng", en: "Take out of service") : LocalizedText(vi: "Mở lại", en: "Put back in service"))
                    .text(in: language),
                csrf: session.csrfToken)
        }
        canManage = manage
        action = path + "?unit=\(unit.code)"
        csrf = session.csrfToken
        code = input["code"] ?? ""
        name = input["name"] ?? ""
        nameEn = input["nameEn"] ?? ""
        codeLabel = LocalizedText(vi: "Mã quầy", en: "Code").text(in: language)
        nameLabel = LocalizedText(vi: "Tên quầy", en: "Name").text(in: language)
        nameEnLabel = LocalizedText(vi: "Tên tiếng Anh", en: "English name").text(in: language)
        posterLabel = LocalizedText(vi: "Mã QR dán tại quầy", en: "QR poster").text(in: language)
        stateLabel = LocalizedText(vi: "Trạng thái", en: "State").text(in: language)
        linkLabel = LocalizedText(vi: "liên kết", en: "link").text(in: language)
        addHeading = LocalizedText(vi: "Thêm quầy", en: "Add a counter").text(in: language)
        addButton = LocalizedText(vi: "Thêm quầy", en: "Add counter").text(in: language)
    }
}

/// The printable poster of a counter: centre, counter, the QR, two lines of instructions.
struct PosterPage: PageModel {
    static let template = "poster"
    let page: PageChrome
    let title: String
    let a5: Bool
    let centre: String
    let counter: String
    let qr: String
    let qrAlt = "Mã QR đánh giá mức độ hài lòng"
    let instructionVi = "Quét mã QR để đánh giá mức độ hài lòng - chỉ một chạm, không cần đăng nhập, ẩn danh."
    let instructionEn = "Scan to rate our service - one tap, no sign-in, anonymous."
    let url: String
    let back = "/admin/counters"
    let backLabel = "Quầy / Counters"

    init(unit: Storage.Unit, counter: Counter, urls: SiteURLs, a5: Bool) {
        page = PageChrome(language: .vi, title: LocalizedText(vi: "Mã QR quầy", en: "Counter QR"), path: "/admin/counters")
        title = "\(counter.name) - \(unit.name)"
        self.a5 = a5
        centre = unit.centreName.isEmpty ? unit.name : unit.centreName
        self.counter = counter.name
        qr = "/qr/\(counter.posterToken).svg"
        url = urls.rating(token: counter.posterToken)
    }
}

/// The audit log, newest first.
struct AuditPage: PageModel {
    static let template = "audit"
    struct Row: Sendable {
        let at: String
        let actor: String
        let action: String
        let target: String
        let before: String
        let after: String
    }

    let page: PageChrome
    let heading: String
    let csvURL = "/admin/audit.csv"
    let csvLabel: String
    let entries: [Row]
    let atLabel: String
    let actorLabel: String
    let actionLabel: String
    let targetLabel: String
    let changeLabel: String

    init(session: StaffSession, entries: [AuditEntry], language: Language) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Nhật ký quản trị", en: "Audit log"), path: "/admin/audit", staff: session)
        heading = LocalizedText(vi: "Nhật ký quản trị", en: "Audit log").text(in: language)
        csvLabel = LocalizedText(vi: "Tải về CSV", en: "Download CSV").text(in: language)
        self.entries = entries.map {
            Row(at: LocalTime.iso8601($0.at), actor: $0.actor, action: $0.action, target: $0.target, before: $0.before ?? "-", after: $0.after ?? "-")
        }
        atLabel = LocalizedText(vi: "Thời điểm", en: "When").text(in: language)
        actorLabel = LocalizedText(vi: "Người thực hiện", en: "Who").text(in: language)
        actionLabel = LocalizedText(vi: "Thao tác", en: "Action").text(in: language)
        targetLabel = LocalizedText(vi: "Đối tượng", en: "Target").text(in: language)
        changeLabel = LocalizedText(vi: "Trước → sau", en: "Before → after").text(in: language)
    }
}
