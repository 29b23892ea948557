import Testing
import Model
@testable import Metrics

/// Cuts of equal work rather than equal length, and the order ledger folded on such cuts: the
/// first customers place most of the orders, so the cut lands far from the middle customer, and
/// the ledger is the same, bit for bit, as the one folded in one range.
@Suite struct BalancedPartitionTests {
    @Test func rangesCutWhereTheWeightReachesEachPart() {
        // Indices 0 ..< 1 000 weigh 10, the 3 000 after them 1: 13 000 in all.
        let weightBefore = { (k: Int) in min(k, 1_000) * 10 + max(0, k - 1_000) }
        // Half is 6 500, reached at k = 650.
        #expect(BalancedPartition.ranges(4_000, parts: 2, weightBefore: weightBefore) == [0..<650, 650..<4_000])
        // Thirds: 4 333 (reached at 434: 4 340; 433 gives 4 330) and 8 666 (at 867: 8 670).
        #expect(BalancedPartition.ranges(4_000, parts: 3, weightBefore: weightBefore)
                == [0..<434, 434..<867, 867..<4_000])
        // Even weights: the plain halves.
        #expect(BalancedPartition.ranges(4_000, parts: 2) { $0 } == [0..<2_000, 2_000..<4_000])
        // Below the parallel threshold, or one part: one range.
        #expect(BalancedPartition.ranges(100, parts: 2, weightBefore: weightBefore) == [0..<100])
        #expect(BalancedPartition.ranges(4_000, parts: 1, weightBefore: weightBefore) == [0..<4_000])
        // All the weight (1) in the last index: half of it rounds down to 0, reached at once, so
        // the first range is empty and the second takes every index.
        #expect(BalancedPartition.ranges(3_000, parts: 2) { $0 == 3_000 ? 1 : 0 } == [0..<0, 0..<3_000])
        // Weight 2 in the last index: half (1) is reached only at 3 000, the last range is empty.
        #expect(BalancedPartition.ranges(3_000, parts: 2) { $0 == 3_000 ? 2 : 0 } == [0..<3_000, 3_000..<3_000])
    }

    @Test func mapReturnsEachRangesResultInOrder() {
        let ranges = [0..<3, 3..<3, 3..<10]
        #expect(BalancedPartition.map(ranges) { $0.reduce(0, +) } == [3, 0, 42])
        #expect(BalancedPartition.map([0..<4]) { $0.count } == [4])
    }

    /// 3 000 customers signed up 2022-01-01; customers 0 ..< 300 place 30 orders each (one every
    /// 20 days from 2022-01-05, 12.34 each, every fifth a refund of 1.01), the others one order of
    /// 5.00 + c cents on 2024-06-01 + c mod 20 days.
    static let skewed: Dataset = {
        let customers = (0..<3_000).map { Customer(id: "c\($0)", signup: d("2022-01-01")) }
        var orders: [Order] = []
        for c in 0..<300 {
            for k in 0..<30 {
                orders.append(Order(customer: c, day: d("2022-01-05").adding(days: 20 * k),
                                    amount: k % 5 == 4 ? -1.01 : 12.34))
            }
        }
        for c in 300..<3_000 {
            orders.append(Order(customer: c, day: d("2024-06-01").adding(days: c % 20), amount: 5 + Double(c) / 100))
        }
        return Dataset(customers: customers, orders: orders)
    }()

    static let configuration = MetricsConfiguration(asOf: d("2024-06-30"), calendar: PeriodCalendar(.month),
                                                    inactivityDays: 45)

    @Test func theLedgerCutsByWorkAndFoldsTheSameOnEitherSide() {
        let orders = Self.skewed.orders
        // Work of customers 0 ..< k: 34 per heavy customer (30 orders + 4), 5 per light one.
        #expect(ActivityLedger.workBefore(300, orders: orders) == 10_200)
        #expect(ActivityLedger.workBefore(3_000, orders: orders) == 23_700)
        // Half of 23 700 is 11 850: 10 200 + 5 × 330 = 11 850 at customer 630.
        let cut = BalancedPartition.ranges(3_000, parts: 2) { ActivityLedger.workBefore($0, orders: orders) }
        #expect(cut == [0..<630, 630..<3_000])

        let one = ActivityLedger(ordersOf: Self.skewed, configuration: Self.configuration, parts: 1)
        let two = ActivityLedger(ordersOf: Self.skewed, configuration: Self.configuration, parts: 2)
        let three = ActivityLedger(ordersOf: Self.skewed, configuration: Self.configuration, parts: 3)
        LedgerPartitionTests.expectSame(one, two)
        LedgerPartitionTests.expectSame(one, three)
        // The customers on either side of the cut, worked out by hand: 629 paid 11.29 on
        // 2024-06-10 (629 mod 20 = 9), 630 paid 11.30 on 2024-06-11; both active through as-of
        // (45 days after their order), one period row (June 2024, period 2024 × 12 + 5).
        for (c, amount, day) in [(629, 11.29, d("2024-06-10")), (630, 11.30, d("2024-06-11"))] {
            #expect(two.activity[c] == CustomerActivity(customer: c, spans: [ActiveSpan(start: day, end: nil)]))
            #expect(two.orders[c].paidAmount == amount && two.orders[c].paidOrderCount == 1)
            #expect(Array(two.orders[c].periods) == [PeriodAmount(period: 24_293, revenue: amount, hasPaidOrder: true)])
        }
        // A heavy customer: 24 paid orders of 12.34 and 6 refunds of 1.01 (k = 4, 9, …, 29) every 20
        // days from 2022-01-05; each paid order keeps them active 45 days and the gaps between
        // paid orders are 20 or 40 days, so one span, ended 45 days after the last paid order
        // (k = 28, 2023-07-19): 2023-09-02.
        #expect(two.orders[0].paidOrderCount == 24 && two.orders[0].paidDayCount == 24)
        #expect(two.orders[0].refundAmount == (0..<6).reduce(0.0) { sum, _ in sum + -1.01 })
        #expect(two.activity[0] == CustomerActivity(customer: 0, spans: [ActiveSpan(start: d("2022-01-05"),
                                                                                      end: d("2023-09-02"))]))
        #expect(two.neverPaid == 0 && two.ignoredAfterAsOf == 0)
    }
}
