import Testing
import Model
@testable import Metrics

/// `ChurnSeries.grouped`: one walk over the ledger, one series per group (segment churn uses it).
@Suite struct GroupedChurnSeriesTests {
    let ledger = ActivityLedger(dataset: Fixture.subscriptions, configuration: Fixture.configuration())

    /// Pro → 0, Basic → 1, no plan (Fay) → 2; group 3 has nobody.
    func planGroup(_ i: CustomerIndex) -> Int {
        switch ledger.customers[i].plan {
        case "Pro"?: 0
        case "Basic"?: 1
        default: 2
        }
    }

    @Test func eachGroupHasItsOwnHandWorkedSeries() {
        let series = ChurnSeries.grouped(ledger: ledger, groups: 4, group: planGroup)
        // Pro: Ann (01-05, open), Dan (02-03, open), Eve (02-14 → churned 03-10, involuntary, MRR 40).
        // Jan: S 0, E 1 (Ann joined). Feb: S 1 (Ann), E 3 (Dan, Eve joined). Mar: S 3, Eve churned,
        // E 2: 3 − 1 + 0 + 0 = 2.
        let pro = series[0].periods
        #expect(pro.map(\.period.label) == ["2024-01", "2024-02", "2024-03"])
        #expect(pro.map(\.customersAtStart) == [0, 1, 3] && pro.map(\.customersAtEnd) == [1, 3, 2])
        #expect(pro.map(\.churned) == [0, 0, 1] && pro.map(\.joined) == [1, 2, 0])
        #expect(pro[2].involuntary == 1 && pro[2].mrrLost == 40)
        // Basic: Hal (01-08 → 01-31, back 02-15), Bob (01-10 → 02-20, voluntary, MRR 50), Cat (01-20 → 01-25).
        // Jan: E on 01-31 = Bob (joined; Hal and Cat left within January). Feb: S 1 (Bob), Bob churned,
        // E 1 (Hal, returning: reactivated): 1 − 1 + 0 + 1 = 1. Mar: S 1, E 1.
        let basic = series[1].periods
        #expect(basic.map(\.customersAtStart) == [0, 1, 1] && basic.map(\.customersAtEnd) == [1, 1, 1])
        #expect(basic.map(\.churned) == [0, 1, 0] && basic.map(\.joined) == [1, 0, 0])
        #expect(basic[1].reactivated == 1 && basic[1].voluntary == 1 && basic[1].mrrLost == 50)
        // Fay alone (from 03-02): her series starts in March, the period of her first active day.
        #expect(series[2].periods.map(\.period.label) == ["2024-03"])
        #expect(series[2].periods[0].joined == 1 && series[2].periods[0].customersAtEnd == 1)
        #expect(series[3].periods.isEmpty)
    }

    @Test func groupsThatPartitionTheCustomersAddUpToTheWholeSeries() {
        let whole = ChurnSeries(ledger: ledger).periods
        let parts = ChurnSeries.grouped(ledger: ledger, groups: 3, group: planGroup)
        for p in whole {
            let same = parts.compactMap { $0.periods.first { $0.period == p.period } }
            #expect(same.reduce(0) { $0 + $1.customersAtStart } == p.customersAtStart)
            #expect(same.reduce(0) { $0 + $1.churned } == p.churned)
            #expect(same.reduce(0) { $0 + $1.joined } == p.joined)
            #expect(same.reduce(0) { $0 + $1.reactivated } == p.reactivated)
            #expect(same.reduce(0) { $0 + $1.customersAtEnd } == p.customersAtEnd)
            #expect(same.reduce(0) { $0 + $1.mrrLost } == p.mrrLost)
        }
        // And each group is the series of its customers alone.
        for g in 0..<3 {
            #expect(parts[g] == ChurnSeries(ledger: ledger, including: { planGroup($0) == g }))
        }
    }

    @Test func oneWalkForTheWholeSeriesAndEverySegmentIsEachSeriesOnItsOwn() {
        // "plan" twice: each attribute gets its own rows, duplicates included.
        let walk = SegmentChurn.withWholeSeries(ledger: ledger, attributes: ["plan", "region", "plan"], periods: 2)
        #expect(walk.whole == ChurnSeries(ledger: ledger))
        #expect(walk.segments == ["plan", "region", "plan"].map { SegmentChurn(ledger: ledger, attribute: $0, periods: 2) })
        // By hand, the last 2 complete months (January, February; March holds as-of): Basic S = 0 + 1,
        // churned 0 + 1 (Bob); Pro S = 0 + 1, churned 0; Fay (no plan) starts in March: no trial.
        let plan = walk.segments[0].rows
        #expect(plan.map(\.value) == ["Basic", "Pro", CohortTable.missingSegmentLabel])
        #expect(plan.map(\.churned) == [1, 0, 0] && plan.map(\.customerPeriods) == [1, 1, 0])
        // Nobody has a region: one row, everyone's, S = 0 + 2 (Ann, Bob on 01-31), churned 0 + 1.
        #expect(walk.segments[1].rows.map(\.value) == [CohortTable.missingSegmentLabel])
        #expect(walk.segments[1].rows[0].churned == 1 && walk.segments[1].rows[0].customerPeriods == 2)
    }

    @Test(arguments: [3, 17, 101] as [UInt64])
    func oneWalkMatchesSeparateWalksOnRandomBusinesses(seed: UInt64) {
        // Re-subscriptions, CRM cancellations (voluntary or untyped) and MRR lost, 300 customers.
        let ledger = ActivityLedger(dataset: randomSubscriptionDataset(seed: seed, customers: 300),
                                    configuration: Fixture.configuration(asOf: d("2024-09-15")))
        let walk = SegmentChurn.withWholeSeries(ledger: ledger, attributes: ["plan"], periods: 12)
        #expect(walk.whole == ChurnSeries(ledger: ledger))
        #expect(walk.whole.periods.contains { $0.mrrLost > 0 && $0.voluntary > 0 && $0.reactivated > 0 })
        #expect(walk.segments == [SegmentChurn(ledger: ledger, attribute: "plan", periods: 12)])
        let plans = SegmentCodes(ledger, attribute: "plan")
        for (code, value) in plans.values.enumerated() {
            let alone = ChurnSeries(ledger: ledger, including: { ledger.customers[$0].plan == value })
            #expect(ChurnSeries.grouped(ledger: ledger, groups: plans.values.count) { Int(plans.codes[$0]) }[code] == alone)
        }
    }
}
