/// Tokens printed in QR codes and typed by nobody: 12 characters of base 62 carry 71 bits
/// from the system's cryptographic generator, unguessable yet short enough for a small QR.
public enum TokenGenerator {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    public static func token(length: Int = 12) -> String {
        // SystemRandomNumberGenerator reads the OS CSPRNG (getrandom on Linux).
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// True for strings that could be a token we issued; anything else is answered 404 at once.
    public static func isWellFormed(_ token: String) -> Bool {
        (8...64).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }
    }
}
