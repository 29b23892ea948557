import Testing
@testable import Model

@Suite struct OrderTests {
    @Test func anOrderTakesSixteenBytesAndKeepsItsValues() {
        // Double (8) + Int32 customer (4) + Int32 day (4), no padding.
        #expect(MemoryLayout<Order>.size == 16)
        #expect(MemoryLayout<Order>.stride == 16)
        var order = Order(customer: 499_999, day: Day(year: 2024, month: 2, day: 29)!, amount: -12.5)
        #expect(order.customer == 499_999)
        #expect(order.day == Day(year: 2024, month: 2, day: 29)!)
        #expect(order.amount == -12.5)
        order.customer = 7
        #expect(order.customer == 7)
        #expect(order == Order(customer: 7, day: Day(year: 2024, month: 2, day: 29)!, amount: -12.5))
    }
}
