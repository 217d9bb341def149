import Hummingbird
import Storage

/// `GET /healthz` (touches no database: it says the process serves) and `GET /metrics`.
struct HealthController: Sendable {
    let metrics: AppMetrics
    let database: AppDatabase

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(SiteURL.healthz.route) { _, _ in "ok" }
        router.get(SiteURL.metrics.route) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: await metrics.text(database: database))))
        }
    }
}
