import Testing
@testable import Metrics

@Suite struct WilsonIntervalTests {
    @Test func matchesHandComputedInterval() {
        // x = 8, n = 10: p = 0.8, z² = 3.841459; denominator = 1.3841459
        // centre = (0.8 + 0.1920730) / 1.3841460 = 0.7167402
        // half = 1.959964 / 1.3841460 · √(0.016 + 0.0096037) = 1.4160195 · 0.1600115 = 0.2265777
        // (statsmodels proportion_confint(8, 10, method="wilson") gives 0.4901625, 0.9433178)
        let w = WilsonInterval(successes: 8, trials: 10)
        #expect(abs(w.lower - 0.4901625) < 1e-6)
        #expect(abs(w.upper - 0.9433178) < 1e-6)
    }
    @Test func emptySampleIsWholeRange() {
        let w = WilsonInterval(successes: 0, trials: 0)
        #expect(w.proportion == nil)
        #expect(w.lower == 0 && w.upper == 1)
    }
}
