import Domain
import Foundation
import Storage

/// A unit's staff accounts, with a form to add one and a button to turn one off or on.
struct UsersPage: PageModel {
    static let template = "users"
    struct Row: Sendable {
        let username: String
        let role: String
        let officer: String
        let state: String
        let toggleAction: String?
        let toggleLabel: String
        let csrf: String
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let page: PageChrome
    let heading: String
    let notice: String?
    let error: String?
    let users: [Row]
    let roles: [Option]
    let officers: [Option]
    let action: String
    let csrf: String
    let username: String
    let usernameLabel: String
    let roleLabel: String
    let officerLabel: String
    let stateLabel: String
    let passwordLabel: String
    let addHeading: String
    let addButton: String

    init(
        session: StaffSession, unit: Storage.Unit, users: [StaffUser], officers: [Officer], language: Language, input: [String: String] = [:],
        notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        page = PageChrome(language: language, title: LocalizedText(vi: "Tài khoản cán bộ", en: "Staff accounts"), path: "/admin/users", staff: session)
        heading = LocalizedText(vi: "Tài khoản - \(unit.name)", en: "Accounts - \(unit.name)").text(in: language)
        self.notice = notice?.text(in: language)
        self.error = error?.text(in: language)
        let officerNames = Dictionary(uniqueKeysWithValues: officers.compactMap { officer in officer.id.map { ($0, officer.name) } })
        self.users = users.map { user in
            Row(
                username: user.username, role: user.role.name.text(in: language), officer: user.officerId.flatMap { officerNames[$0] } ?? "-",
                state: (user.active ? LocalizedText(vi: "Đang dùng", en: "Active") : LocalizedText(vi: "Đã khóa", en: "Disabled")).text(in: language),
                toggleAction: user.id == session.user.id ? nil : user.id.map { "/admin/users/\($0)/\(user.active ? "disable" : "enable")" },
                toggleLabel: (user.active ? LocalizedText(vi: "Khóa", en: "Disable") : LocalizedText(vi: "Mở lại", en: "Enable")).text(in: language),
                csrf: session.csrfToken)
        }
        roles = UsersPage.assignableRoles(by: session.user).map {
            Option(value: $0.rawValue, label: $0.name.text(in: language), selected: input["role"] == $0.rawValue)
        }
        self.officers = officers.map { Option(value: $0.code, label: "\($0.name) (\($0.code))", selected: input["officer"] == $0.code) }
        action = "/admin/users?unit=\(unit.code)"
        csrf = session.csrfToken
        username = input["username"] ?? ""
        usernameLabel = LocalizedText(vi: "Tên đăng nhập", en: "Username").text(in: language)
        roleLabel = LocalizedText(vi: "Vai trò", en: "Role").text(in: language)
        officerLabel = LocalizedText(vi: "Cán bộ (với vai trò cán bộ một cửa)", en: "Officer (for the counter officer role)").text(in: language)
        stateLabel = LocalizedText(vi: "Trạng thái", en: "State").text(in: language)
        passwordLabel = LocalizedText(vi: "Mật khẩu ban đầu (ít nhất 10 ký tự)", en: "Initial password (at least 10 characters)").text(in: language)
        addHeading = LocalizedText(vi: "Thêm tài khoản", en: "Add an account").text(in: language)
        addButton = LocalizedText(vi: "Thêm tài khoản", en: "Add account").text(in: language)
    }

    /// A director adds the accounts of their own counters; only an administrator adds
    /// directors, inspectors and administrators.
    static func assignableRoles(by user: StaffUser) -> [StaffRole] {
        user.role == .admin ? StaffRole.allCases : [.officer, .viewer]
    }
}
