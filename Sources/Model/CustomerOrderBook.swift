/// Every order, grouped by customer once (at ingest) and read by every later stage: customer c's
/// orders are `days[starts[c] ..< starts[c + 1]]` with the same range of `amounts`, in file order
/// within the customer (files in the order they were loaded). About 6 bytes an order plus 4 a
/// customer (`CompactOrderDays`: 2 a day; `CompactOrderAmounts`: 4 an amount, exactly), where
/// one `Order` each costs 16.
///
/// Iterating the book (it is a `Sequence` of `Order`) gives customer 0's orders, then customer
/// 1's, …, then the orders naming no customer of the book (`unplaced`), each group in file
/// order: not the file's order across customers. Per-customer sums read in that order add the
/// same amounts in the same order as a pass over the file.
public struct CustomerOrderBook: Sendable, Hashable, Sequence {
    /// `starts[c] ..< starts[c + 1]` are customer c's entries of `days` and `amounts`.
    /// (Usable from inlinable code: the per-customer reads below are inlined into the stages.)
    @usableFromInline private(set) var starts: [Int32] = [0]
    @usableFromInline private(set) var days = CompactOrderDays()
    @usableFromInline private(set) var amounts = CompactOrderAmounts()
    /// Orders naming a customer index outside `0 ..< customerCount`, in file order. The loader
    /// knows every customer it places, so a loaded dataset has none; they are kept for datasets
    /// made in code, whose unknown customers the metrics count (and otherwise ignore).
    public private(set) var unplaced: [Order] = []

    /// No orders.
    public init() {}

    /// `orders` (in file order) grouped by customer. `customerCount`: the customers the book
    /// has (orders naming others are `unplaced`); nil: up to the highest index named.
    public init(_ orders: [Order], customerCount: Int? = nil) {
        var chunks = [orders]
        self.init(grouping: &chunks, customerCount: customerCount ?? (orders.lazy.map(\.customer).max().map { Swift.max(0, $0 + 1) } ?? 0))
    }

    /// The orders of `chunks` (the file order is chunk 0's orders, then chunk 1's, …) grouped by
    /// customer with one counting sort: one pass counts each customer's orders, one places them,
    /// emptying each chunk once it is placed (so the orders are held about once and a half at
    /// most, not twice). `chunks` is empty afterwards.
    public init(grouping chunks: inout [[Order]], customerCount: Int) {
        precondition(customerCount >= 0 && customerCount < Int(Int32.max))
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        var total = 0, outside = 0
        for chunk in chunks {
            total += chunk.count
            starts.withUnsafeMutableBufferPointer { counts in
                for o in chunk {
                    let c = o.customer
                    if c >= 0 && c < customerCount { counts[c + 1] += 1 } else { outside += 1 }
                }
            }
        }
        precondition(total < Int(Int32.max), "more orders than a 32-bit position can address")
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        let placed = total - outside
        var next = starts
        var unplaced: [Order] = []
        unplaced.reserveCapacity(outside)
        var amounts: [Double] = []
        // Every slot below `placed` is written exactly once: the counts above reserved it.
        let days = [Day](unsafeUninitializedCapacity: placed) { dayBuffer, daysWritten in
            amounts = [Double](unsafeUninitializedCapacity: placed) { amountBuffer, amountsWritten in
                next.withUnsafeMutableBufferPointer { next in
                    for k in chunks.indices {
                        Self.place(chunks[k], customerCount: customerCount, share: (0, 0), next: next, days: dayBuffer,
                                   amounts: amountBuffer, unplaced: &unplaced, keepsUnplaced: true)
                        chunks[k] = []
                    }
                }
                amountsWritten = placed
            }
            daysWritten = placed
        }
        chunks = []
        self.init(starts: starts, days: CompactOrderDays(days), amounts: CompactOrderAmounts(amounts), unplaced: unplaced)
    }

    /// Writes each order of `chunk` whose customer c is in `0 ..< customerCount` and in `share`
    /// (the blocks of 64 customers with `(c >> 6) & share.mask == share.phase`; (0, 0): every
    /// customer) to slot `next[c]` of `days` and `amounts` (and advances it), and appends the
    /// orders whose c is outside `0 ..< customerCount` to `unplaced` when `keepsUnplaced`: one
    /// step of the grouping, for whoever places chunks (on any thread, for customers no other
    /// thread places).
    public static func place(_ chunk: [Order], customerCount: Int, share: (mask: Int, phase: Int),
                             next: UnsafeMutableBufferPointer<Int32>, days: UnsafeMutableBufferPointer<Day>,
                             amounts: UnsafeMutableBufferPointer<Double>, unplaced: inout [Order], keepsUnplaced: Bool) {
        for o in chunk {
            let c = o.customer
            guard c >= 0 && c < customerCount else {
                if keepsUnplaced { unplaced.append(o) }
                continue
            }
            guard (c >> 6) & share.mask == share.phase else { continue }
            let slot = Int(next[c])
            days.initializeElement(at: slot, to: o.day)
            amounts.initializeElement(at: slot, to: o.amount)
            next[c] += 1
        }
    }

    /// A book from its parts, laid out as `init(grouping:customerCount:)` lays them out (for a
    /// grouper that places the orders otherwise, e.g. on several threads, straight into the
    /// compact columns): customer c's orders are `days[starts[c] ..< starts[c + 1]]` and the
    /// same range of `amounts`, in file order.
    /// - Precondition: `starts` begins at 0, never decreases and ends at `days.count`, which is
    ///   `amounts.count`.
    public init(starts: [Int32], days: CompactOrderDays, amounts: CompactOrderAmounts, unplaced: [Order]) {
        precondition(starts.first == 0 && Int(starts.last ?? -1) == days.count && days.count == amounts.count
            && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }, "order book parts do not fit together")
        self.starts = starts
        self.days = days
        self.amounts = amounts
        self.unplaced = unplaced
    }

    /// Books are equal when they hold the same orders in the same places (however compactly).
    public static func == (a: Self, b: Self) -> Bool {
        guard a.starts == b.starts, a.unplaced == b.unplaced, a.days.count == b.days.count else { return false }
        for k in 0..<a.days.count where a.days[k] != b.days[k] || a.amounts[k].bitPattern != b.amounts[k].bitPattern {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(starts)
        hasher.combine(unplaced)
        for k in 0..<days.count {
            hasher.combine(days[k])
            hasher.combine(amounts[k].bitPattern)
        }
    }

    /// Customers 0 ..< customerCount have their orders grouped here.
    @inlinable public var customerCount: Int { starts.count - 1 }
    /// Every order, unplaced ones included.
    public var count: Int { days.count + unplaced.count }
    public var isEmpty: Bool { count == 0 }
    public var underestimatedCount: Int { count }

    /// Where customer c's orders are in `days` and `amounts` (empty for a customer the book has not).
    @inlinable @inline(__always)
    func positions(of customer: CustomerIndex) -> Range<Int> {
        guard customer >= 0, customer < customerCount else { return 0..<0 }
        return Int(starts[customer])..<Int(starts[customer + 1])
    }

    /// How many orders the customers of `range` have (customers the book has not count none).
    @inlinable public func count(of range: Range<CustomerIndex>) -> Int {
        let lower = Swift.min(Swift.max(range.lowerBound, 0), customerCount)
        let upper = Swift.min(Swift.max(range.upperBound, lower), customerCount)
        return Int(starts[upper] - starts[lower])
    }

    /// Customer c's order days, in file order.
    @inlinable public func days(of customer: CustomerIndex) -> DayColumn { DayColumn(days, positions(of: customer)) }

    /// Customer c's order amounts, in file order (the same positions as `days(of:)`).
    @inlinable public func amounts(of customer: CustomerIndex) -> AmountColumn {
        AmountColumn(amounts, positions(of: customer))
    }

    /// Where customer c's orders are in `columns` (empty for a customer the book has not).
    @inlinable public func orderPositions(of customer: CustomerIndex) -> Range<Int> { positions(of: customer) }

    /// Every placed order's day and amount, customer c's at `orderPositions(of: c)`: for a walk
    /// over many customers, which takes the storage once instead of once per customer (`days(of:)`
    /// and `amounts(of:)` each copy a reference to it, counted on every call).
    @inlinable public var columns: (days: DayColumn, amounts: AmountColumn) {
        (DayColumn(days, 0..<days.count), AmountColumn(amounts, 0..<amounts.count))
    }

    /// One customer's order days (`Column<CompactOrderDays>`) or amounts
    /// (`Column<CompactOrderAmounts>`), read in place at the book's positions.
    public struct Column<Storage: CompactOrderColumn>: RandomAccessCollection {
        @usableFromInline let storage: Storage
        public let startIndex: Int
        public let endIndex: Int

        @inlinable init(_ storage: Storage, _ positions: Range<Int>) {
            self.storage = storage
            startIndex = positions.lowerBound
            endIndex = positions.upperBound
        }

        @inlinable public subscript(k: Int) -> Storage.Element { storage[k] }
    }

    public typealias DayColumn = Column<CompactOrderDays>
    public typealias AmountColumn = Column<CompactOrderAmounts>

    /// Calls `body` with each order of `customer`, in file order.
    @inlinable @inline(__always)
    public func forEach(of customer: CustomerIndex, _ body: (Order) -> Void) {
        for k in positions(of: customer) { body(Order(customer: customer, day: days[k], amount: amounts[k])) }
    }

    /// `forEach(of:)` with whether each amount is whole cents as read
    /// (`CompactOrderAmounts.isWholeCents(at:)`).
    @inlinable @inline(__always)
    public func forEachNotingCents(of customer: CustomerIndex, _ body: (Order, _ wholeCents: Bool) -> Void) {
        for k in positions(of: customer) {
            body(Order(customer: customer, day: days[k], amount: amounts[k]), amounts.isWholeCents(at: k))
        }
    }

    /// The earliest and latest order day (unplaced orders included); nil without orders.
    public var dayRange: ClosedRange<Day>? {
        var first = Day(ordinal: .max), last = Day(ordinal: .min)
        for k in 0..<days.count {
            let d = days[k]
            if d < first { first = d }
            if d > last { last = d }
        }
        for o in unplaced {
            if o.day < first { first = o.day }
            if o.day > last { last = o.day }
        }
        return first <= last ? first...last : nil
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let book: CustomerOrderBook
        @usableFromInline var customer = 0
        @usableFromInline var position = 0
        @usableFromInline var unplacedPosition = 0

        @inlinable init(_ book: CustomerOrderBook) { self.book = book }

        @inlinable public mutating func next() -> Order? {
            if position < book.days.count {
                while Int(book.starts[customer + 1]) <= position { customer += 1 }
                defer { position += 1 }
                return Order(customer: customer, day: book.days[position], amount: book.amounts[position])
            }
            guard unplacedPosition < book.unplaced.count else { return nil }
            defer { unplacedPosition += 1 }
            return book.unplaced[unplacedPosition]
        }
    }

    /// Customer by customer, then the unplaced orders (see the type's description).
    @inlinable public func makeIterator() -> Iterator { Iterator(self) }
}
