import Domain
import Testing

@Suite("FeedbackContact")
struct FeedbackContactTests {
    @Test("anonymous unless name, address and phone are all given", arguments: [
        (nil, nil, nil, true),
        ("Nguyễn Văn A", nil, nil, true),
        ("Nguyễn Văn A", "12 Lê Lợi", nil, true),
        ("Nguyễn Văn A", nil, "0901234567", true),
        (nil, "12 Lê Lợi", "0901234567", true),
        ("Nguyễn Văn A", "12 Lê Lợi", "0901234567", false),
        ("  ", "12 Lê Lợi", "0901234567", true),  // blank is not given
        ("Nguyễn Văn A", "12 Lê Lợi", "\u{3000}", true),
    ] as [(String?, String?, String?, Bool)])
    func anonymity(name: String?, address: String?, phone: String?, anonymous: Bool) {
        #expect(FeedbackContact(name: name, address: address, phone: phone).isAnonymous == anonymous)
    }

    @Test("an e-mail alone does not make an item named, but asks for consent")
    func email() {
        let contact = FeedbackContact(email: "a@example.vn")
        #expect(contact.isAnonymous)
        #expect(contact.hasAnyField)
        #expect(!FeedbackContact(name: " ").hasAnyField)
    }
}
