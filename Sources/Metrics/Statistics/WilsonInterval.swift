/// A proportion with its 95 % Wilson score interval.
///
/// For `successes` x out of `n` trials, p̂ = x / n and z = 1.959963984540054 (two-sided 95 %):
///   centre = (p̂ + z²/2n) / (1 + z²/n)
///   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
///   interval = centre ± half
/// Source: E. B. Wilson (1927), as used by statsmodels' `proportion_confint(method="wilson")`.
/// Unlike the normal approximation it stays inside [0, 1] and behaves for p̂ = 0 or 1 and small n.
/// With n = 0 the proportion is undefined: `proportion` is nil and the interval is [0, 1].
public struct WilsonInterval: Sendable, Hashable {
    public static let z95 = 1.959963984540054

    public let successes: Int
    public let trials: Int
    public let lower: Double
    public let upper: Double

    public init(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        precondition(successes >= 0 && successes <= trials, "successes must be within 0…trials")
        self.successes = successes
        self.trials = trials
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }

    /// x / n, or nil when n = 0.
    public var proportion: Double? { trials > 0 ? Double(successes) / Double(trials) : nil }
}
