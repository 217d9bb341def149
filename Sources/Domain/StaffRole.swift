/// The staff roles of product.md, each scoped to units.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    /// Everything, in every unit.
    case admin
    /// Their own unit: figures, counters, officers, accounts, forms, holidays.
    case director
    /// Their own counter display and their own scores.
    case officer
    /// Every unit's feedback handling and the audit log; read-only elsewhere.
    case inspector
    /// Figures of their assigned unit.
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

    /// Whether the role is bound to one unit (all but admin and inspector).
    public var needsUnit: Bool { self != .admin && self != .inspector }

    /// May change the structure (counters, officers, ...) of a unit it can see.
    public var managesStructure: Bool { self == .admin || self == .director }

    /// May read the audit log of administrative actions.
    public var readsAuditLog: Bool { self == .admin || self == .inspector }
}
