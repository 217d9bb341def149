import Domain
import Foundation
import GRDB

/// An item of the public register with the time of its last change, for interfaces that
/// publish when an item was last updated (Open311's `updated_datetime`).
public struct FeedbackRegisterEntry: Sendable, Equatable {
    public var item: FeedbackItem
    public var updatedAt: Date
}

extension AppDatabase {
    /// Items of a unit received in [`from`, `before`), oldest first, optionally only the given
    /// codes, categories or open/handled standing; at most `limit`.
    public func feedbackRegister(
        unitId: Int64, receivedFrom from: Date, before: Date, codes: [TrackingCode]? = nil, categories: [FeedbackCategory]? = nil,
        open: Bool? = nil, limit: Int
    ) async throws -> [FeedbackRegisterEntry] {
        try await pool.read { db in
            var conditions = ["i.unitId = ?", "i.receivedAt >= ?", "i.receivedAt < ?"]
            var arguments: [any DatabaseValueConvertible] = [unitId, StoredTime.text(from), StoredTime.text(before)]
            if let codes {
                conditions.append("i.code IN (\(databaseQuestionMarks(count: max(codes.count, 1))))")
                arguments += codes.isEmpty ? [""] : codes.map(\.description)
            }
            if let categories {
                conditions.append("i.category IN (\(databaseQuestionMarks(count: max(categories.count, 1))))")
                arguments += categories.isEmpty ? [""] : categories.map(\.rawValue)
            }
            if let open {
                let states = FeedbackState.allCases.filter { $0.isOpen == open }.map(\.rawValue)
                conditions.append("i.state IN (\(databaseQuestionMarks(count: max(states.count, 1))))")
                arguments += states.isEmpty ? [""] : states
            }
            let items = try Self.feedbackItems(
                db, where: conditions.joined(separator: " AND "), StatementArguments(arguments), order: "i.receivedAt, i.id", limit: limit)
            guard !items.isEmpty else { return [] }
            // The last event's time, by the primary key (itemId, seq): one lookup per item.
            var updated: [Int64: Date] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT e.itemId, e.at FROM feedbackEvents e JOIN feedbackItems i ON i.id = e.itemId AND e.seq = i.lastSeq
                    WHERE e.itemId IN (\(databaseQuestionMarks(count: items.count)))
                    """, arguments: StatementArguments(items.map(\.id)))
            while let row = try rows.next() { updated[row["itemId"]] = row["at"] }
            return items.map { FeedbackRegisterEntry(item: $0, updatedAt: updated[$0.id] ?? $0.receivedAt) }
        }
    }
}
