/// What a feedback item is about (product.md, "Feedback"). The raw values are fixed codes.
public enum FeedbackCategory: String, Codable, Sendable, CaseIterable {
    case thaiDo = "thai-do"
    case nhungNhieu = "nhung-nhieu"
    case chamTre = "cham-tre"
    case thuTuc = "thu-tuc"
    case phi
    case coSo = "co-so"
    case khac

    public var name: LocalizedText {
        switch self {
        case .thaiDo: LocalizedText(vi: "Thái độ phục vụ", en: "Officer's conduct")
        case .nhungNhieu: LocalizedText(vi: "Nhũng nhiễu, tiêu cực", en: "Harassment or corruption")
        case .chamTre: LocalizedText(vi: "Chậm trễ", en: "Delay")
        case .thuTuc: LocalizedText(vi: "Thủ tục hành chính", en: "Procedure")
        case .phi: LocalizedText(vi: "Phí, lệ phí", en: "Fees")
        case .coSo: LocalizedText(vi: "Cơ sở vật chất", en: "Facilities")
        case .khac: LocalizedText(vi: "Khác", en: "Other")
        }
    }

    /// Conduct items are about an officer: they end with a verification outcome, and only
    /// those found "có cơ sở" count toward I4 and TT 01 index 7 (domain.md §3, §6).
    public var isConduct: Bool { self == .thaiDo || self == .nhungNhieu }
}
