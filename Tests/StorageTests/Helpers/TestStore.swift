import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// A real SQLite database in a fresh temporary directory, removed when the test ends.
final class TestStore: Sendable {
    let directory: URL
    let db: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-storage-tests-" + UUID().uuidString)
        db = try AppDatabase.open(dataDirectory: directory.path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var path: String { directory.appendingPathComponent("hailong.sqlite").path }

    /// One integer from SQL, read through the pool (a reader connection).
    func int(_ sql: String, _ arguments: StatementArguments = []) async throws -> Int {
        try await db.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? -1 }
    }

    func count(_ table: String) async throws -> Int {
        try await int("SELECT COUNT(*) FROM \(table)")
    }

    /// Rows in `responses` and the sums of the roll-ups: together they show whether a write happened.
    func footprint() async throws -> Footprint {
        Footprint(
            responses: try await count("responses"),
            answerCountSum: try await int("SELECT COALESCE(SUM(n), 0) FROM answerCounts"),
            responseCountSum: try await int("SELECT COALESCE(SUM(n), 0) FROM answerCounts WHERE overall"),
            answered: try await int("SELECT COALESCE(SUM(answered), 0) FROM ticketCounts"))
    }
}

struct Footprint: Equatable, Sendable {
    var responses: Int
    var answerCountSum: Int
    var responseCountSum: Int
    var answered: Int
}

enum Fixtures {
    static let formFile = "sipas-counter.v1.json"
    static let formURL = findPackageRoot().appendingPathComponent("Forms").appendingPathComponent(formFile)

    /// The shipped form, read from Forms/ of this package.
    static func form() throws -> FormDefinition {
        try FormDefinition.load(from: Data(contentsOf: formURL), file: formFile)
    }

    /// What the roll-ups need of each rating and choice question of the form.
    static func questions(of form: FormDefinition) -> [String: QuestionMeta] {
        var meta: [String: QuestionMeta] = [:]
        for question in form.questions where question.type != .text {
            meta[question.id] = QuestionMeta(
                scale: question.scale?.rawValue ?? "choice", factor: question.factor?.rawValue ?? "", overall: question.isOverall)
        }
        return meta
    }

    /// 2026-11-23 10:00 in Asia/Ho_Chi_Minh (03:00 UTC), a Monday.
    static let t0 = Date(timeIntervalSince1970: 1_795_402_800)
    static let day = LocalDate(t0)
}

/// A seeded demo database with the shipped form stored: the state the service runs in.
struct Seeded {
    let store: TestStore
    let form: FormDefinition
    let questions: [String: QuestionMeta]
    let unitId: Int64
    let otherUnitId: Int64

    init() async throws {
        store = try TestStore()
        _ = try await #require(try store.db.seedDemo(now: Fixtures.t0))
        form = try Fixtures.form()
        questions = Fixtures.questions(of: form)
        _ = try await store.db.syncForms([(form, Fixtures.formFile)], now: Fixtures.t0)
        unitId = try #require(try await store.db.unit(code: "tam-phuoc")?.id)
        otherUnitId = try #require(try await store.db.unit(code: "chon-thanh")?.id)
    }

    var db: AppDatabase { store.db }

    func issue(
        counter: String = "q1", officer: String? = nil, procedure: String? = nil, sector: String? = nil,
        unit: Int64? = nil, lifetime: TimeInterval = 3600, now: Date = Fixtures.t0
    ) async throws -> Ticket {
        try await db.issueTicket(
            TicketRequest(
                unitId: unit ?? unitId, counter: counter, officer: officer, procedure: procedure, sector: sector, lifetime: lifetime,
                now: now))
    }

    func response(
        token: String, key: String = UUID().uuidString, levels: [String: Int] = ["overall": 3], texts: [String: String] = [:],
        formVersion: Int? = nil, now: Date = Fixtures.t0, detailsWindow: TimeInterval = 600
    ) -> NewResponse {
        NewResponse(
            token: token, submissionKey: key, formId: form.id, formVersion: formVersion ?? form.version, questions: questions,
            levels: levels, texts: texts, channel: .web, now: now, detailsWindow: detailsWindow)
    }

    func record(
        token: String, key: String = UUID().uuidString, levels: [String: Int] = ["overall": 3], texts: [String: String] = [:],
        now: Date = Fixtures.t0, detailsWindow: TimeInterval = 600
    ) async throws -> RecordOutcome {
        try await db.recordResponse(response(token: token, key: key, levels: levels, texts: texts, now: now, detailsWindow: detailsWindow))
    }
}

/// A rating with answers already checked, as tests write it: the service checks answers
/// against the form inside `recordResponse`'s `prepare` step; tests hand them over directly.
struct NewResponse: Sendable {
    var token: String
    var submissionKey: String
    var formId: String
    var formVersion: Int
    var questions: [String: QuestionMeta]
    var levels: [String: Int]
    var texts: [String: String]
    var channel: ResponseChannel
    var now: Date
    var detailsWindow: TimeInterval
}

extension AppDatabase {
    func recordResponse(_ new: NewResponse) async throws -> RecordOutcome {
        try await recordResponse(
            token: new.token, submissionKey: new.submissionKey, channel: new.channel, now: new.now, detailsWindow: new.detailsWindow
        ) { _ in
            PreparedAnswers(formId: new.formId, formVersion: new.formVersion, questions: new.questions, levels: new.levels, texts: new.texts)
        }
    }
}
