import Domain
import Testing

@Suite("Personal data: retention period and the contact proof")
struct PrivacyRetentionTests {
    private func day(_ text: String) throws -> LocalDate { try #require(LocalDate(text)) }

    @Test func contactDataIsKeptThroughTheSameDayMonthsLaterAndErasedTheNextDay() throws {
        let closed = try day("2026-11-23")
        #expect(PrivacyRetention.lastDay(closedOn: closed, months: 24) == (try day("2028-11-23")))
        #expect(!PrivacyRetention.isExpired(closedOn: closed, today: try day("2028-11-23"), months: 24))
        #expect(PrivacyRetention.isExpired(closedOn: closed, today: try day("2028-11-24"), months: 24))
        #expect(!PrivacyRetention.isExpired(closedOn: closed, today: try day("2028-10-23"), months: 24), "23 months")
        // A day the target month lacks is its last day; years roll over.
        #expect(PrivacyRetention.lastDay(closedOn: try day("2026-08-31"), months: 6) == (try day("2027-02-28")))
        #expect(PrivacyRetention.lastDay(closedOn: try day("2027-02-28"), months: 12) == (try day("2028-02-28")))
        #expect(PrivacyRetention.lastDay(closedOn: try day("2027-12-15"), months: 1) == (try day("2028-01-15")))
    }

    @Test func aProofIsComparedInNormalForm() {
        let contact = FeedbackContact(name: "An", address: "x", phone: "0912 345 678", email: "An@Example.vn")
        #expect(ContactProof.forms(of: contact) == ["0912345678", "an@example.vn"])
        #expect(ContactProof.normalise("+84 912.345.678") == "0912345678")
        #expect(ContactProof.normalise("(0912) 345-678") == "0912345678")
        #expect(ContactProof.normalise("  AN@example.VN ") == "an@example.vn")
        #expect(ContactProof.forms(of: FeedbackContact(name: "An")) == [])
    }
}
