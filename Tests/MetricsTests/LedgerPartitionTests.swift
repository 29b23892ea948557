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
    static let dataset = Dataset(customers: generated.customers, orders: generated.orders)

    /// The orders in file order (the dataset holds them grouped by customer).
    static var orders: [Order] { generated.orders }

    static let generated: (customers: [Customer], orders: [Order]) = {
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
        return (customers, orders)
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
        for o in Self.orders { streamed.add(o) }
        #expect(streamed.ordersSeen == Self.dataset.orders.count)
        let reference = ActivityLedger(customers: Self.dataset.customers, orders: streamed, configuration: Self.configuration)
        Self.expectSame(ActivityLedger(ordersOf: Self.dataset, configuration: Self.configuration, parts: 2), reference)
        // And what `ActivityLedger(dataset:configuration:)` builds (the machine's core count).
        Self.expectSame(ActivityLedger(dataset: Self.dataset, configuration: Self.configuration), reference)
    }

    @Test func theTableReadsBackEveryCustomersRecord() {
        // Customer 0: paid 10.00 on 06-02, refunded 2.50 on 06-03 (June 2024 is period
        // 2024 × 12 + 5 = 24 293: net 10 − 2.5 = 7.5, a paid order in it); customer 1: nothing;
        // customer 2: paid days 05-01 and 06-20 (5.00 and 3.00), a paid order in each month;
        // customer 3: only a refund of 4.00 in May (period 24 292, no paid order, no paid day).
        var records = [CustomerOrders(), CustomerOrders(), CustomerOrders(), CustomerOrders()]
        records[0].record(day: d("2024-06-02"), period: 24_293, amount: 10, paid: true)
        records[0].record(day: d("2024-06-03"), period: 24_293, amount: -2.5, paid: false)
        records[2].record(day: d("2024-06-20"), period: 24_293, amount: 3, paid: true)
        records[2].record(day: d("2024-05-01"), period: 24_292, amount: 5, paid: true)
        records[3].record(day: d("2024-05-09"), period: 24_292, amount: -4, paid: false)
        let table = CustomerOrderTable(records)
        #expect(table.count == 4)
        #expect(table[0].paidDayCount == 1 && table[0].firstPaid == d("2024-06-02") && table[0].paidOrderCount == 1)
        #expect(table[0].paidAmount == 10 && table[0].refundAmount == -2.5)
        #expect(Array(table[0].periods) == [PeriodAmount(period: 24_293, revenue: 7.5, hasPaidOrder: true)])
        #expect(table[1].paidDayCount == 0 && table[1].periods.isEmpty && table[1].firstPaid == nil)
        // Out-of-order days are kept sorted: 05-01 first, 06-20 last.
        #expect(table[2].paidDayCount == 2 && table[2].firstPaid == d("2024-05-01") && table[2].lastPaid == d("2024-06-20"))
        #expect(Array(table[2].periods) == [PeriodAmount(period: 24_292, revenue: 5, hasPaidOrder: true),
                                            PeriodAmount(period: 24_293, revenue: 3, hasPaidOrder: true)])
        #expect(Array(table[3].periods) == [PeriodAmount(period: 24_292, revenue: -4, hasPaidOrder: false)])
        #expect(table[3].paidDayCount == 0 && table[3].lastPaid == nil && table[3].refundAmount == -4)
        // Kept as segments (customers 0, 1–2 and 3 built apart), the same table, read the same way.
        let segments = [records[0..<1], records[1..<3], records[3..<4]].map { part in
            var segment = CustomerOrderTable.Segment(customers: part.count, rows: 8)
            for r in part { segment.append(r) }
            return segment
        }
        let segmented = CustomerOrderTable(segments: segments)
        #expect(segmented == table && segmented.count == 4)
        #expect(Array(segmented[3].periods) == [PeriodAmount(period: 24_292, revenue: -4, hasPaidOrder: false)])
        #expect(segmented[2].lastPaid == d("2024-06-20"))
        #expect(CustomerOrderTable(segments: []).isEmpty)
        // Read through pointers (`withPeriodRows`), every customer's periods are the history's.
        for t in [table, segmented] {
            let read = t.withPeriodRows { rows in
                (0..<4).map { c in
                    var periods: [PeriodAmount] = []
                    rows.forEachPeriod(of: c) { periods.append($0) }
                    return periods
                }
            }
            #expect(read == [[PeriodAmount(period: 24_293, revenue: 7.5, hasPaidOrder: true)], [],
                             [PeriodAmount(period: 24_292, revenue: 5, hasPaidOrder: true),
                              PeriodAmount(period: 24_293, revenue: 3, hasPaidOrder: true)],
                             [PeriodAmount(period: 24_292, revenue: -4, hasPaidOrder: false)]])
        }
        // Tables of different histories differ.
        #expect(CustomerOrderTable(Array(records[0..<3])) != table)
    }
}
