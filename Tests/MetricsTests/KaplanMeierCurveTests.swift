import Testing
import Model
@testable import Metrics

@Suite struct KaplanMeierCurveTests {
    @Test func matchesHandWorkedSixCustomerExample() {
        // Lifetimes 3, 5, 5+, 8, 10+, 12 (+ = still active).
        //   t=3:  n=6, d=1 → S = 5/6 = 0.833333;  V = 1/(6·5) = 0.033333
        //   t=5:  n=5, d=1, c=1 → S = 5/6 · 4/5 = 0.666667;  V += 1/(5·4) → 0.083333
        //   t=8:  n=3, d=1 → S = 0.666667 · 2/3 = 0.444444;  V += 1/(3·2) → 0.25
        //   t=10: n=2, c=1;  t=12: n=1, d=1 → S = 0
        // Band at t=3: c = 1.959964 · √0.033333 / |ln 0.833333| = 0.357839 / 0.182322 = 1.962673,
        //   lower = 0.833333^e^1.962673 = 0.833333^7.117 = 0.273123, upper = 0.833333^e^−1.962673 = 0.974712.
        // lifelines 0.30.3 KaplanMeierFitter gives the same: (0.273123, 0.974712), (0.194617, 0.904434),
        // (0.066187, 0.784908), median 8, median CI (3, 12).
        let km = KaplanMeierCurve(lifetimes: [
            Lifetime(days: 3, churned: true), Lifetime(days: 5, churned: true), Lifetime(days: 5, churned: false),
            Lifetime(days: 8, churned: true), Lifetime(days: 10, churned: false), Lifetime(days: 12, churned: true),
        ])
        #expect(km.steps.map(\.time) == [0, 3, 5, 8, 10, 12])
        #expect(km.steps.map(\.atRisk) == [6, 6, 5, 3, 2, 1])
        #expect(km.steps.map(\.events) == [0, 1, 1, 1, 0, 1])
        #expect(km.steps.map(\.censored) == [0, 0, 1, 0, 1, 0])
        let expected: [(Double, Double, Double)] = [
            (1, 1, 1), (0.833333, 0.273123, 0.974712), (0.666667, 0.194617, 0.904434),
            (0.444444, 0.066187, 0.784908), (0.444444, 0.066187, 0.784908), (0, 0, 0),
        ]
        for (step, e) in zip(km.steps, expected) {
            #expect(close(step.survival, e.0) && close(step.lower, e.1) && close(step.upper, e.2))
        }
        #expect(km.median == 8 && km.medianLower == 3 && km.medianUpper == 12)
        #expect(km.subjects == 6 && km.events == 4)
        #expect(close(km.survival(at: 9), 0.444444) && km.survival(at: 2) == 1)
        #expect(km.atRisk(at: 6) == 3 && km.atRisk(at: 5) == 5 && km.atRisk(at: 13) == 0)
        #expect(km.atRisk(at: [0, 4, 9, 12]) == [6, 5, 2, 1])
    }

    @Test func ledgerLifetimesRunFromCohortDateToChurnOrAsOf() {
        // Signup → churn or as-of 03-15: Cat 5 (event), Fay 13+, Eve 25, Bob 41, Dan 41+, Hal 67+, Ann 70+.
        //   t=5: 6/7 = 0.857143; t=25: · 4/5 = 0.685714; t=41: n=4, d=1 → · 3/4 = 0.514286.
        // Never ≤ 0.5 → median not reached. lifelines bands at 41: (0.117760, 0.813249).
        let km = KaplanMeierCurve(dataset: Fixture.subscriptions, configuration: Fixture.configuration())
        #expect(km.steps.map(\.time) == [0, 5, 13, 25, 41, 67, 70])
        #expect(km.subjects == 7 && km.events == 3)
        #expect(close(km.survival(at: 41), 0.514286))
        #expect(close(km.step(at: 41)?.lower, 0.117760) && close(km.step(at: 41)?.upper, 0.813249))
        // The lower band is already 0.334054 ≤ 0.5 at t=5 (lifelines: same); the upper never gets there.
        #expect(km.median == nil && km.medianLower == 5 && km.medianUpper == nil)
    }

    @Test func negativeLifetimesAreExcludedNotCounted() {
        // Two negative lifetimes (a churn before the cohort day) among 5, plus 2 excluded before.
        // The other three: t=5: n=3, d=1, c=1 → S = 2/3; t=10: n=1, d=1 → S = 0; median 10.
        let km = KaplanMeierCurve(lifetimes: [
            Lifetime(days: -3, churned: true), Lifetime(days: 5, churned: true), Lifetime(days: 5, churned: false),
            Lifetime(days: 10, churned: true), Lifetime(days: -1, churned: false),
        ], excluded: 2)
        #expect(km.excluded == 4 && km.subjects == 3 && km.events == 2)
        #expect(km.steps.map(\.time) == [0, 5, 10])
        #expect(km.steps.map(\.atRisk) == [3, 3, 1])
        #expect(km.steps.map(\.events) == [0, 1, 1] && km.steps.map(\.censored) == [0, 1, 0])
        #expect(close(km.survival(at: 5), 2.0 / 3) && km.survival(at: 10) == 0 && km.median == 10)
    }

    @Test func emptyAndAllCensoredCurvesStayAtOne() {
        let empty = KaplanMeierCurve(lifetimes: [])
        #expect(empty.steps.count == 1 && empty.survival(at: 100) == 1 && empty.median == nil)
        let censored = KaplanMeierCurve(lifetimes: [Lifetime(days: 4, churned: false)])
        #expect(censored.steps.allSatisfy { $0.survival == 1 && $0.lower == 1 && $0.upper == 1 })
    }

    @Test func segmentCurvesSplitByPlan() {
        let ledger = ActivityLedger(dataset: Fixture.subscriptions, configuration: Fixture.configuration())
        let curves = KaplanMeierCurve.bySegment(ledger, attribute: "plan")
        // Basic: Bob 41, Cat 5, Hal 67+; Pro: Ann 70+, Dan 41+, Eve 25; (not set): Fay 13+.
        #expect(curves.map(\.value) == ["Basic", "Pro", CohortTable.missingSegmentLabel])
        #expect(curves.map(\.curve.subjects) == [3, 3, 1])
        // Basic: t=5 2/3, t=41 n=2 → 2/3 · 1/2 = 1/3 → median 41.
        #expect(close(curves[0].curve.survival(at: 41), 1.0 / 3) && curves[0].curve.median == 41)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(6)))
    func survivalNeverIncreasesAndStaysInsideItsBand(seed: UInt64) {
        let km = KaplanMeierCurve(dataset: randomSubscriptionDataset(seed: seed, customers: 120),
                                  configuration: Fixture.configuration(asOf: d("2024-08-20")))
        #expect(km.subjects > 0)
        for (a, b) in zip(km.steps, km.steps.dropFirst()) {
            #expect(b.survival <= a.survival)
            #expect(b.atRisk <= a.atRisk)
        }
        for s in km.steps {
            #expect(s.lower <= s.survival + 1e-12 && s.survival <= s.upper + 1e-12)
            #expect(s.lower >= 0 && s.upper <= 1)
        }
    }
}
