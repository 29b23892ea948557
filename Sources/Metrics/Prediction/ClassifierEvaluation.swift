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

    public init(_ scored: [ScoredCase]) {
        cases = scored.count
        positives = scored.filter(\.outcome).count
        auc = Self.auc(scored)
        brier = scored.isEmpty ? nil : scored.reduce(0.0) {
            let e = $1.probability - ($1.outcome ? 1 : 0)
            return $0 + e * e
        } / Double(scored.count)
        calibration = (0..<10).map { bin in
            let lower = Double(bin) / 10, upper = Double(bin + 1) / 10
            let members = scored.filter { min(Int($0.probability * 10), 9) == bin }
            let n = Double(members.count)
            return CalibrationBin(lower: lower, upper: upper, cases: members.count,
                                  meanPredicted: members.isEmpty ? nil : members.reduce(0) { $0 + $1.probability } / n,
                                  observedRate: members.isEmpty ? nil : Double(members.filter(\.outcome).count) / n)
        }
        if positives > 0 {
            let top = (scored.count + 9) / 10
            let ranked = scored.enumerated().sorted { a, b in
                a.element.probability != b.element.probability ? a.element.probability > b.element.probability : a.offset < b.offset
            }
            let topRate = Double(ranked.prefix(top).filter(\.element.outcome).count) / Double(top)
            liftTopDecile = topRate / (Double(positives) / Double(scored.count))
        } else {
            liftTopDecile = nil
        }
    }

    /// Mann–Whitney: rank all cases by probability (average ranks for ties);
    /// AUC = (Σ ranks of positives − P(P + 1)/2) ÷ (P · N).
    static func auc(_ scored: [ScoredCase]) -> Double? {
        let p = scored.filter(\.outcome).count, n = scored.count - p
        guard p > 0, n > 0 else { return nil }
        let sorted = scored.sorted { $0.probability < $1.probability }
        var rankSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].probability == sorted[i].probability { j += 1 }
            let averageRank = Double(i + j + 2) / 2
            for k in i...j where sorted[k].outcome { rankSum += averageRank }
            i = j + 1
        }
        return (rankSum - Double(p) * Double(p + 1) / 2) / (Double(p) * Double(n))
    }
}
