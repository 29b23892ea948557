import Testing
import Model
@testable import Metrics

/// The counting sort behind the customer-by-customer folds: grouped by customer, file order kept
/// within a customer, unknown customers left out and counted.
@Suite struct OrdersByCustomerTests {
    static func order(_ customer: CustomerIndex, _ amount: Double) -> Order {
        Order(customer: customer, day: Day(ordinal: 0), amount: amount)
    }

    @Test func groupsByCustomerKeepingFileOrder() {
        // File positions:      0         1         2         3          4         5
        let orders = [Self.order(2, 1), Self.order(0, 2), Self.order(2, 3), Self.order(7, 4), Self.order(0, 5),
                      Self.order(-1, 6)]
        let grouped = OrdersByCustomer(orders, customerCount: 3)
        // Customer 0: positions 1, 4; customer 1: none; customer 2: positions 0, 2.
        #expect(grouped.starts == [0, 2, 2, 4])
        #expect(grouped.positions == [1, 4, 0, 2])
        #expect(grouped.unplaced == 2)
        var amounts: [[Double]] = [[], [], []]
        for c in 0..<3 { grouped.forEach(of: c, in: orders) { amounts[c].append($0.amount) } }
        #expect(amounts == [[2, 5], [], [1, 3]])
        var outside = 0
        grouped.forEach(of: 3, in: orders) { _ in outside += 1 }
        #expect(outside == 0)
    }

    @Test func onePartTwoPartsAndThreePartsPlaceEveryOrderTheSame() {
        // 20 000 orders (more than `FixedPartition.minimumParallelCount`, so the parts really
        // split) over 1 000 customers, a few naming none.
        var random = SeededGenerator(seed: 5)
        let orders = (0..<20_000).map { _ in Self.order(Int.random(in: -5..<1_005, using: &random), 1) }
        let one = OrdersByCustomer(orders, customerCount: 1_000, parts: 1)
        for parts in [2, 3] {
            let split = OrdersByCustomer(orders, customerCount: 1_000, parts: parts)
            #expect(split.starts == one.starts && split.positions == one.positions && split.unplaced == one.unplaced)
        }
        // Against the definition: customer c's entries are the positions of c's orders, ascending.
        for c in [0, 1, 500, 999] {
            #expect(one.positions[Int(one.starts[c])..<Int(one.starts[c + 1])].map(Int.init)
                == orders.indices.filter { orders[$0].customer == c })
        }
        #expect(one.unplaced == orders.filter { $0.customer < 0 || $0.customer >= 1_000 }.count)
        #expect(one.unplaced > 0)
    }
}
