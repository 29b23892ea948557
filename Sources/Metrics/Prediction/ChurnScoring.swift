import Foundation
import Model

/// Today's churn risks and the backtest's cases, from one pass over the customers: each customer
/// is walked (`ChurnFeatureWalk`) through the backtest month end, when active then, and the as-of
/// day, when in `activeNow`, so their records are read once for both rows, and every row is
/// scored as soon as it is built (no row outlives its customer).
///
/// Customers are cut into fixed contiguous ranges (`FixedPartition`); each range walks its
/// customers in index order into its own slots of the final arrays (placed by a first, cheap
/// pass that only counts, `Slots`), so cases and risks come out in customer order, with the same
/// values for any number of ranges. What the rows read from the orders comes from an order
/// digest read into the same slots (`ChurnOrderDigest`), so the order book may be let go before
/// the models are fitted and the customers scored.
struct ChurnScoring {
    /// The backtest's month end (before as-of) and the predictors it is scored with.
    struct Backtest {
        let monthEnd: Day
        let model: LogisticRegression
        let health: HealthPredictor
    }

    /// The backtest's cases (empty without a backtest), in customer order.
    var cases: [BacktestCase]
    /// The customers of `activeNow`, in customer order, with monthly revenue 0: `ChurnModel`
    /// looks it up on its own thread and sets it in place.
    var risks: [ChurnRisk]
    /// The risks' reason values (`ReasonValueWords`), each risk's from its `reasonValuesStart`.
    let reasonValues: [UInt32]

    /// Already scored cases, risks and reason values.
    init(cases: [BacktestCase], risks: [ChurnRisk], reasonValues: [UInt32]) {
        self.cases = cases
        self.risks = risks
        self.reasonValues = reasonValues
    }

    /// Who the scoring scores, and where each case and risk goes: one flag byte per customer and
    /// each range's first slot among the cases and among the risks. Made from the ledger alone,
    /// before the models are fitted, so that the order digest (`ChurnOrderDigest`) is read into
    /// the same slots before the order book is let go.
    struct Slots {
        /// Flags of `marks`: a backtest case, one that churned, a risk scored today.
        static let isCase: UInt8 = 1, churned: UInt8 = 2, isRisk: UInt8 = 4

        /// The number of ranges the customers are cut into (`FixedPartition`).
        let parts: Int
        /// Ranges by default: `FixedPartition.rangesPerCoreForUnevenWork` a core, cut by count (by
        /// count, two halves made one core idle 0.1 s at 10 M waiting for the order digest's longer one).
        static let defaultParts = FixedPartition.rangesPerCoreForUnevenWork * FixedPartition.parts
        /// Per customer (index into the ledger's activity): `isCase`, `churned`, `isRisk`.
        let marks: [UInt8]
        /// Per range, in range order: its first customer and its cases and risks.
        let counts: [(start: Int, cases: Int, risks: Int)]
        /// Each range's first slot in the cases and in the risks.
        let caseStart: [Int]
        let riskStart: [Int]
        let caseTotal: Int
        let riskTotal: Int

        /// The customers of `activity` active on `backtestEnd` (none without it) and those that
        /// `isActiveNow` flags (`isActiveNow[c]` for customer c; a customer past its end is not).
        init(activity: [CustomerActivity?], isActiveNow: [Bool], backtestEnd: Day?, parts: Int = Slots.defaultParts) {
            self.parts = parts
            var marks = [UInt8](repeating: 0, count: activity.count)
            counts = marks.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                return FixedPartition.map(activity.count, parts: parts) { range in
                    var cases = 0, risks = 0
                    for c in range {
                        var mark: UInt8 = 0
                        if let end = backtestEnd, let churned = activity[c].flatMap({ ChurnTrainingSet.churns($0, after: end) }) {
                            mark |= churned ? Self.isCase | Self.churned : Self.isCase
                            cases += 1
                        }
                        if c < isActiveNow.count && isActiveNow[c] {
                            mark |= Self.isRisk
                            risks += 1
                        }
                        out[c] = mark
                    }
                    return (start: range.lowerBound, cases: cases, risks: risks)
                }
            }
            self.marks = marks
            var caseStart: [Int] = [], riskStart: [Int] = []
            var caseTotal = 0, riskTotal = 0
            for part in counts {
                caseStart.append(caseTotal)
                riskStart.append(riskTotal)
                caseTotal += part.cases
                riskTotal += part.risks
            }
            self.caseStart = caseStart
            self.riskStart = riskStart
            self.caseTotal = caseTotal
            self.riskTotal = riskTotal
        }

        /// The position of the range starting at customer `lower`.
        func part(startingAt lower: Int) -> Int {
            counts.firstIndex { $0.start == lower }!
        }
    }

    /// `activeNow` holds customers of the ledger's activity (those active on `asOf`); the ledger
    /// says who is active at the backtest month end and who churned in the 90 days after it.
    init(features: ChurnFeatureSet, context: ChurnFeatureContext, asOf: Day, activeNow: Set<CustomerIndex>,
         regression: LogisticRegression, backtest: Backtest?, parts: Int = Slots.defaultParts) {
        self.init(features: features, context: context, asOf: asOf, isActiveNow: ChurnScoring.flags(activeNow),
                  regression: regression, backtest: backtest, parts: parts)
    }

    /// `activeNow` as one flag per customer index (up to the largest member).
    static func flags(_ activeNow: Set<CustomerIndex>) -> [Bool] {
        var flags = [Bool](repeating: false, count: (activeNow.max() ?? -1) + 1)
        for c in activeNow where c >= 0 { flags[c] = true }
        return flags
    }

    /// The same with `activeNow` given as flags: `isActiveNow[c]` says whether customer c is in
    /// it (a customer past its end is not). The orders are read from the context's order book.
    init(features: ChurnFeatureSet, context: ChurnFeatureContext, asOf: Day, isActiveNow: [Bool],
         regression: LogisticRegression, backtest: Backtest?, parts: Int = Slots.defaultParts) {
        let slots = Slots(activity: context.ledger.activity, isActiveNow: isActiveNow, backtestEnd: backtest?.monthEnd, parts: parts)
        let orders = ChurnOrderDigest(slots: slots, orders: context.evidence.orders, backtestEnd: backtest?.monthEnd, asOf: asOf,
                                      rules: features.rules)
        self.init(features: features, context: context, asOf: asOf, slots: slots, orders: orders, regression: regression,
                  backtest: backtest)
    }

    /// The customers of `slots` scored with their order facts from `orders` (read for the same
    /// slots, with `backtest`'s month end): the context's order book is not read, so it may be
    /// empty (`HealthEvidence.withoutOrders`).
    ///
    /// Each range writes every case and risk straight into its final slot of arrays allocated
    /// once at their exact size (no per-range arrays grown by doubling and then concatenated).
    init(features: ChurnFeatureSet, context: ChurnFeatureContext, asOf: Day, slots: Slots, orders: ChurnOrderDigest,
         regression: LogisticRegression, backtest: Backtest?) {
        let activity = context.ledger.activity
        let groups = features.groups
        precondition(groups.count <= Int(Int16.max), "feature groups fit the reason slots")
        precondition(slots.marks.count == activity.count && orders.caseCount == slots.caseTotal && orders.riskCount == slots.riskTotal
                     && (backtest != nil || slots.caseTotal == 0), "the slots and the digest are the scoring's")
        let reasonTable = ReasonGroupTable(groups: groups, regression: regression)
        let planGroup = ChurnFeatureSet.planGroup(of: groups, names: features.names)
        let (counts, caseStart, riskStart) = (slots.counts, slots.caseStart, slots.riskStart)
        let (caseTotal, riskTotal) = (slots.caseTotal, slots.riskTotal)
        var pools: [ReasonValuePool] = []
        var risks: [ChurnRisk] = []
        let cases = [BacktestCase](unsafeUninitializedCapacity: caseTotal) { caseSlots, caseCount in
            risks = [ChurnRisk](unsafeUninitializedCapacity: riskTotal) { riskSlots, riskCount in
                nonisolated(unsafe) let caseSlots = caseSlots, riskSlots = riskSlots
                pools = slots.marks.withUnsafeBufferPointer { marks in
                    FixedPartition.map(activity.count, parts: slots.parts) { range in
                        let p = slots.part(startingAt: range.lowerBound)
                        var nextCase = caseStart[p], nextRisk = riskStart[p]
                        var walk = ChurnFeatureWalk(features: features, context: context)
                        var facts = ChurnOrderFacts()
                        var pool = ReasonValuePool()
                        var byGroup: [Double] = [], contributions: [Double] = []
                        for c in range where marks[c] & (Slots.isCase | Slots.isRisk) != 0 {
                            walk.begin(c)
                            if let backtest, marks[c] & Slots.isCase != 0 {
                                orders.readCase(nextCase, into: &facts)
                                walk.row(at: backtest.monthEnd, orders: facts)
                                (caseSlots.baseAddress! + nextCase).initialize(to: BacktestCase(
                                    customer: c, monthEnd: backtest.monthEnd, probability: backtest.model.probability(walk.values),
                                    healthProbability: backtest.health.probability(walk.healthScore),
                                    healthScore: walk.healthScore, churned: marks[c] & Slots.churned != 0))
                                nextCase += 1
                            }
                            if marks[c] & Slots.isRisk != 0 {
                                orders.readRisk(nextRisk, into: &facts)
                                walk.row(at: asOf, orders: facts)
                                // βⱼ zⱼ once per feature: the reasons add them per group, the probability all of them.
                                reasonTable.contributions(walk.values, into: &contributions)
                                let top = reasonTable.top(contributions: contributions, rulesWithoutData: walk.rulesWithoutData,
                                                          scratch: &byGroup)
                                let start = pool.count
                                for slot in 0..<3 where top[slot] >= 0 {
                                    ChurnFeatureSet.reasonValues(group: Int(top[slot]), of: walk.values, groups: groups,
                                                                 planGroup: planGroup) { pool.append($0) }
                                }
                                // The pool's start within this range for now; moved by the pools before it below.
                                (riskSlots.baseAddress! + nextRisk).initialize(to: ChurnRisk(
                                    customer: c, probability: reasonTable.probability(contributions: contributions), monthlyRevenue: 0,
                                    reasonGroups: top, reasonValuesStart: Int32(start)))
                                nextRisk += 1
                            }
                        }
                        precondition(nextCase == caseStart[p] + counts[p].cases && nextRisk == riskStart[p] + counts[p].risks,
                                     "the scoring fills the slots counted")
                        return pool
                    }
                }
                riskCount = riskTotal
            }
            caseCount = caseTotal
        }
        // The ranges' pools joined in range order into one array of their exact total, each chunk
        // let go once copied; each range's starts moved by the pools before it.
        let total = pools.reduce(0) { $0 + $1.count }
        let reasonValues = [UInt32](unsafeUninitializedCapacity: total) { values, count in
            var next = 0
            for p in pools.indices {
                let offset = Int32(next)
                if pools[p].count > 0 { next += pools[p].move(to: values.baseAddress! + next) }
                for i in riskStart[p] ..< riskStart[p] + counts[p].risks { risks[i] = risks[i].moved(by: offset) }
            }
            count = next
        }
        self.cases = cases
        self.risks = risks
        self.reasonValues = reasonValues
    }

    /// The (up to) three feature groups that raise the log-odds of `row` most: a group's
    /// contribution is Σ βⱼ zⱼ over its features (`LogisticRegression.contribution`, added in group
    /// order from 0); only groups above 0 count, and none holding a rule without data. Largest
    /// first, ties to the lower group index; −1 fills the slots left. `scratch` is reused space.
    static func reasonGroups(_ row: [Double], rulesWithoutData: [Int], regression: LogisticRegression, groups: [[Int]],
                             scratch byGroup: inout [Double]) -> SIMD3<Int16> {
        ReasonGroupTable(groups: groups, regression: regression).top(row, rulesWithoutData: rulesWithoutData, scratch: &byGroup)
    }
}

/// Reason values as 32-bit words, read in order from a risk's start: a value that a Float holds
/// exactly (its bits come back unchanged from Float to Double: counts, days, flags, scores) is one
/// word, its Float bits; any other value is the word `escape` and its 64 bits as two words, high
/// half first. Every value reads back with the bits it had; most take 4 bytes instead of 8.
enum ReasonValueWords {
    /// A quiet Float NaN with a payload; a value whose Float bits are these is written escaped too.
    static let escape: UInt32 = 0x7FC0_0BAD

    static func encode(_ value: Double, _ append: (UInt32) -> Void) {
        let single = Float(value)
        if Double(single).bitPattern == value.bitPattern && single.bitPattern != escape {
            append(single.bitPattern)
        } else {
            append(escape)
            append(UInt32(truncatingIfNeeded: value.bitPattern >> 32))
            append(UInt32(truncatingIfNeeded: value.bitPattern))
        }
    }

    /// The value whose words start at `next`, which is moved past them.
    static func decode(_ words: [UInt32], at next: inout Int) -> Double {
        let word = words[next]
        guard word == escape else {
            next += 1
            return Double(Float(bitPattern: word))
        }
        next += 3
        return Double(bitPattern: UInt64(words[next - 2]) << 32 | UInt64(words[next - 1]))
    }

    /// Every value of `words`, in order.
    static func decodeAll(_ words: [UInt32]) -> [Double] {
        var values: [Double] = [], next = 0
        while next < words.count { values.append(decode(words, at: &next)) }
        return values
    }
}

/// One range's reason values in order (`ReasonValueWords`), kept in chunks of a fixed size:
/// growing never copies what is there (an array grown by doubling holds up to twice its words,
/// and three times while it copies), and `move(to:)` lets each chunk go as soon as it is copied out.
struct ReasonValuePool {
    /// Words per chunk (64 KiB).
    static let chunkSize = 16_384
    private var chunks: [[UInt32]] = []
    /// Words so far.
    private(set) var count = 0

    mutating func append(_ value: Double) {
        ReasonValueWords.encode(value) { word in
            if count % Self.chunkSize == 0 {
                chunks.append([])
                chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
            }
            chunks[chunks.count - 1].append(word)
            count += 1
        }
    }

    /// Copies the words, in order, to `destination` (room for `count`), emptying the pool chunk
    /// by chunk; returns how many were copied.
    mutating func move(to destination: UnsafeMutablePointer<UInt32>) -> Int {
        var next = 0
        for k in chunks.indices {
            chunks[k].withUnsafeBufferPointer { chunk in
                (destination + next).initialize(from: chunk.baseAddress!, count: chunk.count)
                next += chunk.count
            }
            chunks[k] = []
        }
        chunks = []
        count = 0
        return next
    }
}

/// The feature groups and the model's standardisation laid out flat once, so that choosing a
/// risk's reason groups (`ChurnScoring.reasonGroups`) reads plain arrays row after row: group g
/// holds `features[starts[g] ..< starts[g + 1]]`, and feature j contributes
/// `coefficient[j] × (rowⱼ − mean[j]) / scale[j]` (β_{j+1}, the mean and the scale of
/// `LogisticRegression`, in the order `contribution` computes it, so the same bits).
struct ReasonGroupTable {
    let starts: [Int]
    let features: [Int]
    /// Per group, bit f set for each feature f it holds, read instead of `holdsAny` when every
    /// feature index is below 64 (`bitsCoverFeatures`).
    let featureBits: [UInt64]
    let bitsCoverFeatures: Bool
    let intercept: Double
    let coefficient: [Double]
    let mean: [Double]
    let scale: [Double]

    init(groups: [[Int]], regression: LogisticRegression) {
        var starts = [0]
        for group in groups { starts.append(starts[starts.count - 1] + group.count) }
        self.starts = starts
        features = groups.flatMap { $0 }
        bitsCoverFeatures = features.allSatisfy { $0 >= 0 && $0 < 64 }
        featureBits = groups.map { group in group.reduce(0) { $1 >= 0 && $1 < 64 ? $0 | 1 << UInt64($1) : $0 } }
        intercept = regression.coefficients[0]
        coefficient = Array(regression.coefficients.dropFirst())
        mean = regression.means
        scale = regression.scales
    }

    /// Each feature's βⱼ zⱼ of `row` (`LogisticRegression.contribution`, the same operations), into
    /// `contributions` (emptied first).
    func contributions(_ row: [Double], into contributions: inout [Double]) {
        contributions.removeAll(keepingCapacity: true)
        row.withUnsafeBufferPointer { row in
            coefficient.withUnsafeBufferPointer { coefficient in
                mean.withUnsafeBufferPointer { mean in
                    scale.withUnsafeBufferPointer { scale in
                        for j in 0..<row.count { contributions.append(coefficient[j] * (row[j] - mean[j]) / scale[j]) }
                    }
                }
            }
        }
    }

    /// `LogisticRegression.probability` of the row whose `contributions` these are: β₀ plus the
    /// contributions in feature order, the sum that function adds, so the same bits.
    func probability(contributions: [Double]) -> Double {
        var eta = intercept
        for c in contributions { eta += c }
        return 1 / (1 + exp(-eta))
    }

    /// `ChurnScoring.reasonGroups` of `row`.
    func top(_ row: [Double], rulesWithoutData: [Int], scratch byGroup: inout [Double]) -> SIMD3<Int16> {
        var contributions: [Double] = []
        self.contributions(row, into: &contributions)
        return top(contributions: contributions, rulesWithoutData: rulesWithoutData, scratch: &byGroup)
    }

    /// `ChurnScoring.reasonGroups` of the row whose `contributions` these are: each group's
    /// contributions added in group order from 0.
    func top(contributions: [Double], rulesWithoutData: [Int], scratch byGroup: inout [Double]) -> SIMD3<Int16> {
        let groupCount = starts.count - 1
        byGroup.removeAll(keepingCapacity: true)
        contributions.withUnsafeBufferPointer { contribution in
            features.withUnsafeBufferPointer { features in
                starts.withUnsafeBufferPointer { starts in
                    for g in 0..<groupCount {
                        var sum = 0.0
                        for f in starts[g] ..< starts[g + 1] { sum += contribution[features[f]] }
                        byGroup.append(sum)
                    }
                }
            }
        }
        // The features of the rules without data as bits (a listed index past 63 is in no group
        // when the bits cover every feature).
        var silent: UInt64 = 0
        for f in rulesWithoutData where f >= 0 && f < 64 { silent |= 1 << UInt64(f) }
        // The kept groups, largest first, in three plain slots (−1: empty).
        var first = -1, second = -1, third = -1
        byGroup.withUnsafeBufferPointer { byGroup in
            for g in 0..<groupCount where byGroup[g] > 0 {
                guard bitsCoverFeatures ? featureBits[g] & silent == 0 : !holdsAny(g, rulesWithoutData) else { continue }
                // After every kept group that is at least as large (earlier indices win ties).
                let value = byGroup[g]
                if first < 0 || byGroup[first] < value {
                    (first, second, third) = (g, first, second)
                } else if second < 0 || byGroup[second] < value {
                    (second, third) = (g, second)
                } else if third < 0 || byGroup[third] < value {
                    third = g
                }
            }
        }
        return SIMD3(Int16(first), Int16(second), Int16(third))
    }

    /// Whether group `g` holds one of `listed`.
    private func holdsAny(_ g: Int, _ listed: [Int]) -> Bool {
        guard !listed.isEmpty else { return false }
        for f in starts[g] ..< starts[g + 1] where listed.contains(features[f]) { return true }
        return false
    }
}
