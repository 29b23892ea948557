import Model

/// The points one rule gave a customer, and why.
public struct RuleContribution: Sendable, Hashable {
    /// The rule's name.
    public let rule: String
    public let points: Double
    public let maxPoints: Double
    /// The facts of `reason` (written when read: see `HealthReason`).
    let why: HealthReason

    /// The evidence, e.g. "latest NPS 4 (detractor) on 2024-03-02".
    public var reason: String { why.text }

    /// Appends ``reason``'s UTF-8 bytes to `out` without building the String.
    public func appendReason(to out: inout [UInt8]) { why.append(to: &out) }
}

/// A customer's health at `asOf`.
public struct HealthScore: Sendable, Hashable {
    public let customer: CustomerIndex
    /// 0–100: points earned ÷ points available from the rules that had data, × 100.
    public let score: Double
    public let status: HealthStatus
    /// The rules that had data for this customer, in configuration order.
    public let contributions: [RuleContribution]
    /// Names of the rules left out for lack of data (their points are not in the denominator).
    public let missingRules: [String]
    /// The customer's MRR as given by the caller (0 when not given): what is lost if they churn.
    public let revenueAtRisk: Double
}

/// How many scored customers are in each colour.
public struct HealthDistribution: Sendable, Hashable {
    public internal(set) var green = 0
    public internal(set) var amber = 0
    public internal(set) var red = 0
    /// Active customers no rule had data for.
    public internal(set) var unscored = 0

    public var scored: Int { green + amber + red }

    public func count(_ status: HealthStatus) -> Int {
        switch status {
        case .green: return green
        case .amber: return amber
        case .red: return red
        }
    }

    /// count ÷ scored customers; nil when nobody is scored.
    public func share(_ status: HealthStatus) -> Double? {
        scored > 0 ? Double(count(status)) / Double(scored) : nil
    }
}

/// Customer health: Green / Amber / Red from weighted rules.
///
/// Each rule is worth up to its `maxPoints` (defaults add up to 100) and scores a share of them on
/// a continuous scale, linear between the rule's thresholds, from one signal (latest NPS and CSAT, open and overdue tickets, revenue trend, days since
/// last login or order against the usual interval, tenure; see `HealthSignal`). A rule with no data
/// for a customer is left out and the score is rescaled over the rules that applied:
/// score = 100 × Σ points earned ÷ Σ maxPoints of the applied rules. The rounded score falls into
/// the configured bands (default, as Gainsight: 0–50 red, 51–75 amber, 76–100 green). Only the
/// customers the caller says are active at `asOf` are scored. Source of the approach: Gainsight's
/// weighted health-score methodology; the rules and thresholds are ours and configurable.
public struct HealthReport: Sendable, Hashable {
    public static let definition = """
        Customer health is a 0–100 score from weighted rules (default points: latest NPS 20, \
        latest CSAT 10, open tickets 10, overdue tickets 10, revenue trend 20, recency of last \
        login or order against the customer's usual interval 20, tenure 10). Each rule gives a share \
        of its points that moves linearly between its thresholds (for example NPS: 6 or less none, 9 \
        or more full, 8 two thirds; open tickets: none full, 3 or more none). A rule with no data for a customer is left out and the score is rescaled \
        over the rules that did apply (points earned ÷ points available × 100). Scores of 0–50 are \
        Red, 51–75 Amber and 76–100 Green. Only customers active on the report date are scored. \
        Revenue at risk is the current MRR of Red and Amber customers.
        """

    /// Scored customers, in customer order.
    public let scores: [HealthScore]
    /// Active customers no rule had data for.
    public let unscored: [CustomerIndex]

    public var distribution: HealthDistribution {
        var d = HealthDistribution()
        for s in scores { d.add(s.status) }
        d.unscored = unscored.count
        return d
    }

    /// Positions in `scores` of the Red and Amber customers in `atRisk` order, ranked once.
    let atRiskOrder: [Int32]
    /// Σ revenue at risk over Red and Amber customers (added in `atRisk` order).
    public let revenueAtRisk: Double

    /// Red and Amber customers, most revenue at risk first; ties: lower score first, then customer order.
    public var atRisk: [HealthScore] { atRiskOrder.map { scores[Int($0)] } }

    /// `rankAtRisk: false` leaves `atRisk` empty and `revenueAtRisk` 0 (for the health history,
    /// which only counts colours).
    init(scores: [HealthScore], unscored: [CustomerIndex], rankAtRisk: Bool = true) {
        self.scores = scores
        self.unscored = unscored
        let order = rankAtRisk ? scores.indices.filter { scores[$0].status != .green }.sorted { i, j in
            let a = scores[i], b = scores[j]
            if a.revenueAtRisk != b.revenueAtRisk { return a.revenueAtRisk > b.revenueAtRisk }
            if a.score != b.score { return a.score < b.score }
            return a.customer < b.customer
        } : []
        atRiskOrder = order.map { Int32($0) }
        revenueAtRisk = order.reduce(0) { $0 + scores[$1].revenueAtRisk }
    }

    /// Scores every customer in `activeCustomers` as of `configuration.asOf`.
    /// `customerMRR` gives each customer's current MRR for revenue at risk (missing = 0).
    /// Records dated after `asOf` are ignored.
    public static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               health: HealthConfiguration = HealthConfiguration(),
                               activeCustomers: Set<CustomerIndex>,
                               customerMRR: [CustomerIndex: Double] = [:]) -> HealthReport {
        score(HealthEvidence(dataset), asOf: configuration.asOf, calendar: configuration.calendar,
              health: health, activeCustomers: activeCustomers, customerMRR: customerMRR)
    }

    /// The health distribution at the last day of each period (or `asOf` for the period containing
    /// it), scoring the customers `activeCustomers(day)` says were active on that day.
    public static func history(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               health: HealthConfiguration = HealthConfiguration(), periods: [Period],
                               activeCustomers: (Day) -> Set<CustomerIndex>) -> [(period: Period, distribution: HealthDistribution)] {
        history(HealthEvidence(dataset), configuration, health: health, periods: periods, activeCustomers: activeCustomers)
    }

    /// `history` over evidence already gathered, in one walk per customer (`HealthTimeline`).
    static func history(_ evidence: HealthEvidence, _ configuration: MetricsConfiguration, health: HealthConfiguration,
                        periods: [Period], activeCustomers: (Day) -> Set<CustomerIndex>)
        -> [(period: Period, distribution: HealthDistribution)] {
        let kept = periods.filter { $0.start <= configuration.asOf }
        let dates = kept.map { min($0.end.adding(days: -1), configuration.asOf) }
        let active = dates.map(activeCustomers)
        let index = Dictionary(dates.indices.map { (dates[$0], $0) }, uniquingKeysWith: { first, _ in first })
        let timeline = HealthTimeline(evidence, dates: dates, explained: nil, calendar: configuration.calendar, health: health,
                                      isActive: { active[index[$1]!].contains($0) }, revenueAtRisk: { _ in 0 })
        return zip(kept, timeline.distributions).map { ($0, $1) }
    }

    /// The report at `configuration.asOf` (with reasons and revenue at risk) and the history at
    /// the end of each of `periods` (or as-of for the period containing it), from one walk per
    /// customer. `isActive(customer, day)` says who is scored; `customerMRR` is each active
    /// customer's revenue at risk.
    static func scoreWithHistory(_ evidence: HealthEvidence, _ configuration: MetricsConfiguration,
                                 health: HealthConfiguration, periods: [Period], isActive: (CustomerIndex, Day) -> Bool,
                                 customerMRR: [CustomerIndex: Double])
        -> (report: HealthReport, history: [(period: Period, distribution: HealthDistribution)]) {
        let asOf = configuration.asOf
        let kept = periods.filter { $0.start <= asOf }
        var dates = kept.map { min($0.end.adding(days: -1), asOf) }
        if !dates.contains(asOf) { dates.append(asOf) }
        let timeline = HealthTimeline(evidence, dates: dates, explained: dates.firstIndex(of: asOf), calendar: configuration.calendar,
                                      health: health, isActive: isActive, revenueAtRisk: { customerMRR[$0] ?? 0 })
        return (HealthReport(scores: timeline.scores, unscored: timeline.unscored),
                zip(kept, timeline.distributions).map { ($0, $1) })
    }

    static func score(_ evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar, health: HealthConfiguration,
                      activeCustomers: Set<CustomerIndex>, customerMRR: [CustomerIndex: Double],
                      explain: Bool = true) -> HealthReport {
        var scores: [HealthScore] = []
        var unscored: [CustomerIndex] = []
        for customer in activeCustomers.sorted() where evidence.records.indices.contains(customer) {
            if let score = score(of: customer, evidence: evidence, asOf: asOf, calendar: calendar, health: health,
                                 revenueAtRisk: customerMRR[customer] ?? 0, explain: explain) {
                scores.append(score)
            } else {
                unscored.append(customer)
            }
        }
        return HealthReport(scores: scores, unscored: unscored, rankAtRisk: explain)
    }

    /// One customer's score at `asOf` from each rule's reading; nil when no rule has data.
    static func score(of customer: CustomerIndex, evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar,
                      health: HealthConfiguration, revenueAtRisk: Double, explain: Bool) -> HealthScore? {
        let records = evidence.records[customer]
        var contributions: [RuleContribution] = []
        contributions.reserveCapacity(health.rules.count)
        var missing: [String] = []
        var earned = 0.0, available = 0.0
        for rule in health.rules {
            guard let reading = rule.signal.read(customer, records: records, evidence: evidence, asOf: asOf,
                                                 calendar: calendar, support: health.support, explain: explain) else {
                missing.append(rule.name)
                continue
            }
            let points = reading.fraction * rule.maxPoints
            earned += points
            available += rule.maxPoints
            contributions.append(RuleContribution(rule: rule.name, points: points, maxPoints: rule.maxPoints,
                                                  why: reading.reason))
        }
        guard available > 0 else { return nil }
        let score = 100 * earned / available
        // Kept for the report's life by every scored customer: in an array of exactly the rules
        // that applied (usually fewer than reserved).
        // (A copy from a buffer pointer: `Array(contributions[...])` would share the reserved buffer.)
        if contributions.count < contributions.capacity { contributions = contributions.withUnsafeBufferPointer { Array($0) } }
        return HealthScore(customer: customer, score: score, status: health.bands.status(of: score),
                           contributions: contributions, missingRules: missing, revenueAtRisk: revenueAtRisk)
    }
}
