/// The staff roles of product.md, each scoped to units. What each role may do is decided
/// by `AccessPolicy` alone; the case comments below only summarise it.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    /// Everything, in every unit.
    case admin
    /// Their own unit: figures, counters, officers, accounts, forms, holidays.
    case director
    /// Their own counter display and their own scores.
    case officer
    /// Checks every unit's feedback handling (only its unit's when created with one) and,
    /// without a unit, the audit log; read-only elsewhere.
    case inspector
    /// Figures and reports of their assigned unit; without a unit, a city viewer reading every unit.
    case viewer

    public var name: LocalizedText {
        switch self {
        case .admin: LocalizedText(vi: "Quản trị hệ thống", en: "Administrator")
        case .director: LocalizedText(vi: "Giám đốc Trung tâm", en: "Centre director")
        case .officer: LocalizedText(vi: "Cán bộ một cửa", en: "Counter officer")
        case .inspector: LocalizedText(vi: "Ủy ban Kiểm tra", en: "Inspection committee")
        case .viewer: LocalizedText(vi: "Người xem", en: "Viewer")
        }
    }
}
