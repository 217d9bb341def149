import Domain
import Foundation
import GRDB

/// A rating tablet bound to one counter (issue 12). Its credential and pairing code are kept
/// only as SHA-256 hashes.
public struct KioskDevice: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "kioskDevices"
    public var id: Int64?
    public var unitId: Int64
    public var counterId: Int64
    public var name: String
    /// After the overall question, ask one question of each of the five factors.
    public var askFactors: Bool
    public var credentialHash: String?
    public var pairingCodeHash: String?
    public var pairingExpiresAt: Date?
    public var pairingUsedAt: Date?
    public var createdAt: Date
    public var createdBy: String
    public var pairedAt: Date?
    public var lastSeenAt: Date?
    public var lastCountedTapAt: Date?
    public var revokedAt: Date?

    public enum Columns: String, ColumnExpression {
        case id, unitId, counterId, name, askFactors, credentialHash, pairingCodeHash, pairingExpiresAt, pairingUsedAt, createdAt, createdBy,
            pairedAt, lastSeenAt, lastCountedTapAt, revokedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// A pairing code that can still be typed on a tablet.
    public func pairingOpen(now: Date) -> Bool {
        revokedAt == nil && pairingCodeHash != nil && pairingUsedAt == nil && (pairingExpiresAt.map { $0 > now } ?? false)
    }
}

/// A device with its counter and unit: what a tablet's request is about.
public struct KioskContext: Sendable, Equatable {
    public var device: KioskDevice
    public var counter: Counter
    public var unit: Unit
}

/// The ticket a tablet shows: the newest of its counter while it is open.
public struct KioskTicket: Sendable, Equatable {
    public var token: String
    public var procedure: LocalizedText?
}

/// A tap as the tablet sent it, with the server's time of it.
public struct KioskTapRequest: Sendable {
    public var deviceId: Int64
    /// The tablet's idempotency key of this tap.
    public var key: String
    /// The ticket the screen showed when the tap was made; nil on the idle screen.
    public var ticketToken: String?
    /// When the tap was made, on the server's clock (`KioskTapTiming.tapTime`).
    public var tapTime: Date
    public var timing: KioskTapTiming
    public var now: Date
    public var detailsWindow: TimeInterval

    public init(
        deviceId: Int64, key: String, ticketToken: String?, tapTime: Date, timing: KioskTapTiming, now: Date, detailsWindow: TimeInterval
    ) {
        self.deviceId = deviceId
        self.key = key
        self.ticketToken = ticketToken
        self.tapTime = tapTime
        self.timing = timing
        self.now = now
        self.detailsWindow = detailsWindow
    }
}

/// What became of a tap.
public enum KioskTapOutcome: Sendable, Equatable {
    /// A new response; `ticketed` when it rated a ticket (else a poster-like rating).
    case recorded(responseId: Int64, ticketed: Bool)
    /// An idle-screen tap inside the minimum interval: kept in the ledger, not counted.
    case notCounted
    /// The same key again: nothing written; `counted` tells what the first one became.
    case repeated(counted: Bool)
}

/// Why a pairing, a tap or a device change was refused. Nothing is written in any case.
public enum KioskError: Error, Equatable, Sendable {
    case wrongCode
    case codeExpired
    case codeUsed
    case revoked
    /// The counter is out of service.
    case counterInactive
    /// The ticket is not one of this device's counter.
    case ticketElsewhere
    /// Details for a key the device never sent.
    case unknownTap
    /// A device for a counter of another unit, or none.
    case unknownCounter
}
