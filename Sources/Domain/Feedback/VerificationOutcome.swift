/// How the verification of a conduct item ended (domain.md §3). Only `coCoSo` counts toward
/// I4 and TT 01 index 7: an item found untrue, or not verified, must not mark an officer.
public enum VerificationOutcome: String, Codable, Sendable, CaseIterable {
    case coCoSo = "co-co-so"
    case khongCoCoSo = "khong-co-co-so"
    case chuaXacMinh = "chua-xac-minh"

    public var name: LocalizedText {
        switch self {
        case .coCoSo: LocalizedText(vi: "Có cơ sở", en: "Substantiated")
        case .khongCoCoSo: LocalizedText(vi: "Không có cơ sở", en: "Unsubstantiated")
        case .chuaXacMinh: LocalizedText(vi: "Chưa xác minh", en: "Not verified")
        }
    }

    public var isSubstantiated: Bool { self == .coCoSo }
}
