import Domain
import Storage

/// The staff home: what this account can open, asked of the access policy.
struct AdminHomePage: Page {
    struct Link: Sendable {
        let href: String
        let label: String
    }

    /// Early warning (issue 9, domain.md §3): feedback due soon and overdue, the account's own
    /// and the unit's, each a link to the queue already filtered.
    struct Warning: Sendable {
        let text: String
        let href: String
        let urgent: Bool
    }

    let chrome: PageChrome
    let heading: String
    let greeting: String
    let links: [Link]
    let warningsHeading: String
    let warnings: [Warning]
    /// The figures, for the accounts that read them (issue 10).
    let dashboard: Dashboard?

    init(
        session: StaffSession, unitName: String?, language: Language, warnings counts: FeedbackDesk.FeedbackWarnings? = nil, unitCode: String? = nil,
        dashboard: Dashboard? = nil
    ) {
        self.dashboard = dashboard
        let words = Words(language: language)
        // The other language's link keeps the dashboard's unit and period.
        let kept = dashboard?.selection
        chrome = PageChrome(language: language, title: LocalizedText(vi: "Trang cán bộ", en: "Staff home"), staff: session) {
            SiteURL.admin.path(language: $0, ["unit": kept?.unit, "period": kept?.period, "from": kept?.from, "to": kept?.to])
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
            (.manageDevices, .devices, ("Thiết bị đánh giá tại quầy (máy tính bảng)", "Rating tablets at the counters")),
            (.viewFeedback, .feedbackQueue, ("Phản ánh, kiến nghị", "Feedback")),
            (.inspect, .inspection, ("Kiểm tra xử lý phản ánh (Ủy ban Kiểm tra)", "Inspection of feedback handling")),
            (.viewReports, .report(.value(.monthly)), ("Báo cáo tuần, tháng, giai đoạn (in, CSV, XLSX)", "Weekly, monthly and phase reports (print, CSV, XLSX)")),
            (.handlePrivacyRequests, .privacyQueue, ("Yêu cầu về dữ liệu cá nhân", "Personal data requests")),
            (.chooseUnitForm, .units, unitsLabel),
            (.manageOfficers, .officers, ("Cán bộ và phân công quầy", "Officers and their counters")),
            (.manageStaffAccounts, .users, ("Tài khoản cán bộ", "Staff accounts")),
            (.viewAPIKeys, .apiKeys, ("Khóa API cho phần mềm một cửa", "API keys for the one-stop software")),
            (.manageWebhooks, .webhooks, ("Webhook: báo tin tự động cho hệ thống khác", "Webhooks: notices to other systems")),
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
        warningsHeading = words("Phản ánh cần chú ý", "Feedback that needs attention")
        var warnings: [Warning] = []
        if let counts {
            func link(_ due: String, mine: Bool) -> String {
                SiteURL.feedbackQueue.path(language: language, ["unit": unitCode, "due": due, "assignee": mine ? "mine" : nil])
            }
            let lines = [
                (counts.mineOverdue, "overdue", true, true),
                (counts.mineDueSoon, "soon", true, false),
                (counts.unitOverdue, "overdue", false, true),
                (counts.unitDueSoon, "soon", false, false),
            ]
            // An officer's queue is their own items: the unit lines would repeat them.
            let readsUnit = AccessPolicy.reach(of: session.principal, for: .viewFeedback) != .assignedItems
            for (count, due, isMine, urgent) in lines where count > 0 && (isMine || readsUnit) {
                let what = urgent ? words("quá hạn", "overdue") : words("sắp đến hạn", "due soon")
                let whose = isMine ? words("được giao cho Ông/Bà", "assigned to you") : words("của đơn vị", "in the unit")
                warnings.append(Warning(text: "\(count) " + words("phản ánh \(what) \(whose)", "items \(what) \(whose)"), href: link(due, mine: isMine), urgent: urgent))
            }
        }
        self.warnings = warnings
    }

    func body(_ html: inout HTML) {
        html.element("h1", text: heading)
        html.element("p", text: greeting)
        if !warnings.isEmpty {
            html.open("section", .class("warnings"), .attr("aria-label", warningsHeading))
            html.element("h2", text: warningsHeading)
            html.open("ul")
            for warning in warnings {
                html.element("li", .class(warning.urgent ? "urgent" : nil), body: { $0.element("a", .href(warning.href), text: warning.text) })
            }
            html.close("ul")
            html.close("section")
        }
        html.open("ul", .class("menu"))
        for link in links {
            html.element("li", body: { $0.element("a", .href(link.href), text: link.label) })
        }
        html.close("ul")
        dashboard?.write(into: &html)
    }
}
