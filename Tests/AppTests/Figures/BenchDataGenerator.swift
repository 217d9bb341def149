import Domain
import Foundation
import Testing

@testable import App
@testable import Storage

/// Writes the dashboard benchmark's data (bench/dashboard.sh) through Storage, as the
/// service does: tickets issued and rated, feedback received and handled. Runs only when
/// HAILONG_BENCH_DATA_DIR names an empty data directory; HAILONG_BENCH_RESPONSES and
/// HAILONG_BENCH_FEEDBACK set the sizes (default 1,000,000 and 100,000).
@Suite("Bench data generator", .enabled(if: ProcessInfo.processInfo.environment["HAILONG_BENCH_DATA_DIR"] != nil))
struct BenchDataGenerator {
    /// No webhook subscribes in the generated unit; the links are only what events would carry.
    static let links = PublicURLs(base: "http://127.0.0.1:8080").webhookLinks

    /// A small deterministic generator: the same data on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func generate() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = try #require(environment["HAILONG_BENCH_DATA_DIR"])
        let responses = environment["HAILONG_BENCH_RESPONSES"].flatMap(Int.init) ?? 1_000_000
        let feedbackItems = environment["HAILONG_BENCH_FEEDBACK"].flatMap(Int.init) ?? 100_000
        // P1 and P2 so far: 01/5/2026 to 28/11/2026.
        let first = try #require(LocalDate("2026-05-01"))
        let last = try #require(LocalDate("2026-11-28"))
        let days = last.daysSinceEpoch - first.daysSinceEpoch + 1

        let database = try AppDatabase.open(dataDirectory: directory)
        // Generation only: the benchmark measures reads, and fsync per batch would make this take hours.
        try await database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        // A directory generated before gets more data (e.g. HAILONG_BENCH_RESPONSES=0 to add
        // only feedback items); an empty one gets the demo structure first.
        _ = try await database.seedDemo(now: first.start)
        let forms = try await FormRegistry.load(directory: TestServer.repoRoot.appendingPathComponent("Forms").path, database: database, now: first.start)
        try await database.seedCalendars(HolidayCalendar.shipped)
        let unit = try #require(try await database.unit(code: "tam-phuoc"))
        let unitId = try #require(unit.id)
        let form = try #require(forms.current(id: unit.formId))
        let meta = form.questionMeta
        let counters = try await database.counters(unitId: unitId).map(\.code)
        let officers = try await database.officers(unitId: unitId).map(\.code)
        let procedures = try await database.procedures().map(\.code)
        let detailQuestions = form.questions.filter { $0.type == .rating && !$0.isOverall }.map(\.id)

        // Ratings: 16 writers at a time, as counters would; a quarter also answer the details.
        try await withThrowingTaskGroup(of: Void.self) { group in
            let writers = 16
            for writer in 0..<writers {
                group.addTask {
                    var random = Random(state: UInt64(writer + 1))
                    for index in stride(from: writer, to: responses, by: writers) {
                        let day = first.adding(days: index * days / responses)
                        let now = day.start.addingTimeInterval(TimeInterval(7 * 3600 + random.next(10 * 3600)))
                        let counter = random.next(counters.count)
                        let ticket = try await database.issueTicket(
                            TicketRequest(
                                unitId: unitId, counter: counters[counter], officer: officers[(counter + random.next(2)) % officers.count],
                                procedure: procedures[random.next(procedures.count)], lifetime: 3600, now: now))
                        var levels = ["overall": [3, 3, 3, 3, 3, 3, 2, 2, 2, 1][random.next(10)]]
                        if random.next(4) == 0 {
                            for question in detailQuestions { levels[question] = [5, 5, 4, 4, 4, 3, 2, 0][random.next(8)] }
                            levels[ReturnVisitsFigure.questionId] = [0, 0, 0, 0, 1, 2][random.next(6)]
                        }
                        let answers = PreparedAnswers(formId: form.id, formVersion: form.version, questions: meta, levels: levels, texts: [:])
                        _ = try await database.recordResponse(
                            token: ticket.token, submissionKey: TokenGenerator.timeOrderedKey(now: now) + "\(index)", channel: .web, now: now,
                            detailsWindow: 1800
                        ) { _ in answers }
                    }
                }
            }
            try await group.waitForAll()
        }

        // Feedback: one in five anonymous; nine in ten clocked items handled, most in time.
        var random = Random(state: 99)
        let kinds: [FeedbackKind] = [.gopY, .gopY, .phanAnh, .phanAnh, .kienNghi]
        let categories: [FeedbackCategory] = [.chamTre, .thuTuc, .phi, .coSo, .khac, .thaiDo]
        for index in 0..<feedbackItems {
            let day = first.adding(days: index * days / feedbackItems)
            let receivedAt = day.start.addingTimeInterval(TimeInterval(8 * 3600 + random.next(8 * 3600)))
            let anonymous = random.next(5) == 0
            let item = try await database.receiveFeedback(
                FeedbackIntake(
                    unitId: unitId, kind: kinds[random.next(kinds.count)], category: categories[random.next(categories.count)], channel: .web,
                    description: "Phản ánh số \(index)", officerCode: officers[random.next(officers.count)], isAnonymous: anonymous,
                    receivedAt: receivedAt, actor: "bench"),
                limits: .standard, links: Self.links, now: receivedAt)
            guard !anonymous, random.next(10) > 0 else { continue }
            let handledAt = receivedAt.addingTimeInterval(TimeInterval(86_400 * (1 + random.next(16))))
            guard handledAt < last.start else { continue }
            _ = try await database.applyFeedbackAction(
                code: item.code, action: .resolve, fields: FeedbackActionFields(result: "Đã trả lời"), actor: "bench", now: handledAt, limits: .standard,
                links: Self.links
            ) { _ in }
        }
    }
}
