import Foundation

/// The one-time code that binds a tablet to its counter: shown on the devices screen, typed on
/// the tablet within ten minutes. Read off a screen and typed by hand, so it uses the tracking
/// code's alphabet (no 0/O, 1/I/L) in two groups of four, `K7PM-3QXD`: 8 x log2(31) = 39.6
/// bits, which a throttled guesser cannot cover in ten minutes.
public struct PairingCode: Sendable, Hashable, CustomStringConvertible {
    public static let length = 8
    /// How long a code can be used after it is made.
    public static let lifetime: TimeInterval = 10 * 60

    /// The symbols, without the dash.
    public let symbols: String

    private init(symbols: String) { self.symbols = symbols }

    public static func generate() -> PairingCode {
        var generator = SystemRandomNumberGenerator()
        return PairingCode(symbols: TokenGenerator.randomSymbols(length, from: TrackingCode.alphabet, using: &generator))
    }

    /// Reads a code as typed: any case, dashes and spaces ignored. Nil unless exactly eight
    /// symbols of the alphabet remain (no letter is guessed for a 0, O, 1, I or L).
    public init?(normalizing text: String) {
        var symbols: [Character] = []
        for character in text.uppercased() {
            if character == "-" || character.isWhitespace { continue }
            guard TrackingCode.alphabet.contains(character), symbols.count < Self.length else { return nil }
            symbols.append(character)
        }
        guard symbols.count == Self.length else { return nil }
        self.symbols = String(symbols)
    }

    /// `K7PM-3QXD`, as shown.
    public var description: String {
        String(symbols.prefix(4)) + "-" + String(symbols.dropFirst(4))
    }
}
