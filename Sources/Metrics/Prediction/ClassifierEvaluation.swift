/// One scored case of a backtest: the predicted probability and what happened.
public struct ScoredCase: Sendable, Hashable {
    public let probability: Double
    public let outcome: Bool

    public init(probability: Double, outcome: Bool) {
        self.probability = probability
        self.outcome = outcome
    }
}

/// One bin of a calibration table: cases whose predicted probability fell in [lower, upper).
public struct CalibrationBin: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    public let cases: Int
    /// Mean predicted probability of the bin's cases; nil when empty.
    public let meanPredicted: Double?
    /// Share of the bin's cases that churned; nil when empty.
    public let observedRate: Double?
}

/// How well probabilities predicted 0/1 outcomes.
///
/// - AUC: the probability that a random positive case scores above a random negative one, ties
///   counting ½ (Mann–Whitney U ÷ (positives × negatives)); nil without both kinds of case.
/// - Brier score: mean (probability − outcome)²; 0 is perfect, 0.25 is a coin flip at 50 %.
/// - Calibration: 10 equal-width bins of predicted probability ([0, 0.1), …, [0.9, 1]).
/// - Lift in the top decile: churn rate among the ⌈n/10⌉ highest-scored cases (ties kept in case
///   order) ÷ the churn rate of all cases; nil when nobody churned.
public struct ClassifierEvaluation: Sendable, Hashable {
    public let cases: Int
    public let positives: Int
    public let auc: Double?
    public let brier: Double?
    public let calibration: [CalibrationBin]
    public let liftTopDecile: Double?

    /// Probabilities are numbers in [0, 1] (a case outside falls in no calibration bin).
    public init(_ scored: [ScoredCase]) {
        self.init(cases: scored)
    }

    /// `init(_:)` on any collection of cases read in order (the churn backtest passes its cases
    /// mapped lazily, so no array of `ScoredCase` is made).
    init<Cases: Collection<ScoredCase>>(cases scored: Cases) {
        cases = scored.count
        var positives = 0, squares = 0.0
        // Each bin's count, Σ probability (in case order) and churns, in one pass.
        var members = [Int](repeating: 0, count: 10), churned = [Int](repeating: 0, count: 10)
        var sums = [Double](repeating: 0, count: 10)
        // One ranking serves the AUC and the lift: the case positions by probability, highest
        // first, ties in case order, read through the cases' probabilities and outcomes (9 bytes
        // a case besides the ranking).
        var probabilities: [Double] = [], outcomes: [Bool] = []
        probabilities.reserveCapacity(cases)
        outcomes.reserveCapacity(cases)
        for c in scored {
            probabilities.append(c.probability)
            outcomes.append(c.outcome)
            if c.outcome { positives += 1 }
            let e = c.probability - (c.outcome ? 1 : 0)
            squares += e * e
            let bin = min(Int(c.probability * 10), 9)
            guard bin >= 0 else { continue }
            members[bin] += 1
            sums[bin] += c.probability
            if c.outcome { churned[bin] += 1 }
        }
        self.positives = positives
        // The ranking by a radix sort on the probabilities (highest first, ties by position), or
        // by the comparison sort of the positions when a probability is NaN or −0.
        let ranking: [Int32]
        if let order = DescendingOrder.order(by: probabilities) {
            ranking = order
        } else {
            ranking = (0 ..< Int32(cases)).sorted { a, b in
                probabilities[Int(a)] != probabilities[Int(b)] ? probabilities[Int(a)] > probabilities[Int(b)] : a < b
            }
        }
        auc = Self.auc(ranking: ranking, probabilities: probabilities, outcomes: outcomes, positives: positives)
        brier = cases == 0 ? nil : squares / Double(cases)
        calibration = (0..<10).map { bin in
            let n = Double(members[bin])
            return CalibrationBin(lower: Double(bin) / 10, upper: Double(bin + 1) / 10, cases: members[bin],
                                  meanPredicted: members[bin] == 0 ? nil : sums[bin] / n,
                                  observedRate: members[bin] == 0 ? nil : Double(churned[bin]) / n)
        }
        if positives > 0 {
            let top = (cases + 9) / 10
            let topRate = Double(ranking.prefix(top).filter { outcomes[Int($0)] }.count) / Double(top)
            liftTopDecile = topRate / (Double(positives) / Double(cases))
        } else {
            liftTopDecile = nil
        }
    }

    /// Mann–Whitney: rank all cases by probability (average ranks for ties);
    /// AUC = (Σ ranks of positives − P(P + 1)/2) ÷ (P · N). `ranking`: the case positions by
    /// probability, highest first (read from the end, lowest first).
    static func auc(ranking: [Int32], probabilities: [Double], outcomes: [Bool], positives p: Int) -> Double? {
        let count = ranking.count, n = count - p
        guard p > 0, n > 0 else { return nil }
        /// The position of the case at ascending rank `i` (0 = lowest probability).
        func ascending(_ i: Int) -> Int { Int(ranking[count - 1 - i]) }
        var rankSum = 0.0
        var i = 0
        while i < count {
            var j = i
            while j + 1 < count && probabilities[ascending(j + 1)] == probabilities[ascending(i)] { j += 1 }
            let averageRank = Double(i + j + 2) / 2
            for k in i...j where outcomes[ascending(k)] { rankSum += averageRank }
            i = j + 1
        }
        return (rankSum - Double(p) * Double(p + 1) / 2) / (Double(p) * Double(n))
    }
}
