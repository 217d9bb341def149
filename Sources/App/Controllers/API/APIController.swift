import Domain
import Foundation
import Hummingbird
import Storage

/// The JSON API of product.md for the one-stop software and the city's indicator system.
struct APIController: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let urls: PublicURLs
    let metrics: AppMetrics
    let ticketLifetime: TimeInterval
    let rules: ScoringRules
    let bodyLimit: Int
    let recorder: RatingRecorder
    let sessionIdle: TimeInterval
    let figures: FiguresService
    let clock: any WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(SiteURL.apiResponses.route, use: recordResponse)
        router.get(SiteURL.apiForm(.key).route, use: form)
        let keyed = router.group().add(middleware: APIKeyMiddleware(database: database, clock: clock))
        keyed.post(SiteURL.apiTickets.route, use: issueTicket)
        // An API key or a staff session: the city's system and a signed-in director alike.
        router.group().add(middleware: APIKeyMiddleware(database: database, clock: clock, orStaffSession: sessionIdle))
            .get(SiteURL.apiIndicators.route, use: indicators)
    }

    // MARK: tickets

    struct TicketBody: Decodable, KnownKeys {
        var counter: String
        var officer: String?
        var procedure: String?
        var sector: String?
        var dossier: String?

        static let knownKeys: Set<String> = ["counter", "officer", "procedure", "sector", "dossier"]
    }

    struct TicketCreated: Encodable {
        var token: String
        var url: String
        var expiresAt: String
        var qr: [String: String]
    }

    @Sendable func issueTicket(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let key = context.apiKey else { throw AppError.unauthorized }
        let body = try await JSONBody.decode(TicketBody.self, from: request, limit: bodyLimit)
        func code(_ value: String?, _ field: String) throws -> String? {
            guard let value else { return nil }
            let normalized = TextNormalizer.normalize(value)
            guard !normalized.isEmpty, normalized.count <= 64 else {
                throw AppError.invalidField(field, vi: "Mã '\(field)' phải có từ 1 đến 64 ký tự.", en: "'\(field)' must be 1 to 64 characters.")
            }
            return normalized
        }
        guard let counter = try code(body.counter, "counter") else { throw AppError.badRequestBody }
        let dossier = body.dossier.map(TextNormalizer.normalize)
        if let dossier, dossier.count > 100 {
            throw AppError.invalidField("dossier", vi: "Mã hồ sơ dài quá 100 ký tự.", en: "'dossier' is longer than 100 characters.")
        }
        let ticket = try await database.issueTicket(
            TicketRequest(
                unitId: key.unitId, counter: counter, officer: try code(body.officer, "officer"),
                procedure: try code(body.procedure, "procedure"), sector: try code(body.sector, "sector"),
                dossier: dossier?.isEmpty == true ? nil : dossier, apiKeyId: key.id, lifetime: ticketLifetime, now: clock.now))
        metrics.ticketIssued()
        let created = TicketCreated(
            token: ticket.token, url: urls.rating(token: ticket.token), expiresAt: LocalTime.iso8601(ticket.expiresAt),
            qr: ["svg": urls.qrSVG(token: ticket.token), "png": urls.qrPNG(token: ticket.token)])
        return try JSONBody.response(created, status: .created)
    }

    // MARK: responses

    /// A JSON answer: numbers for ratings and choices, strings for text questions.
    enum JSONAnswer: Decodable {
        case number(Int)
        case string(String)
        case other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else {
                self = .other
            }
        }
    }

    struct ResponseBody: Decodable, KnownKeys {
        var token: String
        var answers: [String: JSONAnswer]
        var comment: String?

        static let knownKeys: Set<String> = ["token", "answers", "comment"]
    }

    struct ResponseRecorded: Encodable {
        var recorded: Bool
    }

    /// The body's answers as the form reads them. The API types its answers: a number is a
    /// level, a string is only an answer to a text question, and `comment` is the form's text
    /// question.
    static func rawAnswers(_ body: ResponseBody, form: FormDefinition) throws -> [String: RawAnswer] {
        var raw: [String: RawAnswer] = [:]
        for (questionId, answer) in body.answers {
            let question = form.question(id: questionId)
            switch answer {
            case .number(let level): raw[questionId] = .number(level)
            case .string(let text): raw[questionId] = question == nil || question?.type == .text ? .text(text) : .invalid
            case .other: raw[questionId] = .invalid
            }
        }
        if let comment = body.comment {
            guard let textQuestion = form.questions.first(where: { $0.type == .text }) else { throw AppError.unknownFields(["comment"]) }
            raw[textQuestion.id] = .text(comment)
        }
        return raw
    }

    @Sendable func recordResponse(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ResponseBody.self, from: request, limit: bodyLimit)
        guard TokenGenerator.isWellFormed(body.token) else { throw AppError.unknownToken }
        _ = try await recorder.record(
            token: body.token, key: TokenGenerator.timeOrderedKey(now: clock.now), channel: .api, device: nil, address: context.clientAddress(request)
        ) { form in try Self.rawAnswers(body, form: form) }
        return try JSONBody.response(ResponseRecorded(recorded: true), status: .created)
    }

    // MARK: forms

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let form = forms.current(id: id) else {
            throw AppError(.notFound, "unknown_form", vi: "Không có phiếu này.", en: "No such form.")
        }
        return try JSONBody.response(form)
    }

    // MARK: indicators

    @Sendable func indicators(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.apiKey != nil || context.staff != nil else { throw AppError.unauthorized }
        let query = request.uri.queryParameters
        guard let unitCode = query.get("unit"), !unitCode.isEmpty else {
            throw AppError(.badRequest, "missing_unit", vi: "Thiếu tham số unit (mã đơn vị).", en: "The unit parameter is missing.")
        }
        guard let from = query.get("from").flatMap(LocalDate.init), let to = query.get("to").flatMap(LocalDate.init) else {
            throw AppError(
                .badRequest, "invalid_dates", vi: "Tham số from và to phải có dạng YYYY-MM-DD.", en: "from and to must be dates as YYYY-MM-DD.")
        }
        try DayRange.check(from: from, to: to)
        guard let unit = try await database.unit(code: unitCode), let unitId = unit.id else {
            throw AppError(.notFound, "unknown_unit", vi: "Không có đơn vị mã '\(unitCode)'.", en: "No unit '\(unitCode)'.")
        }
        // Officers see their own figures (/me), not the unit's: the policy says so.
        let allowed = context.apiKey.map { $0.unitId == unitId } ?? context.staff.map { $0.may(.viewFigures, inUnit: unitId) } ?? false
        guard allowed else { throw AppError.forbidden }
        var grouping: FigureGrouping?
        if let by = query.get("by"), !by.isEmpty {
            guard let known = FigureGrouping(rawValue: by) else {
                throw AppError(
                    .badRequest, "invalid_by", vi: "Tham số by phải là counter, officer, sector, procedure, channel, week hoặc month.",
                    en: "by must be counter, officer, sector, procedure, channel, week or month.")
            }
            grouping = known
        }
        return try JSONBody.response(try await figures.report(.unit(unit), from: from, to: to, by: grouping))
    }
}
