import Domain
import Storage

/// The staff home: what this account can open, asked of the access policy.
struct AdminHomePage: Page {
    struct Link: Sendable {
        let href: String
        let label: String
    }

    let chrome: PageChrome
    let heading: String
    let greeting: String
    let links: [Link]

    init(session: StaffSession, unitName: String?, language: Language) {
        let words = Words(language: language)
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Trang cán bộ", en: "Staff home"), staff: session) {
            SiteURL.admin.path(language: $0)
        }
        heading = words("Trang cán bộ", "Staff home")
        let role = session.user.role.name.text(in: language)
        greeting = unitName.map { "\(role) - \($0)" } ?? role
        let calendar: (String, String)? =
            session.mayGlobally(.editHolidayCalendar)
            ? ("Lịch nghỉ lễ, ngày làm bù", "Holiday calendar")
            : session.mayAnywhere(.viewHolidayCalendar) ? ("Lịch nghỉ lễ (xem)", "Holiday calendar (view)") : nil
        let unitsLabel = session.mayGlobally(.manageUnits) ? ("Đơn vị và phiếu khảo sát", "Units and their forms") : ("Phiếu khảo sát đang dùng", "Survey form in use")
        let menu: [(StaffAction, SiteURL, (String, String)?)] = [
            (.operateCounterDisplay, .counterDisplay, ("Màn hình quầy (mã QR dùng một lần)", "Counter display (single-use QR)")),
            (.viewCounters, .counters, ("Quầy và mã QR dán tại quầy", "Counters and their QR posters")),
            (.viewFeedback, .feedbackQueue, ("Phản ánh, kiến nghị", "Feedback")),
            (.chooseUnitForm, .units, unitsLabel),
            (.manageOfficers, .officers, ("Cán bộ và phân công quầy", "Officers and their counters")),
            (.manageStaffAccounts, .users, ("Tài khoản cán bộ", "Staff accounts")),
            (.viewAPIKeys, .apiKeys, ("Khóa API cho phần mềm một cửa", "API keys for the one-stop software")),
            (.manageSectors, .sectors, ("Lĩnh vực", "Sectors")),
            (.manageProcedures, .procedures, ("Thủ tục hành chính", "Procedures")),
            (.viewHolidayCalendar, .holidays, calendar),
            (.viewOwnFigures, .me, ("Kết quả đánh giá của tôi", "My ratings")),
            (.readAuditLog, .audit, ("Nhật ký quản trị", "Audit log")),
        ]
        links = menu.compactMap { action, url, label in
            guard let label, session.mayAnywhere(action) else { return nil }
            return Link(href: url.path(language: language), label: words(label.0, label.1))
        }
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", text: greeting)
        html.open("ul", .class("menu"))
        for link in links {
            html.element("li", body: { $0.element("a", .href(link.href), text: link.label) })
        }
        html.close("ul")
    }
}
