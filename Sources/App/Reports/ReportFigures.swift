import Domain
import Storage

/// What a report is about: one unit, or the city (every unit the account reads, together),
/// with its figures for the period and the period before, as `FiguresService` computes them.
/// Every number of the printed report, its CSV and its XLSX comes from these
/// `IndicatorReport`s: the same values `/api/v1/indicators` returns for the unit and dates.
struct ReportFigures {
    /// The unit's code, or `all` for the city.
    let code: String
    /// The unit's name, or "Toàn thành phố".
    let name: String
    /// Nil for the city.
    let unit: Storage.Unit?
    let current: IndicatorReport
    let previous: IndicatorReport
    /// The city's units with their own figures for the same period (the city summary's
    /// table by unit); empty for a unit.
    let units: [(unit: Storage.Unit, report: IndicatorReport)]

    var isCity: Bool { unit == nil }
}

/// One report as asked: its kind and period, and the subjects it covers in print order (the
/// city summary first, then each unit, for `unit=all`; else the one unit).
struct SatisfactionReport {
    let kind: ReportKind
    let period: FigurePeriod
    let previousPeriod: FigurePeriod
    let subjects: [ReportFigures]
    /// Sector names by code, for the table by sector.
    let sectorNames: [String: LocalizedText]
    let campaign: CampaignDefinition?
    let rules: ScoringRules
    /// The day the report is made (the place-date line), from the app's clock.
    let today: LocalDate

    /// The campaign's short name, without the resolution in brackets: "Chiến dịch 500 ngày đêm".
    var campaignName: String? {
        guard let name = campaign?.name.vi else { return nil }
        let short = name.split(separator: "(", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? name
        return short.isEmpty ? name : short
    }

    /// The file name of a download: `hailong-bao-cao-thang-2026-11-tam-phuoc.csv`.
    func fileName(unitCode: String, extension fileExtension: String) -> String {
        let word: String =
            switch kind {
            case .weekly: "tuan"
            case .monthly: "thang"
            case .phase: "giai-doan"
            }
        return "hailong-bao-cao-\(word)-\(period.code)-\(unitCode).\(fileExtension)"
    }
}
