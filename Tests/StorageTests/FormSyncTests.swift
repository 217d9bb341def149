import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite("AppDatabase.syncForms")
struct FormSyncTests {
    private func changed(_ form: FormDefinition) -> FormDefinition {
        var form = form
        form.questions[1].text.vi += " (sửa)"
        return form
    }

    @Test("a form is stored and read back as it was")
    func store() async throws {
        let store = try TestStore()
        let form = try Fixtures.form()

        let stored = try await store.db.syncForms([(form, Fixtures.formFile)], now: Fixtures.t0)

        #expect(stored == [form])
        // Syncing the same content again changes nothing.
        await #expect(try store.db.syncForms([(form, Fixtures.formFile)], now: Fixtures.t0) == [form])
    }

    @Test("a changed version without responses replaces the stored one")
    func replaceUnused() async throws {
        let store = try TestStore()
        let form = try Fixtures.form()
        _ = try await store.db.syncForms([(form, Fixtures.formFile)], now: Fixtures.t0)

        let stored = try await store.db.syncForms([(changed(form), Fixtures.formFile)], now: Fixtures.t0)

        #expect(stored == [changed(form)])
        #expect(stored != [form])
    }

    @Test("a changed version that already has responses is refused and the stored form stays")
    func frozenWithResponses() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token)

        let error = try await #require(throws: FrozenFormChanged.self) {
            try await seeded.db.syncForms([(changed(seeded.form), "edited.json")], now: Fixtures.t0)
        }
        #expect(error.formId == "sipas-counter")
        #expect(error.version == 1)
        #expect(error.file == "edited.json")

        // The unchanged file is still accepted, and what is stored is the original.
        await #expect(try seeded.db.syncForms([(seeded.form, Fixtures.formFile)], now: Fixtures.t0) == [seeded.form])
    }

    @Test("a new version is stored beside the old one even when the old one has responses")
    func newVersion() async throws {
        let seeded = try await Seeded()
        let ticket = try await seeded.issue()
        _ = try await seeded.record(token: ticket.token)
        var next = changed(seeded.form)
        next.version = 2

        let stored = try await seeded.db.syncForms([(seeded.form, Fixtures.formFile), (next, "sipas-counter.v2.json")], now: Fixtures.t0)

        #expect(stored == [seeded.form, next])
    }
}
