import Foundation
import GRDB
import Synchronization

/// What a rating page names besides its ticket - units, counters (also by poster token),
/// procedures and sectors - held in memory, so the page a citizen opens reads at most the
/// ticket's own row and a poster's page reads nothing.
///
/// Why: these tables change only when an administrator edits the structure, while the
/// rating pages are the most opened pages of the service; joining and decoding five records
/// per view was most of a ticket page's cost (bench/README.md).
///
/// This observer of the writer forgets the snapshot when a transaction that changed one of
/// the tables commits, and a snapshot read before such a commit is not kept (`generation`),
/// so a changed counter or unit is never served from memory once its change is committed.
/// Another process writing those tables would not be seen; no `hailong` command does.
final class RatingStructure: TransactionObserver, Sendable {
    struct Snapshot: Sendable {
        var units: [Int64: Unit] = [:]
        var counters: [Int64: Counter] = [:]
        var posters: [String: Counter] = [:]
        var procedures: [Int64: Procedure] = [:]
        var sectors: [Int64: Sector] = [:]

        /// The target of a counter's poster token, if it is one.
        func posterTarget(_ token: String) -> RatingTarget? {
            guard let counter = posters[token], let unit = units[counter.unitId] else { return nil }
            return RatingTarget(
                kind: .poster, token: token, unit: unit, counter: counter, officerId: nil, procedure: nil, sector: nil,
                state: counter.active ? .open : .expired, ticketId: nil, expiresAt: nil)
        }

        /// A ticket's target from its own columns, or nil when it names a unit, counter or
        /// procedure newer than the snapshot (the caller then reads it whole).
        func ticketTarget(_ token: String, _ ticket: RecentRecords.TicketEntry, used: Bool, now: Date) -> RatingTarget? {
            let procedure = ticket.procedureId.flatMap { procedures[$0] }
            guard let unit = units[ticket.unitId], let counter = counters[ticket.counterId], ticket.procedureId == nil || procedure != nil
            else { return nil }
            let sector = (ticket.sectorId ?? procedure?.sectorId).flatMap { sectors[$0] }
            return RatingTarget(
                kind: .ticket, token: token, unit: unit, counter: counter, officerId: ticket.officerId, procedure: procedure, sector: sector,
                state: used ? .used : (ticket.expiresAt <= now ? .expired : .open), ticketId: ticket.id, expiresAt: ticket.expiresAt)
        }
    }

    private struct Held {
        var snapshot: Snapshot?
        var generation = 0
    }

    static let tables: Set<String> = ["units", "counters", "procedures", "sectors"]
    private let heldState = Mutex(Held())
    /// Whether the writer's current transaction changed a watched table (writer thread only).
    private let touched = Mutex(false)

    /// The snapshot, read in `db` (a read transaction) when none is held.
    func snapshot(_ db: Database) throws -> Snapshot {
        let (current, generation) = heldState.withLock { ($0.snapshot, $0.generation) }
        if let current { return current }
        var snapshot = Snapshot()
        for unit in try Unit.fetchAll(db) { if let id = unit.id { snapshot.units[id] = unit } }
        for counter in try Counter.fetchAll(db) {
            if let id = counter.id { snapshot.counters[id] = counter }
            snapshot.posters[counter.posterToken] = counter
        }
        for procedure in try Procedure.fetchAll(db) { if let id = procedure.id { snapshot.procedures[id] = procedure } }
        for sector in try Sector.fetchAll(db) { if let id = sector.id { snapshot.sectors[id] = sector } }
        heldState.withLock { held in
            if held.generation == generation { held.snapshot = snapshot }
        }
        return snapshot
    }

    /// The snapshot if one is held, without reading anything.
    var held: Snapshot? { heldState.withLock { $0.snapshot } }

    /// Whether a snapshot is held (for tests).
    var isHeld: Bool { held != nil }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Self.tables.contains(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        touched.withLock { $0 = true }
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        guard touched.withLock({ changed in defer { changed = false }; return changed }) else { return }
        heldState.withLock { held in
            held.snapshot = nil
            held.generation += 1
        }
    }

    func databaseDidRollback(_ db: Database) {
        touched.withLock { $0 = false }
    }
}
