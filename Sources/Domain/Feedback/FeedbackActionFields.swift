/// The fields an action carries (product.md, `POST /api/v1/feedback/{code}/actions`). Only
/// the fields of the action at hand are read; `FeedbackStateMachine` says which are required.
public struct FeedbackActionFields: Sendable, Equatable {
    /// `resolve`: the public result.
    public var result: String?
    /// `extend`, `transfer`, `reject`, `reopen`.
    public var reason: String?
    /// `assign`: a staff username or an officer code.
    public var assignee: String?
    /// `assign`: what the assignee is to do (one of the "6 rõ": who, what, by when).
    public var task: String?
    /// `transfer`: the competent body.
    public var transferTo: String?
    /// `verify`.
    public var outcome: VerificationOutcome?
    /// `extend`.
    public var complexity: ExtensionComplexity?
    /// `reclassify`.
    public var kind: FeedbackKind?
    /// `reclassify`.
    public var category: FeedbackCategory?

    public init(result: String? = nil, reason: String? = nil, assignee: String? = nil, task: String? = nil, transferTo: String? = nil, outcome: VerificationOutcome? = nil, complexity: ExtensionComplexity? = nil, kind: FeedbackKind? = nil, category: FeedbackCategory? = nil) {
        self.result = result
        self.reason = reason
        self.assignee = assignee
        self.task = task
        self.transferTo = transferTo
        self.outcome = outcome
        self.complexity = complexity
        self.kind = kind
        self.category = category
    }
}
