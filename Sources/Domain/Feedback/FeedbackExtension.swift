/// One lawful extension of an item's resolution period (domain.md §3: "Extensions are
/// numbered, carry a reason and a new due date").
public struct FeedbackExtension: Sendable, Equatable, Codable {
    /// 1, 2, ... over the item's whole life, so the history never shows two extensions
    /// with the same number, even after a reclassification or a reopen.
    public var number: Int
    public var on: LocalDate
    public var reason: String
    public var complexity: ExtensionComplexity
    /// The due date in force once this extension is granted.
    public var due: LocalDate

    public init(number: Int, on: LocalDate, reason: String, complexity: ExtensionComplexity, due: LocalDate) {
        self.number = number
        self.on = on
        self.reason = reason
        self.complexity = complexity
        self.due = due
    }
}
