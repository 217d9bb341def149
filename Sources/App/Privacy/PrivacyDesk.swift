import Crypto
import Domain
import Foundation
import Storage

/// The person's requests about the contact data they gave with a feedback item (domain.md
/// §5), from both sides: the person on /track proving the item is theirs, and the staff who
/// acknowledge and complete the request. Contact data is opened only here and in
/// `FeedbackDesk`, and every opening for staff is audited.
struct PrivacyDesk: Sendable {
    let database: AppDatabase
    let vault: ContactVault
    let clock: any WallClock

    // MARK: the person

    /// Records the request when `proof` (the phone number or e-mail given at filing) matches
    /// the item's contact data; nil otherwise - for an unknown code, an item without contact
    /// data, one already anonymised, or a wrong proof alike, so the answer never tells
    /// which. `correction` is checked by the caller and sealed here.
    func submit(code: TrackingCode, kind: PrivacyRequestKind, proof: String, correction: FeedbackContact?) async throws -> PrivacyRequest? {
        let item = try await database.feedbackItem(code: code)
        var contact: FeedbackContact?
        if let item, item.anonymisedAt == nil, let sealed = try await database.feedbackContact(itemId: item.id) {
            contact = try? vault.open(sealed)
        }
        // Compared whatever was found, so the time taken does not tell either.
        guard Self.proves(proof, contact: contact), let item else { return nil }
        let sealedCorrection = try correction.map { try vault.seal($0) }
        do {
            return try await database.recordPrivacyRequest(itemId: item.id, kind: kind, sealedCorrection: sealedCorrection, now: clock.now)
        } catch let error as FeedbackError {
            throw AppError(feedback: error)
        }
    }

    /// Whether the typed proof is the contact's phone number or e-mail, in normal form. The
    /// SHA-256 of each side is compared without an early exit, against two candidates
    /// always, so neither the length nor the presence of contact data shows in the timing.
    static func proves(_ typed: String, contact: FeedbackContact?) -> Bool {
        let proof = ContactProof.normalise(typed)
        var candidates = contact.map(ContactProof.forms(of:)) ?? []
        while candidates.count < 2 { candidates.append("") }
        let typedHash = Hex.encode(SHA256.hash(data: Data(("proof:" + proof).utf8)))
        var matched = false
        for candidate in candidates {
            let equal = CSRF.constantTimeEqual(typedHash, Hex.encode(SHA256.hash(data: Data(("proof:" + candidate).utf8))))
            matched = matched || (equal && !candidate.isEmpty && !proof.isEmpty)
        }
        return matched
    }

    /// The person's receipt: the request with `reference`, if it belongs to the item `code`.
    func receipt(code: TrackingCode, reference: String) async throws -> PrivacyRequest? {
        guard let request = try await database.privacyRequest(reference: reference.uppercased()), request.itemCode == code else { return nil }
        return request
    }

    // MARK: staff

    /// Where a request stands against its acknowledgement date today.
    struct Standing: Sendable {
        let overdue: Bool
        let dueSoon: Bool
    }

    /// The working calendar now stored; nil when the stored years do not form one (then
    /// nothing is marked due soon, and overdue still is).
    func workingCalendar() async throws -> WorkingCalendar? {
        let calendars = try await database.calendars()
        return try? WorkingCalendar(calendars)
    }

    func standing(_ request: PrivacyRequest, calendar: WorkingCalendar?) -> Standing {
        guard request.acknowledgedAt == nil, request.isOpen else { return Standing(overdue: false, dueSoon: false) }
        guard let calendar else { return Standing(overdue: clock.today > request.acknowledgeDueOn, dueSoon: false) }
        let today = clock.today
        let soon = (try? Deadline.isDueSoon(today: today, due: request.acknowledgeDueOn, calendar: calendar)) ?? false
        return Standing(overdue: today > request.acknowledgeDueOn, dueSoon: soon)
    }

    /// The request with `reference` if the account handles its unit's requests; 404 otherwise,
    /// so a reference of another ward reveals nothing.
    func readable(_ reference: String, by session: StaffSession) async throws -> (request: PrivacyRequest, item: FeedbackItem) {
        guard let request = try await database.privacyRequest(reference: reference.uppercased()),
            session.may(.handlePrivacyRequests, inUnit: request.unitId),
            let item = try await database.feedbackItem(code: request.itemCode)
        else { throw AppError.notFound }
        return (request, item)
    }

    /// What staff need to complete an open access or correction request: the contact data
    /// held, and a correction's new values. Opened for this account and audited; nil for the
    /// other kinds, for a completed request and for an item without contact data.
    func contactData(for request: PrivacyRequest, item: FeedbackItem, session: StaffSession) async throws -> (
        held: FeedbackContact?, corrected: FeedbackContact?
    ) {
        guard request.isOpen, request.kind == .access || request.kind == .correction, session.may(.handlePrivacyRequests, inUnit: request.unitId)
        else { return (nil, nil) }
        let held = try await database.feedbackContact(itemId: item.id).map { try vault.open($0) }
        let corrected = try await database.privacyCorrection(requestId: request.id).map { try vault.open($0) }
        if held != nil || corrected != nil {
            try await database.auditContactAccess(code: item.code, actor: session.user, now: clock.now)
        }
        return (held, corrected)
    }

    func acknowledge(_ request: PrivacyRequest, by session: StaffSession) async throws {
        _ = try await database.acknowledgePrivacyRequest(id: request.id, actor: session.user, now: clock.now)
    }

    /// Completes the request: a correction's new values replace the fields they give. The
    /// item's clock stays as decided at filing (anonymous or not): a correction changes how to
    /// reach the person, not when the item was due.
    func complete(_ request: PrivacyRequest, item: FeedbackItem, by session: StaffSession) async throws {
        var corrected: Data?
        if request.kind == .correction, let sealedHeld = try await database.feedbackContact(itemId: item.id),
            let sealedChange = try await database.privacyCorrection(requestId: request.id)
        {
            var contact = try vault.open(sealedHeld)
            let change = try vault.open(sealedChange)
            contact.name = change.name ?? contact.name
            contact.address = change.address ?? contact.address
            contact.phone = change.phone ?? contact.phone
            contact.email = change.email ?? contact.email
            corrected = try vault.seal(contact)
        }
        do {
            _ = try await database.completePrivacyRequest(
                id: request.id, actor: session.user, now: clock.now, correctedContact: corrected, scrub: { AttachmentMetadataEraser.erase(kind: $0, bytes: $1) })
        } catch let error as PrivacyError {
            throw AppError(privacy: error)
        }
    }
}

extension AppError {
    init(privacy error: PrivacyError) {
        switch error {
        case .unknownRequest:
            self = .notFound
        case .alreadyCompleted:
            self = AppError(.conflict, "privacy_completed", vi: "Yêu cầu này đã được hoàn thành.", en: "This request is already completed.")
        case .noContact:
            self = AppError(
                .conflict, "privacy_no_contact", vi: "Phản ánh không còn thông tin liên hệ để sửa.", en: "The item holds no contact details to correct.")
        }
    }
}
