import Foundation

/// Stored text is Unicode NFC, so that the same Vietnamese word typed with combining marks
/// (common on some phone keyboards) and precomposed compares and counts the same.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            // Control characters other than line breaks and tabs have no place in a comment.
            .filter { char in
                char == "\n" || char == "\t" || char == "\r\n"
                    || !char.unicodeScalars.allSatisfy { CharacterSet.controlCharacters.contains($0) }
            }
    }
}
