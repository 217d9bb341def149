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
        // bcrypt reads 72 bytes and ignores the rest; Vietnamese letters take 2-3 bytes each.
        guard password.utf8.count <= 72 else {
            return LocalizedText(vi: "Mật khẩu dài tối đa 72 byte.", en: "A password has at most 72 bytes.")
        }
        return nil
    }
}
