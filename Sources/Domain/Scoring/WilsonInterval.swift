import Foundation

/// The Wilson score interval for a proportion: honest for small n and for rates near 0% or
/// 100%, where the normal approximation would claim bounds outside [0, 1].
public enum WilsonInterval {
    public static let z95 = 1.96

    /// The interval for `successes` out of `n`, as percentages; nil when n is 0.
    public static func percent(successes: Int, n: Int, z: Double = z95) -> ClosedRange<Double>? {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let total = Double(n)
        let p = Double(successes) / total
        let z2 = z * z
        let denominator = 1 + z2 / total
        let centre = (p + z2 / (2 * total)) / denominator
        let half = z * (p * (1 - p) / total + z2 / (4 * total * total)).squareRoot() / denominator
        return max(0, centre - half) * 100...min(1, centre + half) * 100
    }
}
