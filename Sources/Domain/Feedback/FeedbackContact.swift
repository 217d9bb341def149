/// The contact data a citizen may give with an item (product.md: `contact` {`name`,
/// `address`, `phone`, `email`}). It decides whether the item is anonymous, and so whether
/// the statutory clock runs.
public struct FeedbackContact: Sendable, Equatable, Codable {
    public var name: String?
    public var address: String?
    public var phone: String?
    public var email: String?

    public init(name: String? = nil, address: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
    }

    /// Anonymous unless the name, the address AND the phone are all given; a field that is
    /// missing or only blanks counts as not given, and the e-mail counts for nothing.
    ///
    /// Why all three: domain.md §3 says "a phản ánh/kiến nghị without name, address and
    /// phone does not meet NĐ 20/2008 Điều 7", and Điều 7 asks for the name, the address and
    /// the phone number of the person who files: an item lacking any of them does not meet
    /// it. The same test applies to every kind, so one item never has two anonymity rules;
    /// khiếu nại and tố cáo, whose laws ask for the name and address, are thereby no looser
    /// than a phản ánh. An anonymous item is kept as anonymous feedback (góp ý ẩn danh),
    /// visible to the inspection committee, with no due date.
    public var isAnonymous: Bool {
        !(Self.isGiven(name) && Self.isGiven(address) && Self.isGiven(phone))
    }

    /// Whether any field at all is given: the intake asks for consent exactly then.
    public var hasAnyField: Bool {
        Self.isGiven(name) || Self.isGiven(address) || Self.isGiven(phone) || Self.isGiven(email)
    }

    private static func isGiven(_ field: String?) -> Bool {
        guard let field else { return false }
        return !field.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
