/// Why an action was refused. `isConflict` separates what the item's state or history
/// forbids (HTTP 409) from a missing or blank field (HTTP 422); every case reads as a
/// sentence in both languages.
public enum FeedbackTransitionError: Error, Equatable, Sendable {
    /// The table of `FeedbackStateMachine` has no such transition.
    case illegalTransition(FeedbackState, FeedbackAction)
    /// Khiếu nại and tố cáo are resolved or extended only after acceptance (thụ lý).
    case notAccepted(FeedbackKind, FeedbackAction)
    /// Only khiếu nại and tố cáo have a resolution period to extend.
    case notExtendable(FeedbackKind)
    /// An anonymous item has no statutory clock to extend.
    case noClock
    /// Only conduct items (thai-do, nhung-nhieu) are verified.
    case notConduct
    /// Only an answered (resolved) item is reopened; a rejected or transferred one is not.
    case notAnswered
    /// The reopen window ended on this day.
    case reopenWindowClosed(until: LocalDate)
    /// A required field of the action is missing or blank (its JSON name).
    case missingField(FeedbackAction, String)
    case calendar(CalendarError)

    /// 409 (true) or 422 (false) for the API; a calendar error is a conflict too, since no
    /// change of fields can fix it.
    public var isConflict: Bool {
        if case .missingField = self { return false }
        return true
    }

    public var message: LocalizedText {
        switch self {
        case .illegalTransition(let state, let action):
            LocalizedText(
                vi: "Không thể \"\(action.name.vi.lowercased())\" khi phản ánh đang ở trạng thái \"\(state.name.vi.lowercased())\".",
                en: "\"\(action.name.en)\" is not allowed while the item is \"\(state.name.en.lowercased())\".")
        case .notAccepted(let kind, let action):
            LocalizedText(
                vi: "\(kind.name.vi) phải được thụ lý trước khi \"\(action.name.vi.lowercased())\".",
                en: "A \(kind.name.en.lowercased()) must be accepted before \"\(action.name.en.lowercased())\".")
        case .notExtendable(let kind):
            LocalizedText(
                vi: "\(kind.name.vi) không có thời hạn được gia hạn.",
                en: "A \(kind.name.en.lowercased()) has no period that can be extended.")
        case .noClock:
            LocalizedText(
                vi: "Phản ánh ẩn danh không có thời hạn theo luật nên không thể gia hạn.",
                en: "An anonymous item has no statutory deadline to extend.")
        case .notConduct:
            LocalizedText(
                vi: "Chỉ ghi kết quả xác minh cho phản ánh về thái độ hoặc nhũng nhiễu của cán bộ.",
                en: "Only items about an officer's conduct or harassment are verified.")
        case .notAnswered:
            LocalizedText(
                vi: "Chỉ mở lại được phản ánh đã được giải quyết, trả lời.",
                en: "Only an item that was answered can be reopened.")
        case .reopenWindowClosed(let until):
            LocalizedText(
                vi: "Đã quá thời hạn mở lại (đến hết ngày \(until.vietnamese)).",
                en: "The item could be reopened until \(until) only.")
        case .missingField(let action, let field):
            LocalizedText(
                vi: "Thao tác \"\(action.name.vi.lowercased())\" cần trường \"\(field)\".",
                en: "\"\(action.name.en)\" needs the field \"\(field)\".")
        case .calendar(let error):
            error.message
        }
    }
}
