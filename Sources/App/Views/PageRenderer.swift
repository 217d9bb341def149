import Domain

import Foundation
import Hummingbird
import Mustache
import Storage

/// A page's view model: one struct per page, one template of the same name.
protocol PageModel: Sendable {
    static var template: String { get }
    var page: PageChrome { get }
}

/// Renders view models with the Mustache templates shipped in the App module's resources.
/// Templates escape by default; nothing reaches a page unescaped.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw AppError(.internalServerError, "templates_missing", vi: "Thiếu thư mục mẫu trang.", en: "Templates are missing.")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path))
    }

    func render<Page: PageModel>(_ page: Page, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(page, withTemplate: Page.template) else {
            throw AppError(.internalServerError, "template_missing", vi: "Thiếu mẫu trang.", en: "Template missing.")
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What every page's layout needs: language, title, and the link to the other language.
struct PageChrome: Sendable {
    let lang: String
    let title: String
    let stylesheet = SiteURLs.stylesheet
    let switchURL: String
    let switchLang: String
    let switchLabel: String
    /// The signed-in staff member's bar (name, role, sign-out form); nil on citizens' pages.
    let staff: StaffBar?
    /// Staff pages use the screen's width for tables.
    let wide: Bool
    /// Staff pages (and the sign-in form) load staff.css; citizens' pages stay small.
    let staffStyles: Bool

    struct StaffBar: Sendable {
        let username: String
        let role: String
        let csrf: String
        let logout: String
    }

    init(language: Language, title: LocalizedText, path: String, staff session: StaffSession? = nil, staffStyles: Bool = false) {
        self.staffStyles = staffStyles || session != nil
        staff = session.map {
            StaffBar(
                username: $0.user.username, role: $0.user.role.name.text(in: language), csrf: $0.csrfToken,
                logout: language == .vi ? "Đăng xuất" : "Sign out")
        }
        wide = session != nil
        lang = language.rawValue
        self.title = title.text(in: language)
        let other: Language = language == .vi ? .en : .vi
        switchLang = other.rawValue
        switchURL = path + SiteURLs.languageQuery(other)
        switchLabel = other == .en ? "English" : "Tiếng Việt"
    }
}
