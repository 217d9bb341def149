import Domain
import Foundation
import Testing

/// A deterministic generator (SplitMix64) so a test can pin a code.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("TrackingCode")
struct TrackingCodeTests {
    @Test("at least 50 random bits")
    func entropy() {
        #expect(TrackingCode.alphabet.count == 31)
        #expect(TrackingCode.length == 12)
        #expect(TrackingCode.entropyBits >= 59.4 && TrackingCode.entropyBits < 59.5)
        // 10 symbols would not do: 49.5 bits.
        #expect(10 * log2(31.0) < 50)
    }

    @Test("the alphabet has no 0, O, 1, I, L and no repeated symbol")
    func alphabet() {
        let symbols = Set(TrackingCode.alphabet)
        #expect(symbols.count == 31)
        for confusable in "0O1IL" {
            #expect(!symbols.contains(confusable))
        }
        #expect(symbols.allSatisfy { ("2"..."9").contains($0) || ("A"..."Z").contains($0) })
    }

    @Test("generated codes look like PA7K-3MQ9-XD4F and differ")
    func generated() {
        var seen = Set<TrackingCode>()
        for _ in 0..<2000 {
            let code = TrackingCode.generate()
            let text = code.description
            #expect(text.count == 14)
            let groups = text.split(separator: "-", omittingEmptySubsequences: false)
            #expect(groups.map(\.count) == [4, 4, 4])
            #expect(code.symbols.allSatisfy { TrackingCode.alphabet.contains($0) })
            seen.insert(code)
        }
        #expect(seen.count == 2000)
    }

    @Test("every symbol occurs: no symbol of the alphabet is unreachable")
    func coverage() {
        var generator = SeededGenerator(state: 42)
        var seen = Set<Character>()
        for _ in 0..<200 { seen.formUnion(TrackingCode.generate(using: &generator).symbols) }
        #expect(seen == Set(TrackingCode.alphabet))
    }

    @Test("the same seed gives the same code")
    func seeded() {
        var first = SeededGenerator(state: 7)
        var second = SeededGenerator(state: 7)
        #expect(TrackingCode.generate(using: &first) == TrackingCode.generate(using: &second))
    }

    @Test("typed variants read back as the printed code", arguments: [
        "PA7K-3MQ9-XD4F", "pa7k-3mq9-xd4f", "PA7K3MQ9XD4F", " pa7k 3mq9 xd4f ", "PA7K--3MQ9-XD4F-", "PA7K–3MQ9–XD4F", "P-A-7-K-3-M-Q-9-X-D-4-F",
        "pa7k.3mq9.xd4f",
    ])
    func normalise(typed: String) throws {
        let code = try #require(TrackingCode(normalizing: typed))
        #expect(code.description == "PA7K-3MQ9-XD4F")
        #expect(code.symbols == "PA7K3MQ9XD4F")
    }

    @Test("anything else is refused, confusables included", arguments: [
        "", "PA7K-3MQ9-XD4", "PA7K-3MQ9-XD4FF", "PA7K-3MQ9-XD40", "PA7K-3MQ9-XD4O", "PA7K-3MQ9-XD41", "PA7K-3MQ9-XDIL", "PA7K/3MQ9/XD4F",
        "PA7K-3MQ9-XĐ4F",
    ])
    func refused(typed: String) {
        #expect(TrackingCode(normalizing: typed) == nil)
    }

    @Test("round trip: a generated code, printed and typed back in lower case")
    func roundTrip() throws {
        for _ in 0..<100 {
            let code = TrackingCode.generate()
            #expect(TrackingCode(normalizing: code.description) == code)
            #expect(TrackingCode(normalizing: code.description.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
            let decoded = try JSONDecoder().decode([TrackingCode].self, from: try JSONEncoder().encode([code]))
            #expect(decoded == [code])
        }
        #expect(String(decoding: try JSONEncoder().encode(["PA7K3MQ9XD4F"].compactMap(TrackingCode.init(normalizing:))), as: UTF8.self) == "[\"PA7K-3MQ9-XD4F\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TrackingCode].self, from: Data("[\"PA7K-3MQ9-XD40\"]".utf8)) }
    }
}
