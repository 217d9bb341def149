import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("Inspection storage: migration, samples")
struct InspectionStorageTests {
    @Test("v4-inspection is registered after v3-feedback and applied")
    func migration() async throws {
        let names = AppDatabase.migrator.migrations
        let feedback = try #require(names.firstIndex(of: "v3-feedback"))
        let inspection = try #require(names.firstIndex(of: "v4-inspection"))
        #expect(inspection > feedback)
        let store = try TestStore()
        let applied = try await store.db.pool.read { db in try AppDatabase.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v4-inspection"))
        #expect(try await store.count("reviewerNotes") == 0)
        #expect(try await store.count("inspectionSamples") == 0)
    }

    @Test("a sample's request (a seed above Int64.max too) and strata come back as stored, by unit")
    func sampleRoundTrip() async throws {
        let store = try TestStore()
        let units = try #require(try await store.db.seedDemo(now: Date(timeIntervalSince1970: 1_795_000_000))).units
        let request = try SampleRequest(
            unitId: units[0].id, from: #require(LocalDate("2026-11-01")), to: #require(LocalDate("2026-11-30")), perStratum: 3,
            seed: UInt64.max)
        let id = try await store.db.saveInspectionSample(
            request, population: 0, strata: [SampleStratumCount(key: "a/gop-y/-/on-time", population: 0, drawn: 0)], items: [], actor: "kiemtra",
            now: Date(timeIntervalSince1970: 1_795_000_000))
        let sample = try #require(try await store.db.inspectionSample(id: id))
        #expect(sample.request == request, "a seed above Int64.max survives")
        #expect(sample.strata == [SampleStratumCount(key: "a/gop-y/-/on-time", population: 0, drawn: 0)])
        #expect(sample.createdBy == "kiemtra")
        #expect(try await store.db.inspectionSamples(unitId: units[0].id).map(\.id) == [id])
        #expect(try await store.db.inspectionSamples(unitId: units[1].id).isEmpty)
        #expect(try await store.int("SELECT COUNT(*) FROM auditLog WHERE action = 'inspection.sample'") == 1)
    }
}
