import Model

/// Today's churn risks and the backtest's cases, from one pass over the customers: each customer
/// is walked (`ChurnFeatureWalk`) through the backtest month end, when active then, and the as-of
/// day, when in `activeNow`, so their records are read once for both rows, and every row is
/// scored as soon as it is built (no row outlives its customer).
///
/// Customers are cut into fixed contiguous ranges (`FixedPartition`); each range walks its
/// customers in index order and the ranges' results are joined in range order, so cases and
/// risks come out in customer order, with the same values for any number of ranges.
struct ChurnScoring {
    /// The backtest's month end (before as-of) and the predictors it is scored with.
    struct Backtest {
        let monthEnd: Day
        let model: LogisticRegression
        let health: HealthPredictor
    }

    /// One customer's risk before their monthly revenue is looked up.
    struct Risk {
        let customer: CustomerIndex
        let probability: Double
        /// See `ChurnRisk.reasonGroups`.
        let reasonGroups: SIMD3<Int16>
        /// Where the reason groups' feature values start in `reasonValues`.
        let reasonValuesStart: Int32
    }

    /// The backtest's cases (empty without a backtest).
    let cases: [BacktestCase]
    /// The customers of `activeNow`, in customer order.
    let risks: [Risk]
    let reasonValues: [Double]

    /// `activeNow` holds customers of the ledger's activity (those active on `asOf`); the ledger
    /// says who is active at the backtest month end and who churned in the 90 days after it.
    init(features: ChurnFeatureSet, context: ChurnFeatureContext, asOf: Day, activeNow: Set<CustomerIndex>,
         regression: LogisticRegression, backtest: Backtest?, parts: Int = FixedPartition.parts) {
        let activity = context.ledger.activity
        let groups = features.groups
        precondition(groups.count <= Int(Int16.max), "feature groups fit the reason slots")
        let ranges = FixedPartition.map(activity.count, parts: parts) { range in
            var walk = ChurnFeatureWalk(features: features, context: context)
            var part = Part()
            var byGroup: [Double] = []
            for c in range {
                let backtestLabel = backtest.flatMap { b in activity[c].flatMap { ChurnTrainingSet.churns($0, after: b.monthEnd) } }
                let scoredNow = activeNow.contains(c)
                guard backtestLabel != nil || scoredNow else { continue }
                walk.begin(c)
                if let backtest, let churned = backtestLabel {
                    walk.row(at: backtest.monthEnd)
                    part.cases.append(BacktestCase(customer: c, monthEnd: backtest.monthEnd,
                                                   probability: backtest.model.probability(walk.values),
                                                   healthProbability: backtest.health.probability(walk.healthScore),
                                                   healthScore: walk.healthScore, churned: churned))
                }
                if scoredNow {
                    walk.row(at: asOf)
                    let top = Self.reasonGroups(walk.values, rulesWithoutData: walk.rulesWithoutData, regression: regression,
                                                groups: groups, scratch: &byGroup)
                    let start = part.pool.count
                    for slot in 0..<3 where top[slot] >= 0 {
                        for feature in groups[Int(top[slot])] { part.pool.append(walk.values[feature]) }
                    }
                    part.risks.append(Risk(customer: c, probability: regression.probability(walk.values), reasonGroups: top,
                                           reasonValuesStart: Int32(start)))
                }
            }
            return part
        }
        // The ranges' pools joined in range order, each range's starts moved by the pools before it.
        var reasonValues: [Double] = []
        reasonValues.reserveCapacity(ranges.reduce(0) { $0 + $1.pool.count })
        var risks: [Risk] = []
        risks.reserveCapacity(ranges.reduce(0) { $0 + $1.risks.count })
        for part in ranges {
            let offset = Int32(reasonValues.count)
            reasonValues += part.pool
            for r in part.risks {
                risks.append(Risk(customer: r.customer, probability: r.probability, reasonGroups: r.reasonGroups,
                                  reasonValuesStart: r.reasonValuesStart + offset))
            }
        }
        cases = ranges.flatMap(\.cases)
        self.risks = risks
        self.reasonValues = reasonValues
    }

    /// One range's results.
    private struct Part {
        var cases: [BacktestCase] = []
        var risks: [Risk] = []
        var pool: [Double] = []
    }

    /// The (up to) three feature groups that raise the log-odds of `row` most: a group's
    /// contribution is Σ βⱼ zⱼ over its features (`LogisticRegression.contribution`, added in group
    /// order from 0); only groups above 0 count, and none holding a rule without data. Largest
    /// first, ties to the lower group index; −1 fills the slots left. `scratch` is reused space.
    static func reasonGroups(_ row: [Double], rulesWithoutData: [Int], regression: LogisticRegression, groups: [[Int]],
                             scratch byGroup: inout [Double]) -> SIMD3<Int16> {
        byGroup.removeAll(keepingCapacity: true)
        for group in groups {
            var sum = 0.0
            for j in group { sum += regression.contribution(row, j) }
            byGroup.append(sum)
        }
        var top = SIMD3<Int16>(repeating: -1)
        var filled = 0
        for g in byGroup.indices where byGroup[g] > 0 && !groups[g].contains(where: rulesWithoutData.contains) {
            // Insert after every kept group that is at least as large (earlier indices win ties).
            var slot = filled
            while slot > 0 && byGroup[Int(top[slot - 1])] < byGroup[g] { slot -= 1 }
            guard slot < 3 else { continue }
            var k = min(filled, 2)
            while k > slot {
                top[k] = top[k - 1]
                k -= 1
            }
            top[slot] = Int16(g)
            filled = min(filled + 1, 3)
        }
        return top
    }
}
