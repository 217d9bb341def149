import Domain
import Foundation

/// How a figure reads on a page: a percentage with its interval and n, or "not enough
/// answers" below the minimum n - never a bare percentage.
enum FigureText {
    static func rate(_ figure: RateFigure, rules: ScoringRules, language: Language) -> String {
        guard let rate = figure.rate, !figure.isSuppressed(rules: rules) else {
            return language == .vi ? "chưa đủ mẫu (n = \(figure.n))" : "not enough answers (n = \(figure.n))"
        }
        let interval = figure.ci95.map { " [\(percent($0.lowerBound, language))–\(percent($0.upperBound, language))]" } ?? ""
        return "\(percent(rate, language))%\(interval), n = \(figure.n)"
    }

    static func index(_ score: SatisfactionScore, rules: ScoringRules, language: Language) -> String {
        let n = score.factors.values.reduce(0) { $0 + $1.n }
        guard let index = score.index, n >= rules.minimumN else {
            return language == .vi ? "chưa đủ mẫu (n = \(n))" : "not enough answers (n = \(n))"
        }
        return "\(percent(index, language))%, n = \(n)"
    }

    /// One decimal; Vietnamese writes a decimal comma.
    static func percent(_ value: Double, _ language: Language) -> String {
        let text = String(Int((value * 10).rounded()) / 10) + "." + String(Int((value * 10).rounded()) % 10)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static let method = LocalizedText(
        vi: "Chỉ số hài lòng (theo phương pháp SIPAS, khảo sát tại quầy); trong ngoặc là khoảng tin cậy 95% (Wilson).",
        en: "SIPAS-style counter index; brackets give the Wilson 95% interval.")
}
