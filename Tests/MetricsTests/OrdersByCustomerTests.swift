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
}
