/// Count, mean and sample standard deviation of a set of numbers: everything a mean's confidence
/// interval or Welch's test needs.
///
/// Variance is the unbiased sample variance s² = Σ(x − x̄)² / (n − 1), computed with Welford's
/// one-pass update. n = 0 → mean nil; n = 1 → standard deviation nil (undefined).
public struct SampleSummary: Sendable, Hashable {
    public private(set) var count: Int = 0
    private var runningMean = 0.0
    private var sumOfSquares = 0.0

    public init() {}

    public init(_ values: some Sequence<Double>) {
        for v in values { add(v) }
    }

    /// A summary from known statistics (e.g. quoted from another report).
    public init(count: Int, mean: Double, standardDeviation: Double) {
        self.count = count
        self.runningMean = mean
        self.sumOfSquares = count > 1 ? standardDeviation * standardDeviation * Double(count - 1) : 0
    }

    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - runningMean
        runningMean += delta / Double(count)
        sumOfSquares += delta * (value - runningMean)
    }

    public var mean: Double? { count > 0 ? runningMean : nil }
    public var variance: Double? { count > 1 ? max(0, sumOfSquares / Double(count - 1)) : nil }
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
    /// s / √n.
    public var standardError: Double? { variance.map { ($0 / Double(count)).squareRoot() } }
}

/// A two-sided confidence interval for a mean: x̄ ± t(1 − α/2, n − 1) · s / √n, with Student's t
/// (not the normal z), so small samples get the wider interval they need. Source: any
/// introductory statistics text (e.g. NIST/SEMATECH e-Handbook 7.2.2.1).
/// nil when n < 2 (no standard deviation).
public struct MeanInterval: Sendable, Hashable {
    public let mean: Double
    public let lower: Double
    public let upper: Double
    /// The t quantile used.
    public let criticalValue: Double

    public init?(_ summary: SampleSummary, confidence: Double = 0.95) {
        guard let mean = summary.mean, let se = summary.standardError,
              let t = StudentTDistribution.quantile(1 - (1 - confidence) / 2,
                                                    degreesOfFreedom: Double(summary.count - 1))
        else { return nil }
        self.mean = mean
        self.criticalValue = t
        self.lower = mean - t * se
        self.upper = mean + t * se
    }
}
