import Testing
import Model
@testable import Metrics

/// The order ledger built on several threads (customer ranges folded apart and joined in customer
/// order) against the same ledger built in one range and against the streamed path (every order
/// through `OrderActivityAccumulator.add` in file order): the same values, bit for bit.
@Suite struct LedgerPartitionTests {
    /// 3 000 customers (more than `FixedPartition.minimumParallelCount`, so the parts really split),
    /// 30 000 orders in shuffled date order: amounts with cents, refunds, orders after as-of,
    /// orders naming no known customer, cancellation dates before and after as-of.
    static let dataset: Dataset = {
        var random = SeededGenerator(seed: 12)
        let asOf = d("2024-06-30")
        let customers = (0..<3_000).map { i in
            Customer(id: "c\(i)", signup: d("2022-01-01").adding(days: Int.random(in: 0..<900, using: &random)),
                     plan: ["A", "B", "C"][i % 3],
                     churnDate: i % 7 == 0 ? asOf.adding(days: Int.random(in: -400..<60, using: &random)) : nil)
        }
        let orders = (0..<30_000).map { _ -> Order in
            let customer = Int.random(in: -2..<3_010, using: &random)  // a few unknown customers
            let day = d("2022-01-01").adding(days: Int.random(in: 0..<960, using: &random))  // some after as-of
            let cents = Int.random(in: -3_000..<20_000, using: &random)  // about one in eight a refund
            return Order(customer: customer, day: day, amount: Double(cents) / 100 + 0.001)
        }
        return Dataset(customers: customers, orders: orders)
    }()

    static let configuration = MetricsConfiguration(asOf: d("2024-06-30"), calendar: PeriodCalendar(.month),
                                                    inactivityDays: 45)

    static func expectSame(_ a: ActivityLedger, _ b: ActivityLedger) {
        #expect(a.activity == b.activity)
        #expect(a.orders == b.orders)
        #expect(a.neverPaid == b.neverPaid)
        #expect(a.ignoredAfterAsOf == b.ignoredAfterAsOf)
        #expect(a.ignoredUnknownCustomer == b.ignoredUnknownCustomer)
    }

    @Test func onePartTwoPartsAndThreePartsBuildTheSameLedger() {
        let one = ActivityLedger(ordersOf: Self.dataset, configuration: Self.configuration, parts: 1)
        let two = ActivityLedger(ordersOf: Self.dataset, configuration: Self.configuration, parts: 2)
        let three = ActivityLedger(ordersOf: Self.dataset, configuration: Self.configuration, parts: 3)
        Self.expectSame(one, two)
        Self.expectSame(one, three)
        // The data really exercises every path: paying customers, sign-ups who never paid,
        // orders after as-of, unknown customers, refunds.
        #expect(one.activity.compactMap { $0 }.count > 2_000)
        #expect(one.neverPaid > 0)
        #expect(one.ignoredAfterAsOf > 0 && one.ignoredUnknownCustomer > 0)
        #expect(one.orders.contains { $0.refundAmount < 0 })
    }

    @Test func partsBuildTheLedgerOfTheStreamedOrders() {
        // The streamed path adds the orders one by one in file order, customers interleaved.
        var streamed = OrderActivityAccumulator(customerCount: Self.dataset.customers.count,
                                                asOf: Self.configuration.asOf, calendar: Self.configuration.calendar)
        for o in Self.dataset.orders { streamed.add(o) }
        #expect(streamed.ordersSeen == Self.dataset.orders.count)
        let reference = ActivityLedger(customers: Self.dataset.customers, orders: streamed, configuration: Self.configuration)
        Self.expectSame(ActivityLedger(ordersOf: Self.dataset, configuration: Self.configuration, parts: 2), reference)
        // And what `ActivityLedger(dataset:configuration:)` builds (the machine's core count).
        Self.expectSame(ActivityLedger(dataset: Self.dataset, configuration: Self.configuration), reference)
    }

    @Test func anAccumulatorOfOneRangeCountsOtherCustomersAsUnknown() {
        // Customers 2..<4 only: orders of customers 0 and 5 are unknown to it; the order after
        // as-of (2024-07-01) is ignored; customer 3 pays 10.00 then refunds 2.50 in the same month.
        var acc = OrderActivityAccumulator(customers: 2..<4, asOf: d("2024-06-30"), calendar: PeriodCalendar(.month),
                                           minorUnitDigits: 2)
        for o in [Order(customer: 0, day: d("2024-06-01"), amount: 5), Order(customer: 3, day: d("2024-06-02"), amount: 10),
                  Order(customer: 3, day: d("2024-06-03"), amount: -2.5), Order(customer: 5, day: d("2024-06-01"), amount: 1),
                  Order(customer: 2, day: d("2024-07-01"), amount: 7)] {
            acc.add(o)
        }
        #expect(acc.ordersSeen == 5 && acc.ignoredUnknownCustomer == 2 && acc.ignoredAfterAsOf == 1)
        let history = acc.finish()
        #expect(history.count == 2 && history[0] == CustomerOrders())
        #expect(history[1].paidDays == [d("2024-06-02")] && history[1].paidAmount == 10 && history[1].refundAmount == -2.5)
        // June 2024 is period 2024 × 12 + 5 = 24 293: net 10 − 2.5 = 7.5, one paid order.
        #expect(history[1].periods == [PeriodRevenue(period: 24_293, revenue: 7.5, paidOrders: 1)])
    }
}
