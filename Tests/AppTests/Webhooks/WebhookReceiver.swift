import Crypto
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP receiver on 127.0.0.1 (a random port) that checks every delivery as a
/// partner system would: the signature over `<timestamp>.<body>` with the shared secret,
/// recomputed here with swift-crypto (not the server's signer), and a timestamp within five
/// minutes of the test clock. It answers 500 to the first `failures` good deliveries, then
/// 204; a delivery with a bad signature or a stale timestamp gets 401.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let event: String
        let timestamp: Int
        let signatureValid: Bool
        let body: [String: String]
        let bodyText: String
        let contentType: String
        let answered: Int
    }

    let secret: String
    private let clock: ManualClock
    private let failures: Int
    private let state = Mutex<[Delivery]>([])
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    private let boundPort: Mutex<Int?> = Mutex(nil)

    init(secret: String, clock: ManualClock, failures: Int = 0) {
        self.secret = secret
        self.clock = clock
        self.failures = failures
    }

    var deliveries: [Delivery] { state.withLock { $0 } }
    /// Deliveries it accepted (2xx).
    var accepted: [Delivery] { deliveries.filter { (200..<300).contains($0.answered) } }
    var url: String { "http://127.0.0.1:\(boundPort.withLock { $0 } ?? 0)/hooks" }

    /// Starts listening; returns once the port is bound.
    func start() async throws {
        let router = Router()
        router.post("/hooks") { [self] request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let bodyText = String(buffer: buffer)
            let timestamp = Int(request.headers[HTTPField.Name("X-HaiLong-Timestamp")!] ?? "") ?? -1
            let signature = request.headers[HTTPField.Name("X-HaiLong-Signature")!] ?? ""
            let expected =
                "sha256="
                + HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(bodyText)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
                .map { String(format: "%02x", $0) }.joined()
            let valid = signature == expected
            let fresh = abs(Double(timestamp) - clock.now.timeIntervalSince1970) <= 300
            let object = (try? JSONSerialization.jsonObject(with: Data(bodyText.utf8))) as? [String: Any] ?? [:]
            let status: Int = state.withLock { list in
                let status = !(valid && fresh) ? 401 : (list.filter { $0.signatureValid }.count < failures ? 500 : 204)
                list.append(
                    Delivery(
                        event: request.headers[HTTPField.Name("X-HaiLong-Event")!] ?? "", timestamp: timestamp, signatureValid: valid && fresh,
                        body: object.mapValues { "\($0)" }, bodyText: bodyText, contentType: request.headers[.contentType] ?? "", answered: status))
                return status
            }
            return Response(status: HTTPResponse.Status(code: status))
        }
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in readyContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        for await port in ready {
            boundPort.withLock { $0 = port }
            break
        }
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }
}
