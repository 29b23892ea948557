import Foundation
import Testing
import Model
@testable import Metrics

@Suite struct ClassifierEvaluationTests {
    /// Five cases, worked by hand:
    /// positives 0.9, 0.7, 0.6; negatives 0.8, 0.6. Pairs positive > negative: (0.9,0.8) (0.9,0.6)
    /// (0.7,0.6) = 3, (0.6,0.6) tie = ½, others 0 → AUC = 3.5 / 6.
    /// Brier = (0.1² + 0.8² + 0.3² + 0.6² + 0.4²) / 5 = 1.26 / 5 = 0.252.
    /// Top decile = ⌈5/10⌉ = 1 case (0.9, churned): rate 1 ÷ overall 3/5 → lift 5/3.
    @Test func handWorkedCase() throws {
        let cases = [(0.9, true), (0.8, false), (0.7, true), (0.6, false), (0.6, true)]
            .map { ScoredCase(probability: $0.0, outcome: $0.1) }
        let e = ClassifierEvaluation(cases)
        #expect(e.auc == 3.5 / 6)
        #expect(abs(e.brier! - 0.252) < 1e-15)
        #expect(e.liftTopDecile == 5.0 / 3)
        #expect(e.calibration.count == 10)
        #expect(e.calibration[6] == CalibrationBin(lower: 0.6, upper: 0.7, cases: 2, meanPredicted: 0.6, observedRate: 0.5))
        #expect(e.calibration[9].cases == 1 && e.calibration[9].observedRate == 1)
        #expect(e.calibration[0] == CalibrationBin(lower: 0, upper: 0.1, cases: 0, meanPredicted: nil, observedRate: nil))
        #expect(e.calibration.reduce(0) { $0 + $1.cases } == 5)
    }

    /// A perfect ranking has AUC 1, the reverse 0; one class only has no AUC and (no churn) no lift.
    @Test func extremes() {
        let perfect = ClassifierEvaluation([ScoredCase(probability: 0.2, outcome: false), ScoredCase(probability: 0.8, outcome: true)])
        #expect(perfect.auc == 1)
        #expect(abs(perfect.brier! - 0.04) < 1e-15)
        let reversed = ClassifierEvaluation([ScoredCase(probability: 0.8, outcome: false), ScoredCase(probability: 0.2, outcome: true)])
        #expect(reversed.auc == 0)
        let none = ClassifierEvaluation([ScoredCase(probability: 0.3, outcome: false)])
        #expect(none.auc == nil && none.liftTopDecile == nil)
        #expect(ClassifierEvaluation([]).brier == nil)
    }
}

@Suite struct LogisticRegressionTests {
    /// One binary feature, 8 rows each: group 0 churns 2 of 8, group 1 churns 6 of 8. Without
    /// regularisation the fit reproduces the group rates: on the standardised scale (mean ½, sd ½,
    /// so z = ±1) β₀ = 0 and β₁ = logit(0.75) = ln 3.
    static let rows: [[Double]] = Array(repeating: [0.0], count: 8) + Array(repeating: [1.0], count: 8)
    static let labels: [Bool] = [true, true] + Array(repeating: false, count: 6) + Array(repeating: true, count: 6) + [false, false]

    @Test func unregularisedFitMatchesClosedForm() {
        let m = LogisticRegression.fit(rows: Self.rows, labels: Self.labels, featureNames: ["g"], lambda: 0)
        #expect(m.converged)
        #expect(abs(m.coefficients[0]) < 1e-9)
        #expect(abs(m.coefficients[1] - log(3.0)) < 1e-9)
        #expect(abs(m.probability([1]) - 0.75) < 1e-9)
        #expect(abs(m.probability([0]) - 0.25) < 1e-9)
        #expect(m.means == [0.5] && m.scales == [0.5])
        // Contribution of a group-1 row: β₁ × z = ln 3 × 1.
        #expect(abs(m.contributions([1])[0] - log(3.0)) < 1e-9)
    }

    /// With λ = 4 the optimum solves the stationarity condition 16 σ(β₁) − 12 + 4 β₁ = 0 (β₀ = 0 by
    /// symmetry), found here independently by bisection.
    @Test func ridgeFitSolvesStationarityCondition() {
        var lo = 0.0, hi = 3.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 16 / (1 + exp(-mid)) - 12 + 4 * mid > 0 { hi = mid } else { lo = mid }
        }
        let m = LogisticRegression.fit(rows: Self.rows, labels: Self.labels, featureNames: ["g"], lambda: 4)
        #expect(m.converged)
        #expect(abs(m.coefficients[0]) < 1e-9)
        #expect(abs(m.coefficients[1] - lo) < 1e-9)
        #expect(m.coefficients[1] < log(3.0))
    }

    /// A constant feature gets scale 1 and coefficient 0; no features at all fit the base rate.
    @Test func constantFeatureIsHarmless() {
        let m = LogisticRegression.fit(rows: Array(repeating: [7.0], count: 4), labels: [true, false, false, false],
                                       featureNames: ["c"], lambda: 1)
        #expect(m.scales == [1])
        #expect(abs(m.coefficients[1]) < 1e-12)
        #expect(abs(m.probability([7]) - 0.25) < 1e-9)
    }
}

@Suite struct ChurnLabelTests {
    /// Active on 2024-01-31 in a span ending 2024-04-30 (89 days later): churned within 90 days;
    /// a span ending 2024-05-01 (91 days): not; an open span: not; not active: no row.
    @Test func labelIsChurnWithinNinetyDays() {
        let d = { (iso: String) -> Day in Day(iso: iso)! }
        let day = d("2024-01-31")
        let soon = CustomerActivity(customer: 0, spans: [ActiveSpan(start: d("2023-01-01"), end: d("2024-04-30"))])
        let later = CustomerActivity(customer: 1, spans: [ActiveSpan(start: d("2023-01-01"), end: d("2024-05-01"))])
        let open = CustomerActivity(customer: 2, spans: [ActiveSpan(start: d("2023-01-01"), end: nil)])
        let gone = CustomerActivity(customer: 3, spans: [ActiveSpan(start: d("2023-01-01"), end: d("2024-01-31"))])
        #expect(ChurnTrainingSet.churns(soon, after: day) == true)
        #expect(ChurnTrainingSet.churns(later, after: day) == false)
        #expect(ChurnTrainingSet.churns(open, after: day) == false)
        #expect(ChurnTrainingSet.churns(gone, after: day) == nil)
        // 2024-01-31 + 90 days = 2024-04-30.
        #expect(day.adding(days: 90) == d("2024-04-30"))
    }
}

@Suite struct ChurnReasonTextTests {
    /// A value and its "missing" flag are one reason; plans are one reason; words, not numbers.
    @Test func groupsReadAsWords() {
        let set = ChurnFeatureSet(plans: ["Pro", "Basic"], rules: HealthConfiguration.defaultRules)
        let groups = set.groups
        // 11 base features in 8 groups (three value + flag pairs), 7 health rules, one plan group.
        #expect(groups.count == 8 + 7 + 1)
        #expect(groups.last == [18, 19])
        var row = [Double](repeating: 0, count: set.names.count)
        row[3] = 3            // nps_latest
        #expect(set.describe(group: [3, 4], row: row) == "latest NPS 3 (detractor)")
        row[4] = 1            // nps_missing
        #expect(set.describe(group: [3, 4], row: row) == "no NPS answer in the last year")
        row[9] = 120          // days_since_order
        #expect(set.describe(group: [9, 10], row: row) == "last order 120 days ago")
        row[2] = -0.25        // revenue_change_3m
        #expect(set.describe(group: [2], row: row) == "revenue −25.0 % over 3 months")
        row[11] = 0.5         // health_nps
        #expect(set.describe(group: [11], row: row) == "health rule NPS: 50 % of its points")
        row[19] = 1           // plan_basic
        #expect(set.describe(group: [18, 19], row: row) == "on plan Basic")
        row[19] = 0
        #expect(set.describe(group: [18, 19], row: row) == "on a less common plan")
    }

    /// Reason values as words: 3, 0, 1, −1 and 0.5 are exact Floats, one word each (3 is
    /// 0x40400000, −1 is 0xBF800000); 0.1, 1e300 and a NaN whose Float bits would be the escape
    /// word take three; all read back with their own bits.
    @Test func reasonValueWordsKeepEveryBit() {
        let escapeAsDouble = Double(Float(bitPattern: ReasonValueWords.escape))
        let values: [Double] = [3, 0, 0.1, -1, 1e300, 0.5, -0.0, escapeAsDouble, .infinity, 1]
        var words: [UInt32] = []
        for v in values { ReasonValueWords.encode(v) { words.append($0) } }
        // 1 + 1 + 3 + 1 + 3 + 1 + 1 + 3 + 1 + 1 words.
        #expect(words.count == 16)
        #expect(words[0] == 0x4040_0000 && words[5] == 0xBF80_0000)
        #expect(words[2] == ReasonValueWords.escape && words[3] == UInt32(0.1.bitPattern >> 32))
        #expect(ReasonValueWords.decodeAll(words).map(\.bitPattern) == values.map(\.bitPattern))
    }

    /// A reason keeps every value of its group, except the plans' group (index 15: 8 base groups
    /// + 7 rules), which keeps only the position of its first column above 0; put back, each
    /// group is described in the same words as from the row itself.
    @Test func reasonValuesKeepWhatTheWordsRead() {
        let set = ChurnFeatureSet(plans: ["Pro", "Basic"], rules: HealthConfiguration.defaultRules)
        let groups = set.groups
        let planGroup = ChurnFeatureSet.planGroup(of: groups, names: set.names)
        #expect(planGroup == 15 && ChurnFeatureSet.planGroup(of: ChurnFeatureSet(plans: [], rules: []).groups,
                                                             names: ChurnFeatureSet(plans: [], rules: []).names) == nil)
        func kept(_ g: Int, _ row: [Double]) -> [Double] {
            var values: [Double] = []
            ChurnFeatureSet.reasonValues(group: g, of: row, groups: groups, planGroup: planGroup) { values.append($0) }
            return values
        }
        func wordsBack(_ g: Int, _ values: [Double]) -> String {
            var row = [Double](repeating: 7, count: set.names.count), next = 0
            ChurnFeatureSet.restore(group: g, groups: groups, planGroup: planGroup, into: &row) {
                defer { next += 1 }
                return values[next]
            }
            #expect(next == values.count)
            return set.describe(group: groups[g], row: row)
        }
        var row = [Double](repeating: 0, count: set.names.count)
        row[3] = 9            // nps_latest 9, nps_missing 0: group 3 is [3, 4]
        row[18] = 0.5         // plan_pro and plan_basic both above 0: the first, Pro, is named
        row[19] = 2
        #expect(kept(3, row) == [9, 0] && wordsBack(3, kept(3, row)) == "latest NPS 9 (promoter)")
        #expect(kept(15, row) == [0] && wordsBack(15, kept(15, row)) == "on plan Pro")
        row[18] = 0           // only Basic (position 1)
        #expect(kept(15, row) == [1] && wordsBack(15, kept(15, row)) == set.describe(group: groups[15], row: row))
        row[19] = -1          // no plan above 0: −1
        #expect(kept(15, row) == [-1] && wordsBack(15, kept(15, row)) == "on a less common plan")
    }
}
