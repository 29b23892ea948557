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
///
/// Kept compactly: every scored customer of a report keeps it for the report's life (hundreds of
/// thousands of them), so the rules' points and reasons are not an array per customer but a
/// run of bytes in the chunks shared by the customers scored together (`KeptContributions`),
/// and the rule names, missing rules and colour are read from the configuration when asked
/// for: 32 bytes a score.
public struct HealthScore: Sendable, Hashable {
    /// 0–100: points earned ÷ points available from the rules that had data, × 100.
    public let score: Double
    /// The customer's MRR as given by the caller (0 when not given): what is lost if they churn.
    public let revenueAtRisk: Double
    private let kept: KeptContributions
    private let index: Int32
    /// This customer's applied rules, in configuration order, are kept from byte position
    /// `first` of `kept`, after their count (`KeptContributions.forEach`).
    private let first: Int32

    public var customer: CustomerIndex { Int(index) }

    /// The colour of `score` in the configured bands (the same `HealthBands.status(of:)` gave
    /// when the score was added).
    public var status: HealthStatus { kept.bands.status(of: score) }

    /// The rules that had data for this customer, in configuration order.
    public var contributions: [RuleContribution] {
        var out: [RuleContribution] = []
        forEachContribution { out.append($0) }
        return out
    }

    /// Calls `body` with each of ``contributions`` in order (the same values), without building
    /// the array: for writers that visit every scored customer.
    public func forEachContribution(_ body: (RuleContribution) throws -> Void) rethrows {
        try kept.forEach(from: Int(first)) { entry in
            let rule = Int(entry.rule)
            try body(RuleContribution(rule: kept.names[rule], points: entry.points, maxPoints: kept.maxPoints[rule], why: entry.why))
        }
    }

    /// Names of the rules left out for lack of data (their points are not in the denominator).
    public var missingRules: [String] {
        var applied = [Bool](repeating: false, count: kept.names.count)
        kept.forEach(from: Int(first)) { applied[Int($0.rule)] = true }
        return kept.names.indices.filter { !applied[$0] }.map { kept.names[$0] }
    }

    /// The applied rules, in configuration order, are kept from byte position `first` of `kept`.
    init(customer: Int32, score: Double, revenueAtRisk: Double, kept: KeptContributions, first: Int32) {
        self.index = customer
        self.score = score
        self.revenueAtRisk = revenueAtRisk
        self.kept = kept
        self.first = first
    }

/// Equal when every public fact is: customer, score, colour, revenue at risk, contributions
    /// and missing rules (wherever they are kept).
    public static func == (a: HealthScore, b: HealthScore) -> Bool {
        a.index == b.index && a.score == b.score && a.status == b.status && a.revenueAtRisk == b.revenueAtRisk
            && a.contributions == b.contributions && a.missingRules == b.missingRules
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(score)
        hasher.combine(status)
        hasher.combine(revenueAtRisk)
        hasher.combine(contributions)
        hasher.combine(missingRules)
    }
}

/// One applied rule of one scored customer as a report keeps it: the points, the reason's facts
/// and the rule's position in the configuration (its name and maximum points are read there).
struct KeptContribution: Sendable {
    let points: Double
    let why: HealthReason
    let rule: Int32
}

/// The applied rules of the customers scored together (a range of them, or one), as bytes, with
/// the configuration's rule names, maximum points and bands they refer to.
///
/// Each customer's run is the count of its applied rules, then per rule a code, its points when
/// the code says they are kept, and its reason's facts (`HealthReason.encode`). The code is
/// 4 × the rule's position + how the points are kept (`PointsKept`: one byte below 16 rules):
/// points of exactly 0 or exactly the rule's maximum (most of them: a full or an empty share)
/// are not written, the others take the 8 bytes of their bit pattern. A typical scored customer
/// keeps about 40 bytes. The bytes are in chunks of at most `chunkSize` (a customer's run never
/// crosses one): they are written without ever copying what was kept into a larger array, so no
/// moment holds them twice.
final class KeptContributions: Sendable {
    let names: [String]
    let maxPoints: [Double]
    let bands: HealthBands
    let chunks: [[UInt8]]

    /// Bytes in a chunk before the next is begun; a position is `chunk << chunkShift + offset`.
    static let chunkShift = 20
    static let chunkSize = 1 << chunkShift

    /// How a rule's points are kept: the low two bits of its code.
    enum PointsKept: Int {
        /// The 8 bytes of the bit pattern follow.
        case written = 0
        /// +0 (bit pattern 0): nothing follows.
        case zero = 1
        /// The rule's maximum points, bit for bit: nothing follows.
        case maximum = 2
    }

    /// A last chunk with much room to spare is copied into an array of exactly its size.
    init(rules: [HealthRule], bands: HealthBands, chunks: [[UInt8]]) {
        names = rules.map(\.name)
        maxPoints = rules.map(\.maxPoints)
        self.bands = bands
        var chunks = chunks
        if let last = chunks.last, last.capacity > last.count + last.count / 8 {
            chunks[chunks.count - 1] = last.withUnsafeBufferPointer { Array($0) }
        }
        self.chunks = chunks
    }

    /// Appends one applied rule (`rule`, its `points` of `maxPoints`, and `why`) to `out`.
    static func put(rule: Int, points: Double, maxPoints: Double, why: HealthReason, to out: inout [UInt8]) {
        let kept: PointsKept = points.bitPattern == 0 ? .zero : points.bitPattern == maxPoints.bitPattern ? .maximum : .written
        HealthReason.put(rule << 2 | kept.rawValue, to: &out)
        if kept == .written { HealthReason.put(points, to: &out) }
        why.encode(to: &out)
    }

    /// Calls `body` with the applied rules kept from byte position `first` (their count first), in order.
    func forEach(from first: Int, _ body: (KeptContribution) throws -> Void) rethrows {
        let bytes = chunks[first >> Self.chunkShift]
        var position = first & (Self.chunkSize - 1)
        let count = HealthReason.int(bytes, at: &position)
        for _ in 0..<count {
            let code = HealthReason.int(bytes, at: &position)
            let rule = code >> 2
            let points: Double
            switch PointsKept(rawValue: code & 3)! {
            case .written: points = HealthReason.double(bytes, at: &position)
            case .zero: points = 0
            case .maximum: points = maxPoints[rule]
            }
            try body(KeptContribution(points: points, why: HealthReason(bytes: bytes, at: &position), rule: Int32(rule)))
        }
    }
}

/// Scores being built: the applied rules of every customer scored so far as bytes
/// (`KeptContributions`), and the scores that point into them; `finish` shares the bytes among
/// the scores.
struct HealthScoreBuilder {
    /// Full chunks, and the one being filled (`chunks.count` is its number).
    private var chunks: [[UInt8]] = []
    private var current: [UInt8] = []
    /// The customer being added, encoded here first (its length decides the chunk it goes to).
    private var pending: [UInt8] = []
    /// 24 bytes a score until `finish` (the colour is the bands' reading of the score).
    private var scored: [(customer: Int32, first: Int32, score: Double, revenueAtRisk: Double)] = []
    /// The bands given to `add` (every call gives the configuration's).
    private var bands = HealthBands()

    /// Room for `customers` scores, taken at once so the array never grows by doubling (each
    /// doubling holds the old and the new buffer together; the bytes are taken a chunk at a time).
    mutating func reserve(customers: Int) {
        scored.reserveCapacity(customers)
    }

    /// Scores added so far.
    var count: Int { scored.count }

    /// Bytes kept so far for the applied rules of the customers added.
    var keptByteCount: Int { chunks.reduce(current.count) { $0 + $1.count } }

    /// Adds up `read`'s reading of each rule into a score (100 × Σ points ÷ Σ maxPoints of the
    /// rules that had data, points = fraction × maxPoints), keeping each applied rule's points and
    /// reason; nil (nothing kept) when no rule had data.
    mutating func add(_ customer: CustomerIndex, rules: [HealthRule], bands: HealthBands, revenueAtRisk: Double,
                      _ read: (HealthSignal) -> SignalReading?) -> HealthStatus? {
        pending.removeAll(keepingCapacity: true)
        var earned = 0.0, available = 0.0, applied = 0
        // By position, reading only the signal and the points (a copy of a whole rule retains its name).
        for r in rules.indices {
            guard let reading = read(rules[r].signal) else { continue }
            let maxPoints = rules[r].maxPoints
            let points = reading.fraction * maxPoints
            earned += points
            available += maxPoints
            applied += 1
            KeptContributions.put(rule: r, points: points, maxPoints: maxPoints, why: reading.reason, to: &pending)
        }
        guard available > 0 else { return nil }
        let score = 100 * earned / available
        self.bands = bands
        // The count takes at most 10 bytes (a 64-bit varint).
        if !current.isEmpty, current.count + 10 + pending.count > KeptContributions.chunkSize {
            chunks.append(current)
            current = []
            current.reserveCapacity(KeptContributions.chunkSize)
        }
        let first = Int32(chunks.count << KeptContributions.chunkShift + current.count)
        HealthReason.put(applied, to: &current)
        current.append(contentsOf: pending)
        scored.append((Int32(customer), first, score, revenueAtRisk))
        return bands.status(of: score)
    }

    /// The scores added, in the order added, sharing one `KeptContributions`.
    func finish(rules: [HealthRule]) -> [HealthScore] {
        Self.finish([self], rules: rules)
    }

    /// The scores of `parts`, part after part in the order added, in one array of exactly their
    /// number (each part's scores share its own `KeptContributions`).
    static func finish(_ parts: [HealthScoreBuilder], rules: [HealthRule]) -> [HealthScore] {
        var scores: [HealthScore] = []
        scores.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            let kept = KeptContributions(rules: rules, bands: part.bands, chunks: part.chunks + [part.current])
            for s in part.scored {
                scores.append(HealthScore(customer: s.customer, score: s.score, revenueAtRisk: s.revenueAtRisk, kept: kept,
                                          first: s.first))
            }
        }
        return scores
    }
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
    /// customer. `isActive(customer, day)` says who is scored; `revenueAtRisk(customer)` is each
    /// active customer's revenue at risk.
    static func scoreWithHistory(_ evidence: HealthEvidence, _ configuration: MetricsConfiguration,
                                 health: HealthConfiguration, periods: [Period], isActive: (CustomerIndex, Day) -> Bool,
                                 revenueAtRisk: (CustomerIndex) -> Double)
        -> (report: HealthReport, history: [(period: Period, distribution: HealthDistribution)]) {
        let asOf = configuration.asOf
        let kept = periods.filter { $0.start <= asOf }
        var dates = kept.map { min($0.end.adding(days: -1), asOf) }
        if !dates.contains(asOf) { dates.append(asOf) }
        let timeline = HealthTimeline(evidence, dates: dates, explained: dates.firstIndex(of: asOf), calendar: configuration.calendar,
                                      health: health, isActive: isActive, revenueAtRisk: revenueAtRisk)
        return (HealthReport(scores: timeline.scores, unscored: timeline.unscored),
                zip(kept, timeline.distributions).map { ($0, $1) })
    }

    static func score(_ evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar, health: HealthConfiguration,
                      activeCustomers: Set<CustomerIndex>, customerMRR: [CustomerIndex: Double],
                      explain: Bool = true) -> HealthReport {
        var scores = HealthScoreBuilder()
        var unscored: [CustomerIndex] = []
        for customer in activeCustomers.sorted() where evidence.records.indices.contains(customer) {
            if !add(customer, to: &scores, evidence: evidence, asOf: asOf, calendar: calendar, health: health,
                    revenueAtRisk: customerMRR[customer] ?? 0, explain: explain) {
                unscored.append(customer)
            }
        }
        return HealthReport(scores: scores.finish(rules: health.rules), unscored: unscored, rankAtRisk: explain)
    }

    /// One customer's score at `asOf` from each rule's reading; nil when no rule has data.
    static func score(of customer: CustomerIndex, evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar,
                      health: HealthConfiguration, revenueAtRisk: Double, explain: Bool) -> HealthScore? {
        var scores = HealthScoreBuilder()
        guard add(customer, to: &scores, evidence: evidence, asOf: asOf, calendar: calendar, health: health,
                  revenueAtRisk: revenueAtRisk, explain: explain) else { return nil }
        return scores.finish(rules: health.rules)[0]
    }

    /// Scores `customer` at `asOf` into `scores` (each rule read afresh); false when no rule has data.
    private static func add(_ customer: CustomerIndex, to scores: inout HealthScoreBuilder, evidence: HealthEvidence, asOf: Day,
                            calendar: PeriodCalendar, health: HealthConfiguration, revenueAtRisk: Double, explain: Bool) -> Bool {
        let records = evidence.records[customer]
        return scores.add(customer, rules: health.rules, bands: health.bands, revenueAtRisk: revenueAtRisk) { signal in
            signal.read(customer, records: records, evidence: evidence, asOf: asOf, calendar: calendar, support: health.support,
                        explain: explain)
        } != nil
    }
}
