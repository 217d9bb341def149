import Domain

/// The one rule for an API key's name, on the keys screen and in `hailong apikey add`: 1 to
/// 120 characters, not only spaces, stored in NFC. The name says whose system holds the key.
enum APIKeyName {
    static let problem = LocalizedText(vi: "Tên khóa phải có từ 1 đến 120 ký tự.", en: "A key's name has 1 to 120 characters.")

    /// The name as stored, or nil when it breaks the rule.
    static func checked(_ raw: String) -> String? {
        let name = TextNormalizer.normalize(raw)
        guard (1...120).contains(name.count), name.contains(where: { !$0.isWhitespace }) else { return nil }
        return name
    }
}
