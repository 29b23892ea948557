/// The outcome of a two-sided hypothesis test of "no difference".
public struct TestResult: Sendable, Hashable {
    /// The test statistic (z or t).
    public let statistic: Double
    /// Degrees of freedom for a t test; nil for a z test.
    public let degreesOfFreedom: Double?
    public let pValue: Double
    /// The significance level the verdict uses (0.05 for a 95 % test).
    public let alpha: Double
    /// p < α.
    public var isSignificant: Bool { pValue < alpha }
}

/// Two-sided tests for the period-over-period changes the report headlines.
/// Each returns nil when the test is undefined (an empty group, or zero variance in both groups).
public enum SignificanceTest {
    /// Pooled two-proportion z-test (e.g. CSAT now vs before):
    /// p̂ = (x₁ + x₂)/(n₁ + n₂), z = (x₁/n₁ − x₂/n₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)).
    /// Source: NIST/SEMATECH e-Handbook 7.3.3; statsmodels `proportions_ztest`.
    /// Example: 80/100 vs 60/100 → p̂ = 0.7, z = 0.2/√(0.21·0.02) = 3.086, p = 0.002.
    public static func twoProportions(successes1: Int, trials1: Int, successes2: Int, trials2: Int,
                                      alpha: Double = 0.05) -> TestResult? {
        guard trials1 > 0, trials2 > 0 else { return nil }
        let n1 = Double(trials1), n2 = Double(trials2)
        let pooled = Double(successes1 + successes2) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return nil }  // both 0 % or both 100 %: no evidence of change
        let z = (Double(successes1) / n1 - Double(successes2) / n2) / variance.squareRoot()
        return TestResult(statistic: z, degreesOfFreedom: nil, pValue: NormalDistribution.twoSidedPValue(z: z),
                          alpha: alpha)
    }

    /// Welch's unequal-variance t test (e.g. mean CES now vs before):
    /// t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂), ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))
    /// (Welch–Satterthwaite). Source: Welch (1947); scipy `ttest_ind(equal_var=False)`.
    /// Needs n ≥ 2 in both groups.
    public static func welch(_ a: SampleSummary, _ b: SampleSummary, alpha: Double = 0.05) -> TestResult? {
        guard let m1 = a.mean, let m2 = b.mean, let v1 = a.variance, let v2 = b.variance else { return nil }
        let q1 = v1 / Double(a.count), q2 = v2 / Double(b.count)
        let se2 = q1 + q2
        guard se2 > 0 else { return nil }
        let t = (m1 - m2) / se2.squareRoot()
        let nu = se2 * se2 / (q1 * q1 / Double(a.count - 1) + q2 * q2 / Double(b.count - 1))
        return TestResult(statistic: t, degreesOfFreedom: nu,
                          pValue: StudentTDistribution.twoSidedPValue(t: t, degreesOfFreedom: nu), alpha: alpha)
    }

    /// Difference of two independent Net Promoter Scores (on the −100…100 scale):
    /// z = (NPS₁ − NPS₂) / √(Var₁ + Var₂), with Var from `NPSVariance`.
    /// Source: the multinomial variance of a difference of two proportions, as in
    /// Rocks (2016), "Confidence intervals for the Net Promoter Score".
    public static func netPromoterScores(promoters1: Int, detractors1: Int, responses1: Int,
                                         promoters2: Int, detractors2: Int, responses2: Int,
                                         alpha: Double = 0.05) -> TestResult? {
        guard let a = NPSVariance(promoters: promoters1, detractors: detractors1, responses: responses1),
              let b = NPSVariance(promoters: promoters2, detractors: detractors2, responses: responses2)
        else { return nil }
        let variance = a.variance + b.variance
        guard variance > 0 else { return nil }
        let z = (a.nps - b.nps) / variance.squareRoot()
        return TestResult(statistic: z, degreesOfFreedom: nil, pValue: NormalDistribution.twoSidedPValue(z: z),
                          alpha: alpha)
    }
}

/// The Net Promoter Score of n responses with its sampling variance and 95 % margin of error.
///
/// With p = promoters/n and d = detractors/n, NPS = 100·(p − d). Each response scores +1, 0 or −1,
/// so Var(NPS) = 100²·(p + d − (p − d)²)/n and the margin of error is z·√Var
/// (z = 1.959963984540054; normal approximation, which wants n ≥ 30). nil when n = 0.
public struct NPSVariance: Sendable, Hashable {
    public let nps: Double
    public let variance: Double

    public init?(promoters: Int, detractors: Int, responses: Int) {
        guard responses > 0 else { return nil }
        let n = Double(responses)
        let p = Double(promoters) / n, d = Double(detractors) / n
        nps = 100 * (p - d)
        variance = 10_000 * (p + d - (p - d) * (p - d)) / n
    }

    /// z · √Var, with z = 1.959963984540054 for 95 %.
    public var marginOfError: Double { WilsonInterval.z95 * max(0, variance).squareRoot() }
}
