import Foundation
import Storage
import Synchronization

/// When each tablet was last heard from, for the devices screen. A tablet asks every few
/// seconds (its event stream, its polls); the database is told at most once a minute per
/// device, so being seen costs no write per request.
final class KioskPresence: Sendable {
    static let writeEvery: TimeInterval = 60
    private let written = Mutex<[Int64: Date]>([:])
    let database: AppDatabase

    init(database: AppDatabase) {
        self.database = database
    }

    func seen(deviceId: Int64, now: Date) async {
        let due = written.withLock { written in
            if let last = written[deviceId], now.timeIntervalSince(last) < Self.writeEvery, now >= last { return false }
            written[deviceId] = now
            return true
        }
        // Last-seen is information for people, not a record: a failed write (a full disk) must
        // not refuse the tablet its screen, and the next minute tries again.
        if due { try? await database.touchKioskDevice(id: deviceId, now: now) }
    }
}
