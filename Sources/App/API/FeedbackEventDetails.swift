import Domain
import Foundation

/// What an event of an item's history recorded beside its states: the "6 rõ" of an
/// assignment, a reason, a destination, a result, a verification, a new kind. The staff
/// timeline says it in words and the API gives it as `details`, so a partner system or an
/// inspector reading the JSON sees why a step was taken, not only that it was. Read
/// leniently from the stored event: a field this version does not know is left out. Events
/// never hold contact data (`FeedbackEventData`), so neither does this.
struct FeedbackEventDetails: Codable, Equatable {
    var assignee: String?
    var task: String?
    /// An assignment's internal due date.
    var dueAt: String?
    /// A transfer's competent body.
    var to: String?
    var reason: String?
    var complexity: ExtensionComplexity?
    var result: String?
    var outcome: VerificationOutcome?
    var kind: FeedbackKind?
    var category: FeedbackCategory?
    var channel: FeedbackChannel?

    init(recorded data: String) {
        self = (try? JSONDecoder().decode(Self.self, from: Data(data.utf8))) ?? Self()
    }

    private init() {}
}
