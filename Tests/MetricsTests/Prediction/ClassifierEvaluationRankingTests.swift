import Testing
@testable import Metrics

/// The evaluation from one ranking and one calibration pass equals, bit for bit, the formula it
/// replaced (two sorts, ten filtered passes), copied here as the reference.
@Suite struct ClassifierEvaluationRankingTests {
    /// The evaluation as computed before (reference copy).
    static func reference(_ scored: [ScoredCase]) -> ClassifierEvaluation.Measures {
        let positives = scored.filter(\.outcome).count
        var auc: Double?
        let p = positives, n = scored.count - p
        if p > 0, n > 0 {
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
            auc = (rankSum - Double(p) * Double(p + 1) / 2) / (Double(p) * Double(n))
        }
        let brier = scored.isEmpty ? nil : scored.reduce(0.0) {
            let e = $1.probability - ($1.outcome ? 1 : 0)
            return $0 + e * e
        } / Double(scored.count)
        let calibration = (0..<10).map { bin in
            let lower = Double(bin) / 10, upper = Double(bin + 1) / 10
            let members = scored.filter { min(Int($0.probability * 10), 9) == bin }
            let n = Double(members.count)
            return CalibrationBin(lower: lower, upper: upper, cases: members.count,
                                  meanPredicted: members.isEmpty ? nil : members.reduce(0) { $0 + $1.probability } / n,
                                  observedRate: members.isEmpty ? nil : Double(members.filter(\.outcome).count) / n)
        }
        var lift: Double?
        if positives > 0 {
            let top = (scored.count + 9) / 10
            let ranked = scored.enumerated().sorted { a, b in
                a.element.probability != b.element.probability ? a.element.probability > b.element.probability : a.offset < b.offset
            }
            let topRate = Double(ranked.prefix(top).filter(\.element.outcome).count) / Double(top)
            lift = topRate / (Double(positives) / Double(scored.count))
        }
        return .init(cases: scored.count, positives: positives, auc: auc, brier: brier, calibration: calibration, lift: lift)
    }

    /// Pseudo-random cases: probabilities on a coarse grid (many ties, at 0, at 1 and on bin
    /// edges) or continuous, outcomes more likely with the probability; 0…3,000 cases.
    @Test func evaluationEqualsTheTwoSortFormula() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var withAUC = 0, withLift = 0
        for round in 0..<60 {
            let count = round < 3 ? round : next(3_000)
            let scored = (0..<count).map { _ in
                let p = round % 2 == 0 ? Double(next(21)) / 20 : Double(next(1_000_000)) / 1_000_000
                return ScoredCase(probability: p, outcome: round % 7 == 0 ? false : next(1_000) < Int(p * 800) + 50)
            }
            let evaluation = ClassifierEvaluation(scored)
            let expected = Self.reference(scored)
            #expect(evaluation.measures == expected, "round \(round), \(count) cases")
            if evaluation.auc != nil { withAUC += 1 }
            if evaluation.liftTopDecile != nil { withLift += 1 }
        }
        #expect(withAUC > 40 && withLift > 40)
    }

    /// A hand-worked case: probabilities 0.1 (no), 0.4 (yes), 0.4 (no), 0.8 (yes). Ascending ranks
    /// 1, 2.5, 2.5, 4; positives' rank sum 6.5, AUC = (6.5 − 3) ÷ (2 · 2) = 0.875. Top decile =
    /// ⌈4/10⌉ = 1 case (0.8, churned): lift 1 ÷ 0.5 = 2. Brier (0.01 + 0.36 + 0.16 + 0.04) ÷ 4.
    @Test func handWorkedCase() throws {
        let evaluation = ClassifierEvaluation([ScoredCase(probability: 0.1, outcome: false), ScoredCase(probability: 0.4, outcome: true),
                                               ScoredCase(probability: 0.4, outcome: false), ScoredCase(probability: 0.8, outcome: true)])
        #expect(evaluation.auc == 0.875)
        #expect(evaluation.liftTopDecile == 2)
        #expect(abs(try #require(evaluation.brier) - 0.57 / 4) < 1e-15)
        #expect(evaluation.calibration.map(\.cases) == [0, 1, 0, 0, 2, 0, 0, 0, 1, 0])
        #expect(evaluation.calibration[4].observedRate == 0.5)
    }
}

extension ClassifierEvaluation {
    /// Every measure, for comparing two evaluations whole.
    struct Measures: Equatable {
        let cases: Int
        let positives: Int
        let auc: Double?
        let brier: Double?
        let calibration: [CalibrationBin]
        let lift: Double?
    }

    var measures: Measures {
        Measures(cases: cases, positives: positives, auc: auc, brier: brier, calibration: calibration, lift: liftTopDecile)
    }
}
