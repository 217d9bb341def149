import Foundation

/// Tokens printed in QR codes and typed by nobody: 12 characters of base 62 carry 71 bits
/// from the system's cryptographic generator, unguessable yet short enough for a small QR.
public enum TokenGenerator {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    public static func token(length: Int = 12) -> String {
        // SystemRandomNumberGenerator reads the OS CSPRNG (getrandom on Linux).
        var generator = SystemRandomNumberGenerator()
        return randomSymbols(length, from: alphabet, using: &generator)
    }

    /// `count` symbols drawn uniformly from `alphabet` (at most 256 symbols). Each call of the
    /// generator gives 64 bits, used a byte at a time; bytes at or above the largest multiple
    /// of the alphabet's size are dropped, so every symbol is equally likely.
    public static func randomSymbols<G: RandomNumberGenerator>(_ count: Int, from alphabet: [Character], using generator: inout G) -> String {
        let limit = 256 - 256 % alphabet.count
        var characters: [Character] = []
        characters.reserveCapacity(count)
        var word: UInt64 = 0
        var bytesLeft = 0
        while characters.count < count {
            if bytesLeft == 0 {
                word = generator.next()
                bytesLeft = 8
            }
            let byte = Int(word & 0xFF)
            word >>= 8
            bytesLeft -= 1
            if byte < limit { characters.append(alphabet[byte % alphabet.count]) }
        }
        return String(characters)
    }

    /// A key for one citizen's submission: the time in milliseconds (8 characters that sort
    /// as time) then 12 random characters (71 bits). Keys that grow with time append to the
    /// end of their unique index instead of touching a random page of it on every rating.
    public static func timeOrderedKey(now: Date) -> String {
        var milliseconds = max(0, Int64(now.timeIntervalSince1970 * 1000))
        var prefix: [Character] = []
        for _ in 0..<8 {
            prefix.append(alphabet[Int(milliseconds % 62)])
            milliseconds /= 62
        }
        return String(prefix.reversed()) + token(length: 12)
    }

    /// True for strings that could be a token we issued; anything else is answered 404 at once.
    public static func isWellFormed(_ token: String) -> Bool {
        (8...64).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }
    }
}
