import Foundation

/// The person proves a request is theirs with the tracking code and a piece of the contact
/// data they gave at filing (the phone number or the e-mail, as they typed it). Both sides
/// are compared in this normal form, so "0912 345 678", "0912.345.678" and "+84 912 345 678"
/// are one number and "An@Example.vn" is "an@example.vn".
public enum ContactProof {
    /// The forms of `contact` a proof may match: its phone's digits and its e-mail.
    public static func forms(of contact: FeedbackContact) -> [String] {
        [contact.phone.map(phone), contact.email.map(email)].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// What the person typed, in the normal form of a phone number when it has digits and
    /// no "@", else of an e-mail.
    public static func normalise(_ typed: String) -> String {
        typed.contains("@") ? email(typed) : phone(typed)
    }

    static func phone(_ text: String) -> String {
        let digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        // +84 912 345 678 and 0912 345 678 are the same Vietnamese number.
        if digits.hasPrefix("84"), digits.count >= 10 { return "0" + digits.dropFirst(2) }
        return digits
    }

    static func email(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
