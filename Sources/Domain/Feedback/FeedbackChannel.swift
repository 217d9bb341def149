/// How an item reached the unit (product.md, "Feedback"). Kept for the figures by channel;
/// the channel never changes a deadline.
public enum FeedbackChannel: String, Codable, Sendable, CaseIterable {
    case web
    /// Filed from a rating page, carrying its counter, officer and procedure along.
    case rating
    case counter
    case hotline
    case letter
    case inPerson = "in-person"
    /// The suggestion box (hòm thư góp ý), paper or electronic.
    case box
    /// A partner system through the API (the one-stop software, the hotline's system).
    case api

    public var name: LocalizedText {
        switch self {
        case .web: LocalizedText(vi: "Trang web", en: "Website")
        case .rating: LocalizedText(vi: "Trang đánh giá", en: "Rating page")
        case .counter: LocalizedText(vi: "Tại quầy", en: "At the counter")
        case .hotline: LocalizedText(vi: "Đường dây nóng", en: "Hotline")
        case .letter: LocalizedText(vi: "Thư, đơn", en: "Letter")
        case .inPerson: LocalizedText(vi: "Trực tiếp", en: "In person")
        case .box: LocalizedText(vi: "Hòm thư góp ý", en: "Suggestion box")
        case .api: LocalizedText(vi: "Hệ thống liên thông", en: "Partner system")
        }
    }
}
