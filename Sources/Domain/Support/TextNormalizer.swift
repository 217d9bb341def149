import Foundation

/// Stored text is Unicode NFC, so that the same Vietnamese word typed with combining marks
/// (common on some phone keyboards) and precomposed compares and counts the same.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        // Control characters other than line breaks and tabs have no place in a comment; they
        // go first, so that what they hid at the edges is trimmed too.
        text.precomposedStringWithCanonicalMapping
            .filter { char in
                char == "\n" || char == "\t" || char == "\r\n"
                    || !char.unicodeScalars.allSatisfy { CharacterSet.controlCharacters.contains($0) }
            }
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
