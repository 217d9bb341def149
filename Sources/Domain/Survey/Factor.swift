/// The five factors of QĐ 2640/QĐ-BNV that the SIPAS-style index averages (domain.md §2).
public enum Factor: String, Codable, Sendable, CaseIterable, Comparable {
    case access
    case procedure
    case officer
    case result
    case feedback

    public var name: LocalizedText {
        switch self {
        case .access: LocalizedText(vi: "Tiếp cận dịch vụ", en: "Access to the service")
        case .procedure: LocalizedText(vi: "Thủ tục hành chính", en: "Administrative procedure")
        case .officer: LocalizedText(vi: "Công chức giải quyết công việc", en: "Officers handling the case")
        case .result: LocalizedText(vi: "Kết quả giải quyết", en: "Result")
        case .feedback: LocalizedText(vi: "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", en: "Handling of suggestions and feedback")
        }
    }

    /// The order of QĐ 2640, used for every listing of factors.
    public var rank: Int {
        switch self {
        case .access: 0
        case .procedure: 1
        case .officer: 2
        case .result: 3
        case .feedback: 4
        }
    }

    public static func < (lhs: Factor, rhs: Factor) -> Bool { lhs.rank < rhs.rank }
}
