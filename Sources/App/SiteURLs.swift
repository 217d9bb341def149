import Domain
import Hummingbird

/// The one place that knows each route's path. Links in pages and the URLs inside QR codes
/// are built here, so a printed poster and the router can never disagree.
public struct SiteURLs: Sendable {
    /// The public base URL, e.g. https://hailong.example.vn, without trailing slash.
    public let base: String

    public init(base: String) {
        self.base = base
    }

    /// The URL a QR code carries: what a citizen's phone opens.
    public func rating(token: String) -> String { base + Self.ratingPath(token: token) }
    public func qrSVG(token: String) -> String { base + "/qr/\(token).svg" }
    public func qrPNG(token: String) -> String { base + "/qr/\(token).png" }

    public static func ratingPath(token: String, language: Language = .vi) -> String {
        "/r/\(token)" + languageQuery(language)
    }

    /// The page after a recorded rating: details, then thanks. The key makes it this
    /// citizen's page; without it the URL is the (used) ticket's.
    static func progressPath(token: String, key: String, language: Language) -> String {
        "/r/\(token)?k=\(key)" + (language == .vi ? "" : "&lang=\(language.rawValue)")
    }

    static func languageQuery(_ language: Language) -> String {
        language == .vi ? "" : "?lang=\(language.rawValue)"
    }

    static let stylesheet = "/static/site.css"

    // Route patterns, for the router.
    static let ratingRoute: RouterPath = "/r/{token}"
    static let qrRoute: RouterPath = "/qr/{file}"
}
