import Domain

/// Staff passwords: bcrypt at cost 10 (about 65 ms of CPU here, architecture.md) and a
/// minimum length; no composition rules, which push people to predictable patterns.
enum PasswordPolicy {
    static let bcryptCost: UInt8 = 10
    static let minimumLength = 10

    static func problem(_ password: String) -> LocalizedText? {
        guard password.count >= minimumLength else {
            return LocalizedText(vi: "Mật khẩu cần ít nhất \(minimumLength) ký tự.", en: "A password needs at least \(minimumLength) characters.")
        }
        // A control character (NUL, say) or bytes that were not UTF-8 (read as U+FFFD) make a
        // password no sign-in form can type: the account could never be used.
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{FFFD}" }) else {
            return LocalizedText(
                vi: "Mật khẩu chứa ký tự không gõ được (ký tự điều khiển hoặc byte không phải UTF-8).",
                en: "The password holds a character no one can type (a control character or bytes that are not UTF-8).")
        }
        // bcrypt reads 72 bytes and ignores the rest; Vietnamese letters take 2-3 bytes each.
        guard password.utf8.count <= 72 else {
            return LocalizedText(vi: "Mật khẩu dài tối đa 72 byte.", en: "A password has at most 72 bytes.")
        }
        return nil
    }
}
