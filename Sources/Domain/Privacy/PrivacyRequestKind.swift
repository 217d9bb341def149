/// What a person may ask about the contact data they gave with a feedback item (Luật
/// 91/2025/QH15, NĐ 356/2025, domain.md §5). The raw values are stored and posted by forms.
public enum PrivacyRequestKind: String, Codable, Sendable, CaseIterable {
    /// See the contact data the centre holds: staff read it and send it to the person.
    case access
    /// Correct it: the corrected fields travel sealed with the request until staff apply them.
    case correction
    /// Delete it: the contact data is erased; the item and its history stay (NĐ 20/2008).
    case deletion
    /// Withdraw consent: no further contact, so the contact data is erased the same way.
    case withdrawal

    public var name: LocalizedText {
        switch self {
        case .access: LocalizedText(vi: "Xem thông tin liên hệ", en: "Access")
        case .correction: LocalizedText(vi: "Sửa thông tin liên hệ", en: "Correction")
        case .deletion: LocalizedText(vi: "Xóa thông tin liên hệ", en: "Deletion")
        case .withdrawal: LocalizedText(vi: "Rút lại sự đồng ý", en: "Withdrawal of consent")
        }
    }

    /// Whether completing the request erases the item's contact data.
    public var erasesContact: Bool {
        switch self {
        case .deletion, .withdrawal: true
        case .access, .correction: false
        }
    }
}

/// Why an item's contact data was erased: the person asked, or the retention period ended.
public enum AnonymisationReason: String, Codable, Sendable, CaseIterable {
    case deletion
    case withdrawal
    case retention

    public var name: LocalizedText {
        switch self {
        case .deletion: LocalizedText(vi: "theo yêu cầu xóa của người phản ánh", en: "at the person's request to delete")
        case .withdrawal: LocalizedText(vi: "người phản ánh rút lại sự đồng ý", en: "the person withdrew consent")
        case .retention: LocalizedText(vi: "hết thời hạn lưu trữ", en: "the retention period ended")
        }
    }
}

/// The events of an item's history about its contact data. They carry no value of it (never
/// a name, a number, nor a hash of one: a phone number's hash is found by trying them all),
/// so erasing the contact data leaves every hash of the chain as it was.
public enum FeedbackContactEvent: String, Codable, Sendable, CaseIterable {
    case changed = "contact-changed"
    case erased = "contact-erased"

    public var name: LocalizedText {
        switch self {
        case .changed: LocalizedText(vi: "Sửa thông tin liên hệ", en: "Contact details corrected")
        case .erased: LocalizedText(vi: "Xóa thông tin liên hệ", en: "Contact details erased")
        }
    }
}
