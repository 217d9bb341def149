/// What staff do to an item (`POST /api/v1/feedback/{code}/actions`, product.md). The raw
/// values are the fixed codes of the API and of the item's history.
public enum FeedbackAction: String, Codable, Sendable, CaseIterable {
    /// Thụ lý; for khiếu nại and tố cáo it starts the resolution clock.
    case accept
    case assign
    case start
    case extend
    case transfer
    case reject
    case resolve
    case verify
    case close
    case reopen
    case reclassify

    public var name: LocalizedText {
        switch self {
        case .accept: LocalizedText(vi: "Thụ lý", en: "Accept")
        case .assign: LocalizedText(vi: "Giao xử lý", en: "Assign")
        case .start: LocalizedText(vi: "Bắt đầu xử lý", en: "Start")
        case .extend: LocalizedText(vi: "Gia hạn", en: "Extend")
        case .transfer: LocalizedText(vi: "Chuyển đơn vị có thẩm quyền", en: "Transfer")
        case .reject: LocalizedText(vi: "Không thụ lý", en: "Reject")
        case .resolve: LocalizedText(vi: "Giải quyết, trả lời", en: "Resolve")
        case .verify: LocalizedText(vi: "Ghi kết quả xác minh", en: "Record verification")
        case .close: LocalizedText(vi: "Đóng", en: "Close")
        case .reopen: LocalizedText(vi: "Mở lại", en: "Reopen")
        case .reclassify: LocalizedText(vi: "Phân loại lại", en: "Reclassify")
        }
    }

    /// The handling this action is, if any (domain.md §3): `resolve`, `transfer` and
    /// `reject` end a clock and are counted in the figures; `accept` is not a handling, it
    /// starts the next clock.
    public var handling: FeedbackHandlingKind? {
        switch self {
        case .resolve: .resolve
        case .transfer: .transfer
        case .reject: .reject
        case .accept, .assign, .start, .extend, .verify, .close, .reopen, .reclassify: nil
        }
    }
}
