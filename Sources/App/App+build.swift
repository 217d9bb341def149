import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import ServiceLifecycle
import Storage

/// The one wiring place: logger, clock, database, forms, pages, routes and middleware. The
/// server and the tests both call it; tests pass a temporary data directory, a fixed or
/// advancing clock, and a logger that captures what is logged.
public func buildApplication(
    _ config: AppConfiguration, clock: any WallClock = SystemClock(), logger: Logger? = nil
) async throws -> some ApplicationProtocol {
    let logger =
        logger
        ?? {
            var logger =
                config.logFormat == .json
                ? Logger(label: "hailong", factory: { JSONLogHandler(label: $0, output: .standardOutput) })
                : Logger(label: "hailong")
            logger.logLevel = config.logLevel
            return logger
        }()
    let parts = try await AppParts.make(config, clock: clock, logger: logger)
    return Application(
        router: parts.router,
        // Hummingbird's idle timeout also covers a request whose head or body stops
        // arriving (each received part restarts it): the port may face the internet directly.
        server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(config.idleTimeout * 1000)))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "HaiLong"),
        services: parts.services,
        logger: logger)
}

/// What `buildApplication` assembles, kept apart so commands like `--demo` can use the
/// same opened database and forms.
struct AppParts {
    let database: AppDatabase
    let router: Router<AppRequestContext>
    /// Sends the webhook outbox; tests call its `deliverDue(now:)`.
    let webhookDeliverer: WebhookDeliverer
    /// Runs the periodic jobs; tests call its `tick(now:)`.
    let scheduler: Scheduler

    /// What runs beside the HTTP server.
    var services: [any Service] { [webhookDeliverer, scheduler] }

    static func make(_ config: AppConfiguration, clock: any WallClock, logger: Logger) async throws -> AppParts {
        let database = try AppDatabase.open(dataDirectory: config.dataDirectory)
        let forms = try await FormRegistry.load(directory: config.formsDirectory, database: database, now: clock.now)
        try await database.seedCalendars(HolidayCalendar.shipped)
        let urls = PublicURLs(base: config.publicBaseURL)
        if config.demo {
            try await Demo.seed(database, urls: urls, dataDirectory: config.dataDirectory, now: clock.now)
        }
        let pages = PageRenderer(assets: try StaticAssets(directory: config.publicDirectory))
        let metrics = AppMetrics()
        let rules = ScoringRules(minimumN: config.minimumN)
        let scope = UnitScope(database: database)
        let figures = FiguresService(database: database, rules: rules, feedbackRulesVersion: config.feedbackLimits.rulesVersion, clock: clock)

        let vault = try ContactVault(dataDirectory: config.dataDirectory)
        var intake = FeedbackIntakeService(
            database: database, vault: vault, limits: config.feedbackLimits, metrics: metrics, links: urls.webhookLinks, clock: clock)
        intake.retentionMonths = config.privacyRetentionMonths
        let privacy = PrivacyDesk(database: database, vault: vault, clock: clock)
        // One ceiling per address for every look-up by tracking code: status and privacy requests.
        let trackLimiter = TrackLimiter()
        let desk = FeedbackDesk(database: database, vault: vault, limits: config.feedbackLimits, links: urls.webhookLinks, clock: clock)
        let webhookDeliverer = WebhookDeliverer(database: database, vault: vault, clock: clock, logger: logger)
        // The in-server schedule: early warnings by webhook, and the retention of contact data.
        let scheduler = Scheduler(
            jobs: [
                FeedbackWarningJob(database: database, limits: config.feedbackLimits, links: urls.webhookLinks),
                PrivacyRetentionJob(database: database, months: config.privacyRetentionMonths),
                MemoryTrimJob(),
            ], clock: clock, interval: .seconds(60), logger: logger)

        // HEAD answers with GET's headers and no body (RFC 9110 §9.3.2) where a GET changes
        // nothing (`HeadRequestMiddleware`): link checkers and monitors use it.
        let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeadersMiddleware())
        // Ahead of everything that reads the path (error pages and files included); only the
        // headers middleware, which never reads it, wraps it, so its 400 carries them too.
        router.add(middleware: PathControlCharacterMiddleware(pages: pages))
        router.add(middleware: MetricsMiddleware(metrics: metrics, accessLogLevel: config.logFormat == .json ? .info : .debug))
        router.add(middleware: CompressionMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages))
        // Inside the error middleware, so a refused HEAD is answered as any refusal of its
        // path is (a page, or JSON under /api/) and carries the security headers.
        router.add(middleware: HeadRequestMiddleware())
        router.add(middleware: QueryStringMiddleware())
        StaticFileController(assets: pages.assets).addRoutes(to: router)
        HealthController(metrics: metrics, database: database).addRoutes(to: router)
        let secureCookies = config.publicBaseURL.hasPrefix("https://")
        let recorder = RatingRecorder(
            database: database, forms: forms, posterLimiter: PosterLimiter(limits: config.posterLimits), metrics: metrics,
            detailsWindow: config.detailsWindow, rules: rules, clock: clock)
        CitizenController(
            database: database, forms: forms, pages: pages, metrics: metrics, recorder: recorder, secureCookies: secureCookies, clock: clock
        ).addRoutes(to: router)
        Open311Controller(database: database, urls: urls, clock: clock).addRoutes(to: router)
        TransparencyController(
            figures: PublicFigures(figures: figures, database: database, clock: clock), pages: pages, rules: rules, clock: clock
        ).addRoutes(to: router)
        QRController(database: database, urls: urls, cache: QRImageCache(), clock: clock).addRoutes(to: router)
        let staff = router.group().add(middleware: StaffSessionMiddleware(database: database, idle: config.sessionIdle, clock: clock))
        AuthController(
            database: database, pages: pages, throttle: LoginThrottle(), secureCookies: secureCookies,
            sessionLifetime: config.sessionLifetime, decoyHash: Bcrypt.hash(TokenGenerator.token(), cost: PasswordPolicy.bcryptCost), clock: clock
        ).addRoutes(to: router, staff: staff)
        let campaign = try CampaignFile.load(directory: config.formsDirectory)
        AdminController(
            database: database, pages: pages, urls: urls, scope: scope, desk: desk, figures: figures, campaign: campaign, clock: clock
        ).addRoutes(to: staff)
        ReportsController(
            reports: SatisfactionReports(figures: figures, database: database, campaign: campaign, clock: clock), pages: pages, scope: scope,
            urls: urls, clock: clock
        ).addRoutes(to: staff)
        ExportsController(database: database, forms: forms, scope: scope, clock: clock).addRoutes(to: staff)
        StructureController(database: database, pages: pages, forms: forms, scope: scope, clock: clock).addRoutes(to: staff)
        CalendarController(database: database, pages: pages, clock: clock).addRoutes(to: staff)
        CounterDisplayController(database: database, pages: pages, lifetime: config.displayTicketLifetime, clock: clock).addRoutes(to: staff)
        // The counters' rating tablets: a ticket is a tablet's transaction for as long as a
        // counter display would show it.
        KioskController(
            database: database, forms: forms, pages: pages,
            recorder: KioskRecorder(
                database: database, forms: forms, metrics: metrics, timing: config.kioskTiming, detailsWindow: config.detailsWindow, rules: rules,
                clock: clock),
            stream: KioskTicketStream(database: database, window: config.displayTicketLifetime, length: config.kioskStreamLength, clock: clock),
            presence: KioskPresence(database: database), throttle: LoginThrottle(limits: .init(perAccount: 10, perAddress: 10, window: 15 * 60)),
            secureCookies: secureCookies, clock: clock
        ).addRoutes(to: router)
        DevicesController(database: database, pages: pages, urls: urls, scope: scope, clock: clock).addRoutes(to: staff)
        OfficerController(database: database, pages: pages, rules: rules, clock: clock).addRoutes(to: staff)
        APIController(
            database: database, forms: forms, urls: urls, metrics: metrics, ticketLifetime: config.ticketLifetime, rules: rules,
            bodyLimit: config.maxBodySize, recorder: recorder, sessionIdle: config.sessionIdle, figures: figures, clock: clock
        ).addRoutes(to: router)
        FeedbackAPIController(
            database: database, intake: intake, desk: desk, urls: urls, bodyLimit: config.maxBodySize, sessionIdle: config.sessionIdle, clock: clock
        ).addRoutes(to: router)
        OpenAPIDocumentController(assets: pages.assets).addRoutes(to: router, logger: logger)
        FeedbackController(
            database: database, pages: pages, intake: intake, desk: desk, urls: urls, limiter: trackLimiter, metrics: metrics, clock: clock
        ).addRoutes(to: router)
        PrivacyRequestController(
            privacy: privacy, pages: pages, limiter: trackLimiter, metrics: metrics, retentionMonths: config.privacyRetentionMonths, clock: clock
        ).addRoutes(to: router)
        PrivacyScreensController(privacy: privacy, pages: pages, scope: scope).addRoutes(to: staff)
        FeedbackScreensController(database: database, pages: pages, intake: intake, desk: desk, scope: scope, clock: clock).addRoutes(to: staff)
        WebhooksController(database: database, pages: pages, scope: scope, vault: vault, clock: clock).addRoutes(to: staff)
        InspectionController(database: database, pages: pages, desk: desk, scope: scope, clock: clock).addRoutes(to: staff)
        return AppParts(database: database, router: router, webhookDeliverer: webhookDeliverer, scheduler: scheduler)
    }
}

/// `--demo`: on an empty database, the demo wards, an administrator and an officer login,
/// printed once (only hashes are kept, so they cannot be shown again).
enum Demo {
    static func seed(_ database: AppDatabase, urls: PublicURLs, dataDirectory: String, now: Date) async throws {
        guard let demo = try await database.seedDemo(now: now) else {
            DemoBanner.write(
                "\nCơ sở dữ liệu ở \(dataDirectory) đã có dữ liệu: tài khoản demo đã được in ở lần chạy đầu. "
                    + "Xóa thư mục đó để tạo lại dữ liệu mẫu.\n"
                    + "The database in \(dataDirectory) already has data: the demo logins were printed on its first run. "
                    + "Delete that directory to start afresh.\n")
            return
        }
        let password = TokenGenerator.token(length: 16)
        _ = try await database.createUser(
            username: "admin", passwordHash: Bcrypt.hash(password, cost: PasswordPolicy.bcryptCost), role: .admin, unitCode: nil, actor: "demo",
            now: now)
        let officerPassword = TokenGenerator.token(length: 16)
        _ = try await database.createUser(
            username: "canbo.lan", passwordHash: Bcrypt.hash(officerPassword, cost: PasswordPolicy.bcryptCost), role: .officer,
            unitCode: "tam-phuoc", officerCode: "cb-lan", actor: "demo", now: now)
        DemoBanner.print(
            demo, urls: urls, logins: [("admin", password, "quản trị / admin"), ("canbo.lan", officerPassword, "cán bộ quầy / counter officer")])
    }
}

/// What `--demo` prints on the terminal: where to look and how to call the API.
enum DemoBanner {
    static func print(_ demo: DemoSummary, urls: PublicURLs, logins: [(username: String, password: String, role: String)]) {
        var lines = ["", "Dữ liệu mẫu (demo) đã được tạo / demo structure created:", "  Đăng nhập / sign in at \(urls.absolute(.login))"]
        for login in logins {
            lines.append("    \(login.role): \(login.username) / \(login.password)")
        }
        for unit in demo.units {
            lines.append("  \(unit.name) (\(unit.code))")
            for counter in demo.counters where counter.unitId == unit.id {
                lines.append("    \(counter.code): \(urls.rating(token: counter.posterToken))  QR: \(urls.qrSVG(token: counter.posterToken))")
            }
        }
        for key in demo.apiKeys {
            lines.append("  API key \(key.unit): \(key.secret)")
        }
        if let key = demo.apiKeys.first {
            lines.append("")
            lines.append("  curl -s -X POST \(urls.absolute(.apiTickets)) -H 'Authorization: Bearer \(key.secret)' \\")
            lines.append("       -H 'Content-Type: application/json' -d '{\"counter\":\"q1\",\"procedure\":\"1.001193\"}'")
        }
        lines.append("")
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Straight to the file descriptor: a buffered print would sit unseen when stdout is a
    /// pipe or a log file, as under systemd.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
