import Testing
import Model
@testable import Metrics

/// `CustomerOrderCopy`: one customer's orders out of the book (file order), their distinct
/// paid days and the run of orders of a span of days, with buffers reused between customers.
struct CustomerOrderCopyTests {
    static func day(_ d: Int) -> Day { Day(iso: "2024-01-01")!.adding(days: d) }

    /// Customer 0: six orders out of day order (a refund, a zero amount, two on day 8);
    /// customer 1: two in day order; customer 2: none.
    static let book: CustomerOrderBook = {
        let orders = [
            Order(customer: 0, day: day(8), amount: 10), Order(customer: 0, day: day(0), amount: 5),
            Order(customer: 0, day: day(4), amount: 7), Order(customer: 0, day: day(8), amount: 1),
            Order(customer: 0, day: day(2), amount: -3), Order(customer: 0, day: day(6), amount: 0),
            Order(customer: 1, day: day(1), amount: 2), Order(customer: 1, day: day(3), amount: 4),
        ]
        let customers = ["a", "b", "c"].map { Customer(id: $0, signup: day(0)) }
        return HealthEvidence(Dataset(customers: customers, orders: orders)).orders
    }()

    @Test func ordersOutOfDayOrderAreReadInFileOrderAndVisitedWhole() {
        var copy = CustomerOrderCopy()
        copy.read(0, from: Self.book)
        #expect(copy.count == 6)
        #expect(Array(copy.days.prefix(6)) == [8, 0, 4, 8, 2, 6].map(Self.day))
        #expect(Array(copy.amounts.prefix(6)) == [10, 5, 7, 1, -3, 0])
        // Paid (amount > 0) days, each once, ascending: not day 2 (refund) nor day 6 (zero).
        #expect(copy.paidCount == 3)
        #expect(Array(copy.paidDays.prefix(3)) == [0, 4, 8].map(Self.day))
        #expect(!copy.inDayOrder)
        #expect(copy.run(from: Self.day(3), through: Self.day(5)) == 0..<6)
        #expect(copy.paidDaysCount(through: Self.day(3)) == 1)
        #expect(copy.paidDaysCount(through: Self.day(4)) == 2)
        #expect(copy.paidDaysCount(through: Self.day(20)) == 3)
    }

    @Test func ordersInDayOrderGiveTheRunOfTheSpanAndNothingOfTheLastCustomerLeaks() {
        var copy = CustomerOrderCopy()
        copy.read(0, from: Self.book)
        copy.read(1, from: Self.book)
        #expect(copy.count == 2)
        #expect(Array(copy.days.prefix(2)) == [1, 3].map(Self.day))
        #expect(Array(copy.amounts.prefix(2)) == [2, 4])
        #expect(copy.paidCount == 2)
        #expect(Array(copy.paidDays.prefix(2)) == [1, 3].map(Self.day))
        #expect(copy.inDayOrder)
        #expect(copy.run(from: Self.day(2), through: Self.day(3)) == 1..<2)
        #expect(copy.run(from: Self.day(1), through: Self.day(3)) == 0..<2)
        #expect(copy.run(from: Self.day(4), through: Self.day(9)) == 2..<2)
        #expect(copy.run(from: Self.day(0), through: Self.day(0)) == 0..<0)
        #expect(copy.paidDaysCount(through: Self.day(0)) == 0)

        copy.read(2, from: Self.book)
        #expect(copy.count == 0)
        #expect(copy.paidCount == 0)
        #expect(copy.inDayOrder)
        #expect(copy.run(from: Self.day(0), through: Self.day(9)).isEmpty)
        #expect(copy.paidDaysCount(through: Self.day(9)) == 0)
    }
}
