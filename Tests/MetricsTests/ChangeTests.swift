import Testing
@testable import Metrics

@Suite struct ChangeTests {
    @Test func csatDropFrom80To60IsSignificant() throws {
        // Now 60/100, before 80/100: absolute = 0.6 − 0.8 = −0.2, relative = −0.2/0.8 = −0.25.
        // z = −0.2/√(0.7·0.3·0.02) = −3.086 → p = 0.002 < 0.05.
        let change = MetricChange.proportions(successes: 60, trials: 100, previousSuccesses: 80, previousTrials: 100)
        #expect(change.current == 0.6 && change.previous == 0.8)
        #expect(abs(try #require(change.absoluteChange) - -0.2) < 1e-12)
        #expect(abs(try #require(change.relativeChange) - -0.25) < 1e-12)
        #expect(change.significant == true)
        #expect(change.isHeadline)
    }

    @Test func csatDipFrom80To78IsNotAHeadline() {
        // z = −0.02/√(0.79·0.21·0.02) = −0.347 → p = 0.728: not significant.
        let change = MetricChange.proportions(successes: 78, trials: 100, previousSuccesses: 80, previousTrials: 100)
        #expect(change.significant == false)
        #expect(!change.isHeadline)
    }

    @Test func missingPreviousPeriodGivesNilsNotNaN() {
        let change = MetricChange.proportions(successes: 7, trials: 10, previousSuccesses: 0, previousTrials: 0)
        #expect(change.current == 0.7)
        #expect(change.previous == nil && change.absoluteChange == nil && change.relativeChange == nil)
        #expect(change.significant == nil)
        #expect(!change.isHeadline)
    }

    @Test func exactQuantityHasNoTestButMovesHeadline() throws {
        // MRR 10 500 vs 10 000: +500, +5 %.
        let change = MetricChange.exact(current: 10_500, previous: 10_000)
        #expect(change.absoluteChange == 500)
        #expect(abs(try #require(change.relativeChange) - 0.05) < 1e-12)
        #expect(change.significant == nil)
        #expect(change.isHeadline)
        // Relative change from zero is undefined.
        #expect(MetricChange.exact(current: 5, previous: 0).relativeChange == nil)
    }

    @Test func cesMeanChangeUsesWelch() {
        // Welch on 1…7 (mean 4) vs [5,6,7,7,6,5] (mean 6): t = −2.236, ν = 8.244, p = 0.0548 → not significant.
        let change = MetricChange.means(SampleSummary((1...7).map(Double.init)), SampleSummary([5, 6, 7, 7, 6, 5]))
        #expect(change.absoluteChange == -2)
        #expect(change.significant == false)
        #expect(abs((change.pValue ?? 0) - 0.054806068202073524) < 1e-9)
    }

    @Test func npsChangeUsesSummedVariances() {
        // 50 P / 20 D / 100 (NPS 30, Var 61) vs 30 P / 30 D / 100 (NPS 0, Var 60): z = 30/11 → significant.
        let change = MetricChange.netPromoterScores(promoters: 50, detractors: 20, responses: 100,
                                                    previousPromoters: 30, previousDetractors: 30, previousResponses: 100)
        #expect(change.current == 30 && change.previous == 0)
        #expect(change.relativeChange == nil)
        #expect(change.significant == true)
    }
}
