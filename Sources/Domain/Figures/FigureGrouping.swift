/// The breakdowns of `GET /api/v1/indicators?by=` (product.md) and of the dashboard: each
/// group gets the same figures as the whole, under the minimum-n rule of domain.md §2.
public enum FigureGrouping: String, Sendable, CaseIterable, Codable {
    case counter, officer, sector, procedure, week, month
    /// How the ratings came in: the citizen's phone, a partner system, the counter's tablet.
    case channel

    /// Groups of time rather than of the unit's structure.
    public var isTime: Bool { self == .week || self == .month }
}
