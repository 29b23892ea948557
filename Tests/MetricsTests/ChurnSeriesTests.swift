import Testing
import Model
@testable import Metrics

@Suite struct ChurnSeriesTests {
    let ledger = ActivityLedger(dataset: Fixture.subscriptions, configuration: Fixture.configuration())

    @Test func churnRateExcludesSameMonthJoiners() {
        let s = ChurnSeries(ledger: ledger).periods
        #expect(s.map(\.period.label) == ["2024-01", "2024-02", "2024-03"])
        // Jan: nobody active on 2023-12-31, so Cat (joined and left in January) is not in any rate.
        #expect(s[0].customersAtStart == 0 && s[0].churned == 0 && s[0].churnRate == nil)
        #expect(s[0].customersAtEnd == 2 && s[0].joined == 2 && s[0].reactivated == 0)  // Ann, Bob on 01-31
        // Feb: S = active on 01-31 = Ann, Bob (Hal's first sub ended 01-31) = 2; Bob churned 02-20.
        // E on 02-29 = Ann, Hal, Dan, Eve = 4; not active at start: Dan, Eve (new: joined 2) and Hal
        // (paying since January: reactivated 1). 2 − 1 + 2 + 1 = 4. churn = 1/2; CRR = (2 − 1)/2 = 0.5.
        #expect(s[1].customersAtStart == 2 && s[1].churned == 1)
        #expect(s[1].joined == 2 && s[1].reactivated == 1 && s[1].customersAtEnd == 4)
        #expect(s[1].churnRate == 0.5)
        #expect(s[1].retentionRate == 0.5)
        #expect(s[1].voluntary == 1 && s[1].involuntary == 0)
        #expect(s[1].mrrLost == 50)
        // Mar (to as-of): S = 4; Eve churned 03-10 (involuntary, MRR 40). E = Ann, Hal, Dan, Fay = 4:
        // 4 − 1 + 1 (Fay) + 0 = 4. churn = 1/4; CRR = (4 − 1)/4 = 0.75.
        #expect(s[2].joined == 1 && s[2].reactivated == 0)
        #expect(s[2].churnRate == 0.25 && s[2].retentionRate == 0.75)
        #expect(s[2].involuntary == 1 && s[2].unknownKind == 0 && s[2].mrrLost == 40)
        #expect(s[2].isIncomplete && !s[1].isIncomplete)
    }

    @Test func churnAndReturnWithinAPeriodCountsOnce() {
        // Active since January; cancels 02-05 and 02-12, resubscribes 02-08 and 02-20.
        // February: S = 1, churned = 1 (once) and back by the end: one churn and one reactivation,
        // 1 − 1 + 0 + 1 = 1 = E; CRR = (1 − 1)/1 = 0 = 1 − churn rate.
        let data = Dataset(customers: [Customer(id: "x", signup: d("2024-01-10"))], subscriptions: [
            Subscription(id: "a", customer: 0, start: d("2024-01-10"), end: d("2024-02-05"), mrr: 10),
            Subscription(id: "b", customer: 0, start: d("2024-02-08"), end: d("2024-02-12"), mrr: 10),
            Subscription(id: "c", customer: 0, start: d("2024-02-20"), mrr: 10),
        ])
        let l = ActivityLedger(dataset: data, configuration: Fixture.configuration())
        let feb = ChurnSeries(ledger: l).periods[1]
        #expect(feb.customersAtStart == 1 && feb.churned == 1 && feb.joined == 0 && feb.customersAtEnd == 1)
        #expect(feb.reactivated == 1)
        #expect(feb.churnRate == 1 && feb.retentionRate == 0)
        // The MRR bridge sees every movement: 2 churns of 10 and 2 reactivations of 10.
        let bridge = MRRBridge(ledger: l).periods[1]
        #expect(bridge.churn == 20 && bridge.reactivation == 20 && bridge.churnCount == 2 && bridge.reconciles)
    }

    @Test func lastCompleteSkipsTheCurrentPeriod() {
        let s = ChurnSeries(ledger: ledger)
        #expect(s.lastComplete(12).map(\.period.label) == ["2024-01", "2024-02"])
        #expect(s.lastComplete(1).map(\.period.label) == ["2024-02"])
    }

    /// Reasons tallied by code: an empty reason and the literal "Unknown" count as Unknown,
    /// events outside the window are left out, ties go by name, MRR adds up in event order.
    @Test func churnReasonsTalliedByHand() {
        func event(_ c: Int, _ day: String, _ reason: String?, _ mrr: Double) -> ChurnEvent {
            ChurnEvent(customer: c, day: Day(iso: day)!, reason: reason, kind: nil, mrrLost: mrr)
        }
        let events = [
            event(0, "2024-01-10", "Price", 10), event(1, "2024-01-20", nil, 5), event(2, "2024-02-05", "", 7),
            event(3, "2024-02-10", "Unknown", 1), event(4, "2024-03-01", "Support", 0.1), event(5, "2024-03-02", "Price", 0.2),
            event(6, "2024-04-01", "Price", 100), event(7, "2023-12-31", "Support", 100), event(8, "2024-03-31", "Support", 0.7),
        ]
        let calendar = PeriodCalendar(.month)
        let window = (0..<3).map { calendar.period(index: calendar.period(containing: Day(iso: "2024-01-01")!).index + $0) }
        let b = ChurnReasonBreakdown(window: window, events: events, calendar: calendar)
        // In Jan–Mar: Price 2 (10 + 0.2), Support 2 (0.1 + 0.7), Unknown 3 (5 + 7 + 1); 7 in all.
        // Price and Support tie on 2: by name; Unknown last although it has the most.
        #expect(b.rows.map(\.reason) == ["Price", "Support", ChurnReasonBreakdown.unknownReason])
        #expect(b.rows.map(\.count) == [2, 2, 3])
        let shares: [Double] = [2.0 / 7, 2.0 / 7, 3.0 / 7]
        let price: Double = 10 + 0.2, support: Double = 0.1 + 0.7, unknown: Double = 5 + 7 + 1
        #expect(b.rows.map(\.share) == shares)
        #expect(b.rows.map(\.mrrLost) == [price, support, unknown])
        // Jan: Price 1 (10), Unknown 1 (5), halves; Feb: Unknown 2 (7 + 1); Mar: Support 2, Price 1.
        #expect(b.perPeriod.map { $0.rows.map(\.reason) } == [["Price", "Unknown"], ["Unknown"], ["Support", "Price"]])
        #expect(b.perPeriod.map { $0.rows.map(\.count) } == [[1, 1], [2], [2, 1]])
        #expect(b.perPeriod[0].rows.map(\.share) == [0.5, 0.5])
        #expect(b.perPeriod[1].rows.map(\.mrrLost) == [8])
        let marchShares: [Double] = [2.0 / 3, 1.0 / 3]
        #expect(b.perPeriod[2].rows.map(\.share) == marchShares)
        #expect(b.perPeriod[2].rows.map(\.mrrLost) == [support, 0.2])
    }

    @Test func churnReasonsOverTheWindowAndPerPeriod() {
        // Window: the 2 complete months before as-of = Jan, Feb. Churn events in it:
        //   Cat 01-25 (Price, MRR 30), Hal 01-31 (not his final churn → Unknown, MRR 25), Bob 02-20 (Price, MRR 50).
        // Price: 2, share 2/3, MRR lost 80; Unknown: 1, share 1/3, MRR lost 25.
        let b = ChurnReasonBreakdown(ledger: ledger, periods: 2)
        #expect(b.window.map(\.label) == ["2024-01", "2024-02"])
        #expect(b.rows.map(\.reason) == ["Price", ChurnReasonBreakdown.unknownReason])
        #expect(b.rows.map(\.count) == [2, 1])
        #expect(close(b.rows[0].share, 2.0 / 3))
        #expect(b.rows.map(\.mrrLost) == [80, 25])
        #expect(b.total == 3)
        #expect(b.perPeriod[0].rows.map(\.count) == [1, 1])
        #expect(b.perPeriod[1].rows.map(\.reason) == ["Price"])
        // Default window of 12 months reaches back before the data: same totals.
        #expect(ChurnReasonBreakdown(ledger: ledger).total == 3)
    }

    @Test func segmentChurnWithWilsonIntervals() {
        // Complete months Jan, Feb. Basic: Feb S = {Bob}, Bob churned → 1/1. Pro: Feb S = {Ann} → 0/1.
        // (not set): Fay joined in March → 0 customer-periods, rate nil, interval [0, 1].
        // Wilson 1/1: centre = (1 + 1.920729)/(1 + 3.841459) = 0.603272, half = 0.396725 → [0.206549, 1].
        let s = SegmentChurn(ledger: ledger, attribute: "plan")
        #expect(s.rows.map(\.value) == ["Basic", "Pro", CohortTable.missingSegmentLabel])
        #expect(s.rows.map(\.churned) == [1, 0, 0])
        #expect(s.rows.map(\.customerPeriods) == [1, 1, 0])
        #expect(s.rows[0].rate == 1)
        #expect(close(s.rows[0].interval.lower, 0.2065493))
        #expect(close(s.rows[1].interval.upper, 0.7934507))
        #expect(s.rows[2].rate == nil && s.rows[2].interval.lower == 0 && s.rows[2].interval.upper == 1)
    }

    @Test func orderChurnComesFromInactivity() {
        // Ivy churns 03-11, Jon 02-14, Kim 03-06 (and returns 04-01).
        // Feb: S = Ivy, Jon (active 01-31) → Jon churned → 1/2. Mar: S = Ivy, Kim → both → 2/2.
        // Apr (to 04-15): S = nobody active on 03-31 → nil; Kim returned: E = 1, a reactivation.
        let l = ActivityLedger(dataset: Fixture.orders, configuration: Fixture.orderConfiguration())
        let s = ChurnSeries(ledger: l).periods
        #expect(s.map(\.churnRate) == [nil, 0.5, 1, nil])
        #expect(s[3].customersAtEnd == 1 && s[3].joined == 0 && s[3].reactivated == 1)
        #expect(s.allSatisfy { $0.mrrLost == 0 })
    }

    @Test func emptyDatasetHasNoPeriods() {
        let l = ActivityLedger(dataset: Dataset(), configuration: Fixture.configuration())
        #expect(ChurnSeries(ledger: l).periods.isEmpty)
        #expect(ChurnReasonBreakdown(ledger: l).rows.isEmpty)
        #expect(SegmentChurn(ledger: l, attribute: "plan").rows.isEmpty)
    }
}
