/// How a rating reached the service, stored on each response and broken down in the figures
/// (`by=channel`). product.md names channels only for feedback; these are the values the
/// responses have carried since the first rating was recorded, plus the counter's tablet.
public enum ResponseChannel: String, Codable, Sendable, CaseIterable {
    /// The citizen's own phone on the rating page: a ticket's or a poster's QR code.
    case web
    /// `POST /api/v1/responses`: a partner system relaying a ticket's rating.
    case api
    /// The rating tablet at the counter (`/kiosk`).
    case kiosk

    public var name: LocalizedText {
        switch self {
        case .web: LocalizedText(vi: "Điện thoại (quét mã QR)", en: "Phone (QR code)")
        case .api: LocalizedText(vi: "Hệ thống liên thông (API)", en: "Partner system (API)")
        case .kiosk: LocalizedText(vi: "Thiết bị đánh giá tại quầy", en: "Rating tablet at the counter")
        }
    }
}
