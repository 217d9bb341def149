import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import Storage

/// What a tablet needs to know of its counter: the open ticket, if any, and its procedure.
/// The event stream and the polling fallback send the same JSON.
struct KioskState: Codable, Equatable, Sendable {
    var ticket: String?
    var procedure: String?
    var procedureEn: String?

    init(_ ticket: KioskTicket?) {
        self.ticket = ticket?.token
        procedure = ticket?.procedure?.vi
        procedureEn = ticket?.procedure.map { $0.en.isEmpty ? $0.vi : $0.en }
    }

    /// Every key, null when empty: the idle state reads `"ticket": null`, not a missing key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(procedure, forKey: .procedure)
        try container.encode(procedureEn, forKey: .procedureEn)
    }
}

/// `GET /kiosk/events`: Server-Sent Events of the counter's ticket. The first event is the
/// state now; another follows each change, at once when this process changed it (the
/// database's `CounterSignals`), or at the next look (every few seconds) for what no signal
/// tells, such as an expiry. A comment every 15 s keeps proxies and the tablet sure the line
/// is alive. Each stream ends after `length` or at a graceful shutdown; the browser's
/// EventSource reconnects by itself after `retry`, also after a restart.
struct KioskTicketStream: Sendable {
    let database: AppDatabase
    /// How long a ticket stays the counter's transaction (see `AppDatabase.kioskTicket`).
    let window: TimeInterval
    let length: TimeInterval
    let clock: any WallClock

    static let retryMilliseconds = 3000
    static let heartbeat: Duration = .seconds(15)

    func response(counterId: Int64) -> Response {
        let database = database, window = window, clock = clock
        let length = Duration.milliseconds(Int64(length * 1000))
        let look = min(Duration.seconds(5), length)
        let body = ResponseBody { writer in
            let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let signals = database.counterSignals.listen(counterId: counterId)
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await _ in signals { wake.yield() }
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: look)
                            wake.yield()
                        }
                    }
                    let started = ContinuousClock.now
                    var lastWrite = started
                    var sent: KioskState?
                    try await writer.write(ByteBuffer(string: "retry: \(Self.retryMilliseconds)\n\n"))
                    wake.yield()
                    for await _ in wakes {
                        let state = KioskState(try await database.kioskTicket(counterId: counterId, now: clock.now, window: window))
                        if state != sent {
                            let data = String(decoding: try JSONBody.encoder.encode(state), as: UTF8.self)
                            try await writer.write(ByteBuffer(string: "event: state\ndata: \(data)\n\n"))
                            sent = state
                            lastWrite = .now
                        } else if ContinuousClock.now - lastWrite >= Self.heartbeat {
                            try await writer.write(ByteBuffer(string: ": ping\n\n"))
                            lastWrite = .now
                        }
                        if ContinuousClock.now - started >= length { break }
                    }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                wake.finish()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            // nginx would hold the events in its buffer: X-Accel-Buffering turns that off for this response.
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", Self.accelBuffering: "no"], body: body)
    }

    // A valid field name, so the fallback is never taken.
    static let accelBuffering = HTTPField.Name("X-Accel-Buffering") ?? .cacheControl
}
