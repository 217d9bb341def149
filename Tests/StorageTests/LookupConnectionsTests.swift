import Foundation
import GRDB
import Synchronization
import Testing

@testable import Storage

/// The citizen pages' look-ups run on kept read-only connections (`LookupConnections`): a
/// kept connection must see every commit made since it was last used, and never write.
@Suite("Look-up connections")
struct LookupConnectionsTests {
    @Test("a kept connection reads each commit made since its last use, by statement or in a transaction")
    func keptConnectionSeesLaterCommits() async throws {
        let store = try TestStore()
        let db = store.db
        try await db.pool.write { db in try db.execute(sql: "CREATE TABLE probe (n INTEGER NOT NULL)") }
        let sum = { (db: Database) in try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(n), 0) FROM probe") ?? -1 }
        #expect(try db.lookups.readStatement(sum) == 0)
        #expect(db.lookups.idleCount == 1)
        for n in 1...3 {
            try await db.pool.write { db in try db.execute(sql: "INSERT INTO probe VALUES (?)", arguments: [n]) }
            #expect(try db.lookups.readStatement(sum) == (1...n).reduce(0, +))
            #expect(try db.lookups.read { db in try sum(db) * 10 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") ?? -1) }
                == (1...n).reduce(0, +) * 10 + n)
        }
        // One caller at a time: one connection, reused.
        #expect(db.lookups.idleCount == 1)
    }

    @Test("a look-up connection cannot write")
    func lookupsAreReadOnly() throws {
        let store = try TestStore()
        #expect(throws: DatabaseError.self) {
            try store.db.lookups.readStatement { db in try db.execute(sql: "CREATE TABLE nope (n INTEGER)") }
        }
    }

    @Test("callers at once each get a connection; no more than the kept number stay open")
    func concurrentCallersAndTheKeptBound() throws {
        let store = try TestStore()
        let lookups = LookupConnections(path: store.path, kept: 2)
        let inside = Mutex(0)
        let most = Mutex(0)
        let results = Mutex<[Int?]>([])
        let done = DispatchGroup()
        // Threads of their own (not a pool sized to the cores), so six really run at once.
        for _ in 0..<6 {
            done.enter()
            Thread {
                let value = try? lookups.readStatement { db -> Int? in
                    let now = inside.withLock { $0 += 1; return $0 }
                    most.withLock { $0 = max($0, now) }
                    Thread.sleep(forTimeInterval: 0.1)
                    inside.withLock { $0 -= 1 }
                    return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets")
                }
                results.withLock { $0.append(value) }
                done.leave()
            }.start()
        }
        done.wait()
        #expect(results.withLock { $0 } == Array(repeating: .some(0), count: 6))
        #expect(most.withLock { $0 } > 2, "callers did not wait for one another")
        #expect(lookups.idleCount == 2)
    }
}
