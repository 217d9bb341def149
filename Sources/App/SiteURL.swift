import Domain
import Foundation
import Hummingbird

/// A path parameter, as in SwiftPackageIndex-Server's `SiteURL`: `.key` when the router
/// registers the route (it becomes `{name}`), `.value` when a page links to it.
enum Param<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every route of the service, in one table. The router registers each route from its case
/// and every link, redirect, form action and QR target is built from a case, so a printed
/// poster, a page and the router can never disagree. product.md fixes the public paths
/// (`/r/{token}`, `/qr/...`, `/api/v1/...`, `/healthz`, `/metrics`): change none of them.
enum SiteURL: Sendable {
    // Operations
    case healthz
    case metrics
    case favicon
    /// A file of Public/ under its content-hashed name (see `StaticAssets`).
    case asset(Param<String>)

    // Citizens
    case rating(Param<String>)
    /// `token.svg` or `token.png`; one route, the extension picks the format.
    case qr(Param<String>)

    /// The public feedback form (product.md): `?unit=CODE[&counter=CODE]` or `?from=TOKEN&k=KEY`.
    case feedback
    /// Public status of an item by its tracking code.
    case track(Param<String>)
    /// The citizen's reopen of an answered item.
    case trackReopen(Param<String>)
    /// The look-up form for a tracking code.
    case trackLookup
    /// The person's request about their contact data (access, correction, deletion, withdrawal).
    case trackPrivacy(Param<String>)
    /// That request's receipt: tracking code, then the request's reference.
    case trackPrivacyReceipt(Param<String>, Param<String>)

    // Staff
    case login
    case logout
    case admin
    case counters
    case counterPoster(Param<Int64>)
    case counterDisable(Param<Int64>)
    case counterEnable(Param<Int64>)
    case officers
    case officerAssign(Param<Int64>)
    case units
    case unitForm(Param<Int64>)
    case sectors
    case procedures
    case users
    case userDisable(Param<Int64>)
    case userEnable(Param<Int64>)
    case apiKeys
    case apiKeyRevoke(Param<Int64>)
    case holidays
    case holidayRemove(Param<LocalDate>)
    case audit
    case auditCSV
    case webhooks
    case webhookDisable(Param<Int64>)
    case webhookEnable(Param<Int64>)
    case webhookDelete(Param<Int64>)
    case webhookTest(Param<Int64>)
    /// The counters' rating tablets: create one (its pairing code), see when each was last heard from.
    case devices
    case deviceCode(Param<Int64>)
    case deviceRevoke(Param<Int64>)
    /// The weekly, monthly and phase reports (product.md): `?unit=CODE|all&period=...[&format=html|csv|xlsx]`.
    case report(Param<ReportKind>)
    /// Raw rows for analysis, never contact data: `?unit=CODE|all&from=YYYY-MM-DD&to=YYYY-MM-DD`.
    case exportResponsesCSV
    case exportResponsesXLSX
    case exportFeedbackCSV
    case exportFeedbackXLSX

    // Counter officers
    case feedbackQueue
    case feedbackNew
    case feedbackItem(Param<String>)
    case feedbackAction(Param<String>)
    case feedbackContact(Param<String>)
    /// Requests about personal data: a unit's queue, and one request with its actions.
    case privacyQueue
    case privacyRequest(Param<String>)

    // Inspection committee and city viewers
    /// The units in scope with their counts.
    case inspection
    /// One unit's items (or every unit's) by deadline state and kind, anonymous ones apart.
    case inspectionQueue
    /// Conduct items with their verification outcome.
    case inspectionConduct
    case inspectionItem(Param<String>)
    case inspectionVerify(Param<String>)
    case inspectionNote(Param<String>)
    /// Drawn samples, and the form to draw one.
    case inspectionSamples
    case inspectionSample(Param<Int64>)
    case inspectionSampleReview(Param<Int64>)
    case inspectionFindingsCSV(Param<Int64>)
    case inspectionFindingsXLSX(Param<Int64>)

    case counterDisplay
    case counterNext
    case counterTake
    case counterStatus
    case me

    // The rating tablet at a counter (issue 12): no staff session, a device cookie.
    /// The tablet's screen, or the pairing form on a tablet not yet bound.
    case kiosk
    case kioskPair
    /// A tap on the overall question (JSON from the page's script, or a plain form post).
    case kioskTaps
    /// The factor answers that join a tap's response.
    case kioskDetails
    /// Server-Sent Events: the counter's ticket as it changes.
    case kioskEvents
    /// The same as JSON, for the script's polling when events do not get through.
    case kioskState

    // API (product.md)
    /// The OpenAPI 3.1 document of every /api/v1 endpoint (Public/openapi.json, served as it is).
    case apiDocument
    case apiResponses
    case apiForm(Param<String>)
    case apiTickets
    case apiIndicators
    case apiFeedback
    case apiFeedbackItem(Param<String>)
    case apiFeedbackActions(Param<String>)

    // The public transparency page (no login) and its data
    case transparency
    case transparencyCSV
    case apiPublic

    // Open311 GeoReport v2 (read-only)
    case open311Root
    case open311Discovery
    case open311Services
    case open311Requests
    /// `CODE.json`: one route, like the QR images; the handler checks the extension.
    case open311Request(Param<String>)

    /// Every API path starts here: errors under it answer JSON.
    static let apiPrefix = "/api/"
    /// The device cookie of the rating pages is scoped to them.
    static let ratingPrefix = "/r/"
    /// The tablet's cookie is scoped to its pages.
    static let kioskPrefix = "/kiosk"
    /// Open311's endpoints; errors under it answer Open311's error list.
    static let open311Prefix = "/open311/v2"

    /// The path: with `.value` parameters a link, with `.key` parameters a route pattern.
    var path: String {
        switch self {
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .favicon: "/favicon.ico"
        case .asset(let file): "/static/" + Self.segment(file, "file")
        case .rating(let token): Self.ratingPrefix + Self.segment(token, "token")
        case .qr(let file): "/qr/" + Self.segment(file, "file")
        case .feedback: "/feedback"
        case .track(let code): "/track/" + Self.segment(code, "code")
        case .trackReopen(let code): "/track/\(Self.segment(code, "code"))/reopen"
        case .trackLookup: "/track"
        case .trackPrivacy(let code): "/track/\(Self.segment(code, "code"))/privacy"
        case .trackPrivacyReceipt(let code, let reference): "/track/\(Self.segment(code, "code"))/privacy/\(Self.segment(reference, "reference"))"
        case .login: "/login"
        case .logout: "/logout"
        case .admin: "/admin"
        case .counters: "/admin/counters"
        case .counterPoster(let id): "/admin/counters/\(Self.segment(id, "id"))/poster"
        case .counterDisable(let id): "/admin/counters/\(Self.segment(id, "id"))/disable"
        case .counterEnable(let id): "/admin/counters/\(Self.segment(id, "id"))/enable"
        case .officers: "/admin/officers"
        case .officerAssign(let id): "/admin/officers/\(Self.segment(id, "id"))/assign"
        case .units: "/admin/units"
        case .unitForm(let id): "/admin/units/\(Self.segment(id, "id"))/form"
        case .sectors: "/admin/sectors"
        case .procedures: "/admin/procedures"
        case .users: "/admin/users"
        case .userDisable(let id): "/admin/users/\(Self.segment(id, "id"))/disable"
        case .userEnable(let id): "/admin/users/\(Self.segment(id, "id"))/enable"
        case .apiKeys: "/admin/apikeys"
        case .apiKeyRevoke(let id): "/admin/apikeys/\(Self.segment(id, "id"))/revoke"
        case .holidays: "/admin/holidays"
        case .holidayRemove(let date): "/admin/holidays/\(Self.segment(date, "date"))/remove"
        case .audit: "/admin/audit"
        case .auditCSV: "/admin/audit.csv"
        case .webhooks: "/admin/webhooks"
        case .webhookDisable(let id): "/admin/webhooks/\(Self.segment(id, "id"))/disable"
        case .webhookEnable(let id): "/admin/webhooks/\(Self.segment(id, "id"))/enable"
        case .webhookDelete(let id): "/admin/webhooks/\(Self.segment(id, "id"))/delete"
        case .webhookTest(let id): "/admin/webhooks/\(Self.segment(id, "id"))/test"
        case .devices: "/admin/devices"
        case .deviceCode(let id): "/admin/devices/\(Self.segment(id, "id"))/code"
        case .deviceRevoke(let id): "/admin/devices/\(Self.segment(id, "id"))/revoke"
        case .report(let kind): "/admin/reports/" + Self.segment(kind, "kind")
        case .exportResponsesCSV: "/admin/exports/responses.csv"
        case .exportResponsesXLSX: "/admin/exports/responses.xlsx"
        case .exportFeedbackCSV: "/admin/exports/feedback.csv"
        case .exportFeedbackXLSX: "/admin/exports/feedback.xlsx"
        case .feedbackQueue: "/admin/feedback"
        case .feedbackNew: "/admin/feedback/new"
        case .feedbackItem(let code): "/admin/feedback/" + Self.segment(code, "code")
        case .feedbackAction(let code): "/admin/feedback/\(Self.segment(code, "code"))/action"
        case .feedbackContact(let code): "/admin/feedback/\(Self.segment(code, "code"))/contact"
        case .privacyQueue: "/admin/privacy"
        case .privacyRequest(let reference): "/admin/privacy/" + Self.segment(reference, "reference")
        case .inspection: "/inspection"
        case .inspectionQueue: "/inspection/queue"
        case .inspectionConduct: "/inspection/conduct"
        case .inspectionItem(let code): "/inspection/items/" + Self.segment(code, "code")
        case .inspectionVerify(let code): "/inspection/items/\(Self.segment(code, "code"))/verify"
        case .inspectionNote(let code): "/inspection/items/\(Self.segment(code, "code"))/notes"
        case .inspectionSamples: "/inspection/samples"
        case .inspectionSample(let id): "/inspection/samples/" + Self.segment(id, "id")
        case .inspectionSampleReview(let id): "/inspection/samples/\(Self.segment(id, "id"))/review"
        case .inspectionFindingsCSV(let id): "/inspection/samples/\(Self.segment(id, "id"))/findings.csv"
        case .inspectionFindingsXLSX(let id): "/inspection/samples/\(Self.segment(id, "id"))/findings.xlsx"
        case .counterDisplay: "/counter"
        case .counterNext: "/counter/next"
        case .counterTake: "/counter/take"
        case .counterStatus: "/counter/status"
        case .me: "/me"
        case .kiosk: Self.kioskPrefix
        case .kioskPair: Self.kioskPrefix + "/pair"
        case .kioskTaps: Self.kioskPrefix + "/taps"
        case .kioskDetails: Self.kioskPrefix + "/details"
        case .kioskEvents: Self.kioskPrefix + "/events"
        case .kioskState: Self.kioskPrefix + "/state"
        case .apiDocument: "/api/openapi.json"
        case .apiResponses: "/api/v1/responses"
        case .apiForm(let id): "/api/v1/forms/" + Self.segment(id, "id")
        case .apiTickets: "/api/v1/tickets"
        case .apiIndicators: "/api/v1/indicators"
        case .apiFeedback: "/api/v1/feedback"
        case .apiFeedbackItem(let code): "/api/v1/feedback/" + Self.segment(code, "code")
        case .apiFeedbackActions(let code): "/api/v1/feedback/\(Self.segment(code, "code"))/actions"
        case .transparency: "/public"
        case .transparencyCSV: "/public.csv"
        case .apiPublic: "/api/v1/public"
        case .open311Root: Self.open311Prefix
        case .open311Discovery: Self.open311Prefix + "/discovery.json"
        case .open311Services: Self.open311Prefix + "/services.json"
        case .open311Requests: Self.open311Prefix + "/requests.json"
        case .open311Request(let file): Self.open311Prefix + "/requests/" + Self.segment(file, "code")
        }
    }

    /// The pattern the router registers this route under.
    var route: RouterPath { RouterPath(path) }

    /// The path with a query string; nil values are left out, values are percent-encoded.
    func path(_ query: KeyValuePairs<String, String?>) -> String {
        Self.appending(query.map { ($0.key, $0.value) }, to: path)
    }

    /// The path in `language`: Vietnamese is the default and needs no parameter.
    func path(language: Language, _ query: KeyValuePairs<String, String?> = [:]) -> String {
        var items = query.map { ($0.key, $0.value) }
        if language != .vi { items.append(("lang", language.rawValue)) }
        return Self.appending(items, to: path)
    }

    static func appending<Items: Sequence>(_ query: Items, to path: String) -> String where Items.Element == (String, String?) {
        var result = path
        var separator = path.contains("?") ? "&" : "?"
        for (name, value) in query {
            guard let value else { continue }
            let encoded = value.utf8.allSatisfy(isUnreserved) ? value : value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? ""
            result += separator + name + "=" + encoded
            separator = "&"
        }
        return result
    }

    /// Unreserved characters only: `&`, `=`, `+` and `#` in a value are always encoded.
    private static let queryValueAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// RFC 3986's unreserved characters, in ASCII.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func segment(_ parameter: Param<String>, _ name: String) -> String {
        switch parameter {
        case .key: "{\(name)}"
        case .value(let value):
            // Tokens and codes are plain ASCII letters, digits and dashes: returned as they are,
            // without Foundation's percent-encoding (it showed in the rating page's profile).
            value.utf8.allSatisfy(Self.isUnreserved) ? value : value.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
        }
    }

    private static func segment(_ parameter: Param<Int64>, _ name: String) -> String {
        switch parameter {
        case .key: "{\(name)}"
        case .value(let value): String(value)
        }
    }

    private static func segment(_ parameter: Param<ReportKind>, _ name: String) -> String {
        switch parameter {
        case .key: "{\(name)}"
        case .value(let value): value.rawValue
        }
    }

    private static func segment(_ parameter: Param<LocalDate>, _ name: String) -> String {
        switch parameter {
        case .key: "{\(name)}"
        case .value(let value): value.description
        }
    }
}

/// Absolute URLs for what leaves the site: the URL inside a QR code, the API's `url`, the
/// demo banner. Built from the configured public base (`--base-url`).
struct PublicURLs: Sendable {
    /// e.g. https://hailong.example.vn, without trailing slash.
    let base: String

    init(base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    func absolute(_ url: SiteURL) -> String { base + url.path }

    /// What a citizen's phone opens when it scans the code.
    func rating(token: String) -> String { absolute(.rating(.value(token))) }
    func qrSVG(token: String) -> String { absolute(.qr(.value(token + ".svg"))) }
    func qrPNG(token: String) -> String { absolute(.qr(.value(token + ".png"))) }
}
