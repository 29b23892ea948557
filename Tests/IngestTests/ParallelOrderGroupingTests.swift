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

    /// The orders of `chunks`, in file order, held by block of customers.
    static func held(_ chunks: [[Order]], customerLimit: Int = Int(Int32.max)) -> OrderBlocks {
        var held = OrderBlocks(customerLimit: customerLimit)
        for chunk in chunks { for o in chunk { held.append(o) } }
        return held
    }

    /// `MappedOrders` writes orders into mapped memory with `initialize(to:)` and unmaps it without
    /// deinitialising them: that is only right while `Order` holds no reference (a trivial type),
    /// 16 bytes a stride (the size the chunk capacity of 1 MiB is worked out from: 65 536 × 16).
    @Test func ordersAreTrivialSixteenByteValues() {
        #expect(_isPOD(Order.self))
        #expect(MemoryLayout<Order>.stride == 16)
        #expect(OrderBlocks.chunkCapacity * MemoryLayout<Order>.stride == 1 << 20)
    }

    @Test func twoThreadsGroupAsOneDoes() {
        // 1.2 M orders (over the 2^20 = 1,048,576 minimum); customers 0 … 999 are all in block 0
        // (4096 customers a block) and −1 is outside: one thread places everything, the book must
        // still be the one-thread book. (The next test spreads customers over many blocks.)
        var single = Self.chunks([400_000, 500_000, 300_000])
        var parallel = Self.held(single)
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1000)
        let reference = CustomerOrderBook(grouping: &single, customerCount: 1000)
        #expect(parallel.count == 0)
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
            var single = Self.chunks(sizes)
            var parallel = Self.held(single)
            #expect(ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1000)
                == CustomerOrderBook(grouping: &single, customerCount: 1000))
            #expect(parallel.count == 0)
        }
    }

    @Test func manyBlocksOnTwoThreadsGroupAsOneThreadDoes() {
        // Order i: customer (i × 7919) mod 20,000 (blocks 0 … 4 of 4096 customers: the threads take
        // blocks 0, 2, 4 and 1, 3; more than one 65,536-order chunk per block), day i mod 500,
        // amount i / 100. 1.2 M orders over two holders (as two partitions, moved one behind the other).
        func orders(_ range: Range<Int>) -> [Order] {
            range.map { i in Order(customer: (i * 7919) % 20_000, day: Day(ordinal: Int32(i % 500)), amount: Double(i) / 100) }
        }
        var first = Self.held([orders(0..<700_000)])
        var second = Self.held([orders(700_000..<1_200_000)])
        first.append(moving: &second)
        #expect(second.count == 0 && first.count == 1_200_000)
        var single = [orders(0..<1_200_000)]
        let book = ParallelOrderGrouping.book(grouping: &first, customerCount: 20_000)
        #expect(book == CustomerOrderBook(grouping: &single, customerCount: 20_000))
        // Customer 0: i × 7919 ≡ 0 (mod 20,000), 7919 being prime to 20,000: i = 0, 20,000, …,
        // 1,180,000 (60 orders, amounts 0, 200, …, 11,800 in file order).
        #expect(Array(book.amounts(of: 0)) == (0..<60).map { Double($0 * 200) })
        #expect(book.unplaced.isEmpty)
    }

    @Test func ordersOfNoCustomerAreKeptOnceInFileOrder() {
        // A book of 1 customer: of the 1.2 M orders only those of customer 0 (1198, as above) are
        // placed; the other 1,198,802 name −1 or 1 … 999 and are kept once each, in file order
        // (amounts i / 100 increasing) by the first thread only. Customer 0 is in block 0, the first
        // thread's; the second places nothing.
        // The holder blocks customer 0 only: the others are kept outside, in file order.
        var single = Self.chunks([600_000, 600_000])
        var parallel = Self.held(single, customerLimit: 1)
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 1)
        #expect(book == CustomerOrderBook(grouping: &single, customerCount: 1))
        #expect(book.amounts(of: 0).count == 1198)
        #expect(book.unplaced.count == 1_200_000 - 1198)
        #expect(zip(book.unplaced, book.unplaced.dropFirst()).allSatisfy { $0.amount < $1.amount })
        // No order placed (every one names customer 7 of a book of 1, held in block 0): the 1.2 M
        // orders are kept once.
        var none = Self.held([[Order]](repeating: [Order](repeating: Order(customer: 7, day: Day(ordinal: 3), amount: 1),
                                                          count: 400_000), count: 3))
        let empty = ParallelOrderGrouping.book(grouping: &none, customerCount: 1)
        #expect(empty.amounts(of: 0).isEmpty)
        #expect(empty.unplaced.count == 1_200_000)
        // Blocked orders beyond the book's customers come after the outside ones, block by block:
        // customer 5000 (block 1) read before customer 7 (block 0) and −1 (outside) comes last.
        var mixed = OrderBlocks()
        for (k, c) in [5000, 7, -1, 5000, 7].enumerated() { mixed.append(Order(customer: c, day: Day(ordinal: 0), amount: Double(k))) }
        let beyond = ParallelOrderGrouping.book(grouping: &mixed, customerCount: 1)
        #expect(beyond.unplaced.map(\.amount) == [2, 1, 4, 0, 3])
    }
}
