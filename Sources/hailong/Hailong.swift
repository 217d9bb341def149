import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `hailong`: the one executable. Its subcommands and options are a fixed interface
/// (product.md); every option of `serve` also reads HAILONG_<NAME> from the environment.
struct Hailong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hailong",
        abstract: "HaiLong - đo mức độ hài lòng và xử lý phản ánh tại Bộ phận Một cửa (citizen satisfaction and feedback).",
        subcommands: [
            Serve.self, UserCommand.self, APIKeyCommand.self, WebhookCommand.self, Backup.self, Restore.self, Verify.self, PrivacyCommand.self,
        ])
}

/// The process's entry: the allocator's settings are applied while this is the only thread
/// (`AllocatorSettings`: an arena made before would stay), the event loops become the global
/// executor before anything else runs (`EventLoopExecutor`), then the command line is parsed
/// and run.
@main
enum Entry {
    static func main() async {
        AllocatorSettings.apply(cores: ProcessInfo.processInfo.activeProcessorCount)
        EventLoopExecutor.install()
        await Hailong.main()
    }
}

/// A command that could not do its work, with the message for the administrator (exit 1).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads HAILONG_<NAME>, the environment twin of each `serve` option.
func environment(_ name: String) -> String? {
    ProcessInfo.processInfo.environment["HAILONG_" + name].flatMap { $0.isEmpty ? nil : $0 }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chạy máy chủ web (start the web server).")

    @Option(help: "Địa chỉ lắng nghe / address to listen on [HAILONG_HOST, default 127.0.0.1]")
    var host: String?
    @Option(help: "Cổng / port [HAILONG_PORT, default 8080]")
    var port: Int?
    @Option(help: "Thư mục dữ liệu (SQLite, khóa bí mật) / data directory [HAILONG_DATA_DIR, default ./data]")
    var dataDir: String?
    @Option(help: "URL công khai mà mã QR trỏ tới / public URL in QR codes [HAILONG_BASE_URL, default http://HOST:PORT]")
    var baseURL: String?
    @Option(help: "Thư mục phiếu khảo sát / forms directory [HAILONG_FORMS, default ./Forms]")
    var forms: String?
    @Option(help: "Thư mục tệp tĩnh / static files [HAILONG_PUBLIC, default ./Public]")
    var `public`: String?
    @Option(help: "Thời hạn của vé đánh giá, giờ / ticket lifetime in hours [HAILONG_TICKET_HOURS, default 24]")
    var ticketHours: Double?
    @Option(help: "Cỡ mẫu tối thiểu để hiện tỷ lệ / minimum n of a shown rate [HAILONG_MIN_N, default 30]")
    var minN: Int?
    @Option(help: "Phút tối thiểu giữa hai lần đánh giá mã QR dán tại quầy từ một thiết bị / minutes between poster ratings from one device [HAILONG_POSTER_INTERVAL_MINUTES, default 10]")
    var posterIntervalMinutes: Double?
    @Option(help: "Số lượt tối đa từ một địa chỉ mạng cho mỗi quầy trong khoảng đó / poster ratings per address per counter in that window [HAILONG_POSTER_PER_ADDRESS, default 60]")
    var posterPerAddress: Int?
    @Option(help: "Giây tối thiểu giữa hai lần chạm được tính trên máy đánh giá tại quầy khi không có giao dịch / seconds between counted idle taps on a counter's rating tablet [HAILONG_KIOSK_INTERVAL_SECONDS, default 20]")
    var kioskIntervalSeconds: Int?
    @Option(help: "Giây chờ tối đa khi kết nối không gửi gì / seconds a connection may send nothing, idle or mid-request [HAILONG_IDLE_TIMEOUT, default 30]")
    var idleTimeout: Int?
    @Option(help: "Tệp JSON thời hạn xử lý phản ánh của địa phương (mẫu: deploy/feedback-limits.example.json) / the province's feedback time limits [HAILONG_FEEDBACK_LIMITS, default: the laws' defaults]")
    var feedbackLimits: String?
    @Option(help: "Dạng nhật ký: text hoặc json (mỗi dòng một đối tượng JSON, có mã yêu cầu) / log format: text or json [HAILONG_LOG_FORMAT, default text]")
    var logFormat: String?
    @Option(help: "Số tháng giữ thông tin liên hệ sau khi phản ánh kết thúc / months contact data is kept after an item closes [HAILONG_PRIVACY_RETENTION_MONTHS, default 24]")
    var privacyRetentionMonths: Int?
    @Flag(help: "Tạo dữ liệu mẫu khi cơ sở dữ liệu trống / create demo structure on an empty database [HAILONG_DEMO]")
    var demo = false

    func run() async throws {
        var config = AppConfiguration()
        config.host = host ?? environment("HOST") ?? config.host
        config.port = try port ?? environment("PORT").map { try Self.number($0, "HAILONG_PORT") } ?? config.port
        guard (0...65535).contains(config.port) else {
            throw ValidationError("cổng phải từ 0 đến 65535 (the port must be 0-65535): \(config.port)")
        }
        config.dataDirectory = dataDir ?? environment("DATA_DIR") ?? config.dataDirectory
        config.baseURL = baseURL ?? environment("BASE_URL")
        config.formsDirectory = forms ?? environment("FORMS") ?? config.formsDirectory
        config.publicDirectory = self.public ?? environment("PUBLIC") ?? config.publicDirectory
        if let hours = try ticketHours ?? environment("TICKET_HOURS").map({ try Self.decimal($0, "HAILONG_TICKET_HOURS") }) {
            guard hours.isFinite, hours > 0 else {
                throw ValidationError("HAILONG_TICKET_HOURS phải lớn hơn 0 (must be positive): \(hours)")
            }
            config.ticketLifetime = hours * 3600
        }
        if let minimumN = try minN ?? environment("MIN_N").map({ try Self.number($0, "HAILONG_MIN_N") }) {
            // A rate of no answers is no rate: the smallest sample that may be shown is 1.
            guard minimumN >= 1 else { throw ValidationError("HAILONG_MIN_N phải từ 1 trở lên (must be at least 1): \(minimumN)") }
            config.minimumN = minimumN
        }
        if let minutes = try posterIntervalMinutes ?? environment("POSTER_INTERVAL_MINUTES").map({ try Self.decimal($0, "HAILONG_POSTER_INTERVAL_MINUTES") }) {
            guard minutes.isFinite, minutes >= 0 else {
                throw ValidationError("HAILONG_POSTER_INTERVAL_MINUTES không được âm (must not be negative): \(minutes)")
            }
            config.posterLimits.deviceInterval = minutes * 60
            config.posterLimits.addressWindow = minutes * 60
        }
        if let perAddress = try posterPerAddress ?? environment("POSTER_PER_ADDRESS").map({ try Self.number($0, "HAILONG_POSTER_PER_ADDRESS") }) {
            guard perAddress >= 1 else {
                throw ValidationError("HAILONG_POSTER_PER_ADDRESS phải từ 1 trở lên (must be at least 1): \(perAddress)")
            }
            config.posterLimits.perAddress = perAddress
        }
        if let seconds = try kioskIntervalSeconds ?? environment("KIOSK_INTERVAL_SECONDS").map({ try Self.number($0, "HAILONG_KIOSK_INTERVAL_SECONDS") }) {
            guard seconds >= 0 else { throw ValidationError("HAILONG_KIOSK_INTERVAL_SECONDS không được âm (must not be negative): \(seconds)") }
            config.kioskTiming.minimumInterval = TimeInterval(seconds)
        }
        if let seconds = try idleTimeout ?? environment("IDLE_TIMEOUT").map({ try Self.number($0, "HAILONG_IDLE_TIMEOUT") }) {
            guard seconds > 0 else { throw ValidationError("HAILONG_IDLE_TIMEOUT phải lớn hơn 0 (must be positive): \(seconds)") }
            config.idleTimeout = TimeInterval(seconds)
        }
        if let file = feedbackLimits ?? environment("FEEDBACK_LIMITS") {
            config.feedbackLimits = try AppConfiguration.feedbackLimits(file: file)
        }
        config.privacyRetentionMonths = try PrivacyCommand.months(privacyRetentionMonths) ?? config.privacyRetentionMonths
        config.demo = demo || ["1", "true", "yes"].contains(environment("DEMO")?.lowercased() ?? "")
        if let format = logFormat ?? environment("LOG_FORMAT") {
            guard let parsed = AppConfiguration.LogFormat(rawValue: format) else {
                throw ValidationError("HAILONG_LOG_FORMAT phải là text hoặc json (must be text or json): \(format)")
            }
            config.logFormat = parsed
        }
        if let level = environment("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) { config.logLevel = level }
        let app = try await buildApplication(config)
        do {
            try await app.runService()
        } catch let error where "\(error)".contains("Address already in use") {
            // The most common failure of a start, said plainly in both languages.
            throw CommandFailure("cổng \(config.port) trên \(config.host) đang được dùng (the port is already in use)")
        }
    }

    static func number(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw ValidationError("\(name) phải là số (must be a number): \(text)") }
        return value
    }

    /// The hours and minutes options take fractions (`--ticket-hours 1.5`); so do their variables.
    static func decimal(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text) else { throw ValidationError("\(name) phải là số (must be a number): \(text)") }
        return value
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Quản lý tài khoản cán bộ (staff accounts).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (create an account; the password is read from standard input).")

        @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String
        @Option(help: "Tên đăng nhập / username") var username: String
        @Option(help: "Vai trò / role: admin, director, officer, inspector, viewer") var role: String
        @Option(help: "Mã đơn vị (mọi vai trò trừ admin; inspector, viewer không có đơn vị: toàn thành phố) / unit code") var unit: String?
        @Option(help: "Mã cán bộ gắn với tài khoản (vai trò officer) / the officer record of this account") var officer: String?

        func run() async throws {
            // The first line of standard input, so the password never appears in a command line.
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("cần mật khẩu ở đầu vào chuẩn (password expected on standard input)")
            }
            try await Maintenance.addUser(dataDirectory: dataDir, username: username, role: role, unitCode: unit, officerCode: officer, password: password)
            print("Đã tạo tài khoản \(username) (\(role)).")
        }
    }
}

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Quản lý khóa API (API keys).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo khóa API cho một đơn vị; khóa chỉ in ra một lần, ở dòng cuối (create a key, printed once on the last line).")

        @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String
        @Option(help: "Tên gợi nhớ của khóa / a name for the key") var name: String
        @Option(help: "Mã đơn vị / unit code") var unit: String

        func run() async throws {
            let key = try await Maintenance.createAPIKey(dataDirectory: dataDir, name: name, unitCode: unit)
            print("Đã tạo khóa API '\(name)' cho đơn vị \(unit) (bắt đầu bằng \(key.prefix)). Hãy lưu lại: khóa không hiện lại lần nữa.")
            print(key.secret)
        }
    }
}

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Quản lý webhook của đơn vị (a unit's webhooks).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thêm webhook cho một đơn vị (add a webhook; events: feedback.received, feedback.due_soon, feedback.overdue, feedback.resolved, rating.low).")

        @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String
        @Option(help: "Mã đơn vị / unit code") var unit: String
        @Option(help: "Địa chỉ nhận / receiving URL (http or https)") var url: String
        @Option(help: "Khóa ký HMAC-SHA256 / signing secret (16-200 characters)") var secret: String
        @Option(help: "Sự kiện, cách nhau bằng dấu phẩy / events, comma-separated") var events: String

        func run() async throws {
            let id = try await Maintenance.addWebhook(dataDirectory: dataDir, unitCode: unit, url: url, secret: secret, events: events)
            print("Đã thêm webhook #\(id) cho đơn vị \(unit) (webhook added).")
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sao lưu cơ sở dữ liệu khi máy chủ đang chạy (online backup).")

    @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String
    @Option(help: "Tệp sao lưu / backup file") var to: String

    func run() async throws {
        try await Maintenance.backup(dataDirectory: dataDir, to: to)
        print("Đã sao lưu vào \(to) (backup written).")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tạo thư mục dữ liệu từ một bản sao lưu, không ghi đè cơ sở dữ liệu có sẵn (restore a backup into a new data directory).")

    @Option(help: "Tệp sao lưu / backup file") var from: String
    @Option(help: "Thư mục dữ liệu mới / new data directory") var to: String
    @Option(help: "Tệp contact.key của thư mục dữ liệu gốc / the original data directory's contact.key")
    var contactKey: String?

    func run() async throws {
        let problems = try await Maintenance.restore(from: from, to: to, contactKey: contactKey)
        guard problems.isEmpty else {
            problems.forEach { print($0) }
            throw ExitCode(1)
        }
        print("Đã khôi phục vào \(to); kiểm tra: ok (restored and verified).")
        if contactKey == nil {
            print("Lưu ý: chưa có contact.key - sao chép khóa của thư mục gốc vào \(to)/contact.key (chmod 600) để đọc được thông tin liên hệ.")
            print("Note: no contact.key - copy the original one to \(to)/contact.key (chmod 600) to read contact data.")
        }
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Kiểm tra tính toàn vẹn của cơ sở dữ liệu và chuỗi lịch sử phản ánh (integrity and feedback history check).")

    @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String

    func run() async throws {
        let problems = try await Maintenance.verify(dataDirectory: dataDir)
        guard problems.isEmpty else {
            problems.forEach { print($0) }
            throw ExitCode(1)
        }
        print("ok: cơ sở dữ liệu toàn vẹn (database is sound)")
    }
}

struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "Dữ liệu cá nhân (personal data).", subcommands: [Purge.self])

    /// The retention period from the flag, else HAILONG_PRIVACY_RETENTION_MONTHS; nil for neither.
    static func months(_ flag: Int?) throws -> Int? {
        guard let months = try flag ?? environment("PRIVACY_RETENTION_MONTHS").map({ try Serve.number($0, "HAILONG_PRIVACY_RETENTION_MONTHS") })
        else { return nil }
        guard months > 0 else { throw ValidationError("số tháng lưu trữ phải lớn hơn 0 (retention months must be positive): \(months)") }
        return months
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xóa thông tin liên hệ của phản ánh đã kết thúc quá thời hạn lưu trữ, giữ hồ sơ (apply the retention period now; prints counts only).")

        @Option(help: "Thư mục dữ liệu / data directory") var dataDir: String
        @Option(help: "Số tháng lưu trữ sau khi kết thúc / months kept after closing [HAILONG_PRIVACY_RETENTION_MONTHS, default 24]") var months: Int?
        @Flag(help: "Chỉ đếm, không xóa / count only, change nothing") var dryRun = false

        func run() async throws {
            let months = try PrivacyCommand.months(self.months) ?? AppConfiguration().privacyRetentionMonths
            let report = try await Maintenance.purgePrivacy(dataDirectory: dataDir, months: months, dryRun: dryRun)
            let verb = dryRun ? "sẽ ẩn danh (would anonymise)" : "đã ẩn danh (anonymised)"
            print("\(verb): \(report.items) phản ánh / items (>\(months) tháng / months after closing)")
            print("  thông tin liên hệ / contacts: \(report.contacts)")
            print("  tệp đính kèm đã xóa siêu dữ liệu / attachments cleaned: \(report.attachments)")
            print("  yêu cầu sửa còn chờ đã bỏ / pending corrections dropped: \(report.corrections)")
        }
    }
}
