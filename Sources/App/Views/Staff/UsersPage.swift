import Domain
import Foundation
import Storage

/// A unit's staff accounts, with a form to add one and a button to lock or unlock one (the
/// lock asks for a confirmation first: `UserLockPage`).
struct UsersPage: Page {
    let chrome: PageChrome
    let list: StructureList
    let addHeading: String
    let action: String
    let csrf: String
    let username: String
    let usernameLabel: String
    let roleLabel: String
    let roles: [Components.Option]
    let officerLabel: String
    let officers: [Components.Option]
    let passwordLabel: String
    let addButton: String

    init(
        session: StaffSession, unit: Storage.Unit, units: [Storage.Unit], users: [StaffUser], officers: [Officer], language: Language,
        input: [String: String] = [:], notice: LocalizedText? = nil, error: LocalizedText? = nil
    ) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Tài khoản cán bộ", en: "Staff accounts"), staff: session) {
            SiteURL.users.path(language: $0, ["unit": unit.code])
        }
        let officerNames = Dictionary(uniqueKeysWithValues: officers.compactMap { officer in officer.id.map { ($0, officer.name) } })
        let rows: [[Cell]] = users.map { user in
            let toggle: InlineForm? = user.id.flatMap { id in
                guard AccessPolicy.mayManage(session.principal, account: user.principal) else { return nil }
                return InlineForm(
                    action: (user.active ? SiteURL.userDisable(.value(id)) : SiteURL.userEnable(.value(id))).path(language: language),
                    csrf: session.csrfToken, button: user.active ? words("Khóa…", "Disable…") : words("Mở lại", "Enable"))
            }
            return [
                .text(user.username), .text(user.role.name.text(in: language)), .text(user.officerId.flatMap { officerNames[$0] } ?? "-"),
                .textAndForm(user.active ? words("Đang dùng", "Active") : words("Đã khóa", "Disabled"), toggle),
            ]
        }
        usernameLabel = words("Tên đăng nhập", "Username")
        roleLabel = words("Vai trò", "Role")
        officerLabel = words("Cán bộ (với vai trò cán bộ một cửa)", "Officer (for the counter officer role)")
        list = StructureList(
            heading: words("Tài khoản - \(unit.name)", "Accounts - \(unit.name)"),
            chooser: UnitChooser(screen: .users, units: units, current: unit, language: language), notice: notice?.text(in: language),
            error: error?.text(in: language), caption: words("Tài khoản cán bộ", "Staff accounts"),
            columns: [usernameLabel, roleLabel, words("Cán bộ", "Officer"), words("Trạng thái", "State")], rows: rows, form: nil)
        addHeading = words("Thêm tài khoản", "Add an account")
        action = SiteURL.users.path(language: language, ["unit": unit.code])
        csrf = session.csrfToken
        username = input["username"] ?? ""
        roles = AccessPolicy.assignableRoles(by: session.principal).map {
            Components.Option(value: $0.rawValue, label: $0.name.text(in: language), selected: input["role"] == $0.rawValue)
        }
        self.officers = [Components.Option(value: "", label: "-", selected: (input["officer"] ?? "").isEmpty)]
            + officers.map { Components.Option(value: $0.code, label: "\($0.name) (\($0.code))", selected: input["officer"] == $0.code) }
        passwordLabel = words("Mật khẩu ban đầu (ít nhất 10 ký tự)", "Initial password (at least 10 characters)")
        addButton = words("Thêm tài khoản", "Add account")
    }

    func body(_ html: inout HTML) {
        list.write(into: &html)
        html.element("h2", text: addHeading)
        html.open("form", .fixed("method", "post"), .attr("action", action))
        Components.csrf(csrf, into: &html)
        Components.textField(name: "username", label: usernameLabel, value: username, maxLength: 64, required: true, into: &html)
        Components.select(name: "role", label: roleLabel, options: roles, into: &html)
        Components.select(name: "officer", label: officerLabel, options: officers, into: &html)
        Components.textField(name: "password", label: passwordLabel, required: true, type: .password, autocomplete: "new-password", into: &html)
        html.void("br")
        html.element("button", .class("btn"), text: addButton)
        html.close("form")
    }
}

/// "Lock this account?": a second step before a lock, which ends the person's sessions at
/// once. A plain form with a confirm field, so it needs no script.
struct UserLockPage: Page {
    let chrome: PageChrome
    let heading: String
    let explanation: String
    let action: String
    let csrf: String
    let confirm: String
    let cancel: String
    let cancelURL: String

    init(session: StaffSession, user: StaffUser, unitCode: String?, language: Language) {
        let words = Words(language: language)
        let id = user.id ?? 0
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Khóa tài khoản", en: "Disable account"), staff: session) {
            SiteURL.users.path(language: $0, ["unit": unitCode])
        }
        heading = words("Khóa tài khoản \(user.username)?", "Disable the account \(user.username)?")
        explanation = words(
            "Người dùng sẽ bị đăng xuất ngay và không đăng nhập được cho đến khi tài khoản được mở lại. Thao tác được ghi vào nhật ký.",
            "They are signed out at once and cannot sign in until the account is enabled again. The change is logged.")
        action = SiteURL.userDisable(.value(id)).path(language: language)
        csrf = session.csrfToken
        confirm = words("Khóa tài khoản", "Disable account")
        cancel = words("Không, quay lại", "No, go back")
        cancelURL = SiteURL.users.path(language: language, ["unit": unitCode])
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", text: explanation)
        html.open("form", .fixed("method", "post"), .attr("action", action))
        Components.csrf(csrf, into: &html)
        html.void("input", .type("hidden"), .name("confirm"), .fixed("value", "yes"))
        html.element("button", .class("btn danger"), text: confirm)
        html.raw(" ")
        html.element("a", .href(cancelURL), text: cancel)
        html.close("form")
    }
}
