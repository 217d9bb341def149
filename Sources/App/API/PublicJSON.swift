import Domain
import Foundation

/// `GET /api/v1/public?month=YYYY-MM` (product.md): every unit's month, no login.
struct PublicJSON: Encodable {
    struct Satisfaction: Encodable {
        @ExplicitNull var rate: Double?
        var n: Int
        @ExplicitNull var ci95: [Double]?
    }

    struct Index: Encodable {
        @ExplicitNull var value: Double?
    }

    struct Feedback: Encodable {
        var received: Int
        @ExplicitNull var onTimeRate: Double?
        var n: Int
    }

    struct UnitMonth: Encodable {
        var unit: String
        var name: String
        var responses: Int
        var satisfaction: Satisfaction
        var index: Index
        var feedback: Feedback
        var suppressed: Bool
    }

    var month: String
    var method: String
    var minimumN: Int
    var units: [UnitMonth]

    init(_ month: PublicFigures.Month, minimumN: Int) {
        self.month = month.period.code
        method = IndicatorReport.methodName
        self.minimumN = minimumN
        units = month.units.map { row in
            UnitMonth(
                unit: row.unit.code, name: row.unit.name, responses: row.responses,
                satisfaction: Satisfaction(
                    rate: row.suppressed ? nil : row.satisfaction.rate, n: row.satisfaction.n,
                    ci95: row.suppressed ? nil : row.satisfaction.ci95.map { [$0.lowerBound, $0.upperBound] }),
                index: Index(value: row.indexSuppressed ? nil : row.index),
                feedback: Feedback(received: row.received, onTimeRate: row.onTimeRate, n: row.feedbackN), suppressed: row.suppressed)
        }
    }
}
