import Domain

/// The reports product.md fixes: `/admin/reports/{weekly|monthly|phase}`. The campaign plans
/// require weekly quick reports and monthly reports in P2-P4 (domain.md §1), and a phase's
/// report closes each phase.
enum ReportKind: String, Sendable, CaseIterable {
    case weekly, monthly, phase

    /// The only period kind this report takes: `2026-W48`, `2026-11` or `P2`.
    var periodKind: FigurePeriod.Kind {
        switch self {
        case .weekly: .week
        case .monthly: .month
        case .phase: .phase
        }
    }

    /// What the title says after "Kết quả đánh giá sự hài lòng ...".
    var titleWord: LocalizedText {
        switch self {
        case .weekly: LocalizedText(vi: "tuần", en: "weekly")
        case .monthly: LocalizedText(vi: "tháng", en: "monthly")
        case .phase: LocalizedText(vi: "giai đoạn", en: "phase")
        }
    }

    var name: LocalizedText {
        switch self {
        case .weekly: LocalizedText(vi: "Báo cáo tuần", en: "Weekly report")
        case .monthly: LocalizedText(vi: "Báo cáo tháng", en: "Monthly report")
        case .phase: LocalizedText(vi: "Báo cáo giai đoạn", en: "Phase report")
        }
    }

    /// An example of the period code, for the message that refuses another.
    var example: String {
        switch self {
        case .weekly: "2026-W48"
        case .monthly: "2026-11"
        case .phase: "P2"
        }
    }

    /// The period a report is about when none is asked: the one holding today (a weekly
    /// report is written in its week, a monthly one in its month); for a phase, the phase
    /// holding today or else the last one that has begun. Nil when the campaign has none.
    func defaultPeriod(today: LocalDate, campaign: CampaignDefinition?) -> FigurePeriod? {
        switch self {
        case .weekly: return .week(containing: today)
        case .monthly: return .month(containing: today)
        case .phase:
            guard let phases = campaign?.phases else { return nil }
            let phase = phases.first { $0.from <= today && today <= $0.to } ?? phases.last { $0.from <= today } ?? phases.first
            return phase.map(FigurePeriod.phase)
        }
    }
}
