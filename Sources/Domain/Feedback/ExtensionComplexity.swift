/// Why a resolution period is extended. The laws tie the extension to the case's
/// complexity: khiếu nại "phức tạp" (Luật Khiếu nại 2011, Điều 28), tố cáo "phức tạp" once
/// or "đặc biệt phức tạp" twice (Luật Tố cáo 2018, Điều 30).
public enum ExtensionComplexity: String, Codable, Sendable, CaseIterable {
    case complex
    case especiallyComplex = "especially-complex"

    public var name: LocalizedText {
        switch self {
        case .complex: LocalizedText(vi: "Vụ việc phức tạp", en: "Complex case")
        case .especiallyComplex: LocalizedText(vi: "Vụ việc đặc biệt phức tạp", en: "Especially complex case")
        }
    }
}
