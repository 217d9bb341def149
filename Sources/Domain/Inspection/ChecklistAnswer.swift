/// One answer of a sampled item's review checklist (result concrete? on time? history
/// intact? reply sent?).
public enum ChecklistAnswer: String, Codable, Sendable, CaseIterable {
    case yes
    case no
    case notApplicable = "n/a"

    public var name: LocalizedText {
        switch self {
        case .yes: LocalizedText(vi: "Có", en: "Yes")
        case .no: LocalizedText(vi: "Không", en: "No")
        case .notApplicable: LocalizedText(vi: "Không áp dụng", en: "Not applicable")
        }
    }
}
