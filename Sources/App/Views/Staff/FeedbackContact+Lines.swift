import Domain

extension FeedbackContact {
    /// The fields given, each with its label, in the order staff read them: the item's page
    /// and a privacy request's page show contact data the same way.
    func labelledLines(_ words: Words) -> [(label: String, value: String)] {
        let fields: [(String, String, String?)] = [
            ("Họ tên", "Name", name), ("Địa chỉ", "Address", address), ("Điện thoại", "Phone", phone), ("Thư điện tử", "E-mail", email),
        ]
        return fields.compactMap { vi, en, value in value.map { (label: words(vi, en), value: $0) } }
    }
}
