import Domain
import Foundation
import GRDB

/// The inspection committee's reads and its own records: chain status per item, reviewer
/// notes, handled items to sample from, drawn samples and their checklists. None of these
/// touches an item's handling or its history.
extension AppDatabase {
    /// Whether the item's history chain is intact (the check `hailong verify` runs, for one item).
    public func feedbackChainStatus(itemId: Int64) async throws -> FeedbackChainStatus {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT code, lastSeq FROM feedbackItems WHERE id = ?", arguments: [itemId]) else {
                throw FeedbackError.unknownItem
            }
            guard let problem = try Self.chainProblem(db, itemId: itemId, code: row["code"], lastSeq: row["lastSeq"]) else { return .verified }
            return .broken(atEvent: problem.seq)
        }
    }

    /// Every item of the units (nil: every unit), newest first, for the inspection's queues.
    public func feedbackItems(unitIds: [Int64]?) async throws -> [FeedbackItem] {
        try await pool.read { db in
            guard let unitIds else {
                return try Self.feedbackItems(db, where: "1", [], order: "i.receivedAt DESC, i.id DESC", limit: Int.max)
            }
            guard !unitIds.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: unitIds.count).joined(separator: ", ")
            return try Self.feedbackItems(
                db, where: "i.unitId IN (\(marks))", StatementArguments(unitIds), order: "i.receivedAt DESC, i.id DESC", limit: Int.max)
        }
    }

    /// Items of the unit (nil: every unit) whose last handling - resolve, transfer or reject
    /// (domain.md §3) - fell on a day in [from, through], Asia/Ho_Chi_Minh: what a sample is
    /// drawn from. A reopened item is no longer handled and is left out.
    public func handledFeedbackItems(unitId: Int64?, from: LocalDate, through: LocalDate) async throws -> [FeedbackItem] {
        try await pool.read { db in
            var condition = "i.handledAt IS NOT NULL AND i.handledAt >= ? AND i.handledAt < ?"
            var arguments: [any DatabaseValueConvertible] = [StoredTime.text(from.start), StoredTime.text(through.adding(days: 1).start)]
            if let unitId {
                condition += " AND i.unitId = ?"
                arguments.append(unitId)
            }
            return try Self.feedbackItems(db, where: condition, StatementArguments(arguments), order: "i.id", limit: Int.max)
        }
    }

    // MARK: reviewer notes

    /// Adds a reviewer's note to an item (NFC-normalised; 1-2,000 characters checked by the
    /// caller). Notes are append-only and never part of the item's handling or history.
    public func addReviewerNote(itemId: Int64, author: String, note: String, now: Date) async throws {
        let text = TextNormalizer.normalize(note)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO reviewerNotes (itemId, author, at, note) VALUES (?, ?, ?, ?)",
                arguments: [itemId, author, StoredTime.text(now), text])
        }
    }

    public func reviewerNotes(itemId: Int64) async throws -> [ReviewerNote] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT author, at, note FROM reviewerNotes WHERE itemId = ? ORDER BY id", arguments: [itemId]).map {
                ReviewerNote(author: $0["author"], at: Self.date($0["at"]), note: $0["note"])
            }
        }
    }

    // MARK: samples

    /// Stores a drawn sample: its request, what it was drawn from (every stratum's size), and
    /// the drawn items in order with their strata. Audited. Returns the sample's id.
    public func saveInspectionSample(
        _ request: SampleRequest, population: Int, strata: [SampleStratumCount], items: [(itemId: Int64, stratum: String)], actor: String, now: Date
    ) async throws -> Int64 {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO inspectionSamples (createdAt, createdBy, unitId, fromDay, toDay, perStratum, seed, population)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    StoredTime.text(now), actor, request.unitId, request.from.description, request.to.description, request.perStratum,
                    String(request.seed), population,
                ])
            let id = db.lastInsertedRowID
            for stratum in strata {
                try db.execute(
                    sql: "INSERT INTO inspectionSampleStrata (sampleId, stratum, population, drawn) VALUES (?, ?, ?, ?)",
                    arguments: [id, stratum.key, stratum.population, stratum.drawn])
            }
            for (position, item) in items.enumerated() {
                try db.execute(
                    sql: "INSERT INTO inspectionSampleItems (sampleId, itemId, position, stratum) VALUES (?, ?, ?, ?)",
                    arguments: [id, item.itemId, position + 1, item.stratum])
            }
            try Self.audit(
                db, actor: actor, userId: nil, action: "inspection.sample", target: "sample:\(id)", before: nil,
                after: "from=\(request.from) to=\(request.to) perStratum=\(request.perStratum) seed=\(request.seed) items=\(items.count)", now: now)
            return id
        }
    }

    /// Samples drawn for the unit (nil: every sample, those of every unit included), newest first.
    public func inspectionSamples(unitId: Int64?) async throws -> [InspectionSample] {
        try await pool.read { db in
            let ids: [Int64]
            if let unitId {
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM inspectionSamples WHERE unitId = ? ORDER BY id DESC", arguments: [unitId])
            } else {
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM inspectionSamples ORDER BY id DESC")
            }
            return try ids.compactMap { try Self.inspectionSample(db, id: $0) }
        }
    }

    public func inspectionSample(id: Int64) async throws -> InspectionSample? {
        try await pool.read { db in try Self.inspectionSample(db, id: id) }
    }

    /// Records (or replaces) the reviewer's checklist for one item of the sample. False when
    /// the item is not in the sample.
    public func recordSampleReview(sampleId: Int64, itemId: Int64, review: SampleReview, reviewer: String, now: Date) async throws -> Bool {
        let finding = TextNormalizer.normalize(review.finding)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE inspectionSampleItems SET resultConcrete = ?, onTime = ?, historyIntact = ?, replySent = ?, finding = ?,
                      reviewedBy = ?, reviewedAt = ?
                    WHERE sampleId = ? AND itemId = ?
                    """,
                arguments: [
                    review.resultConcrete.rawValue, review.onTime.rawValue, review.historyIntact.rawValue, review.replySent.rawValue, finding, reviewer,
                    StoredTime.text(now), sampleId, itemId,
                ])
            return db.changesCount == 1
        }
    }

    private static func inspectionSample(_ db: Database, id: Int64) throws -> InspectionSample? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT s.*, u.code AS unitCode FROM inspectionSamples s LEFT JOIN units u ON u.id = s.unitId WHERE s.id = ?",
                arguments: [id]),
            let from = LocalDate(row["fromDay"] as String), let to = LocalDate(row["toDay"] as String), let seed = UInt64(row["seed"] as String)
        else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM inspectionSampleItems WHERE sampleId = ? ORDER BY position", arguments: [id])
        let entries = try rows.compactMap { entry -> InspectionSample.Entry? in
            guard let item = try Self.feedbackItem(db, where: "i.id = ?", [entry["itemId"] as Int64]) else { return nil }
            var review: SampleReview?
            if let a = (entry["resultConcrete"] as String?).flatMap(ChecklistAnswer.init(rawValue:)),
                let b = (entry["onTime"] as String?).flatMap(ChecklistAnswer.init(rawValue:)),
                let c = (entry["historyIntact"] as String?).flatMap(ChecklistAnswer.init(rawValue:)),
                let d = (entry["replySent"] as String?).flatMap(ChecklistAnswer.init(rawValue:))
            {
                review = SampleReview(
                    resultConcrete: a, onTime: b, historyIntact: c, replySent: d, finding: entry["finding"] ?? "", reviewer: entry["reviewedBy"] ?? "",
                    at: (entry["reviewedAt"] as String?).map(Self.date) ?? Date(timeIntervalSince1970: 0))
            }
            return InspectionSample.Entry(item: item, stratum: entry["stratum"], review: review)
        }
        let strata = try Row.fetchAll(
            db, sql: "SELECT stratum, population, drawn FROM inspectionSampleStrata WHERE sampleId = ? ORDER BY stratum", arguments: [id]
        ).map { SampleStratumCount(key: $0["stratum"], population: $0["population"], drawn: $0["drawn"]) }
        return InspectionSample(
            id: id, request: SampleRequest(unitId: row["unitId"], from: from, to: to, perStratum: row["perStratum"], seed: seed),
            unitCode: row["unitCode"], createdAt: Self.date(row["createdAt"]), createdBy: row["createdBy"], population: row["population"],
            strata: strata, entries: entries)
    }
}
