import Testing
import Model

/// The order book: every order grouped by customer once, file order kept within a customer,
/// orders naming no customer of the book kept apart.
@Suite struct CustomerOrderBookTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func order(_ customer: CustomerIndex, _ iso: String, _ amount: Double) -> Order {
        Order(customer: customer, day: day(iso), amount: amount)
    }

    // File positions: 0 → customer 2, 1 → 0, 2 → 2, 3 → 5 (not in the book), 4 → 0, 5 → −1 (not in the book).
    static let orders = [
        order(2, "2024-03-05", 19.99),
        order(0, "2024-01-31", -5.25),
        order(2, "2024-02-29", 0.1),
        order(5, "2023-11-30", 1),
        order(0, "2023-12-31", 1_234_567.875),
        order(-1, "2024-04-01", 2),
    ]

    @Test func chunksAreGroupedByCustomerInFileOrderWithUnknownCustomersApart() {
        // Three chunks of two orders: the file order is chunk 0's, then 1's, then 2's.
        var chunks = [Array(Self.orders[0..<2]), Array(Self.orders[2..<4]), Array(Self.orders[4..<6])]
        let book = CustomerOrderBook(grouping: &chunks, customerCount: 3)
        #expect(chunks.isEmpty)
        #expect(book.customerCount == 3)
        #expect(book.count == 6)
        // Customer 0: positions 1 then 4 (file order, not day order); 1: none; 2: positions 0 then 2.
        #expect(Array(book.amounts(of: 0)) == [-5.25, 1_234_567.875])
        #expect(Array(book.days(of: 0)) == [Self.day("2024-01-31"), Self.day("2023-12-31")])
        #expect(book.amounts(of: 1).isEmpty)
        #expect(Array(book.amounts(of: 2)) == [19.99, 0.1])
        #expect(Array(book.days(of: 2)) == [Self.day("2024-03-05"), Self.day("2024-02-29")])
        // Positions 3 (customer 5) and 5 (customer −1) name no customer of 0 ..< 3.
        #expect(book.unplaced == [Self.orders[3], Self.orders[5]])
        #expect(book.count(of: 0..<3) == 4)
        #expect(book.count(of: 1..<3) == 2)
        #expect(book.count(of: 2..<10) == 2)
        #expect(book.count(of: 3..<10) == 0)
        var seen: [Order] = []
        book.forEach(of: 2) { seen.append($0) }
        #expect(seen == [Self.orders[0], Self.orders[2]])
        book.forEach(of: 3) { seen.append($0) }
        book.forEach(of: -1) { seen.append($0) }
        #expect(seen.count == 2)
        // Iterated: customer 0's, customer 2's, then the unplaced ones, each in file order.
        #expect(Array(book) == [Self.orders[1], Self.orders[4], Self.orders[0], Self.orders[2], Self.orders[3], Self.orders[5]])
        // Earliest 2023-11-30 (an unplaced order), latest 2024-04-01 (the other).
        #expect(book.dayRange == Self.day("2023-11-30")...Self.day("2024-04-01"))
    }

    @Test func wholeColumnsHoldEachCustomerAtItsPositions() {
        // Grouped: customer 0's orders (file positions 1, 4) at 0..<2, customer 1 none at 2..<2,
        // customer 2's (0, 2) at 2..<4; customer 5 is not in the book, nor is −1.
        let book = CustomerOrderBook(Self.orders, customerCount: 3)
        let (days, amounts) = book.columns
        #expect(days.count == 4 && amounts.count == 4)
        #expect((0..<3).map { book.orderPositions(of: $0) } == [0..<2, 2..<2, 2..<4])
        #expect(book.orderPositions(of: 5).isEmpty && book.orderPositions(of: -1).isEmpty)
        #expect(book.orderPositions(of: 0).map { amounts[$0] } == [-5.25, 1_234_567.875])
        #expect(book.orderPositions(of: 2).map { days[$0] } == [Self.day("2024-03-05"), Self.day("2024-02-29")])
        for c in 0..<3 {
            #expect(book.orderPositions(of: c).map { days[$0] } == Array(book.days(of: c)))
            #expect(book.orderPositions(of: c).map { amounts[$0] } == Array(book.amounts(of: c)))
        }
    }

    @Test func oneTwoAndSixChunksMakeTheSameBook() {
        var one = [Self.orders]
        var two = [Array(Self.orders[0..<3]), Array(Self.orders[3...])]
        var six = Self.orders.map { [$0] }
        let a = CustomerOrderBook(grouping: &one, customerCount: 3)
        let b = CustomerOrderBook(grouping: &two, customerCount: 3)
        let c = CustomerOrderBook(grouping: &six, customerCount: 3)
        #expect(a == b)
        #expect(a == c)
        // Empty chunks change nothing either.
        var padded = [[], Self.orders, []] as [[Order]]
        #expect(CustomerOrderBook(grouping: &padded, customerCount: 3) == a)
    }

    @Test func withoutACustomerCountTheBookReachesTheHighestCustomerNamed() {
        // Highest index 5: customers 0 ..< 6; only the order of customer −1 is unplaced.
        let book = CustomerOrderBook(Self.orders)
        #expect(book.customerCount == 6)
        #expect(book.unplaced == [Self.orders[5]])
        #expect(Array(book.amounts(of: 5)) == [1])
        #expect(book.count(of: 0..<6) == 5)
        #expect(Dataset(orders: Self.orders).orders == book)
    }

    @Test func emptyBooks() {
        for book in [CustomerOrderBook(), CustomerOrderBook([])] {
            #expect(book.isEmpty && book.count == 0 && book.customerCount == 0)
            #expect(book.dayRange == nil)
            #expect(Array(book) == [])
            #expect(book.count(of: 0..<10) == 0)
        }
        var none: [[Order]] = [[], []]
        let customersOnly = CustomerOrderBook(grouping: &none, customerCount: 4)
        #expect(customersOnly.isEmpty && customersOnly.customerCount == 4)
        #expect(customersOnly.days(of: 3).isEmpty)
        #expect(Dataset().orders.isEmpty && Dataset().eventDays == nil)
    }
}
