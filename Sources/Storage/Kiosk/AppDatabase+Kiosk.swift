import Domain
import Foundation
import GRDB

/// The rating tablets (issue 12): enrolment by a one-time code, the ticket a tablet shows,
/// and its taps, each recorded once by the key the tablet gave it.
extension AppDatabase {
    // MARK: enrolment

    /// Creates a device for a counter of `unitId`, with a pairing code valid ten minutes.
    public func createKioskDevice(
        unitId: Int64, counterId: Int64, name: String, askFactors: Bool, actor: StaffUser, now: Date
    ) async throws -> (device: KioskDevice, code: PairingCode) {
        try await pool.write { db in
            guard let counter = try Counter.fetchOne(db, key: counterId), counter.unitId == unitId else { throw KioskError.unknownCounter }
            let code = try Self.unusedPairingCode(db)
            var device = KioskDevice(
                id: nil, unitId: unitId, counterId: counterId, name: name, askFactors: askFactors, credentialHash: nil,
                pairingCodeHash: Self.hash(code.symbols), pairingExpiresAt: now.addingTimeInterval(PairingCode.lifetime), pairingUsedAt: nil,
                createdAt: now, createdBy: actor.username, pairedAt: nil, lastSeenAt: nil, lastCountedTapAt: nil, revokedAt: nil)
            try device.insert(db)
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "device.create", target: "device:\(device.id ?? 0)", before: nil,
                after: "counter:\(counter.code) name=\(name)", now: now)
            return (device, code)
        }
    }

    /// A fresh pairing code for a device not revoked: typing it on a tablet binds that tablet
    /// and ends the credential of whichever tablet held the device before.
    public func newPairingCode(deviceId: Int64, actor: StaffUser, now: Date) async throws -> PairingCode {
        try await pool.write { db in
            guard let device = try KioskDevice.fetchOne(db, key: deviceId) else { throw KioskError.unknownCounter }
            guard device.revokedAt == nil else { throw KioskError.revoked }
            let code = try Self.unusedPairingCode(db)
            try db.execute(
                sql: "UPDATE kioskDevices SET pairingCodeHash = ?, pairingExpiresAt = ?, pairingUsedAt = NULL WHERE id = ?",
                arguments: [Self.hash(code.symbols), now.addingTimeInterval(PairingCode.lifetime), deviceId])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "device.code", target: "device:\(deviceId)", before: nil, after: nil, now: now)
            return code
        }
    }

    /// A code no device holds (a clash is one in 10^12, but it would pair the wrong tablet).
    private static func unusedPairingCode(_ db: Database) throws -> PairingCode {
        while true {
            let code = PairingCode.generate()
            if try !KioskDevice.filter(KioskDevice.Columns.pairingCodeHash == hash(code.symbols)).isEmpty(db) { continue }
            return code
        }
    }

    /// Binds the tablet that typed `code` to its device with `credential` (its cookie), of
    /// which only the hash is stored; the code is spent. Wrong, expired and spent codes and
    /// revoked devices are refused.
    public func pairKioskDevice(code: PairingCode, credential: String, now: Date) async throws -> KioskDevice {
        let credentialHash = Self.hash(credential)
        return try await pool.write { db in
            guard var device = try KioskDevice.filter(KioskDevice.Columns.pairingCodeHash == Self.hash(code.symbols)).fetchOne(db) else {
                throw KioskError.wrongCode
            }
            guard device.revokedAt == nil else { throw KioskError.revoked }
            guard device.pairingUsedAt == nil else { throw KioskError.codeUsed }
            guard let expires = device.pairingExpiresAt, now < expires else { throw KioskError.codeExpired }
            device.credentialHash = credentialHash
            device.pairingUsedAt = now
            device.pairedAt = now
            device.lastSeenAt = now
            try device.update(db)
            try Self.audit(db, actor: "kiosk", userId: nil, action: "device.pair", target: "device:\(device.id ?? 0)", before: nil, after: nil, now: now)
            return device
        }
    }

    /// Revokes a device: its tablet is refused from the next request on. Final: a new tablet
    /// gets a new device.
    public func revokeKioskDevice(id: Int64, actor: StaffUser, now: Date) async throws {
        try await pool.write { db in
            guard let device = try KioskDevice.fetchOne(db, key: id), device.revokedAt == nil else { return }
            try db.execute(sql: "UPDATE kioskDevices SET revokedAt = ? WHERE id = ?", arguments: [now, id])
            try Self.audit(
                db, actor: actor.username, userId: actor.id, action: "device.revoke", target: "device:\(id)", before: "active", after: "revoked",
                now: now)
        }
    }

    public func kioskDevice(id: Int64) async throws -> KioskDevice? {
        try await pool.read { db in try KioskDevice.fetchOne(db, key: id) }
    }

    /// A unit's devices with their counters, newest first.
    public func kioskDevices(unitId: Int64) async throws -> [(device: KioskDevice, counter: Counter)] {
        try await pool.read { db in
            let devices = try KioskDevice.filter(KioskDevice.Columns.unitId == unitId).order(KioskDevice.Columns.id.desc).fetchAll(db)
            let counters = try Counter.filter(Counter.Columns.unitId == unitId).fetchAll(db)
            let byId = Dictionary(uniqueKeysWithValues: counters.compactMap { counter in counter.id.map { ($0, counter) } })
            return devices.compactMap { device in byId[device.counterId].map { (device: device, counter: $0) } }
        }
    }

    /// The device a tablet's credential (its cookie) names, revoked or not (the tablet is told which), with
    /// its counter and unit; nil for a credential no device holds.
    public func kioskContext(credential: String) async throws -> KioskContext? {
        let credentialHash = Self.hash(credential)
        return try await pool.read { db in
            guard let device = try KioskDevice.filter(KioskDevice.Columns.credentialHash == credentialHash).fetchOne(db),
                let counter = try Counter.fetchOne(db, key: device.counterId), let unit = try Unit.fetchOne(db, key: device.unitId)
            else { return nil }
            return KioskContext(device: device, counter: counter, unit: unit)
        }
    }

    /// Records that a device was heard from (the devices screen shows it).
    public func touchKioskDevice(id: Int64, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE kioskDevices SET lastSeenAt = ? WHERE id = ?", arguments: [now, id])
        }
    }

    // MARK: the counter's transaction

    /// The ticket a counter's tablet shows: the counter's newest ticket, while it is unused,
    /// unexpired and at most `window` old. Only the newest: an older ticket left unrated
    /// belongs to a citizen who has gone. One indexed look (tickets by counter).
    public func kioskTicket(counterId: Int64, now: Date, window: TimeInterval) async throws -> KioskTicket? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT t.token, t.issuedAt, t.expiresAt, t.usedAt, p.name, p.nameEn FROM tickets t
                            LEFT JOIN procedures p ON p.id = t.procedureId
                            WHERE t.id = (SELECT MAX(id) FROM tickets WHERE counterId = ?)
                            """), arguments: [counterId])
            else { return nil }
            let issuedAt: Date = row["issuedAt"]
            let expiresAt: Date = row["expiresAt"]
            let usedAt: Date? = row["usedAt"]
            guard usedAt == nil, expiresAt > now, issuedAt > now.addingTimeInterval(-window) else { return nil }
            let name: String? = row["name"]
            return KioskTicket(token: row["token"], procedure: name.map { LocalizedText(vi: $0, en: (row["nameEn"] as String?) ?? "") })
        }
    }

    // MARK: taps

    /// Records a tap once. A key seen before returns what it became and writes nothing. A tap
    /// that names a ticket rates that ticket, even if it expired or was retired since (the
    /// tap was made while it was on the screen), as long as it is of this counter, unused and
    /// within the late window; without a ticket it is a poster-like rating of the counter,
    /// counted only outside the minimum interval. `prepare` checks the answers against the
    /// unit's form (it throws to refuse). One transaction with the response and roll-ups.
    public func recordKioskTap(
        _ tap: KioskTapRequest, prepare: @escaping @Sendable (_ slot: RatingSlot) throws -> PreparedAnswers
    ) async throws -> KioskTapOutcome {
        let stamp = Stamp(now: tap.now, detailsWindow: tap.detailsWindow)
        let subscriptions = webhookSubscriptions
        let responseKey = TokenGenerator.timeOrderedKey(now: tap.now)
        let rollups = batcher.rollups
        let (outcome, enqueued, ticketCounter) = try await batcher.write { db -> (KioskTapOutcome, Bool, Int64?) in
            if let earlier = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT outcome FROM kioskTaps WHERE deviceId = ? AND key = ?"), arguments: [tap.deviceId, tap.key])
            {
                return (.repeated(counted: (earlier["outcome"] as String) == "recorded"), false, nil)
            }
            guard let device = try KioskDevice.fetchOne(db, key: tap.deviceId) else { throw KioskError.revoked }
            guard device.revokedAt == nil else { throw KioskError.revoked }
            let slot: Slot
            if let token = tap.ticketToken {
                slot = try Self.kioskTicketSlot(db, token: token, counterId: device.counterId, notBefore: tap.now.addingTimeInterval(-tap.timing.lateWindow))
            } else {
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT c.unitId, c.active, u.formId FROM counters c JOIN units u ON u.id = c.unitId WHERE c.id = ?"),
                        arguments: [device.counterId])
                else { throw KioskError.unknownCounter }
                guard row["active"] as Bool else { throw KioskError.counterInactive }
                slot = Slot(
                    unitId: row["unitId"], counterId: device.counterId, officerId: nil, procedureId: nil, sectorId: nil, ticketId: nil, issuedDay: "",
                    formId: row["formId"], state: .open)
            }
            // The answers first: a tap the form refuses is a 422 whether or not it would count.
            let answers = try prepare(RatingSlot(formId: slot.formId, counterId: slot.counterId, isPoster: slot.ticketId == nil))
            let ledger = try db.cachedStatement(
                sql: "INSERT INTO kioskTaps (deviceId, key, receivedAt, outcome, responseId) VALUES (?, ?, ?, ?, ?)")
            if slot.ticketId == nil {
                guard tap.timing.counts(tapTime: tap.tapTime, lastCounted: device.lastCountedTapAt) else {
                    try ledger.execute(arguments: [tap.deviceId, tap.key, stamp.nowText, "not-counted", nil])
                    return (.notCounted, false, nil)
                }
                let latest = max(tap.tapTime, device.lastCountedTapAt ?? tap.tapTime)
                try db.cachedStatement(sql: "UPDATE kioskDevices SET lastCountedTapAt = ? WHERE id = ?").execute(
                    arguments: [StoredTime.text(latest), tap.deviceId])
            }
            let written = try Self.writeResponse(
                db, slot: slot, channel: .kiosk, submissionKey: responseKey, answers: answers, stamp: stamp, subscriptions: subscriptions,
                rollups: rollups)
            try ledger.execute(arguments: [tap.deviceId, tap.key, stamp.nowText, "recorded", written.responseId])
            try db.cachedStatement(sql: "UPDATE kioskDevices SET lastSeenAt = ? WHERE id = ?").execute(arguments: [stamp.nowText, tap.deviceId])
            let ticketed = slot.ticketId != nil
            return (.recorded(responseId: written.responseId, ticketed: ticketed), written.enqueued, ticketed ? slot.counterId : nil)
        }
        if enqueued { subscriptions.enqueued() }
        if let ticketCounter { counterSignals.changed(counterId: ticketCounter) }
        return outcome
    }

    /// A ticket a tablet rates: of its counter, unused, issued within the late window. Its
    /// expiry does not matter (see `recordKioskTap`).
    private static func kioskTicketSlot(_ db: Database, token: String, counterId: Int64, notBefore: Date) throws -> Slot {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT t.id, t.unitId, t.counterId, t.officerId, t.procedureId, COALESCE(t.sectorId, p.sectorId) AS sectorId,
                          t.issuedDay, t.issuedAt, t.usedAt IS NOT NULL AS used, u.formId
                        FROM tickets t JOIN units u ON u.id = t.unitId LEFT JOIN procedures p ON p.id = t.procedureId
                        WHERE t.token = ?
                        """), arguments: [token]),
            (row["counterId"] as Int64) == counterId
        else { throw KioskError.ticketElsewhere }
        guard !(row["used"] as Bool) else { throw RatingError.ticketUsed }
        guard (row["issuedAt"] as Date) >= notBefore else { throw RatingError.ticketExpired }
        return Slot(
            unitId: row["unitId"], counterId: counterId, officerId: row["officerId"], procedureId: row["procedureId"], sectorId: row["sectorId"],
            ticketId: row["id"], issuedDay: row["issuedDay"], formId: row["formId"], state: .open)
    }

    /// What `attachKioskDetails` did.
    public enum KioskDetailsOutcome: Sendable, Equatable {
        case added
        /// Details were given before: nothing written.
        case repeated
        /// The tap itself was not counted, so there is nothing to add to.
        case notCounted
    }

    /// Adds the factor answers to the response a device's tap made, within the details window;
    /// once only. `prepare` gets the response's form (id, version) and returns its questions'
    /// roll-up facts and the checked answers.
    public func attachKioskDetails(
        deviceId: Int64, key: String, now: Date,
        prepare: @escaping @Sendable (_ formId: String, _ formVersion: Int) throws -> (questions: [String: QuestionMeta], levels: [String: Int])
    ) async throws -> KioskDetailsOutcome {
        let rollups = batcher.rollups
        return try await batcher.write { db in
            guard
                let tap = try Row.fetchOne(
                    db, sql: "SELECT t.outcome, r.id, r.formId, r.formVersion, r.detailsAt, r.detailsUntil FROM kioskTaps t "
                        + "LEFT JOIN responses r ON r.id = t.responseId WHERE t.deviceId = ? AND t.key = ?", arguments: [deviceId, key])
            else { throw KioskError.unknownTap }
            guard let responseId = tap["id"] as Int64? else { return .notCounted }
            if (tap["detailsAt"] as Date?) != nil { return .repeated }
            guard now <= (tap["detailsUntil"] as Date) else { throw RatingError.detailsClosed }
            let prepared = try prepare(tap["formId"], tap["formVersion"])
            try Self.attachAnswers(db, responseId: responseId, questions: prepared.questions, levels: prepared.levels, texts: [:], now: now,
                rollups: rollups)
            return .added
        }
    }
}
