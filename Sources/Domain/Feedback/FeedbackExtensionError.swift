/// Why an extension was refused. Each case reads as a sentence in both languages, for the
/// 409/422 answer and the staff page.
public enum FeedbackExtensionError: Error, Equatable, Sendable {
    /// An anonymous item has no statutory clock to extend.
    case noClock
    /// The kind has no extension of this complexity (góp ý, phản ánh, kiến nghị: none;
    /// khiếu nại: only as complex).
    case notAllowed(FeedbackKind, ExtensionComplexity)
    /// The resolution period counts from acceptance, so there is nothing to extend before it.
    case notAccepted
    /// Every extension this complexity allows is already in force.
    case limitReached(FeedbackKind, ExtensionComplexity, max: Int)
    /// An extension must say why.
    case missingReason
    case calendar(CalendarError)

    public var message: LocalizedText {
        switch self {
        case .noClock:
            LocalizedText(
                vi: "Phản ánh ẩn danh không có thời hạn theo luật nên không thể gia hạn.",
                en: "An anonymous item has no statutory deadline to extend.")
        case .notAllowed(let kind, let complexity):
            LocalizedText(
                vi: "\(kind.name.vi) không được gia hạn với lý do \"\(complexity.name.vi.lowercased())\".",
                en: "A \(kind.name.en.lowercased()) cannot be extended as \"\(complexity.name.en.lowercased())\".")
        case .notAccepted:
            LocalizedText(
                vi: "Chỉ gia hạn được sau khi đã thụ lý.",
                en: "An item can only be extended after it has been accepted.")
        case .limitReached(let kind, let complexity, let max):
            LocalizedText(
                vi: "\(kind.name.vi) (\(complexity.name.vi.lowercased())) chỉ được gia hạn tối đa \(max) lần.",
                en: "A \(kind.name.en.lowercased()) (\(complexity.name.en.lowercased())) can be extended at most \(max) time(s).")
        case .missingReason:
            LocalizedText(vi: "Cần ghi lý do gia hạn.", en: "An extension needs a reason.")
        case .calendar(let error):
            error.message
        }
    }
}
