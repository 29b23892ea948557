import Model
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One customer's observed lifetime in days; `churned` false = still active (right-censored).
public struct Lifetime: Sendable, Hashable {
    public var days: Int
    public var churned: Bool

    public init(days: Int, churned: Bool) {
        self.days = days
        self.churned = churned
    }
}

/// The Kaplan–Meier estimate of customer survival, with lifelines' conventions.
///
/// At each distinct observed time t (days, plus t = 0): n = customers with lifetime ≥ t (at
/// risk), d = churns at t, c = censored at t. S(t) = Π_{tᵢ ≤ t} (1 − dᵢ ÷ nᵢ).
/// 95 % band: exponential Greenwood (Kalbfleisch–Prentice log(−log) transform, lifelines'
/// `KaplanMeierFitter` default): V = Σ_{tᵢ ≤ t} dᵢ ÷ (nᵢ (nᵢ − dᵢ)), c = z √V ÷ |ln S(t)|,
/// lower = S^exp(c), upper = S^exp(−c); where S = 1 the band is [1, 1] and where S = 0 it is [0, 0].
/// Median lifetime = the first time with S(t) ≤ 0.5 (nil if the curve never gets there); its
/// interval = the first times the lower and the upper band reach ≤ 0.5 (lifelines'
/// `median_survival_times(confidence_interval_)`); a nil end means "not reached". Ties: churns
/// at t are removed before censorings at t, i.e. censored customers are at risk at their time.
public struct KaplanMeierCurve: Sendable, Hashable {
    public static let definition = """
        Customer lifetime runs from the cohort date to the churn date, for every customer in a \
        cohort (sign-ups who never paid are not customers); customers still active are counted \
        up to the as-of date (right-censored). The Kaplan–Meier estimate S(t) multiplies, \
        over every day t with churns, the share of customers at risk that did not churn. The 95% \
        band is the exponential Greenwood interval (log(−log) transform, the lifelines default). \
        Median lifetime is the first day S(t) ≤ 50%, with its interval read off the band; it is \
        "not reached" while more than half the customers remain.
        """

    public struct Step: Sendable, Hashable {
        public let time: Int
        public let atRisk: Int
        public let events: Int
        public let censored: Int
        public let survival: Double
        public let lower: Double
        public let upper: Double
    }

    /// t = 0 first, then every distinct observed lifetime, ascending.
    public let steps: [Step]
    public let subjects: Int
    public let events: Int
    public let median: Int?
    public let medianLower: Int?
    public let medianUpper: Int?
    /// Customers left out because their churn date precedes their cohort date.
    public let excluded: Int

    public init(lifetimes: [Lifetime], z: Double = WilsonInterval.z95, excluded: Int = 0) {
        // The valid lifetimes (days ≥ 0) counted where they are, not copied: the lists made
        // here (`lifetimes(_:)`) hold none that is negative.
        var negative = 0, churned = 0, longest = 0
        for l in lifetimes {
            if l.days < 0 {
                negative += 1
            } else {
                if l.churned { churned += 1 }
                longest = max(longest, l.days)
            }
        }
        self.excluded = excluded + negative
        subjects = lifetimes.count - negative
        events = churned
        // Events and censorings per day of lifetime (day 0 is always a step).
        var eventsAt = [Int](repeating: 0, count: longest + 1), censoredAt = eventsAt
        for l in lifetimes where l.days >= 0 {
            if l.churned { eventsAt[l.days] += 1 } else { censoredAt[l.days] += 1 }
        }
        var atRisk = subjects
        var s = 1.0, greenwood = 0.0
        var steps: [Step] = []
        for t in 0...longest where t == 0 || eventsAt[t] > 0 || censoredAt[t] > 0 {
            let d = eventsAt[t], c = censoredAt[t]
            if d > 0 && atRisk > 0 {
                s *= 1 - Double(d) / Double(atRisk)
                greenwood += d < atRisk ? Double(d) / (Double(atRisk) * Double(atRisk - d)) : .infinity
            }
            let (lower, upper) = Self.band(s, greenwood, z)
            steps.append(Step(time: t, atRisk: atRisk, events: d, censored: c, survival: s, lower: lower, upper: upper))
            atRisk -= d + c
        }
        self.steps = steps
        median = steps.first { $0.survival <= 0.5 }?.time
        medianLower = steps.first { $0.lower <= 0.5 }?.time
        medianUpper = steps.first { $0.upper <= 0.5 }?.time
    }

    static func band(_ s: Double, _ v: Double, _ z: Double) -> (Double, Double) {
        if s >= 1 { return (1, 1) }
        if s <= 0 || !v.isFinite { return (0, 0) }
        let c = z * v.squareRoot() / abs(log(s))
        return (pow(s, exp(c)), pow(s, exp(-c)))
    }

    /// S(t): the estimate at the last step at or before t (1 before any step).
    public func survival(at t: Int) -> Double { step(at: t)?.survival ?? 1 }

    /// The step in force at day t.
    public func step(at t: Int) -> Step? { steps.last { $0.time <= t } }

    /// Customers at risk at day t: lifetime ≥ t.
    public func atRisk(at t: Int) -> Int {
        if let s = steps.first(where: { $0.time >= t }) { return s.atRisk }
        return 0
    }

    /// At-risk counts for the table under a survival chart (e.g. at 0, 90, 180, 365 days).
    public func atRisk(at times: [Int]) -> [Int] { times.map { atRisk(at: $0) } }

    /// Lifetimes of every customer of the ledger (or those `including` says): cohort date to
    /// final churn date, or to as-of when still active.
    public static func lifetimes(_ ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) -> (lifetimes: [Lifetime], excluded: Int) {
        var out: [Lifetime] = []
        // At most one a customer: room made once (growing by doubling copies and faults in the
        // pages of every size on the way).
        if including == nil { out.reserveCapacity(ledger.activity.count) }
        var excluded = 0
        for (i, a) in ledger.activity.enumerated() {
            guard let a, including?(i) ?? true, let lifetime = lifetime(of: i, a, ledger) else { continue }
            if lifetime.days < 0 {
                excluded += 1
                continue
            }
            out.append(lifetime)
        }
        return (out, excluded)
    }

    /// A customer's lifetime (negative days when the final churn precedes the cohort day); nil
    /// when the customer is in no cohort by as-of.
    static func lifetime(of i: CustomerIndex, _ a: CustomerActivity, _ ledger: ActivityLedger) -> Lifetime? {
        guard let start = ledger.cohortDay(of: i), start <= ledger.asOf else { return nil }
        return Lifetime(days: start.days(to: a.churnDate ?? ledger.asOf), churned: a.churnDate != nil)
    }

    public init(ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) {
        let (l, excluded) = Self.lifetimes(ledger, including: including)
        self.init(lifetimes: l, excluded: excluded)
    }

    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration))
    }

    /// One curve per value of a customer attribute, sorted by value, the missing value last.
    public static func bySegment(_ ledger: ActivityLedger, attribute: String) -> [(value: String, curve: KaplanMeierCurve)] {
        // Every lifetime worked out once and put with its value (the same lifetimes, in the same
        // order, as one curve per value built on its own).
        let segments = ledger.segmentCodes(attribute)
        var groups = [[Lifetime]](repeating: [], count: segments.values.count)
        var excluded = [Int](repeating: 0, count: segments.values.count)
        // Each group's room made once, for the customers with activity that have its value.
        var members = [Int](repeating: 0, count: segments.values.count)
        for (i, a) in ledger.activity.enumerated() where a != nil && i < segments.codes.count && segments.codes[i] >= 0 {
            members[Int(segments.codes[i])] += 1
        }
        for code in groups.indices { groups[code].reserveCapacity(members[code]) }
        for (i, a) in ledger.activity.enumerated() {
            guard let a, i < segments.codes.count, segments.codes[i] >= 0, let lifetime = lifetime(of: i, a, ledger) else { continue }
            let code = Int(segments.codes[i])
            if lifetime.days < 0 { excluded[code] += 1 } else { groups[code].append(lifetime) }
        }
        return segments.values.enumerated().map { code, value in
            (value, KaplanMeierCurve(lifetimes: groups[code], excluded: excluded[code]))
        }
    }
}
