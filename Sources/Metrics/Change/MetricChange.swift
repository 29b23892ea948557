/// A metric's value now against its value one period earlier, and whether the change is real.
///
/// absolute = now − previous; relative = (now − previous) / |previous| (nil when previous is 0
/// or either value is missing). `significant` is the verdict of a two-sided 95 % test suited to the
/// metric (pooled two-proportion z for shares such as CSAT, Welch's t for means such as CES,
/// the NPS difference z for NPS); it is nil when no test applies (a value without sampling error
/// such as MRR, or too little data for the test). The report's rule: a change that is not
/// significant is not a headline.
public struct MetricChange: Sendable, Hashable {
    public static let definition = """
        A period-over-period change compares a metric in the latest complete period with the \
        period before: the absolute change (now − before; for shares such as CSAT in percentage \
        points), and the relative change ((now − before) ÷ |before|). For survey metrics the change \
        is called significant only when a two-sided test at the 95 % level says so (p < 0.05): a \
        pooled two-proportion z-test for CSAT, z = ΔNPS ÷ √(Var₁ + Var₂) for NPS, and Welch's \
        t-test for the mean CES. A change that is not significant is not a headline. Exact \
        quantities such as MRR carry no test.
        """

    public let current: Double?
    public let previous: Double?
    /// The test behind `significant`, when one ran.
    public let test: TestResult?
    /// Whether a test was expected; false for exact quantities like MRR.
    public let isSampled: Bool

    public init(current: Double?, previous: Double?, test: TestResult? = nil, isSampled: Bool = false) {
        self.current = current
        self.previous = previous
        self.test = test
        self.isSampled = isSampled
    }

    public var absoluteChange: Double? {
        guard let current, let previous else { return nil }
        return current - previous
    }

    public var relativeChange: Double? {
        guard let current, let previous, previous != 0 else { return nil }
        return (current - previous) / abs(previous)
    }

    /// The 95 % test's verdict; nil when no test ran (exact quantity or too little data).
    public var significant: Bool? { test?.isSignificant }

    public var pValue: Double? { test?.pValue }

    /// A change worth a headline: sampled metrics need a significant test; exact quantities
    /// (not sampled) qualify whenever they moved.
    public var isHeadline: Bool {
        guard let change = absoluteChange, change != 0 else { return false }
        return isSampled ? significant == true : true
    }

    /// The change of an exactly known quantity (MRR, customer count): no test.
    public static func exact(current: Double?, previous: Double?) -> MetricChange {
        MetricChange(current: current, previous: previous)
    }

    /// The change of a share x/n (e.g. CSAT), values as fractions 0…1, tested with the pooled
    /// two-proportion z-test. Either n = 0 → that value is nil and `significant` is nil.
    public static func proportions(successes: Int, trials: Int, previousSuccesses: Int, previousTrials: Int,
                                   alpha: Double = 0.05) -> MetricChange {
        MetricChange(
            current: trials > 0 ? Double(successes) / Double(trials) : nil,
            previous: previousTrials > 0 ? Double(previousSuccesses) / Double(previousTrials) : nil,
            test: SignificanceTest.twoProportions(successes1: successes, trials1: trials,
                                                  successes2: previousSuccesses, trials2: previousTrials,
                                                  alpha: alpha),
            isSampled: true)
    }

    /// The change of a mean (e.g. CES), tested with Welch's t test (needs n ≥ 2 on both sides).
    public static func means(_ current: SampleSummary, _ previous: SampleSummary, alpha: Double = 0.05) -> MetricChange {
        MetricChange(current: current.mean, previous: previous.mean,
                     test: SignificanceTest.welch(current, previous, alpha: alpha), isSampled: true)
    }

    /// The change of a Net Promoter Score (−100…100), tested with z = ΔNPS / √(Var₁ + Var₂).
    public static func netPromoterScores(promoters: Int, detractors: Int, responses: Int,
                                         previousPromoters: Int, previousDetractors: Int, previousResponses: Int,
                                         alpha: Double = 0.05) -> MetricChange {
        let now = NPSVariance(promoters: promoters, detractors: detractors, responses: responses)
        let before = NPSVariance(promoters: previousPromoters, detractors: previousDetractors,
                                 responses: previousResponses)
        return MetricChange(
            current: now?.nps, previous: before?.nps,
            test: SignificanceTest.netPromoterScores(
                promoters1: promoters, detractors1: detractors, responses1: responses,
                promoters2: previousPromoters, detractors2: previousDetractors, responses2: previousResponses,
                alpha: alpha),
            isSampled: true)
    }
}
