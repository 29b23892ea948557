import Testing
@testable import Model
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

    /// The orders of `chunks`, in file order, held by block of customers (amounts coded at `scales`).
    static func held(_ chunks: [[Order]], customerLimit: Int = Int(Int32.max), scales: [Double] = []) -> OrderBlocks {
        var held = OrderBlocks(customerLimit: customerLimit, scales: scales)
        for chunk in chunks { for o in chunk { held.append(o) } }
        return held
    }

    /// `OrderChunk` writes packed orders into mapped memory with `initialize(to:)` and unmaps it
    /// without deinitialising them: that is only right while `PackedOrder` holds no reference (a
    /// trivial type), 8 bytes a stride (the size the chunk capacity of 1 MiB is worked out from:
    /// 131 072 × 8).
    @Test func packedOrdersAreTrivialEightByteValues() {
        #expect(_isPOD(PackedOrder.self))
        #expect(MemoryLayout<PackedOrder>.stride == 8)
        #expect(OrderBlocks.chunkCapacity * MemoryLayout<PackedOrder>.stride == 1 << 20)
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

    /// Amounts without a short code placed by two threads are numbered in book position order:
    /// the storage one thread encoding the grouped amounts makes. Order i (1.2 M, customers
    /// (i × 7919) mod 20,000 in blocks 0 … 4 of 4096: threads 0 and 1 both place some):
    /// amount ⌊i / 1000⌋ + 0.0005 (4 decimals: exceptional) when 1000 divides i, 19.99 × 1.08
    /// (1.08 is a scale: tag 1, 1999 cents) when i ≡ 500 (mod 1000), else i / 100; day i mod 500.
    /// i = 1000k names customer (k × 7,919,000) mod 20,000 = (−1000k) mod 20,000 (as 7,919,000 =
    /// 396 × 20,000 − 1000): customers 0, 1000, …, 19,000, each 60 of the 1200 (k = 0 … 1199).
    /// Customer 0's orders are all 60 of them (i = 20,000j), so exceptional 0 … 59 are customer
    /// 0's, 60 … 119 customer 1000's (k ≡ 19: first i = 19,000, amount 19.0005), … and 300 …
    /// 359 customer 5000's (block 1, placed by the second thread; k ≡ 15: first i = 15,000).
    @Test func exceptionalAmountsOfTwoThreadsAreNumberedInBookOrder() {
        func amount(_ i: Int) -> Double {
            i % 1000 == 0 ? Double(i / 1000) + 0.0005 : i % 1000 == 500 ? 19.99 * 1.08 : Double(i) / 100
        }
        let orders = (0..<1_200_000).map { i in
            Order(customer: (i * 7919) % 20_000, day: Day(ordinal: Int32(i % 500)), amount: amount(i))
        }
        var parallel = Self.held([orders], scales: [1.08])
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 20_000)
        var single = [orders]
        let reference = CustomerOrderBook(grouping: &single, customerCount: 20_000)
        #expect(book == reference)
        let sequential = CompactOrderAmounts((0..<reference.amounts.count).map { reference.amounts[$0] }, scales: [1.08])
        #expect(book.amounts.codes == sequential.codes)
        #expect(book.amounts.exceptional.map(\.bitPattern) == sequential.exceptional.map(\.bitPattern))
        #expect(book.amounts.exceptional.count == 1200)
        #expect(book.amounts.exceptional[0] == 0.0005 && book.amounts.exceptional[1] == 20 + 0.0005)
        #expect(book.amounts.exceptional[60] == 19 + 0.0005 && book.amounts.exceptional[300] == 15 + 0.0005)
        let first5000 = Int(book.starts[5000])
        #expect(book.amounts.codes[first5000] == 7 << 29 | 300)
        // Customer 0's first order is i = 0 (day 0), and days 0 … 499 fit offsets from base 0.
        #expect(book.days.base == 0 && book.days.wide.isEmpty && book.days.count == 1_200_000)
        // i = 500 names customer 500 × 7919 mod 20,000 = 3,959,500 mod 20,000 = 19,500: its first
        // amount 19.99 × 1.08, tag 1 with 1999 cents.
        #expect(book.amounts.codes[Int(book.starts[19_500])] == 1 << 29 | 1999)
    }

    /// Orders that do not pack (`PackedOrder`: a day outside its 20 bits, an amount without a short
    /// code) are held whole in their chunks and grouped as one thread groups the orders: 1.2 M
    /// orders (two threads), customer (i × 7919) mod 5000 (blocks 0 and 1: block 0's ~983,000 orders
    /// fill 7 chunks of 131,072 and part of an eighth, so chunk boundaries fall inside customers'
    /// orders), read as two partitions split at i = 700,000 (inside every customer's orders); day
    /// i mod 500 − 524,500 (ordinals −524,500 … −524,001: those below −524,288, i mod 500 < 212, do
    /// not pack, yet the span fits 16-bit offsets); amount i + 0.0005 (no short code) when 997
    /// divides i, 19.99 × 1.08 (tag 1) when 3 divides i, else i / 100.
    @Test func ordersHeldWholeAcrossChunksAndPartitionsGroupAsOneThreadDoes() {
        func order(_ i: Int) -> Order {
            let amount = i % 997 == 0 ? Double(i) + 0.0005 : i % 3 == 0 ? 19.99 * 1.08 : Double(i) / 100
            return Order(customer: (i * 7919) % 5000, day: Day(ordinal: Int32(i % 500 - 524_500)), amount: amount)
        }
        let orders = (0..<1_200_000).map(order)
        var first = Self.held([Array(orders[..<700_000])], scales: [1.08])
        var second = Self.held([Array(orders[700_000...])], scales: [1.08])
        first.append(moving: &second)
        let book = ParallelOrderGrouping.book(grouping: &first, customerCount: 5000)
        var single = [orders]
        let reference = CustomerOrderBook(grouping: &single, customerCount: 5000)
        #expect(book == reference)
        #expect(first.count == 0 && book.unplaced.isEmpty)
        // The storage one thread encoding the grouped amounts makes, exceptional ones numbered in
        // book order: multiples of 997 below 1.2 M, 0 … 1203 × 997 = 1,199,391: 1204 of them.
        let sequential = CompactOrderAmounts((0..<reference.amounts.count).map { reference.amounts[$0] }, scales: [1.08])
        #expect(book.amounts.codes == sequential.codes)
        #expect(book.amounts.exceptional.map(\.bitPattern) == sequential.exceptional.map(\.bitPattern))
        #expect(book.amounts.exceptional.count == 1204)
        #expect(book.days.base == -524_500 && book.days.wide.isEmpty)
        // Customer 0: i × 7919 ≡ 0 (mod 5000), i = 5000j (j = 0 … 239), in file order: days
        // 5000j mod 500 − 524,500 = −524,500 (held whole), amounts: j = 0 is i = 0 (997 | 0:
        // 0.0005), else 3 | 5000j ⇔ 3 | j: 19.99 × 1.08, else 50j.
        #expect(Array(book.days(of: 0)) == [Day](repeating: Day(ordinal: -524_500), count: 240))
        let amounts = Array(book.amounts(of: 0))
        #expect(amounts.count == 240 && amounts[0] == 0.0005 && amounts[1] == 50 && amounts[3] == 19.99 * 1.08)
    }

    /// Orders of a block beyond the book's customers come back whole, held whole or packed.
    @Test func ordersBeyondTheCustomersComeBackWhole() {
        var mixed = OrderBlocks(scales: [1.27])
        let orders = [Order(customer: 5000, day: Day(ordinal: 3_000_000), amount: 0.0005),
                      Order(customer: 4100, day: Day(ordinal: 19_000), amount: 19.99 * 1.27),
                      Order(customer: 7, day: Day(ordinal: 5), amount: 1)]
        for o in orders { mixed.append(o) }
        let book = ParallelOrderGrouping.book(grouping: &mixed, customerCount: 8)
        #expect(book.unplaced == Array(orders.prefix(2)))
        #expect(book.unplaced.map(\.amount.bitPattern) == [0.0005, 19.99 * 1.27].map(\.bitPattern))
        #expect(Array(book.days(of: 7)) == [Day(ordinal: 5)] && Array(book.amounts(of: 7)) == [1])
    }

    /// Days spanning more than 65,535 days are kept whole by the two threads as by one.
    @Test func daysBeyondSixteenBitsAreKeptWhole() {
        let orders = (0..<1_100_000).map { i in
            Order(customer: (i * 7919) % 20_000, day: Day(ordinal: Int32(i % 7 == 0 ? 70_000 : i % 500)), amount: 1)
        }
        var parallel = Self.held([orders])
        var single = [orders]
        let book = ParallelOrderGrouping.book(grouping: &parallel, customerCount: 20_000)
        #expect(book == CustomerOrderBook(grouping: &single, customerCount: 20_000))
        #expect(book.days.offsets.isEmpty && book.days.wide.count == 1_100_000)
        // Customer 0's orders: i = 0, 20,000, … (i = 0 and 140,000 are multiples of 7: day 70,000).
        #expect(book.days(of: 0)[0] == Day(ordinal: 70_000) && book.days(of: 0)[1] == Day(ordinal: 0))
    }
}
