import Domain
import Foundation
import Logging

/// Every setting of the server, documented once here. `hailong serve` fills it from flags
/// and HAILONG_* environment variables; tests fill it directly.
public struct AppConfiguration: Sendable {
    /// Address to listen on (HAILONG_HOST).
    public var host: String
    /// Port to listen on (HAILONG_PORT).
    public var port: Int
    /// Holds the SQLite database and the server's secrets (HAILONG_DATA_DIR).
    public var dataDirectory: String
    /// The public URL that QR codes point to; by default http://HOST:PORT (HAILONG_BASE_URL).
    public var baseURL: String?
    /// Form definitions, one JSON file per version (HAILONG_FORMS).
    public var formsDirectory: String
    /// Static files served under /static (HAILONG_PUBLIC).
    public var publicDirectory: String
    /// On an empty database, create the demo structure and print its logins (HAILONG_DEMO).
    public var demo: Bool
    /// How long a single-use ticket can be rated (HAILONG_TICKET_HOURS).
    public var ticketLifetime: TimeInterval
    /// How long after a rating its optional details may still be added.
    public var detailsWindow: TimeInterval
    /// Breakdown cells below this n are shown as "chưa đủ mẫu" (HAILONG_MIN_N).
    public var minimumN: Int
    /// Largest request body accepted anywhere; citizens' forms are far smaller.
    public var maxBodySize: Int
    public var logLevel: Logger.Level
    /// How long a ticket on a counter display stays valid: long enough to scan and rate,
    /// short enough that a photo of the screen is no standing invitation.
    public var displayTicketLifetime: TimeInterval = 15 * 60
    /// The rating tablets at the counters (`/kiosk`): the minimum interval between counted
    /// taps on the idle screen (HAILONG_KIOSK_INTERVAL_SECONDS, default 20) and how late a
    /// tap kept on a tablet during an outage is still accepted (a week).
    public var kioskTiming = KioskTapTiming()
    /// How long one event stream of a tablet lasts before the tablet opens the next (it
    /// reconnects at once). A bound, so no stream outlives a proxy's timeout or holds a
    /// graceful shutdown; tests shorten it.
    public var kioskStreamLength: TimeInterval = 5 * 60
    /// Limits on ratings through counter posters (per device, per address)
    /// (HAILONG_POSTER_INTERVAL_MINUTES, HAILONG_POSTER_PER_ADDRESS).
    public var posterLimits = PosterLimits()
    /// A staff session ends after this long without a request.
    public var sessionIdle: TimeInterval = 30 * 60
    /// ... and after this long in any case (a working day).
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// The time limits of feedback (domain.md §3): the defaults of the laws, which a province
    /// may change; every event records the rules version that timed it.
    public var feedbackLimits = FeedbackLimits.standard
    /// Seconds a connection may go without receiving a request part: before its first
    /// request, between requests, and while a head or body arrives (HAILONG_IDLE_TIMEOUT).
    /// Long enough for a phone on a weak signal, short enough that slow clients cannot hold
    /// every connection when the port is reached without nginx.
    public var idleTimeout: TimeInterval = 30
    /// `text` for a terminal; `json` for a log collector: one JSON object per line, with a
    /// request id and an access line per request (HAILONG_LOG_FORMAT).
    public var logFormat: LogFormat = .text

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }
    /// Months after an item is closed that its contact data (and its attachments' personal
    /// metadata) is kept; then it is erased and the item kept, anonymised (domain.md §5:
    /// default 24) (HAILONG_PRIVACY_RETENTION_MONTHS). Shown to people where contact data is
    /// collected, applied daily in the server and by `hailong privacy purge`.
    public var privacyRetentionMonths = PrivacyRetention.defaultMonths

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./data", baseURL: String? = nil,
        formsDirectory: String = "./Forms", publicDirectory: String = "./Public", demo: Bool = false,
        ticketLifetime: TimeInterval = 24 * 3600, detailsWindow: TimeInterval = 30 * 60, minimumN: Int = 30,
        maxBodySize: Int = 64 * 1024, logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.formsDirectory = formsDirectory
        self.publicDirectory = publicDirectory
        self.demo = demo
        self.ticketLifetime = ticketLifetime
        self.detailsWindow = detailsWindow
        self.minimumN = minimumN
        self.maxBodySize = maxBodySize
        self.logLevel = logLevel
    }

    /// The base URL QR codes point to, without a trailing slash.
    public var publicBaseURL: String {
        let url = baseURL ?? "http://\(host):\(port)"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// A province's own feedback limits from a JSON file (deploy/feedback-limits.example.json
    /// shows the laws' defaults); its `rulesVersion` is recorded with every item it times.
    public static func feedbackLimits(file: String) throws -> FeedbackLimits {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw MaintenanceError("không đọc được tệp thời hạn \(file) (cannot read the feedback limits file)")
        }
        do {
            return try JSONDecoder().decode(FeedbackLimits.self, from: data)
        } catch {
            throw MaintenanceError("tệp thời hạn \(file) không hợp lệ (invalid feedback limits file): \(error)")
        }
    }
}
