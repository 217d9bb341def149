/// The five kinds of feedback of domain.md §3. Each is a different legal procedure with its
/// own clock, so the kind decides the time limits, whether acceptance (thụ lý) is a step and
/// which extensions exist. The raw values are the product's fixed codes (forms, JSON, CSV).
public enum FeedbackKind: String, Codable, Sendable, CaseIterable {
    /// Góp ý: a suggestion; answered within the answer limit.
    case gopY = "gop-y"
    /// Phản ánh (NĐ 20/2008): a report of a problem.
    case phanAnh = "phan-anh"
    /// Kiến nghị (NĐ 20/2008): a report with a proposed fix.
    case kienNghi = "kien-nghi"
    /// Khiếu nại (Luật Khiếu nại 2011): a complaint against a decision or act.
    case khieuNai = "khieu-nai"
    /// Tố cáo (Luật Tố cáo 2018): a denunciation of a breach of the law.
    case toCao = "to-cao"

    public var name: LocalizedText {
        switch self {
        case .gopY: LocalizedText(vi: "Góp ý", en: "Suggestion")
        case .phanAnh: LocalizedText(vi: "Phản ánh", en: "Report of a problem")
        case .kienNghi: LocalizedText(vi: "Kiến nghị", en: "Petition")
        case .khieuNai: LocalizedText(vi: "Khiếu nại", en: "Complaint")
        case .toCao: LocalizedText(vi: "Tố cáo", en: "Denunciation")
        }
    }

    /// The plain-language choice on the public form: citizens do not know the legal terms,
    /// so the form asks what they want to do and the kind follows from the answer.
    public var formPhrase: LocalizedText {
        switch self {
        case .gopY: LocalizedText(vi: "Tôi muốn góp ý", en: "I want to make a suggestion")
        case .phanAnh: LocalizedText(vi: "Tôi muốn báo một việc chưa đúng", en: "I want to report something that is not right")
        case .kienNghi: LocalizedText(vi: "Tôi muốn đề nghị một cách giải quyết", en: "I want to propose a fix")
        case .khieuNai: LocalizedText(vi: "Tôi muốn khiếu nại một quyết định", en: "I want to complain about a decision")
        case .toCao: LocalizedText(vi: "Tôi muốn tố cáo một hành vi vi phạm", en: "I want to denounce a breach of the law")
        }
    }

    /// Khiếu nại and tố cáo are accepted (thụ lý) before they are handled: the first clock
    /// runs until acceptance and the second one counts from it. For the other kinds `accept`
    /// is an optional acknowledgement that changes no date.
    public var needsAcceptance: Bool { self == .khieuNai || self == .toCao }

    /// A clocked item of this kind not yet accepted must be accepted (thụ lý) or refused
    /// before it can be decided (domain.md §3); anonymous items have no clock.
    public func awaitsAcceptance(isAnonymous: Bool, isAccepted: Bool) -> Bool {
        needsAcceptance && !isAnonymous && !isAccepted
    }
}
