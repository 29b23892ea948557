import Testing
import Model
@testable import Ingest

/// The order book grouped on two threads is the book one thread groups: same starts, same
/// days and amounts in the same places (file order within each customer), same unplaced orders.
@Suite struct ParallelOrderGroupingTests {
    /// Order i: customer (i × 7919 mod 1001) − 1 (−1, outside the book, for every multiple of
    /// 1001: 7919 is prime and does not divide 1001 = 7 × 11 × 13), day i mod 500, amount i / 100.
    static func chunks(_ sizes: [Int]) -> [[Order]] {
        var i = 0
        return sizes.map { size in
            (0..<size).map { _ in
                defer { i += 1 }
                return Order(customer: (i * 7919) % 1001 - 1, day: Day(ordinal: Int32(i % 500)), amount: Double(i) / 100)
            }
        }
    }

    @Test func twoThreadsGroupAsOneDoes() {
        // 1.2 M orders (over the 2^20 = 1,048,576 minimum) in chunks of 400 k, 500 k, 300 k: half is
        // 600 k, so the cut is after the first chunk (600 k − 400 k = 200 k is nearer than 900 k − 600 k).
        var parallel = Self.chunks([400_000, 500_000, 300_000])
        var single = parallel
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1000)
        let reference = CustomerOrderBook(grouping: &single, customerCount: 1000)
        #expect(parallel.isEmpty)
        #expect(book == reference)
        // Multiples of 1001 below 1.2 M: 0, 1001, …, 1198 × 1001 = 1,199,198: 1199 unplaced orders.
        #expect(book.unplaced.count == 1199)
        #expect(book.count == 1_200_000)
        // Customer 0 is (i × 7919) mod 1001 = 1: i ≡ 7919⁻¹ = 912⁻¹ (mod 1001), as 7919 = 7 × 1001 + 912;
        // 912 × 956 = 871,872 = 871 × 1001 + 1, so i = 956, 1957, 2958, … (amount i / 100).
        let amounts = Array(book.amounts(of: 0))
        #expect(amounts.prefix(3) == [9.56, 19.57, 29.58])
        // 956 + 1001k < 1.2 M for k = 0 … 1197 (956 + 1197 × 1001 = 1,199,153): 1198 orders, in file order.
        #expect(amounts.count == 1198)
        #expect(zip(amounts, amounts.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func fewOrdersOrOneChunkAreGroupedOnOneThread() {
        for sizes in [[10, 20, 30], [1_100_000]] {
            var parallel = Self.chunks(sizes)
            var single = parallel
            #expect(ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1000)
                == CustomerOrderBook(grouping: &single, customerCount: 1000))
            #expect(parallel.isEmpty)
        }
    }

    @Test func ordersOfNoCustomerAreKeptOnceInFileOrder() {
        // A book of 1 customer: of the 1.2 M orders only those of customer 0 (1198, as above) are
        // placed; the other 1,198,802 name −1 or 1 … 999 and are kept once each, in file order
        // (amounts i / 100 increasing) by the first thread only. Customer 0 is in block 0, the first
        // thread's; the second places nothing.
        var parallel = Self.chunks([600_000, 600_000])
        var single = parallel
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1)
        #expect(book == CustomerOrderBook(grouping: &single, customerCount: 1))
        #expect(book.amounts(of: 0).count == 1198)
        #expect(book.unplaced.count == 1_200_000 - 1198)
        #expect(zip(book.unplaced, book.unplaced.dropFirst()).allSatisfy { $0.amount < $1.amount })
        // No order placed (every one names customer 7 of a book of 1): the 1.2 M orders are kept once.
        var none = [[Order]](repeating: [Order](repeating: Order(customer: 7, day: Day(ordinal: 3), amount: 1), count: 400_000),
                             count: 3)
        let empty = ParallelOrderGrouping.book(grouping: &none, customerCount: 1)
        #expect(empty.amounts(of: 0).isEmpty)
        #expect(empty.unplaced.count == 1_200_000)
    }
}
