import Foundation

/// A webhook's target: an absolute http or https URL with a host, at most 2,000 characters,
/// without user name or password (they would sit in the database and the screen in clear).
public enum WebhookURL {
    public static func check(_ text: String) -> URL? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(trimmed.count), let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else { return nil }
        return url
    }
}
