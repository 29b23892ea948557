import Testing
@testable import Metrics

@Suite struct StatisticsTests {
    // Reference values from scipy 1.17 (stats.norm / stats.t), an independent implementation.
    @Test func normalQuantileMatchesReferenceValues() throws {
        #expect(abs(try #require(NormalDistribution.quantile(0.975)) - 1.959963984540054) < 1e-12)
        #expect(abs(try #require(NormalDistribution.quantile(0.001)) - -3.090232306167813) < 1e-12)
        #expect(abs(try #require(NormalDistribution.quantile(1e-10)) - -6.361340902404056) < 1e-10)
        #expect(abs(try #require(NormalDistribution.quantile(0.5))) < 1e-15)
        #expect(NormalDistribution.quantile(1.5) == nil)
        #expect(NormalDistribution.quantile(0) == -.infinity)
    }

    @Test func normalCDFAndTwoSidedPValue() {
        // Φ(1) = 0.8413447460685429; two-sided p of z = 1.959964 is 0.05.
        #expect(abs(NormalDistribution.cdf(1) - 0.8413447460685429) < 1e-14)
        #expect(abs(NormalDistribution.twoSidedPValue(z: -1.959963984540054) - 0.05) < 1e-12)
    }

    @Test func studentTMatchesReferenceValues() throws {
        // t(0.975, 9) = 2.262157162798205; t(0.975, 2.5) = 3.5746548420036817.
        #expect(abs(try #require(StudentTDistribution.quantile(0.975, degreesOfFreedom: 9)) - 2.262157162798205) < 1e-9)
        #expect(abs(try #require(StudentTDistribution.quantile(0.975, degreesOfFreedom: 2.5)) - 3.5746548420036817) < 1e-9)
        // With ν = 4 the cdf has a closed form: F(t) = ½ + (t/(2√(4+t²)))·(1 + 2/(4+t²)):
        // t = 1.5: 4 + t² = 6.25, √ = 2.5 → ½ + 0.3·(1 + 0.32) = 0.5 + 0.396 = 0.896.
        #expect(abs(StudentTDistribution.cdf(1.5, degreesOfFreedom: 4) - 0.896) < 1e-12)
        #expect(abs(StudentTDistribution.cdf(-2.0, degreesOfFreedom: 7.3) - 0.041970519667051565) < 1e-12)
    }

    @Test func linearPercentileInterpolatesBetweenRanks() {
        // 1…10, p90: h = 9·0.9 = 8.1 → x₉ + 0.1·(x₁₀ − x₉) = 9 + 0.1 = 9.1 (numpy: 9.1).
        let values = (1...10).map(Double.init)
        #expect(SampleQuantile.quantile(values, 0.9) == 9.1)
        // [15, 20, 35, 40, 50], p40: h = 4·0.4 = 1.6 → 20 + 0.6·15 = 29 (numpy: 29).
        #expect(SampleQuantile.quantile([50, 15, 40, 20, 35], 0.4) == 29)
        #expect(SampleQuantile.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func nearestRankPercentileIsAnObservedValue() {
        // [15, 20, 35, 40, 50]: p40 → rank ⌈5·0.4⌉ = 2 → 20; p90 → rank ⌈4.5⌉ = 5 → 50; p0 → 15.
        let values: [Double] = [15, 20, 35, 40, 50]
        #expect(SampleQuantile.quantile(values, 0.4, method: .nearestRank) == 20)
        #expect(SampleQuantile.quantile(values, 0.9, method: .nearestRank) == 50)
        #expect(SampleQuantile.quantile(values, 0, method: .nearestRank) == 15)
    }

    @Test func emptySampleHasNoPercentileOrMean() {
        #expect(SampleQuantile.quantile([], 0.5) == nil)
        #expect(SampleSummary([]).mean == nil)
        #expect(SampleSummary([3]).standardDeviation == nil)
        #expect(MeanInterval(SampleSummary([3])) == nil)
    }

    @Test func meanIntervalUsesStudentT() throws {
        // 1…7: mean 4, s² = (9+4+1+0+1+4+9)/6 = 28/6, s = 2.1602469, se = s/√7 = 0.8164966.
        // t(0.975, 6) = 2.4469119 → half-width 2.4469119·0.8164966 = 1.9978952 → [2.0021048, 5.9978952].
        let interval = try #require(MeanInterval(SampleSummary((1...7).map(Double.init))))
        #expect(abs(interval.criticalValue - 2.4469118511449692) < 1e-9)
        #expect(abs(interval.lower - 2.0021048) < 1e-6)
        #expect(abs(interval.upper - 5.9978952) < 1e-6)
    }

    @Test func pooledTwoProportionTestSeparatesRealFromNoiseChanges() throws {
        // 80/100 vs 60/100: p̂ = 140/200 = 0.7, se = √(0.7·0.3·(1/100 + 1/100)) = √0.0042 = 0.0648074
        // z = 0.2 / 0.0648074 = 3.0860670, p = 0.0020282 → significant.
        let big = try #require(SignificanceTest.twoProportions(successes1: 80, trials1: 100, successes2: 60, trials2: 100))
        #expect(abs(big.statistic - 3.086066999241839) < 1e-9)
        #expect(abs(big.pValue - 0.0020282311484520745) < 1e-9)
        #expect(big.isSignificant)
        // 80/100 vs 78/100: p̂ = 0.79, se = √(0.79·0.21·0.02) = 0.0576021, z = 0.02/0.0576021 = 0.3472097,
        // p = 0.7284338 → not significant.
        let small = try #require(SignificanceTest.twoProportions(successes1: 80, trials1: 100, successes2: 78, trials2: 100))
        #expect(abs(small.statistic - 0.34720966422940763) < 1e-9)
        #expect(abs(small.pValue - 0.7284338109514747) < 1e-9)
        #expect(!small.isSignificant)
        #expect(SignificanceTest.twoProportions(successes1: 0, trials1: 0, successes2: 1, trials2: 2) == nil)
        #expect(SignificanceTest.twoProportions(successes1: 5, trials1: 5, successes2: 9, trials2: 9) == nil)
    }

    @Test func welchTestMatchesHandArithmetic() throws {
        // a = 1…7: mean 4, s² = 28/6; b = [5,6,7,7,6,5]: mean 6, s² = 4/5 = 0.8.
        // s₁²/n₁ = 0.6666667, s₂²/n₂ = 0.1333333, sum 0.8 → t = −2/√0.8 = −2.2360680.
        // ν = 0.64 / (0.6666667²/6 + 0.1333333²/5) = 0.64 / 0.0776296 = 8.2442748; p = 0.0548061 (scipy).
        let result = try #require(SignificanceTest.welch(SampleSummary((1...7).map(Double.init)),
                                                         SampleSummary([5, 6, 7, 7, 6, 5])))
        #expect(abs(result.statistic - -2.23606797749979) < 1e-12)
        #expect(abs(try #require(result.degreesOfFreedom) - 8.244274809160306) < 1e-9)
        #expect(abs(result.pValue - 0.054806068202073524) < 1e-9)
        #expect(!result.isSignificant)
    }

    @Test func npsVarianceAndMarginOfError() throws {
        // 50 promoters, 20 detractors of 100: p = 0.5, d = 0.2, NPS = 30.
        // Var = 100²·(0.5 + 0.2 − 0.3²)/100 = 10000·0.61/100 = 61; moe = 1.959964·7.8102497 = 15.3078081.
        let v = try #require(NPSVariance(promoters: 50, detractors: 20, responses: 100))
        #expect(abs(v.nps - 30) < 1e-12)
        #expect(abs(v.variance - 61) < 1e-9)
        #expect(abs(v.marginOfError - 1.959963984540054 * 61.0.squareRoot()) < 1e-12)
        #expect(abs(v.marginOfError - 15.3078081) < 1e-6)
        #expect(NPSVariance(promoters: 0, detractors: 0, responses: 0) == nil)
    }

    @Test func npsDifferenceTest() throws {
        // Now 50 P / 20 D of 100 (NPS 30, Var 61); before 30 P / 30 D of 100 (NPS 0,
        // Var = 10000·(0.6 − 0)/100 = 60). z = 30/√121 = 30/11 = 2.7272727, p = 0.0063863 → significant.
        let r = try #require(SignificanceTest.netPromoterScores(promoters1: 50, detractors1: 20, responses1: 100,
                                                                promoters2: 30, detractors2: 30, responses2: 100))
        #expect(abs(r.statistic - 30.0 / 11.0) < 1e-12)
        #expect(r.isSignificant)
        // Now 40 P / 25 D (NPS 15, Var = 10000·(0.65 − 0.0225)/100 = 62.75) vs NPS 0 (Var 60):
        // z = 15/√122.75 = 1.3538810 → p = 0.1758 → not significant.
        let r2 = try #require(SignificanceTest.netPromoterScores(promoters1: 40, detractors1: 25, responses1: 100,
                                                                 promoters2: 30, detractors2: 30, responses2: 100))
        #expect(abs(r2.statistic - 15 / 122.75.squareRoot()) < 1e-12)
        #expect(!r2.isSignificant)
    }
}
