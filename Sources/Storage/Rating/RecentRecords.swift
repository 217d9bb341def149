import Foundation
import GRDB
import Synchronization

/// The single-use tickets this process issued and the responses it recorded, held in memory
/// from the commit that wrote them until anything changes their rows, so a ticket's rating
/// page and the details page after a rating read nothing from the database.
///
/// Why: a citizen's visit is the ticket's page, the rating, and the details page. With the
/// centre's structure in memory (`RatingStructure`) the two pages' only database work was
/// one read transaction each for a row this process had just written; that read was a
/// third of a page's cost (bench/README.md).
///
/// Coherence, as the writer sees it:
/// - Entries are staged inside the writing transaction and published by `databaseDidCommit`,
///   on the writer's connection right after COMMIT and before any other write can begin; a
///   rolled-back transaction publishes nothing, and the group-commit writer drops a failed
///   job's entries with its savepoint (`keepJob` / `dropJob`, as `RollupBatch`).
/// - Any update or delete of a held ticket or response forgets it at once, inside the
///   transaction (its using a ticket, adding details, a retention job). A page that misses
///   reads the database, which shows the last committed state; pages never fill the cache,
///   so nothing read before a commit can be put back after it.
/// - A change to any answer, or to counters (a poster's token), forgets every response:
///   both are rare administrative writes, and the responses' overall answer and poster
///   token are held here.
/// Another process writing these tables would not be seen; no `hailong` command does (the
/// others write users, API keys and webhooks; `restore` makes a new data directory).
///
/// At most `capacity` of each are held, the oldest forgotten first: 16,384 tickets and as many
/// responses take about 11 MB (some 350 bytes each, measured), and cover many days of a busy
/// centre (tickets live a day, the details window 30 minutes). The insertion order also keeps
/// the keys of forgotten entries until a compaction: up to twice the capacity, 2 MB more.
final class RecentRecords: TransactionObserver, Sendable {
    /// A ticket's columns the rating page needs; an unused ticket (using one forgets it).
    struct TicketEntry: Sendable, Equatable {
        var id: Int64
        var unitId: Int64
        var counterId: Int64
        var officerId: Int64?
        var procedureId: Int64?
        var sectorId: Int64?
        /// The local day it was issued (`YYYY-MM-DD`): the `ticketCounts` row its rating answers.
        var issuedDay: String
        var expiresAt: Date
    }

    /// A recorded response as `recordedResponse` reads it, with the token it was made on.
    struct ResponseEntry: Sendable {
        var token: String
        var response: RecordedResponse
        /// Its answers' levels, for the overall one a caller names.
        var levels: [(questionId: String, level: Int)]
    }

    private struct Held {
        var tickets = OrderedStore<String, TicketEntry>()
        var responses = OrderedStore<String, ResponseEntry>()
        /// Ticket and response ids of the held entries, for forgetting them by row id.
        var ticketTokens: [Int64: String] = [:]
        var responseKeys: [Int64: String] = [:]
        /// Staged by the current transaction's current job, and by its finished jobs.
        var jobTickets: [(String, TicketEntry)] = []
        var jobResponses: [(String, ResponseEntry)] = []
        var batchTickets: [(String, TicketEntry)] = []
        var batchResponses: [(String, ResponseEntry)] = []
        /// Row ids forgotten in the current transaction: a staged entry they name is not published.
        var forgottenTickets: Set<Int64> = []
        var forgottenResponses: Set<Int64> = []
        var forgetAllResponses = false

        mutating func forgetResponse(key: String) {
            if let entry = responses.remove(key) { responseKeys[entry.response.responseId] = nil }
        }

        mutating func endTransaction() {
            jobTickets.removeAll()
            jobResponses.removeAll()
            batchTickets.removeAll(keepingCapacity: true)
            batchResponses.removeAll(keepingCapacity: true)
            forgottenTickets.removeAll()
            forgottenResponses.removeAll()
            forgetAllResponses = false
        }
    }

    let capacity: Int
    private let held = Mutex(Held())

    init(capacity: Int = 16_384) {
        self.capacity = capacity
    }

    // MARK: Reading (any thread)

    func ticket(_ token: String) -> TicketEntry? {
        held.withLock { $0.tickets[token] }
    }

    /// The response `key` made on `token`, as `AppDatabase.recordedResponse` would read it.
    func response(token: String, key: String, overallQuestionIds: [String]) -> RecordedResponse? {
        guard let entry = held.withLock({ $0.responses[key] }), entry.token == token else { return nil }
        var response = entry.response
        response.overallLevel = overallQuestionIds.isEmpty ? nil : entry.levels.first { overallQuestionIds.contains($0.questionId) }?.level
        return response
    }

    var counts: (tickets: Int, responses: Int) {
        held.withLock { ($0.tickets.count, $0.responses.count) }
    }

    // MARK: Staging (the writer, inside a transaction)

    func stage(ticket: Ticket) {
        guard let id = ticket.id, ticket.usedAt == nil else { return }
        let entry = TicketEntry(
            id: id, unitId: ticket.unitId, counterId: ticket.counterId, officerId: ticket.officerId, procedureId: ticket.procedureId,
            sectorId: ticket.sectorId, issuedDay: ticket.issuedDay, expiresAt: Self.stored(ticket.expiresAt))
        held.withLock { $0.jobTickets.append((ticket.token, entry)) }
    }

    func stage(response: ResponseEntry, key: String) {
        held.withLock { $0.jobResponses.append((key, response)) }
    }

    /// The group-commit writer's job boundaries: a job's savepoint released keeps what it
    /// staged for the commit; one rolled back drops it.
    func keepJob() {
        held.withLock { state in
            state.batchTickets += state.jobTickets
            state.batchResponses += state.jobResponses
            state.jobTickets.removeAll()
            state.jobResponses.removeAll()
        }
    }

    func dropJob() {
        held.withLock { state in
            state.jobTickets.removeAll()
            state.jobResponses.removeAll()
        }
    }

    /// A time as it reads back from its column: GRDB stores milliseconds.
    static func stored(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert: false
        case .update(let table, _), .delete(let table): ["tickets", "responses", "answers", "counters"].contains(table)
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        held.withLock { state in
            switch event.tableName {
            case "tickets":
                state.forgottenTickets.insert(event.rowID)
                if let token = state.ticketTokens.removeValue(forKey: event.rowID) { state.tickets.remove(token) }
                // (A ticket with a response cannot be deleted: the response's foreign key.)
            case "responses":
                state.forgottenResponses.insert(event.rowID)
                if let key = state.responseKeys[event.rowID] { state.forgetResponse(key: key) }
            default:
                state.forgetAllResponses = true
                state.responses.removeAll()
                state.responseKeys.removeAll()
            }
        }
    }

    func databaseDidCommit(_ db: Database) {
        let capacity = capacity
        held.withLock { state in
            // Jobs outside the group-commit writer have no job boundary: what they staged
            // commits with their transaction.
            state.batchTickets += state.jobTickets
            state.batchResponses += state.jobResponses
            for (token, entry) in state.batchTickets where !state.forgottenTickets.contains(entry.id) {
                if let dropped = state.tickets.insert(token, entry, capacity: capacity) { state.ticketTokens[dropped.id] = nil }
                state.ticketTokens[entry.id] = token
            }
            if !state.forgetAllResponses {
                for (key, entry) in state.batchResponses where !state.forgottenResponses.contains(entry.response.responseId) {
                    if let dropped = state.responses.insert(key, entry, capacity: capacity) { state.responseKeys[dropped.response.responseId] = nil }
                    state.responseKeys[entry.response.responseId] = key
                }
            }
            state.endTransaction()
        }
    }

    func databaseDidRollback(_ db: Database) {
        held.withLock { $0.endTransaction() }
    }
}

/// A dictionary that remembers the order of its writes, to forget the oldest entry past a
/// capacity. A removed or replaced key's place stays in `order` (removal is O(1)) and is
/// recognised as stale by its serial; the places are compacted once the stale ones outnumber
/// the live entries, so `order` never holds more than twice what is held (plus a little).
struct OrderedStore<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var value: Value
        var serial: Int
    }
    private struct Place: Sendable {
        var key: Key
        var serial: Int
    }
    private var values: [Key: Slot] = [:]
    private var order: [Place] = []
    private var head = 0
    private var serial = 0

    var count: Int { values.count }

    /// Places kept in the order, live or stale (for the tests of its bound).
    var places: Int { order.count }

    subscript(key: Key) -> Value? { values[key]?.value }

    /// Inserts, or replaces as the newest; returns the oldest value it forgot to stay within
    /// `capacity`.
    mutating func insert(_ key: Key, _ value: Value, capacity: Int) -> Value? {
        serial += 1
        values[key] = Slot(value: value, serial: serial)
        order.append(Place(key: key, serial: serial))
        var dropped: Value?
        while values.count > capacity, head < order.count {
            let oldest = order[head]
            head += 1
            // A place whose key was removed or written again since is stale: not the oldest.
            if values[oldest.key]?.serial == oldest.serial { dropped = values.removeValue(forKey: oldest.key)?.value }
        }
        if order.count - values.count > max(values.count, 64) {
            order = order[head...].filter { values[$0.key]?.serial == $0.serial }
            head = 0
        }
        return dropped
    }

    @discardableResult
    mutating func remove(_ key: Key) -> Value? {
        values.removeValue(forKey: key)?.value
    }

    mutating func removeAll() {
        values.removeAll()
        order.removeAll()
        head = 0
    }
}
