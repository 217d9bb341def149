import Domain
import Foundation
import GRDB
@testable import Storage
import Testing

/// The group-commit WriteBatcher under concurrent ratings.
@Suite("Concurrent writes")
struct ConcurrencyTests {
    @Test("200 concurrent ratings of 200 fresh tickets are all recorded")
    func twoHundredConcurrent() async throws {
        let seeded = try await Seeded()
        // Tickets issued concurrently as well: they go through the same batcher.
        let tickets = try await withThrowingTaskGroup(of: Ticket.self) { group in
            for index in 0..<200 {
                group.addTask { try await seeded.issue(counter: ["q1", "q2", "q3"][index % 3]) }
            }
            return try await group.reduce(into: [Ticket]()) { $0.append($1) }
        }
        #expect(Set(tickets.map(\.token)).count == 200)
        let responses = tickets.map { seeded.response(token: $0.token, levels: ["overall": 3, "officer-1": 4]) }

        let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
            for response in responses {
                group.addTask { try await seeded.db.recordResponse(response) }
            }
            return try await group.reduce(into: [RecordOutcome]()) { $0.append($1) }
        }

        #expect(outcomes.count == 200)
        #expect(outcomes.allSatisfy { $0 == .recorded(responseId: $0.responseId) })
        #expect(Set(outcomes.map(\.responseId)).count == 200)
        let footprint = try await seeded.store.footprint()
        #expect(footprint.responses == 200)
        #expect(footprint.answerCountSum == 400)
        #expect(footprint.responseCountSum == 200)
        #expect(footprint.answered == 200)
        #expect(try await seeded.store.int("SELECT COUNT(*) FROM tickets WHERE usedAt IS NULL") == 0)
        #expect(try await seeded.store.int("SELECT SUM(issued) FROM ticketCounts") == 200)
    }

    @Test("a failing write in a batch rolls back alone; the others commit")
    func oneFailureInBatch() async throws {
        let seeded = try await Seeded()
        let used = try await seeded.issue()
        _ = try await seeded.record(token: used.token, key: "first")
        var fresh: [Ticket] = []
        for _ in 0..<40 { fresh.append(try await seeded.issue()) }
        // A write that fails inside SQL after the checks: form version 99 is not stored, so the
        // responses insert breaks its foreign key.
        let badForm = try await seeded.issue()

        enum Outcome: Sendable, Equatable { case recorded, ticketUsed, otherError }
        var jobs: [(String, NewResponse)] = fresh.prefix(20).map { ("fresh", seeded.response(token: $0.token)) }
        jobs.append(("used", seeded.response(token: used.token, key: "second")))
        jobs.append(("bad", seeded.response(token: badForm.token, formVersion: 99)))
        jobs += fresh.suffix(20).map { ("fresh", seeded.response(token: $0.token)) }

        let results = await withTaskGroup(of: (String, Outcome).self) { group in
            for (kind, response) in jobs {
                group.addTask {
                    do {
                        _ = try await seeded.db.recordResponse(response)
                        return (kind, .recorded)
                    } catch RatingError.ticketUsed {
                        return (kind, .ticketUsed)
                    } catch {
                        return (kind, .otherError)
                    }
                }
            }
            return await group.reduce(into: [(String, Outcome)]()) { $0.append($1) }
        }

        #expect(results.filter { $0.0 == "fresh" }.allSatisfy { $0.1 == .recorded })
        #expect(results.filter { $0.0 == "fresh" }.count == 40)
        #expect(results.first { $0.0 == "used" }?.1 == .ticketUsed)
        #expect(results.first { $0.0 == "bad" }?.1 == .otherError)
        let footprint = try await seeded.store.footprint()
        #expect(footprint.responses == 41)  // the first rating and the 40 fresh ones
        #expect(footprint.answerCountSum == 41)
        #expect(footprint.responseCountSum == 41)
        #expect(footprint.answered == 41)
        // The failed write left its ticket open.
        #expect(try await seeded.db.ratingTarget(token: badForm.token, now: Fixtures.t0)?.state == .open)
    }
}
