/// Takes phone numbers and e-mail addresses out of a rating's free text before it is stored.
/// Why: a rating never carries contact data (domain.md §2, NĐ 61/2018 Điều 27 keeps the rater
/// anonymous), yet citizens type "gọi lại cho tôi 0912 345 678" into the comment box. Contact
/// belongs in a feedback item, with consent; the comment keeps its words and loses the number.
public enum ContactRedaction {
    public static let mark = "[đã ẩn]"

    nonisolated(unsafe) private static let email = #/[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/#

    /// Vietnamese numbers as people write them: a mobile is 0 (or +84) then 3, 5, 7, 8 or 9
    /// and eight more digits; a landline is 0 (or +84) then 2, the rest of a two- or three-digit
    /// area code, and seven or eight digits (eleven with the 0). Spaces, dots or dashes may sit
    /// between groups, brackets around the area code, but the first group holds at least three
    /// digits, so a date (05.11.2026 10 giờ), an amount (1.500.000 đồng) or a dossier code
    /// (H12.34-261123-0001) is not taken for one. The character before must not be a digit
    /// (it is kept), so "sđt0912345678" is found and "10912345678" is not. The country code
    /// may come without its "+" ("84912345678", as Zalo shows it), then only as one run of
    /// digits: "84.500.000.000 đồng" is an amount.
    nonisolated(unsafe) private static let phone =
        #/(^|[^0-9])\(?(?:\+84\)?[ .\-]?|0|84(?=[1-9][0-9]{8}))(?:[35789][0-9](?:[ .\-]?[0-9]){7}|2[0-9](?:[0-9]\)?[ .\-]?[0-9](?:[ .\-]?[0-9]){6}|\)?[ .\-]?[0-9](?:[ .\-]?[0-9]){7}))(?![0-9])/#

    public static func redact(_ text: String) -> String {
        // Most comments hold no '@' and no digit: skip the expressions for them.
        guard text.contains("@") || text.contains(where: \.isNumber) else { return text }
        return text.replacing(email, with: mark).replacing(phone) { match in match.output.1 + mark }
    }
}
