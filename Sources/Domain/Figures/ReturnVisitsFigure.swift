/// TT 01/2018/TT-VPCP index 3 (domain.md §2, §6): the return visits a citizen needed to
/// complete the dossier, asked on the form's return-visits question. 0 extra visits scores 2
/// points, 1 scores 1, more scores 0; the index of a set of responses is the mean points of
/// those that answered, with the share of them at 2, 1 and 0 points.
public struct ReturnVisitsFigure: Sendable, Equatable {
    /// The question of the shipped forms that asks it (a choice: 0, 1, 2 = "2 or more").
    public static let questionId = "visits"

    /// Answers by the number of extra visits reported.
    public var visits: [Int: Int]

    public init(visits: [Int: Int] = [:]) {
        self.visits = visits
    }

    /// The points a dossier scores for `visits` extra visits.
    public static func points(visits: Int) -> Int {
        switch visits {
        case ...0: 2
        case 1: 1
        default: 0
        }
    }

    /// Answers by points (2, 1, 0).
    public var pointCounts: [Int: Int] {
        var counts: [Int: Int] = [2: 0, 1: 0, 0: 0]
        for (visits, count) in self.visits { counts[Self.points(visits: visits), default: 0] += count }
        return counts
    }

    /// The responses that answered the question.
    public var n: Int { visits.values.reduce(0, +) }

    /// The mean points (0 to 2); nil without an answer.
    public var mean: Double? {
        let n = self.n
        guard n > 0 else { return nil }
        let counts = pointCounts
        return Double(2 * (counts[2] ?? 0) + (counts[1] ?? 0)) / Double(n)
    }

    /// The share of answers scoring `points`, as a percentage; nil without an answer.
    public func share(points: Int) -> Double? {
        let n = self.n
        guard n > 0 else { return nil }
        return Double(pointCounts[points] ?? 0) * 100 / Double(n)
    }

    public static func + (lhs: ReturnVisitsFigure, rhs: ReturnVisitsFigure) -> ReturnVisitsFigure {
        ReturnVisitsFigure(visits: lhs.visits.merging(rhs.visits, uniquingKeysWith: +))
    }
}
