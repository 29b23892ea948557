import Testing
import Metrics
import Model
@testable import Report

@Suite struct HeadlineRulesTests {
    func rules(september: Int, october: Int) -> HeadlineRules {
        let (analysis, _) = ChurnStepFixture.analysis(septemberChurn: september, octoberChurn: october)
        return HeadlineRules(analysis: analysis,
                             periods: ReportPeriods(configuration: analysis.configuration, trendPeriods: 12),
                             format: ReportFormatter())
    }

    @Test func significantChurnRiseIsAHeadlineWithItsDriver() {
        // September: 2 of 100 churned = 2.0 %. October: 20 of the 98 left = 20.4 %.
        // Pooled p = 22/198 = 0.1111; SE = √(0.1111 · 0.8889 · (1/98 + 1/100)) = 0.04467;
        // z = (0.20408 − 0.02) / 0.04467 = 4.12 > 1.96: significant.
        // Reasons: Price 2 → 5 (+3), Switched to competitor 0 → 15 (+15): the driver.
        #expect(rules(september: 2, october: 20).churnChange() == [Headline(
            tone: "bad",
            text: "Logo churn rose from 2.0% in September 2026 to 20.4% in October 2026 (20 of 98 customers; "
                + "significant at 95 %). The largest move was in “Switched to competitor” (+15 customers).")])
    }

    @Test func nonSignificantChurnChangeIsNotAHeadline() {
        // 2 of 100 (2.0 %) then 3 of 98 (3.1 %): pooled p = 5/198, SE = 0.02232, z = 0.47 < 1.96.
        #expect(rules(september: 2, october: 3).churnChange() == [])
    }

    @Test func recordChurnIsNamed() {
        // The eleven months before October had 0 % or 2 %: 20.4 % is the highest of the 12.
        #expect(rules(september: 2, october: 20).churnRecord() == [Headline(
            tone: "bad", text: "Logo churn of 20.4% in October 2026 is the highest of the last 12 periods.")])
        // No churn in October is not a record low: the months before September were 0 % as well.
        #expect(rules(september: 2, october: 0).churnRecord() == [])
    }

    @Test func mrrChangeIsExactAndNamesItsLargestMovement() {
        // October: start 98 × $100 = $9,800; 20 churn → −$2,000; end $7,800; −20.4 %.
        #expect(rules(september: 2, october: 20).mrrChange() == [Headline(
            tone: "bad",
            text: "MRR shrank 20.4% to $7,800 in October 2026 (net −$2,000; largest movement: churn −$2,000).")])
    }

    @Test func topChurnReasonAndNoSegmentDriverWithOnePlan() {
        let r = rules(september: 2, october: 20)
        // Window (Nov 2025 – Oct 2026): Price 2 + 5 = 7, Switched to competitor 15; 15 / 22 = 68.2 %.
        #expect(r.topReason() == [Headline(
            tone: "neutral",
            text: "“Switched to competitor” was the most common churn reason over the last 12 periods "
                + "(15 customers, 68.2% of churn).")])
        // Every customer is on "Growth": a single segment value is never a driver.
        #expect(r.segmentDriver() == [])
    }
}
