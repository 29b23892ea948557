import Testing
import Metrics
import Model
@testable import Report

@Suite struct KPISectionTests {
    func tiles(september: Int, october: Int) -> [String: KPITile] {
        let (analysis, _) = ChurnStepFixture.analysis(septemberChurn: september, octoberChurn: october)
        let section = KPISection(analysis: analysis,
                                 periods: ReportPeriods(configuration: analysis.configuration, trendPeriods: 12),
                                 format: ReportFormatter())
        return Dictionary(uniqueKeysWithValues: section.tiles().map { ($0.label, $0) })
    }

    @Test func churnTileIsBadNewsOnlyWhenSignificant() throws {
        let significant = try #require(tiles(september: 2, october: 20)["Logo churn"])
        #expect(significant.value == "20.4%")
        #expect(significant.previous == "2.0%")
        #expect(significant.change == "+18.4 pts")
        #expect(significant.judgement == .bad)
        #expect(significant.note == "20 of 98 customers")

        let noise = try #require(tiles(september: 2, october: 3)["Logo churn"])
        #expect(noise.value == "3.1%")
        #expect(noise.change == "+1.1 pts (not significant)")
        #expect(noise.judgement == .neutral)
    }

    @Test func stockTilesCompareEndsOfPeriods() throws {
        let t = tiles(september: 2, october: 20)
        // Active at the end of October: 100 − 2 − 20 = 78; end of September: 98.
        #expect(t["Active customers"]?.value == "78")
        #expect(t["Active customers"]?.previous == "98")
        #expect(t["Active customers"]?.change == "−20")
        #expect(t["MRR"]?.value == "$7,800")
        #expect(t["MRR"]?.change == "−$2,000")
        // GRR for October = (9,800 − 2,000) / 9,800 = 79.6 %.
        #expect(t["Gross revenue retention"]?.value == "79.6%")
    }

    @Test func reportPeriodsTreatTheLastDayAsComplete() {
        let midMonth = ReportPeriods(configuration: MetricsConfiguration(asOf: Day(iso: "2026-11-15")!), trendPeriods: 3)
        #expect(midMonth.latestComplete.label == "2026-10")
        #expect(midMonth.trend.map(\.label) == ["2026-08", "2026-09", "2026-10"])
        let monthEnd = ReportPeriods(configuration: MetricsConfiguration(asOf: Day(iso: "2026-11-30")!), trendPeriods: 3)
        #expect(monthEnd.latestComplete.label == "2026-11")
        #expect(monthEnd.previous.label == "2026-10")
    }
}
