import Foundation
import Hummingbird
import Metrics
import Prometheus

/// The service's Prometheus metrics. Each application owns its registry (no global
/// bootstrap), so tests can build many applications in one process.
public final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let ratingsWeb: Prometheus.Counter
    private let ratingsAPI: Prometheus.Counter
    private let tickets: Prometheus.Counter
    /// Responses by status class 1xx...5xx, made once: this runs on every request.
    private let statusClasses: [Prometheus.Counter]

    init() {
        ratingsWeb = registry.makeCounter(name: "hailong_ratings_recorded_total", labels: [("channel", "web")])
        ratingsAPI = registry.makeCounter(name: "hailong_ratings_recorded_total", labels: [("channel", "api")])
        tickets = registry.makeCounter(name: "hailong_tickets_issued_total")
        let registry = self.registry
        statusClasses = (1...5).map { registry.makeCounter(name: "hailong_http_responses_total", labels: [("class", "\($0)xx")]) }
    }

    func ratingRecorded(channel: String) {
        (channel == "api" ? ratingsAPI : ratingsWeb).increment()
    }

    func ticketIssued() { tickets.increment() }

    /// A feedback item received, by channel (never its content).
    func feedbackReceived(channel: String) {
        registry.makeCounter(name: "hailong_feedback_received_total", labels: [("channel", channel)]).increment()
    }

    /// A refused submission, by a code that says why and never what was submitted.
    func refused(reason: String) {
        registry.makeCounter(name: "hailong_submissions_refused_total", labels: [("reason", reason)]).increment()
    }

    func responded(status: Int) {
        statusClasses[min(max(status / 100, 1), 5) - 1].increment()
    }

    func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Counts responses by status class.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: AppMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.responded(status: response.status.code)
            return response
        } catch {
            metrics.responded(status: AppError(from: error).status.code)
            throw error
        }
    }
}
