import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("AppDatabase setup, demo seed and API keys")
struct DatabaseSetupTests {
    @Test("a new database is in WAL mode with synchronous = FULL on the writer")
    func walAndFull() async throws {
        let store = try TestStore()

        #expect(FileManager.default.fileExists(atPath: store.path))
        await #expect(try store.db.journalMode() == "wal")
        // GRDB sets synchronous = NORMAL on a pool's writer; the app must put FULL back.
        await #expect(try store.db.synchronousMode() == 2)
    }

    @Test("synchronous stays FULL after writes through the batcher and after reopening the file")
    func fullSurvivesWritesAndReopen() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token)
        await #expect(try seeded.db.synchronousMode() == 2)

        let reopened = try AppDatabase(path: seeded.store.path)
        await #expect(try reopened.journalMode() == "wal")
        await #expect(try reopened.synchronousMode() == 2)
        // The reopened file holds what the first connection committed (migrations ran once, data kept).
        await #expect(try reopened.units().map(\.code) == ["chon-thanh", "tam-phuoc"])
    }

    @Test("seedDemo on an empty database creates the two wards, their counters and sectors, API keys, and no ratings")
    func seedDemo() async throws {
        let store = try TestStore()
        await #expect(try store.db.isEmpty())

        let summary = try await #require(try store.db.seedDemo(now: Fixtures.t0))

        #expect(Set(summary.units.map(\.code)) == ["tam-phuoc", "chon-thanh"])
        let tamPhuoc = try #require(try await store.db.unit(code: "tam-phuoc")?.id)
        let chonThanh = try #require(try await store.db.unit(code: "chon-thanh")?.id)
        await #expect(try store.db.counters(unitId: tamPhuoc).map(\.code) == ["q1", "q2", "q3"])
        await #expect(try store.db.counters(unitId: chonThanh).map(\.code) == ["q1", "q2"])
        #expect(summary.counters.count == 5)
        // Poster tokens are unique and well formed.
        #expect(Set(summary.counters.map(\.posterToken)).count == 5)
        #expect(summary.counters.allSatisfy { TokenGenerator.isWellFormed($0.posterToken) })

        let sectors = try await store.db.pool.read { db in try String.fetchSet(db, sql: "SELECT code FROM sectors") }
        #expect(sectors.isSuperset(of: ["dat-dai", "xay-dung", "dau-tu", "ho-tich"]))

        #expect(summary.apiKeys.count == 2)
        #expect(Set(summary.apiKeys.map(\.unit)) == ["tam-phuoc", "chon-thanh"])
        for (unit, secret) in summary.apiKeys {
            let key = try #require(try await store.db.apiKey(secret: secret), "demo key of \(unit) works")
            #expect(key.unitId == (unit == "tam-phuoc" ? tamPhuoc : chonThanh))
        }

        #expect(try await store.count("tickets") == 0)
        #expect(try await store.count("responses") == 0)
        #expect(try await store.count("answers") == 0)
        #expect(try await store.count("answerCounts") == 0)
        #expect(try await store.count("ticketCounts") == 0)
        await #expect(try !store.db.isEmpty())
    }

    @Test("a second seedDemo returns nil and adds nothing")
    func seedTwice() async throws {
        let store = try TestStore()
        _ = try await #require(try store.db.seedDemo(now: Fixtures.t0))
        let counters = try await store.count("counters")
        let keys = try await store.count("apiKeys")

        let second = try await store.db.seedDemo(now: Fixtures.t0)

        #expect(second == nil)
        await #expect(try store.db.units().count == 2)
        #expect(try await store.count("counters") == counters)
        #expect(try await store.count("apiKeys") == keys)
    }

    @Test("an API key is found by its secret, not by any other string, and only its hash is stored")
    func apiKeyRoundTrip() async throws {
        let store = try TestStore()
        _ = try await store.db.seedDemo(now: Fixtures.t0)

        let (key, secret) = try await store.db.createAPIKey(name: "Phần mềm một cửa", unitCode: "tam-phuoc", now: Fixtures.t0)

        let found = try #require(try await store.db.apiKey(secret: secret))
        #expect(found.id == key.id)
        #expect(found.unitId == key.unitId)
        #expect(try await store.db.apiKey(secret: secret + "x") == nil)
        #expect(try await store.db.apiKey(secret: String(secret.dropLast())) == nil)
        #expect(try await store.db.apiKey(secret: "") == nil)

        #expect(key.keyHash != secret)
        #expect(key.keyHash.count == 64)
        #expect(key.keyHash.allSatisfy { $0.isHexDigit })
        #expect(secret.hasPrefix(key.prefix))
        // Nothing in the table holds the secret itself.
        let keyId = try #require(key.id)
        let storedHash = try await store.db.pool.read { db in
            try String.fetchOne(db, sql: "SELECT keyHash FROM apiKeys WHERE id = ?", arguments: [keyId])
        }
        #expect(storedHash == key.keyHash)
        let holdingSecret = try await store.int(
            "SELECT COUNT(*) FROM apiKeys WHERE keyHash = ? OR name = ? OR prefix = ?", [secret, secret, secret])
        #expect(holdingSecret == 0)
    }

    @Test("a revoked key no longer authenticates")
    func revokedKey() async throws {
        let store = try TestStore()
        _ = try await store.db.seedDemo(now: Fixtures.t0)
        let (key, secret) = try await store.db.createAPIKey(name: "k", unitCode: "chon-thanh", now: Fixtures.t0)
        let keyId = try #require(key.id)

        try await store.db.pool.write { db in
            try db.execute(sql: "UPDATE apiKeys SET revokedAt = ? WHERE id = ?", arguments: [Fixtures.t0, keyId])
        }

        #expect(try await store.db.apiKey(secret: secret) == nil)
    }

    @Test("an API key for an unknown unit is refused")
    func apiKeyUnknownUnit() async throws {
        let store = try TestStore()
        _ = try await store.db.seedDemo(now: Fixtures.t0)
        await #expect(throws: LookupError.unknownUnit("khong-co")) {
            try await store.db.createAPIKey(name: "k", unitCode: "khong-co", now: Fixtures.t0)
        }
    }
}
