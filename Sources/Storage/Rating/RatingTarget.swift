import Foundation

/// What a rating token points at: the counter's poster or one ticket, with everything the
/// citizen's page names (centre, counter, officer, procedure).
public struct RatingTarget: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case ticket, poster
    }

    /// Whether the token can take a rating now.
    public enum State: Sendable, Equatable {
        case open
        case used
        case expired
    }

    public var kind: Kind
    public var token: String
    public var unit: Unit
    public var counter: Counter
    public var officerId: Int64?
    public var procedure: Procedure?
    public var sector: Sector?
    public var state: State
    public var ticketId: Int64?
    public var expiresAt: Date?
}

/// Why a rating or its details were not recorded. Nothing is written in any of these cases.
public enum RatingError: Error, Equatable, Sendable {
    case unknownToken
    case ticketUsed
    case ticketExpired
    /// The details came after their time window closed.
    case detailsClosed
    /// The submission key names no response of this token.
    case unknownResponse
    /// The submission key is already another token's: a forged or replayed form.
    case keyInUse
}

/// What `recordResponse` tells its `prepare` step about the token being rated.
public struct RatingSlot: Sendable {
    /// The form the token's unit uses.
    public var formId: String
    public var counterId: Int64
    /// A counter's permanent poster (many ratings), not a single-use ticket.
    public var isPoster: Bool
}

/// Answers checked against a form, ready to be written.
public struct PreparedAnswers: Sendable {
    public var formId: String
    public var formVersion: Int
    public var questions: [String: QuestionMeta]
    public var levels: [String: Int]
    public var texts: [String: String]
    /// The overall answer is "not satisfied" (see `ScoringRules.isDissatisfied`): a
    /// `rating.low` for the unit's webhooks, if any subscribes.
    public var isDissatisfied = false

    public init(formId: String, formVersion: Int, questions: [String: QuestionMeta], levels: [String: Int], texts: [String: String]) {
        self.formId = formId
        self.formVersion = formVersion
        self.questions = questions
        self.levels = levels
        self.texts = texts
    }

    /// Whether the first post already carried details; if so, none can be added later.
    var hasDetails: Bool {
        !texts.isEmpty || levels.keys.contains { questions[$0]?.overall != true }
    }
}

/// What the roll-ups need to know of a rating or choice question.
public struct QuestionMeta: Sendable, Equatable {
    public var scale: String
    public var factor: String
    public var overall: Bool

    public init(scale: String, factor: String, overall: Bool) {
        self.scale = scale
        self.factor = factor
        self.overall = overall
    }
}

/// The result of recording: a new response, or the one an earlier identical post made.
public enum RecordOutcome: Sendable, Equatable {
    case recorded(responseId: Int64)
    case repeated(responseId: Int64)

    public var responseId: Int64 {
        switch self {
        case .recorded(let id), .repeated(let id): id
        }
    }
}

/// A recorded response as the details step sees it, found by its submission key.
public struct RecordedResponse: Sendable, Equatable {
    public var responseId: Int64
    public var formId: String
    public var formVersion: Int
    public var detailsUntil: Date
    public var detailsAt: Date?
    /// The overall answer, when the caller asked for it.
    public var overallLevel: Int?
}
