import Domain
import Foundation
import Hummingbird
import Logging
import Prometheus
import Storage
import Synchronization

/// The service's Prometheus metrics. Each application owns its registry (no global
/// bootstrap), so tests can build many applications in one process. Names follow
/// Prometheus' conventions (`_total` counters, `_seconds` and `_bytes` units, help text), so
/// `promtool check metrics` accepts them (`make test` runs it).
public final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let ratingsWeb: Prometheus.Counter
    private let ratingsAPI: Prometheus.Counter
    private let ratingsKiosk: Prometheus.Counter
    private let tickets: Prometheus.Counter
    /// Responses by status class 1xx...5xx, made once: this runs on every request.
    private let statusClasses: [Prometheus.Counter]
    /// One latency histogram per route pattern and method (never the path itself: it holds
    /// tokens and tracking codes), made on first use.
    private let latencies = Mutex<[String: DurationHistogram]>([:])
    private let databaseBytes: Gauge
    private let walBytes: Gauge
    private let batches: Gauge
    private let batchedWrites: Gauge
    private let residentBytes: Gauge
    private let mallocInUseBytes: Gauge
    private let mallocFreeBytes: Gauge
    private let sqliteBytes: Gauge
    private let sqliteHighWaterBytes: Gauge

    /// Request latency buckets: the rating page is served in about a millisecond, a report
    /// may take a second.
    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    init() {
        let registry = self.registry
        func counter(_ name: String, _ help: String, _ labels: [(String, String)] = []) -> Prometheus.Counter {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "hailong", metricName: name, unitName: "", helpText: help), labels: labels)
        }
        func gauge(_ name: String, _ help: String, namespace: String = "hailong") -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(namespace: namespace, metricName: name, unitName: "", helpText: help), labels: [])
        }
        let ratingsHelp = "Ratings recorded durably, by channel."
        ratingsWeb = counter("ratings_recorded_total", ratingsHelp, [("channel", "web")])
        ratingsAPI = counter("ratings_recorded_total", ratingsHelp, [("channel", "api")])
        ratingsKiosk = counter("ratings_recorded_total", ratingsHelp, [("channel", "kiosk")])
        tickets = counter("tickets_issued_total", "Single-use rating tickets issued.")
        statusClasses = (1...5).map { counter("http_responses_total", "HTTP responses by status class.", [("class", "\($0)xx")]) }
        databaseBytes = gauge("database_size_bytes", "Size of the SQLite database file.")
        walBytes = gauge("database_wal_size_bytes", "Size of the SQLite write-ahead log.")
        batches = gauge("write_batches_committed", "Transactions committed by the group-commit writer since start.")
        batchedWrites = gauge("batched_writes_committed", "Writes committed by the group-commit writer since start; divided by batches, the mean batch size.")
        // The conventional name, so dashboards made for any process find it.
        residentBytes = gauge("resident_memory_bytes", "Resident memory size of the process.", namespace: "process")
        mallocInUseBytes = gauge("malloc_in_use_bytes", "Bytes allocated through the C allocator and not yet freed (a leak grows this).")
        mallocFreeBytes = gauge("malloc_free_bytes", "Bytes the C allocator holds free for reuse (not a leak; counted whether resident or already trimmed).")
        sqliteBytes = gauge("sqlite_memory_used_bytes", "Bytes SQLite holds: page caches, statements, schema.")
        sqliteHighWaterBytes = gauge("sqlite_memory_highwater_bytes", "The most bytes SQLite has held at once since start.")
    }

    func ratingRecorded(channel: ResponseChannel) {
        switch channel {
        case .web: ratingsWeb.increment()
        case .api: ratingsAPI.increment()
        case .kiosk: ratingsKiosk.increment()
        }
    }

    func ticketIssued() { tickets.increment() }

    /// A feedback item received, by channel (never its content).
    func feedbackReceived(channel: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "hailong", metricName: "feedback_received_total", unitName: "",
                helpText: "Feedback items received, by channel."),
            labels: [("channel", channel)]
        ).increment()
    }

    /// A refused submission, by a code that says why and never what was submitted.
    func refused(reason: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "hailong", metricName: "submissions_refused_total", unitName: "",
                helpText: "Submissions refused, by reason code."),
            labels: [("reason", reason)]
        ).increment()
    }

    func responded(status: Int) {
        statusClasses[min(max(status / 100, 1), 5) - 1].increment()
    }

    func observe(route: String, method: String, duration: Duration) {
        let key = method + " " + route
        let histogram = latencies.withLock { cache in
            if let existing = cache[key] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "hailong", metricName: "http_request_duration", unitName: "seconds",
                    helpText: "Time to answer a request, by route pattern and method."),
                labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets)
            cache[key] = made
            return made
        }
        histogram.record(duration)
    }

    /// The exposition text, with the database's sizes, the writer's counts and the memory
    /// figures read now.
    func text(database: AppDatabase) async -> String {
        let sizes = database.fileSizes()
        databaseBytes.set(Int64(sizes.database))
        walBytes.set(Int64(sizes.wal))
        let counts = await database.writeBatchCounts()
        batches.set(Int64(counts.batches))
        batchedWrites.set(Int64(counts.writes))
        let memory = ProcessMemory.read()
        residentBytes.set(memory.resident)
        mallocInUseBytes.set(memory.mallocInUse)
        mallocFreeBytes.set(memory.mallocFree)
        sqliteBytes.set(SQLiteMemory.used)
        sqliteHighWaterBytes.set(SQLiteMemory.highWater)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Counts responses by status class and times each route; writes the access log line
/// (request id, route pattern, method, status, milliseconds - never the path, the query or
/// a body: they may hold tokens, codes or a citizen's words).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: AppMetrics
    /// `.info` for JSON logs meant for a collector; `.debug` otherwise, so a terminal is not
    /// flooded.
    let accessLogLevel: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            record(request, context: context, status: status, since: start)
            return response
        } catch {
            status = Int(AppError(from: error).status.code)
            record(request, context: context, status: status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.responded(status: status)
        metrics.observe(route: route, method: request.method.rawValue, duration: elapsed)
        let milliseconds = Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds) * 1000
        context.logger.log(
            level: accessLogLevel, "request",
            metadata: [
                "route": "\(route)", "method": "\(request.method.rawValue)", "status": "\(status)",
                "duration_ms": "\((milliseconds * 1000).rounded() / 1000)",
            ])
    }
}
