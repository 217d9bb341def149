/// Takes phone numbers and e-mail addresses out of a rating's free text before it is stored.
/// Why: a rating never carries contact data (domain.md §2, NĐ 61/2018 Điều 27 keeps the rater
/// anonymous), yet citizens type "gọi lại cho tôi 0912 345 678" into the comment box. Contact
/// belongs in a feedback item, with consent; the comment keeps its words and loses the number.
public enum ContactRedaction {
    public static let mark = "[đã ẩn]"

    /// E-mail addresses, and Vietnamese phone numbers: 0 or +84/84 then 9 or 10 more digits,
    /// spaces, dots or dashes allowed between them (dossier codes such as H12.34-261123-0001
    /// do not start that way).
    nonisolated(unsafe) private static let email = #/[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/#
    nonisolated(unsafe) private static let phone = #/(?:\+84|\b84|\b0)(?:[ .\-]?[0-9]){9,10}\b/#

    public static func redact(_ text: String) -> String {
        // Most comments hold no '@' and no run of digits: skip the expressions for them.
        guard text.contains("@") || text.contains(where: \.isNumber) else { return text }
        return text.replacing(email, with: mark).replacing(phone, with: mark)
    }
}
