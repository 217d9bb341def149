import Foundation

/// The mã tra cứu a citizen gets for an item, to check its status at `/track/{code}` without
/// an account (product.md). People read it off a receipt and type it on a phone, so:
/// - the alphabet has no 0/O, 1/I/L: 31 symbols, none confusable with another;
/// - 12 symbols carry 12 x log2(31) = 59.4 random bits (10 would give only 49.5): with a
///   million items a guess hits one in about 2^39 tries, far beyond any rate limit;
/// - it is written in groups of four, `PA7K-3MQ9-XD4F`, and read back leniently.
public struct TrackingCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 2-9 and A-Z without I, L, O.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 12
    public static let groupLength = 4
    /// The random bits of a code: length x log2(alphabet size).
    public static var entropyBits: Double { Double(length) * log2(Double(alphabet.count)) }

    /// The 12 symbols, without separators.
    public let symbols: String

    private init(symbols: String) { self.symbols = symbols }

    /// A new code from the system's cryptographic generator (getrandom on Linux).
    public static func generate() -> TrackingCode {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new code from `generator`; tests pass a seeded one. Every symbol equally likely.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> TrackingCode {
        TrackingCode(symbols: TokenGenerator.randomSymbols(length, from: alphabet, using: &generator))
    }

    /// Reads a code as typed: any case, with or without the dashes, with spaces, dots,
    /// underscores or other dashes between symbols. Nil when what remains is not exactly
    /// 12 symbols of the alphabet. No letter is guessed for a 0, O, 1, I or L: each could
    /// stand for two symbols or none, and a wrong guess would show someone else's item.
    public init?(normalizing text: String) {
        var symbols: [Character] = []
        for character in text.uppercased() {
            if Self.separators.contains(character) || character.isWhitespace { continue }
            guard Self.alphabet.contains(character), symbols.count < Self.length else { return nil }
            symbols.append(character)
        }
        guard symbols.count == Self.length else { return nil }
        self.symbols = String(symbols)
    }

    /// `PA7K-3MQ9-XD4F`: the form printed, shown and put in URLs.
    public var description: String {
        var grouped = ""
        for (index, symbol) in symbols.enumerated() {
            if index > 0, index % Self.groupLength == 0 { grouped.append("-") }
            grouped.append(symbol)
        }
        return grouped
    }

    private static let separators: Set<Character> = ["-", "_", ".", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = TrackingCode(normalizing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a tracking code"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
