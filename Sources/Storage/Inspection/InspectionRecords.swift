import Domain
import Foundation

/// Whether an item's history chain is intact, recomputed from its stored events.
public enum FeedbackChainStatus: Sendable, Equatable {
    case verified
    /// The first event where the chain breaks (edited, missing or out of order).
    case broken(atEvent: Int)
}

/// A reviewer's note on a feedback item: the inspection's own record, never the item's handling.
public struct ReviewerNote: Sendable, Equatable {
    public var author: String
    public var at: Date
    public var note: String
}

/// The reviewer's checklist for one sampled item.
public struct SampleReview: Sendable, Equatable {
    public var resultConcrete: ChecklistAnswer
    public var onTime: ChecklistAnswer
    public var historyIntact: ChecklistAnswer
    public var replySent: ChecklistAnswer
    public var finding: String
    /// Who filled it in and when (set by Storage's reads; ignored when recording).
    public var reviewer: String
    public var at: Date

    public init(
        resultConcrete: ChecklistAnswer, onTime: ChecklistAnswer, historyIntact: ChecklistAnswer, replySent: ChecklistAnswer, finding: String,
        reviewer: String = "", at: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.resultConcrete = resultConcrete
        self.onTime = onTime
        self.historyIntact = historyIntact
        self.replySent = replySent
        self.finding = finding
        self.reviewer = reviewer
        self.at = at
    }
}

/// What a sample was drawn from, as asked: enough to draw it again.
public struct SampleRequest: Sendable, Equatable {
    /// nil: every unit.
    public var unitId: Int64?
    public var from: LocalDate
    public var to: LocalDate
    public var perStratum: Int
    public var seed: UInt64

    public init(unitId: Int64?, from: LocalDate, to: LocalDate, perStratum: Int, seed: UInt64) {
        self.unitId = unitId
        self.from = from
        self.to = to
        self.perStratum = perStratum
        self.seed = seed
    }
}

/// A drawn sample as stored, with its items in drawing order.
public struct InspectionSample: Sendable {
    public struct Entry: Sendable {
        public var item: FeedbackItem
        public var stratum: String
        public var review: SampleReview?
    }

    public var id: Int64
    public var request: SampleRequest
    /// The unit's code, nil for every unit.
    public var unitCode: String?
    public var createdAt: Date
    public var createdBy: String
    public var population: Int
    /// Every stratum, in drawing order.
    public var strata: [SampleStratumCount]
    public var entries: [Entry]
}

/// One stratum of a stored sample: its key (`unit/kind/handler/timing`), how many handled
/// items it held and how many were drawn.
public struct SampleStratumCount: Sendable, Equatable {
    public var key: String
    public var population: Int
    public var drawn: Int

    public init(key: String, population: Int, drawn: Int) {
        self.key = key
        self.population = population
        self.drawn = drawn
    }
}
