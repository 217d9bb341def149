import Domain
import Foundation
import Storage

/// Checks a submission from any channel and records it: one set of rules for the public form,
/// the partner API and staff key-in, so an item is valid the same way whoever brings it.
struct FeedbackIntakeService: Sendable {
    let database: AppDatabase
    let vault: ContactVault
    let limits: FeedbackLimits
    let metrics: AppMetrics
    /// The links a `feedback.received` webhook body carries.
    let links: WebhookLinks
    let clock: any WallClock
    /// Months contact data is kept after closing: the forms' notice says it where it is collected.
    var retentionMonths = PrivacyRetention.defaultMonths

    /// Where the item comes from; decides the channel, the unit check and `receivedAt`.
    enum Source: Sendable {
        /// The public form (web, or rating when it came from a rating page).
        case citizen
        /// A partner system through an API key of `unitId`.
        case partner(unitId: Int64, keyPrefix: String)
        /// A staff member keying in an item received by hotline, letter, in person or box.
        case staff(username: String, mayIntake: @Sendable (Int64) -> Bool)
    }

    static let descriptionLimit = 5000
    /// How far back a partner or staff member may date an item's receipt.
    static let backdateLimit: TimeInterval = 30 * 86_400
    static let purpose = "Liên hệ với Ông/Bà để làm rõ và trả lời phản ánh, kiến nghị này (Luật 91/2025/QH15)."

    func receive(_ submission: FeedbackSubmission, from source: Source, attachments: [NewAttachment] = []) async throws -> FeedbackItem {
        guard let kind = submission.kind.flatMap(FeedbackKind.init(rawValue:)) else {
            throw AppError.invalidField(
                "kind", vi: "Loại phản ánh không hợp lệ (gop-y, phan-anh, kien-nghi, khieu-nai, to-cao).",
                en: "Unknown kind (gop-y, phan-anh, kien-nghi, khieu-nai, to-cao).")
        }
        guard let category = submission.category.flatMap(FeedbackCategory.init(rawValue:)) else {
            throw AppError.invalidField(
                "category", vi: "Nhóm nội dung không hợp lệ (thai-do, nhung-nhieu, cham-tre, thu-tuc, phi, co-so, khac).",
                en: "Unknown category (thai-do, nhung-nhieu, cham-tre, thu-tuc, phi, co-so, khac).")
        }
        let description = TextNormalizer.normalize(submission.description ?? "")
        guard (1...Self.descriptionLimit).contains(description.count) else {
            throw AppError.invalidField(
                "description", vi: "Nội dung cần từ 1 đến 5.000 ký tự.", en: "The description must have 1 to 5,000 characters.")
        }
        let contact = try Self.checkedContact(submission.contact)
        if contact.hasAnyField, submission.consent != true {
            throw AppError.invalidField(
                "consent",
                vi: "Ông/Bà đã ghi thông tin liên hệ: cần đánh dấu đồng ý cho Trung tâm dùng thông tin này để liên hệ trả lời.",
                en: "Contact details were given: consent to their use for answering this item is required.")
        }
        let origin = try await ratingOrigin(submission)
        let unitId = try await unitId(submission, origin: origin, source: source)
        let receivedAt = try receivedAt(submission.receivedAt, source: source)
        let channel = try channel(submission.channel, source: source, fromRating: origin != nil)
        let dossier = submission.dossier.map(TextNormalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }
        if let dossier, dossier.count > 100 {
            throw AppError.invalidField("dossier", vi: "Mã hồ sơ dài quá 100 ký tự.", en: "'dossier' is longer than 100 characters.")
        }
        // After a rating the item is about that visit (product.md: `from` carries its counter,
        // officer, procedure and dossier along): one that contradicts it is refused, as a unit
        // is, so a complaint can never be pinned on an officer the rated visit was not with.
        let counterCode = try code(submission.counter, "counter")
        let officerCode = try code(submission.officer, "officer")
        let procedureCode = try code(submission.procedure, "procedure")
        if let origin {
            let carried: [(field: String, given: String?, rated: String?, vi: String)] = [
                ("counter", counterCode, origin.counterCode, "Quầy"),
                ("officer", officerCode, origin.officerCode, "Cán bộ"),
                ("procedure", procedureCode, origin.procedureCode, "Thủ tục"),
                ("dossier", dossier, origin.dossier, "Mã hồ sơ"),
            ]
            for item in carried {
                if let given = item.given, let rated = item.rated, given != rated {
                    throw AppError.invalidField(
                        item.field, vi: "\(item.vi) không khớp với lượt đánh giá.", en: "The \(item.field) does not match the rating.")
                }
            }
        }
        let officerText = submission.officerText.map(TextNormalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }
        if let officerText, officerText.count > 200 {
            throw AppError.invalidField("officerText", vi: "Mô tả cán bộ dài quá 200 ký tự.", en: "'officerText' is longer than 200 characters.")
        }
        let intake = FeedbackIntake(
            unitId: unitId, kind: kind, category: category, channel: channel, description: description,
            counterCode: counterCode, officerCode: officerCode, officerText: officerText, procedureCode: procedureCode, dossier: dossier, responseId: origin?.responseId,
            isAnonymous: contact.isAnonymous, sealedContact: contact.hasAnyField ? try vault.seal(contact) : nil,
            consentPurpose: contact.hasAnyField ? Self.purpose : nil, receivedAt: receivedAt, attachments: attachments, actor: actor(source))
        do {
            let item = try await database.receiveFeedback(intake, limits: limits, links: links, now: clock.now)
            metrics.feedbackReceived(channel: item.channel.rawValue)
            return item
        } catch let error as FeedbackError {
            throw AppError(feedback: error)
        }
    }

    private func actor(_ source: Source) -> String {
        switch source {
        case .citizen: "citizen"
        case .partner(_, let prefix): "api:\(prefix)"
        case .staff(let username, _): username
        }
    }

    private func ratingOrigin(_ submission: FeedbackSubmission) async throws -> RatingOrigin? {
        guard submission.from != nil || submission.key != nil else { return nil }
        guard let token = submission.from, let key = submission.key, TokenGenerator.isWellFormed(token), TokenGenerator.isWellFormed(key),
            let origin = try await database.ratingOrigin(token: token, key: key)
        else {
            throw AppError.invalidField(
                "from", vi: "Không tìm thấy lượt đánh giá gắn với phản ánh này.", en: "The rating this item refers to was not found.")
        }
        return origin
    }

    private func unitId(_ submission: FeedbackSubmission, origin: RatingOrigin?, source: Source) async throws -> Int64 {
        var unitId = origin?.unitId
        if let code = submission.unit {
            guard let unit = try await database.unit(code: code), let id = unit.id else {
                throw AppError.invalidField("unit", vi: "Không có đơn vị mã '\(code)'.", en: "No unit '\(code)'.")
            }
            if let unitId, unitId != id {
                throw AppError.invalidField("unit", vi: "Đơn vị không khớp với lượt đánh giá.", en: "The unit does not match the rating.")
            }
            unitId = id
        }
        if case .partner(let keyUnit, _) = source {
            // product.md: `unit` unless `from`. A partner's key speaks for its own unit only.
            guard let unitId else {
                throw AppError.invalidField("unit", vi: "Cần mã đơn vị nhận phản ánh (unit).", en: "The unit code (unit) is required.")
            }
            guard unitId == keyUnit else { throw AppError.forbidden }
            return keyUnit
        }
        guard let unitId else {
            throw AppError.invalidField("unit", vi: "Cần chọn đơn vị nhận phản ánh.", en: "The unit is required.")
        }
        if case .staff(_, let mayIntake) = source, !mayIntake(unitId) { throw AppError.staffForbidden }
        return unitId
    }

    /// The real date of receipt (hotline, letter): not in the future, at most 30 days back.
    /// A citizen's own submission is received now.
    private func receivedAt(_ text: String?, source: Source) throws -> Date {
        let now = clock.now
        guard let text else { return now }
        if case .citizen = source {
            throw AppError.unknownFields(["receivedAt"])
        }
        guard let date = Self.parseInstant(text) else {
            throw AppError.invalidField(
                "receivedAt", vi: "receivedAt phải là thời điểm ISO 8601 (vd. 2026-11-24T09:30:00+07:00) hoặc ngày YYYY-MM-DD.",
                en: "receivedAt must be an ISO 8601 instant (e.g. 2026-11-24T09:30:00+07:00) or a date YYYY-MM-DD.")
        }
        guard date <= now else {
            throw AppError.invalidField("receivedAt", vi: "Ngày nhận không được ở tương lai.", en: "receivedAt cannot be in the future.")
        }
        guard now.timeIntervalSince(date) <= Self.backdateLimit else {
            throw AppError.invalidField(
                "receivedAt", vi: "Ngày nhận không được quá 30 ngày trước.", en: "receivedAt cannot be more than 30 days back.")
        }
        return date
    }

    static func parseInstant(_ text: String) -> Date? {
        if let day = LocalDate(text) { return day.start }
        return ISOInstant.parse(text)
    }

    private func channel(_ raw: String?, source: Source, fromRating: Bool) throws -> FeedbackChannel {
        switch source {
        case .citizen:
            if raw != nil { throw AppError.unknownFields(["channel"]) }
            return fromRating ? .rating : .web
        case .partner:
            // product.md: the partner's body carries `channel`: the hotline, a letter, its own API.
            guard let raw else {
                throw AppError.invalidField(
                    "channel", vi: "Cần kênh tiếp nhận (channel): web, rating, counter, hotline, letter, in-person, box, api.",
                    en: "The channel is required (web, rating, counter, hotline, letter, in-person, box, api).")
            }
            guard let channel = FeedbackChannel(rawValue: raw) else { throw Self.invalidChannel }
            return channel
        case .staff:
            guard let channel = raw.flatMap(FeedbackChannel.init(rawValue:)), [.hotline, .letter, .inPerson, .box, .counter].contains(channel)
            else {
                // Staff key in what came by the desk's own channels; web and rating items file themselves.
                throw AppError.invalidField(
                    "channel", vi: "Kênh tiếp nhận tại đơn vị phải là: counter, hotline, letter, in-person, box.",
                    en: "A channel keyed in by staff is one of: counter, hotline, letter, in-person, box.")
            }
            return channel
        }
    }

    private static let invalidChannel = AppError.invalidField(
        "channel", vi: "Kênh tiếp nhận không hợp lệ (web, rating, counter, hotline, letter, in-person, box, api).",
        en: "Unknown channel (web, rating, counter, hotline, letter, in-person, box, api).")

    private func code(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        let normalized = TextNormalizer.normalize(value)
        if normalized.isEmpty { return nil }
        guard normalized.count <= 64 else {
            throw AppError.invalidField(field, vi: "Mã '\(field)' phải có từ 1 đến 64 ký tự.", en: "'\(field)' must be 1 to 64 characters.")
        }
        return normalized
    }

    /// Contact fields trimmed and normalised; each checked for length and shape.
    static func checkedContact(_ raw: FeedbackContact) throws -> FeedbackContact {
        func clean(_ value: String?, _ field: String, max: Int) throws -> String? {
            guard let value else { return nil }
            let text = TextNormalizer.normalize(value)
            if text.isEmpty { return nil }
            guard text.count <= max else {
                throw AppError.invalidField("contact.\(field)", vi: "Thông tin liên hệ '\(field)' quá dài.", en: "Contact '\(field)' is too long.")
            }
            return text
        }
        let phone = try clean(raw.phone, "phone", max: 24)
        if let phone {
            let digits = phone.filter(\.isASCII).filter(\.isNumber).count
            guard phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-.()".contains($0)) }), (8...15).contains(digits) else {
                throw AppError.invalidField("contact.phone", vi: "Số điện thoại không hợp lệ.", en: "The phone number is not valid.")
            }
        }
        let email = try clean(raw.email, "email", max: 254)
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace) else {
                throw AppError.invalidField("contact.email", vi: "Địa chỉ thư điện tử không hợp lệ.", en: "The e-mail address is not valid.")
            }
        }
        return FeedbackContact(
            name: try clean(raw.name, "name", max: 120), address: try clean(raw.address, "address", max: 300), phone: phone, email: email)
    }
}

extension AppError {
    /// What a feedback refusal tells the person or partner system: 404 for an unknown item,
    /// 409 for an action the item's state forbids, 422 for fields that do not fit.
    init(feedback error: FeedbackError) {
        switch error {
        case .unknownItem:
            self = AppError(.notFound, "unknown_feedback", vi: "Không tìm thấy phản ánh với mã này.", en: "No feedback item with this code.")
        case .unknownCounter(let code):
            self = .invalidField("counter", vi: "Không có quầy mã '\(code)' trong đơn vị.", en: "No counter '\(code)' in this unit.")
        case .unknownOfficer(let code):
            self = .invalidField("officer", vi: "Không có cán bộ mã '\(code)' trong đơn vị.", en: "No officer '\(code)' in this unit.")
        case .unknownProcedure(let code):
            self = .invalidField("procedure", vi: "Không có thủ tục mã '\(code)'.", en: "No procedure '\(code)'.")
        case .unknownAssignee(let name):
            self = .invalidField(
                "assignee", vi: "Không có cán bộ hoặc tài khoản xử lý phản ánh '\(name)' trong đơn vị.",
                en: "No officer, or account that handles feedback, '\(name)' in this unit.")
        case .internalDueAfterLegal(let legal):
            self = .invalidField(
                "dueAt", vi: "Hạn giao xử lý không được sau hạn theo luật (\(legal.vietnamese)).",
                en: "The internal due date cannot be after the legal one (\(legal)).")
        case .internalDueInThePast:
            self = .invalidField("dueAt", vi: "Hạn giao xử lý đã qua.", en: "The internal due date is already past.")
        case .transition(let error):
            self = AppError(error.isConflict ? .conflict : .unprocessableContent, Self.code(error), vi: error.message.vi, en: error.message.en)
        case .extensionRefused(let error):
            self = AppError(.conflict, "extension_refused", vi: error.message.vi, en: error.message.en)
        case .calendar(let error):
            self = AppError(.unprocessableContent, "no_calendar", vi: error.message.vi, en: error.message.en)
        case .forbidden:
            self = .staffForbidden
        }
    }

    private static func code(_ error: FeedbackTransitionError) -> String {
        switch error {
        case .illegalTransition: "illegal_transition"
        case .notAccepted: "not_accepted"
        case .notExtendable: "not_extendable"
        case .noClock: "no_clock"
        case .notConduct: "not_conduct"
        case .notAnswered: "not_answered"
        case .reopenWindowClosed: "reopen_window_closed"
        case .missingField(_, let field): "invalid_\(field)"
        case .calendar: "no_calendar"
        }
    }
}
