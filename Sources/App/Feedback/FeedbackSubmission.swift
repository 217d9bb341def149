import Domain
import Foundation

/// A feedback item as it arrives, from any channel (the public form, its JSON twin, a partner
/// system's API call, a staff member keying in a hotline call): raw text, checked by
/// `FeedbackIntakeService` into a `FeedbackIntake`, the same way for all of them.
struct FeedbackSubmission: Sendable, Decodable, KnownKeys {
    var unit: String?
    var kind: String?
    var category: String?
    var description: String?
    var counter: String?
    var officer: String?
    /// The officer as the citizen knows them when they cannot name a code: the badge, or the
    /// counter and time of the visit.
    var officerText: String?
    var procedure: String?
    var dossier: String?
    var from: String?
    var key: String?
    var contact = FeedbackContact()
    var consent: Bool?
    var channel: String?
    var receivedAt: String?

    /// From form fields (`contact.name`, ...; `consent` is a checkbox: present means yes).
    init(form fields: [String: String]) {
        func value(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }
        unit = value("unit")
        kind = value("kind")
        category = value("category")
        description = fields["description"]
        counter = value("counter")
        officer = value("officer")
        officerText = value("officerText")
        procedure = value("procedure")
        dossier = value("dossier")
        from = value("from")
        key = value("k")
        contact = FeedbackContact(
            name: value("contact.name"), address: value("contact.address"), phone: value("contact.phone"), email: value("contact.email"))
        consent = fields["consent"].map { ["1", "true", "yes", "on"].contains($0.lowercased()) }
        channel = value("channel")
        receivedAt = value("receivedAt")
    }

    /// The JSON body of `POST /feedback` and `POST /api/v1/feedback` (product.md): the same
    /// fields, with `contact` as an object.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case unit, kind, category, description, counter, officer, officerText, procedure, dossier, from, key = "k", contact, consent, channel,
            receivedAt
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        counter = try container.decodeIfPresent(String.self, forKey: .counter)
        officer = try container.decodeIfPresent(String.self, forKey: .officer)
        officerText = try container.decodeIfPresent(String.self, forKey: .officerText)
        procedure = try container.decodeIfPresent(String.self, forKey: .procedure)
        dossier = try container.decodeIfPresent(String.self, forKey: .dossier)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        key = try container.decodeIfPresent(String.self, forKey: .key)
        contact = try container.decodeIfPresent(FeedbackContact.self, forKey: .contact) ?? FeedbackContact()
        consent = try container.decodeIfPresent(Bool.self, forKey: .consent)
        channel = try container.decodeIfPresent(String.self, forKey: .channel)
        receivedAt = try container.decodeIfPresent(String.self, forKey: .receivedAt)
    }

    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
    static var nestedKnownKeys: [String: Set<String>] { ["contact": ["name", "address", "phone", "email"]] }

    /// Form field names a citizen's form may carry; anything else is refused.
    static let formFields: Set<String> = [
        "unit", "kind", "category", "description", "counter", "officer", "officerText", "procedure", "dossier", "from", "k", "contact.name",
        "contact.address", "contact.phone", "contact.email", "consent", "channel", "receivedAt", "website", "lang", "_csrf",
    ]
}
