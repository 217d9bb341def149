import Domain
import Testing

@Suite("TokenGenerator")
struct TokenGeneratorTests {
    private static let base62 = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    @Test("a token is 12 base-62 characters and well formed")
    func shape() {
        for _ in 0..<500 {
            let token = TokenGenerator.token()
            #expect(token.count == 12)
            #expect(token.utf8.count == 12)
            #expect(token.allSatisfy { Self.base62.contains($0) }, "\(token)")
            #expect(TokenGenerator.isWellFormed(token))
        }
    }

    @Test("isWellFormed refuses what we never issue", arguments: [
        "../x", "", "abc", "abcdefg", String(repeating: "a", count: 65), "abcdefgh/", "abcdefgh ", "abcdéfgh", "abcdefgh٣",
        "abc-defgh", "abc_defgh", "%2e%2e%2fxx",
    ])
    func refused(token: String) {
        #expect(!TokenGenerator.isWellFormed(token))
    }

    @Test("isWellFormed accepts 8 to 64 base-62 characters")
    func accepted() {
        #expect(TokenGenerator.isWellFormed("abcdEF12"))
        #expect(TokenGenerator.isWellFormed(String(repeating: "Z", count: 64)))
        #expect(TokenGenerator.isWellFormed("AbCdEf123456"))
    }

    @Test("10 000 tokens are distinct")
    func distinct() {
        let tokens = (0..<10_000).map { _ in TokenGenerator.token() }
        #expect(Set(tokens).count == 10_000)
    }

    @Test("every base-62 character turns up")
    func alphabetCovered() {
        // 2 000 tokens x 12 characters: the chance that a given character never appears is (61/62)^24000 ~ 0.
        let seen = Set((0..<2_000).flatMap { _ in TokenGenerator.token() })
        #expect(seen == Self.base62)
    }
}
