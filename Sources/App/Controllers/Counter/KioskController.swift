import Domain
import Foundation
import Hummingbird
import Storage

/// The rating tablet at a counter (issue 12). No staff session lives on it: `/kiosk` takes a
/// one-time pairing code and answers with the device's credential, a long-lived HttpOnly
/// cookie scoped to /kiosk (only its hash is stored). Every other route here needs that
/// cookie and acts for that device's counter only; a revoked device is refused (403).
///
/// The cookie is SameSite=Strict, so a page of another site cannot post a tap with it: the
/// tap forms need no CSRF token. The pairing form, which has no device yet, carries one.
struct KioskController: Sendable {
    let database: AppDatabase
    let forms: FormRegistry
    let pages: PageRenderer
    let recorder: KioskRecorder
    let stream: KioskTicketStream
    let presence: KioskPresence
    /// Wrong pairing codes per address, as wrong passwords are counted.
    let throttle: LoginThrottle
    let secureCookies: Bool
    let clock: any WallClock

    static let deviceCookie = "hl_kiosk"
    /// Guards the pairing form (as the sign-in form is guarded): the form's token must match it.
    static let pairingCookie = "hl_kpair"
    /// Browsers keep a cookie at most 400 days; the screen renews it at every load.
    static let credentialAge = 400 * 86_400
    /// A tap is a key, a ticket and an answer or five: a few hundred bytes.
    static let bodyLimit = 4096

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.kiosk.route, use: show)
        router.post(SiteURL.kioskPair.route, use: pair)
        router.post(SiteURL.kioskTaps.route, use: tap)
        router.post(SiteURL.kioskDetails.route, use: details)
        router.get(SiteURL.kioskEvents.route, use: events)
        router.get(SiteURL.kioskState.route, use: state)
    }

    /// JSON errors for the tablet's script: its posts are JSON, its reads ask for JSON.
    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        guard path.hasPrefix(SiteURL.kioskPrefix + "/") else { return false }
        return path == SiteURL.kioskEvents.path || path == SiteURL.kioskState.path || MediaTypeCheck.matches(request, "application/json")
    }

    // MARK: the screen and pairing

    /// The tablet's screen; on a tablet without a device, the pairing form. `?thanks=1` and
    /// `?k=KEY` are the screens after a tap without script.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let credential = request.tokenCookie(Self.deviceCookie), let device = try await database.kioskContext(credential: credential) else {
            return pairingForm(request)
        }
        guard device.device.revokedAt == nil else {
            var response = pairingForm(request, error: AppError(kioskError: .revoked), status: .forbidden)
            response.setCookie(deviceCookie("", maxAge: 0))
            return response
        }
        await presence.seen(deviceId: device.device.id ?? 0, now: clock.now)
        let query = request.uri.queryParameters
        let screen: KioskPage.Screen
        var key = TokenGenerator.timeOrderedKey(now: clock.now)
        if query.get("thanks") == "1" {
            screen = .thanks
        } else if let tapped = query.get("k"), TokenGenerator.isWellFormed(tapped), device.device.askFactors {
            screen = .factor(0)
            key = tapped
        } else {
            screen = .rate
        }
        var response = try await page(device, screen: screen, key: key)
        response.setCookie(deviceCookie(credential, maxAge: Self.credentialAge))
        return response
    }

    @Sendable func pair(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await RequestBody.form(request, limit: Self.bodyLimit)
        guard let cookie = request.tokenCookie(Self.pairingCookie), let posted = fields[CSRF.field], CSRF.constantTimeEqual(cookie, posted) else {
            throw AppError.csrfRefused
        }
        let typed = fields[KioskPairingPage.codeField] ?? ""
        let address = "kiosk|" + context.clientAddress(request)
        guard throttle.admit(account: address, address: address, now: clock.now) else {
            var response = pages.render(KioskPairingPage(csrf: cookie, code: typed, error: .tooManyPairings), status: .tooManyRequests)
            response.headers[.retryAfter] = "900"
            return response
        }
        let credential = TokenGenerator.token(length: 32)
        do {
            guard let code = PairingCode(normalizing: typed) else { throw KioskError.wrongCode }
            _ = try await database.pairKioskDevice(code: code, credential: credential, now: clock.now)
        } catch let error as KioskError {
            let appError = AppError(kioskError: error)
            return pages.render(KioskPairingPage(csrf: cookie, code: typed, error: appError), status: appError.status)
        }
        throttle.succeeded(account: address, address: address)
        var response = Response.redirect(SiteURL.kiosk.path)
        response.setCookie(deviceCookie(credential, maxAge: Self.credentialAge))
        response.setCookie(Cookie(name: Self.pairingCookie, value: "", maxAge: 0, path: SiteURL.kioskPrefix, secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    private func pairingForm(_ request: Request, error: AppError? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let token = request.tokenCookie(Self.pairingCookie) ?? TokenGenerator.token(length: 32)
        var response = pages.render(KioskPairingPage(csrf: token, error: error), status: status)
        response.setCookie(Cookie(name: Self.pairingCookie, value: token, maxAge: 3600, path: SiteURL.kioskPrefix, secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    private func deviceCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.deviceCookie, value: value, maxAge: maxAge, path: SiteURL.kioskPrefix, secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    private func page(
        _ device: KioskContext, screen: KioskPage.Screen, key: String, carried: [(id: String, level: Int)] = [], error: AppError? = nil
    ) async throws -> Response {
        guard let form = forms.current(id: device.unit.formId), let overall = form.overallQuestion else { throw AppError.internalError }
        let ticket = try await database.kioskTicket(counterId: device.counter.id ?? 0, now: clock.now, window: stream.window)
        let page = KioskPage(
            context: device, form: form, overall: overall, screen: screen, ticket: ticket, key: key, carried: carried, error: error?.message,
            timing: recorder.timing)
        return pages.render(page, status: error?.status ?? .ok)
    }

    /// The device a request's cookie names: 401 without one, 403 when revoked.
    private func pairedDevice(_ request: Request) async throws -> KioskContext {
        guard let credential = request.tokenCookie(Self.deviceCookie), let device = try await database.kioskContext(credential: credential) else {
            throw AppError.deviceNotPaired
        }
        guard device.device.revokedAt == nil else { throw AppError(kioskError: .revoked) }
        await presence.seen(deviceId: device.device.id ?? 0, now: clock.now)
        return device
    }

    // MARK: taps

    /// `{"key", "ticket"?, "answers": {questionId: level}, "age"?}`: `key` is made on the
    /// tablet, once per tap, and makes a resend a no-op; `ticket` is the ticket the screen
    /// showed; `age` how many milliseconds ago the tap was made, by the tablet's clock.
    struct TapBody: Decodable, KnownKeys {
        var key: String
        var ticket: String?
        var answers: [String: APIController.JSONAnswer]
        var age: Int?

        static let knownKeys: Set<String> = ["key", "ticket", "answers", "age"]
    }

    struct TapAnswer: Encodable {
        var key: String
        /// A response was written for it (now or by an earlier send of the same key).
        var counted: Bool
        /// An earlier send of this key was recorded; this one wrote nothing.
        var repeated: Bool
    }

    /// JSON: 201 for a new response, 200 for an idle tap inside the minimum interval and for
    /// a resend. A plain form post (no script): 303 to the factor questions or the thanks.
    @Sendable func tap(_ request: Request, context: AppRequestContext) async throws -> Response {
        let device = try await pairedDevice(request)
        if MediaTypeCheck.matches(request, "application/json") {
            let body = try await JSONBody.decode(TapBody.self, from: request, limit: Self.bodyLimit)
            guard TokenGenerator.isWellFormed(body.key) else { throw AppError.invalidKey }
            let outcome = try await recorder.tap(
                device: device, key: body.key, ticket: try Self.ticket(body.ticket), ageMilliseconds: body.age, answers: Self.raw(body.answers))
            let answer: TapAnswer
            switch outcome {
            case .recorded: answer = TapAnswer(key: body.key, counted: true, repeated: false)
            case .notCounted: answer = TapAnswer(key: body.key, counted: false, repeated: false)
            case .repeated(let counted): answer = TapAnswer(key: body.key, counted: counted, repeated: true)
            }
            if case .recorded = outcome { return try JSONBody.response(answer, status: .created) }
            return try JSONBody.response(answer)
        }
        var fields = try await RequestBody.form(request, limit: Self.bodyLimit)
        guard let key = fields.removeValue(forKey: CitizenForm.keyField), TokenGenerator.isWellFormed(key) else { throw AppError.invalidKey }
        let ticket = fields.removeValue(forKey: "ticket")
        let outcome: KioskTapOutcome
        do {
            outcome = try await recorder.tap(
                device: device, key: key, ticket: try Self.ticket(ticket), ageMilliseconds: nil, answers: fields.mapValues { RawAnswer.text($0) })
        } catch let error as AnswerProblem {
            return try await page(device, screen: .rate, key: key, error: AppError(from: error))
        } catch let error as RatingError {
            // The ticket was rated elsewhere or is too old: the screen again, with why.
            return try await page(device, screen: .rate, key: TokenGenerator.timeOrderedKey(now: clock.now), error: AppError(from: error))
        }
        let counted: Bool
        switch outcome {
        case .recorded: counted = true
        case .notCounted: counted = false
        case .repeated(let wasCounted): counted = wasCounted
        }
        let asks = device.device.askFactors && !(forms.current(id: device.unit.formId)?.kioskFactorQuestions.isEmpty ?? true)
        return .redirect(counted && asks ? SiteURL.kiosk.path(["k": key]) : SiteURL.kiosk.path(["thanks": "1"]))
    }

    struct DetailsBody: Decodable, KnownKeys {
        var key: String
        var answers: [String: APIController.JSONAnswer]

        static let knownKeys: Set<String> = ["key", "answers"]
    }

    /// `{"key", "answers"}`: the factor answers of the tap `key`. 200 `{"added": true}` the first
    /// time, `false` for a resend or a tap that did not count. Without script, one screen per
    /// question: each post carries the answers so far, and the last (or "finish") writes them.
    @Sendable func details(_ request: Request, context: AppRequestContext) async throws -> Response {
        let device = try await pairedDevice(request)
        if MediaTypeCheck.matches(request, "application/json") {
            let body = try await JSONBody.decode(DetailsBody.self, from: request, limit: Self.bodyLimit)
            guard TokenGenerator.isWellFormed(body.key) else { throw AppError.invalidKey }
            let outcome = try await recorder.details(device: device, key: body.key, answers: Self.raw(body.answers))
            return try JSONBody.response(["added": outcome == .added])
        }
        var fields = try await RequestBody.form(request, limit: Self.bodyLimit)
        guard let key = fields.removeValue(forKey: CitizenForm.keyField), TokenGenerator.isWellFormed(key) else { throw AppError.invalidKey }
        let step = fields.removeValue(forKey: "step").flatMap { Int($0) } ?? 0
        let finish = fields.removeValue(forKey: "finish") != nil
        guard let form = forms.current(id: device.unit.formId) else { throw AppError.internalError }
        let questions = form.kioskFactorQuestions
        // Only the factor questions, as levels: a forged field is refused here, not carried on.
        var carried: [(id: String, level: Int)] = []
        for question in questions {
            guard let value = fields.removeValue(forKey: question.id) else { continue }
            guard let level = Int(value), question.scale?.accepts(level) == true else { throw AnswerProblem.invalidLevel(question: question.id) }
            carried.append((question.id, level))
        }
        guard fields.isEmpty else { throw AppError.unknownFields(Array(fields.keys)) }
        if !finish, step + 1 < questions.count {
            return try await page(device, screen: .factor(step + 1), key: key, carried: carried)
        }
        if !carried.isEmpty {
            _ = try await recorder.details(
                device: device, key: key, answers: Dictionary(uniqueKeysWithValues: carried.map { ($0.id, RawAnswer.number($0.level)) }))
        }
        return .redirect(SiteURL.kiosk.path(["thanks": "1"]))
    }

    /// A tap's ticket as sent: nil for none; anything not shaped like a token names no ticket
    /// of this counter.
    private static func ticket(_ value: String?) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard TokenGenerator.isWellFormed(value) else { throw KioskError.ticketElsewhere }
        return value
    }

    private static func raw(_ answers: [String: APIController.JSONAnswer]) -> [String: RawAnswer] {
        answers.mapValues { answer in
            if case .number(let level) = answer { return .number(level) }
            // The tablet sends levels only: a string or anything else is not an answer here.
            return .invalid
        }
    }

    // MARK: following the counter

    /// Server-Sent Events of the counter's ticket (see `KioskTicketStream`).
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let device = try await pairedDevice(request)
        return stream.response(counterId: device.counter.id ?? 0)
    }

    /// The same state as JSON: the script's fallback when events do not get through.
    @Sendable func state(_ request: Request, context: AppRequestContext) async throws -> Response {
        let device = try await pairedDevice(request)
        let ticket = try await database.kioskTicket(counterId: device.counter.id ?? 0, now: clock.now, window: stream.window)
        var response = try JSONBody.response(KioskState(ticket))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension AppError {
    static let tooManyPairings = AppError(
        .tooManyRequests, "too_many_pairings", vi: "Nhập sai mã ghép nối quá nhiều lần. Vui lòng thử lại sau 15 phút.",
        en: "Too many wrong pairing codes. Please try again in 15 minutes.")
}
