/// A text in the service's two languages: Vietnamese first, English second.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en.isEmpty ? vi : en
        }
    }
}

/// The languages of every page. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// Reads a `lang` parameter; anything unknown falls back to Vietnamese.
    public init(parameter: String?) {
        self = parameter.flatMap(Language.init(rawValue:)) ?? .vi
    }
}
