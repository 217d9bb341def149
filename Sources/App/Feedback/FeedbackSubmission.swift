import Domain
import Foundation

/// A feedback item as it arrives, from any channel (the public form, its JSON twin, a partner
/// system's API call, a staff member keying in a hotline call): raw text, checked by
/// `FeedbackIntakeService` into a `FeedbackIntake`, the same way for all of them.
struct FeedbackSubmission: Sendable {
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

    init(json body: Body) {
        unit = body.unit
        kind = body.kind
        category = body.category
        description = body.description
        counter = body.counter
        officer = body.officer
        officerText = body.officerText
        procedure = body.procedure
        dossier = body.dossier
        from = body.from
        key = body.k
        contact = FeedbackContact(name: body.contact?.name, address: body.contact?.address, phone: body.contact?.phone, email: body.contact?.email)
        consent = body.consent
        channel = body.channel
        receivedAt = body.receivedAt
    }

    /// The JSON body of `POST /feedback` and `POST /api/v1/feedback` (product.md).
    struct Body: Decodable, KnownKeys {
        struct Contact: Decodable {
            var name: String?
            var address: String?
            var phone: String?
            var email: String?
        }

        var unit: String?
        var kind: String?
        var category: String?
        var description: String?
        var counter: String?
        var officer: String?
        var officerText: String?
        var procedure: String?
        var dossier: String?
        var from: String?
        var k: String?
        var contact: Contact?
        var consent: Bool?
        var channel: String?
        var receivedAt: String?

        static let knownKeys: Set<String> = [
            "unit", "kind", "category", "description", "counter", "officer", "officerText", "procedure", "dossier", "from", "k", "contact", "consent",
            "channel", "receivedAt",
        ]
    }

    /// Form field names a citizen's form may carry; anything else is refused.
    static let formFields: Set<String> = [
        "unit", "kind", "category", "description", "counter", "officer", "officerText", "procedure", "dossier", "from", "k", "contact.name",
        "contact.address", "contact.phone", "contact.email", "consent", "channel", "receivedAt", "website", "lang", "_csrf",
    ]
}
