import Model

/// CSAT, NPS and CES of one set of survey responses (a period, a segment, …), with response
/// counts and 95 % uncertainty. Every value is nil when its response count is 0 (never NaN).
///
/// Scales: `csat`, `csatLow/High` and `cesShareEasy` are fractions 0…1; `nps` and `npsMoe` are
/// points on −100…100; `ces` and `cesLow/High` are on 1–7. Out-of-scale scores are counted in
/// `outOfScale` and used nowhere else.
public struct SatisfactionScores: Sendable, Hashable {
    /// Below this many responses a metric is flagged as a small sample.
    public static let smallSampleThreshold = 30

    public private(set) var csatSatisfied = 0
    public private(set) var csatN = 0
    public private(set) var promoters = 0
    public private(set) var passives = 0
    public private(set) var detractors = 0
    public private(set) var cesSummary = SampleSummary()
    public private(set) var cesEasy = 0
    /// Responses whose score is not a whole number on their instrument's scale.
    public private(set) var outOfScale = 0

    public init() {}

    /// Scores of `responses` (every response is used: filter by date before).
    public init(_ responses: some Sequence<SurveyResponse>) {
        for r in responses { add(r) }
    }

    public mutating func add(_ response: SurveyResponse) {
        add(SurveyAnswer(kind: response.kind, score: response.score))
    }

    mutating func add(_ answer: SurveyAnswer) {
        // Counts of answers held in memory: they cannot overflow, and are added unchecked.
        switch answer {
        case .csat(let satisfied):
            csatN &+= 1
            if satisfied { csatSatisfied &+= 1 }
        case .nps(.promoter): promoters &+= 1
        case .nps(.passive): passives &+= 1
        case .nps(.detractor): detractors &+= 1
        case .ces(let s):
            cesSummary.add(Double(s))
            if s >= CES.easyFrom { cesEasy &+= 1 }
        case .outOfScale:
            outOfScale &+= 1
        }
    }

    // MARK: CSAT

    /// Satisfied ÷ responses (0…1).
    public var csat: Double? { csatN > 0 ? Double(csatSatisfied) / Double(csatN) : nil }
    public var csatInterval: WilsonInterval? {
        csatN > 0 ? WilsonInterval(successes: csatSatisfied, trials: csatN) : nil
    }
    public var csatLow: Double? { csatInterval?.lower }
    public var csatHigh: Double? { csatInterval?.upper }
    public var csatIsSmallSample: Bool { csatN < Self.smallSampleThreshold }

    // MARK: NPS

    public var npsN: Int { promoters + passives + detractors }
    private var npsVariance: NPSVariance? {
        NPSVariance(promoters: promoters, detractors: detractors, responses: npsN)
    }
    /// % promoters − % detractors (−100…100).
    public var nps: Double? { npsVariance?.nps }
    /// z·√Var (z = 1.959963984540054), Var = 100²·(p + d − (p − d)²)/n.
    public var npsMoe: Double? { npsVariance?.marginOfError }
    public var npsIsSmallSample: Bool { npsN < Self.smallSampleThreshold }

    // MARK: CES

    public var cesN: Int { cesSummary.count }
    /// Mean score (1–7).
    public var ces: Double? { cesSummary.mean }
    /// 95 % Student-t interval of the mean; nil for n < 2.
    public var cesInterval: MeanInterval? { MeanInterval(cesSummary) }
    public var cesLow: Double? { cesInterval?.lower }
    public var cesHigh: Double? { cesInterval?.upper }
    /// Share of answers 5–7 (0…1).
    public var cesShareEasy: Double? { cesN > 0 ? Double(cesEasy) / Double(cesN) : nil }
    public var cesIsSmallSample: Bool { cesN < Self.smallSampleThreshold }

    /// All responses with a usable score.
    public var responseCount: Int { csatN + npsN + cesN }

    // MARK: Changes

    /// CSAT now (`self`) vs `previous`, pooled two-proportion z-test.
    public func csatChange(since previous: SatisfactionScores) -> MetricChange {
        .proportions(successes: csatSatisfied, trials: csatN,
                     previousSuccesses: previous.csatSatisfied, previousTrials: previous.csatN)
    }

    /// NPS now vs `previous`, z = ΔNPS / √(Var₁ + Var₂).
    public func npsChange(since previous: SatisfactionScores) -> MetricChange {
        .netPromoterScores(promoters: promoters, detractors: detractors, responses: npsN,
                           previousPromoters: previous.promoters, previousDetractors: previous.detractors,
                           previousResponses: previous.npsN)
    }

    /// Mean CES now vs `previous`, Welch's t test.
    public func cesChange(since previous: SatisfactionScores) -> MetricChange {
        .means(cesSummary, previous.cesSummary)
    }
}
