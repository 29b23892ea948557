import Model

/// One customer's orders as the order ledger keeps them, read in place from a
/// `CustomerOrderTable`.
public struct CustomerOrderHistory: Sendable, Hashable {
    /// Periods with any order (positive or refund), ascending by period index.
    public let periods: PeriodAmounts
    /// Number of positive orders and their total (refunds excluded).
    public let paidOrderCount: Int
    public let paidAmount: Double
    /// Total of refunds / negative amounts (≤ 0).
    public let refundAmount: Double
    /// Number of distinct days with at least one positive order.
    public let paidDayCount: Int
    /// First and last of those days (nil when there is none).
    public let firstPaid: Day?
    public let lastPaid: Day?
}

/// A customer's net revenue in one period, and whether any of its orders was paid (positive).
public struct PeriodAmount: Sendable, Hashable {
    /// `Period.index` in the configured calendar.
    public var period: Int
    /// Net revenue: every order amount in the period, refunds (negative amounts) included.
    public var revenue: Double
    /// At least one order of the period had a positive amount.
    public var hasPaidOrder: Bool

    public init(period: Int, revenue: Double, hasPaidOrder: Bool) {
        self.period = period
        self.revenue = revenue
        self.hasPaidOrder = hasPaidOrder
    }
}

/// One customer's period rows, read in place from the table's two parallel arrays (12 bytes a
/// row: the revenue, and the period index and paid flag packed in one `Int32`).
public struct PeriodAmounts: RandomAccessCollection, Sendable, Hashable {
    let revenues: ArraySlice<Double>
    let keys: ArraySlice<Int32>

    public var startIndex: Int { keys.startIndex }
    public var endIndex: Int { keys.endIndex }

    public subscript(position: Int) -> PeriodAmount {
        let key = keys[position]
        return PeriodAmount(period: Int(key >> 1), revenue: revenues[position], hasPaidOrder: key & 1 == 1)
    }

    /// Period index `period` and the paid flag in one `Int32` (the index times two, plus one when paid).
    /// (A period index comes from a day, an Int32 ordinal: doubled, it cannot overflow an Int;
    /// the conversion to Int32 is still checked.)
    static func key(period: Int, paid: Bool) -> Int32 { Int32(period &* 2 &+ (paid ? 1 : 0)) }

    public static func == (a: PeriodAmounts, b: PeriodAmounts) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for p in self { hasher.combine(p) }
    }
}

/// Every customer's `CustomerOrders` in flat arrays, indexed by `CustomerIndex`: what the
/// metrics read after the ledger is built. Per customer 36 bytes of totals and offset, plus
/// 12 per period with orders; the paid days themselves are not kept (the ledger turns them into
/// active spans as it folds each customer, and the metrics read only their count, first and last).
///
/// The table is a sequence of segments, each a contiguous range of customers built on its own
/// thread and kept as built: joining them into one set of arrays would hold every row twice at
/// the peak. A read finds the customer's segment first (at most one per core).
public struct CustomerOrderTable: RandomAccessCollection, Sendable, Hashable {
    private var segments: [Segment] = []
    /// `segments[s]` holds customers `segmentStarts[s] ..< segmentStarts[s + 1]`.
    private var segmentStarts: [Int] = [0]

    /// A contiguous range of customers: customer k of the segment has period rows
    /// `periodStarts[k] ..< periodStarts[k + 1]` of `revenues` and `keys`.
    struct Segment: Sendable {
        var periodStarts: [Int32] = [0]
        var revenues: [Double] = []
        var keys: [Int32] = []
        var totals: [Totals] = []

        /// Room for `customers` customers and `rows` period rows (an upper bound such as their
        /// order count: capacity never written is address space only).
        init(customers: Int, rows: Int) {
            periodStarts.reserveCapacity(customers + 1)
            totals.reserveCapacity(customers)
            revenues.reserveCapacity(rows)
            keys.reserveCapacity(rows)
        }

        /// Adds the next customer's orders.
        mutating func append(_ orders: CustomerOrders) {
            for p in orders.periods {
                revenues.append(p.revenue)
                keys.append(PeriodAmounts.key(period: p.period, paid: p.paidOrders > 0))
            }
            periodStarts.append(Int32(keys.count))
            totals.append(Totals(paidAmount: orders.paidAmount, refundAmount: orders.refundAmount,
                                 paidOrderCount: Int32(orders.paidOrderCount), paidDayCount: Int32(orders.paidDays.count),
                                 firstPaid: orders.paidDays.first ?? Day(ordinal: 0),
                                 lastPaid: orders.paidDays.last ?? Day(ordinal: 0)))
        }

        func history(_ k: Int) -> CustomerOrderHistory {
            let t = totals[k]
            let rows = Int(periodStarts[k])..<Int(periodStarts[k + 1])
            return CustomerOrderHistory(periods: PeriodAmounts(revenues: revenues[rows], keys: keys[rows]),
                                        paidOrderCount: Int(t.paidOrderCount), paidAmount: t.paidAmount,
                                        refundAmount: t.refundAmount, paidDayCount: Int(t.paidDayCount),
                                        firstPaid: t.paidDayCount > 0 ? t.firstPaid : nil,
                                        lastPaid: t.paidDayCount > 0 ? t.lastPaid : nil)
        }
    }

    struct Totals: Sendable {
        var paidAmount: Double
        var refundAmount: Double
        var paidOrderCount: Int32
        var paidDayCount: Int32
        var firstPaid: Day
        var lastPaid: Day
    }

    public init() {}

    /// The table of `orders` (`orders[c]` is customer c's), in one segment.
    public init(_ orders: [CustomerOrders]) {
        var segment = Segment(customers: orders.count, rows: orders.reduce(0) { $0 + $1.periods.count })
        for o in orders { segment.append(o) }
        self.init(segments: [segment])
    }

    /// The customers of `segments`, one after the other (kept as they are, not copied).
    init(segments: [Segment]) {
        for s in segments where !s.totals.isEmpty {
            self.segments.append(s)
            segmentStarts.append(segmentStarts[segmentStarts.count - 1] + s.totals.count)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { segmentStarts[segmentStarts.count - 1] }

    public subscript(customer: Int) -> CustomerOrderHistory {
        precondition(customer >= 0 && customer < endIndex, "customer index out of range")
        var s = 0
        while customer >= segmentStarts[s + 1] { s += 1 }
        return segments[s].history(customer - segmentStarts[s])
    }

    /// Calls `body` with the period rows of every customer seen through pointers, valid only
    /// inside `body`. A walk over many customers reads their periods this way: a history value
    /// (`self[customer]`) holds slices of its segment's arrays, and a segment read per customer
    /// is a copy of it; both retain and release the arrays, which the cores walking customers
    /// at once contended for.
    public func withPeriodRows<R>(_ body: (PeriodRows) -> R) -> R {
        func nest(_ s: Int, _ parts: inout [PeriodRows.Part]) -> R {
            guard s < segments.count else { return body(PeriodRows(parts: parts, starts: segmentStarts)) }
            return segments[s].periodStarts.withUnsafeBufferPointer { periodStarts in
                segments[s].keys.withUnsafeBufferPointer { keys in
                    segments[s].revenues.withUnsafeBufferPointer { revenues in
                        parts.append(PeriodRows.Part(periodStarts: periodStarts, keys: keys, revenues: revenues))
                        return nest(s + 1, &parts)
                    }
                }
            }
        }
        var parts: [PeriodRows.Part] = []
        return nest(0, &parts)
    }

    /// Every customer's period rows (`withPeriodRows`), read without reference counting.
    public struct PeriodRows {
        struct Part {
            let periodStarts: UnsafeBufferPointer<Int32>
            let keys: UnsafeBufferPointer<Int32>
            let revenues: UnsafeBufferPointer<Double>
        }

        let parts: [Part]
        /// `parts[s]` holds customers `starts[s] ..< starts[s + 1]` (the table's segment starts).
        let starts: [Int]

        /// Calls `body` with each of customer `customer`'s periods, in order (as
        /// `table[customer].periods` gives them).
        @inline(__always)
        public func forEachPeriod(of customer: Int, _ body: (PeriodAmount) -> Void) {
            let (part, rows) = self.rows(of: customer)
            var row = rows.lowerBound
            let end = rows.upperBound
            while row < end {
                let key = part.keys[row]
                body(PeriodAmount(period: Int(key >> 1), revenue: part.revenues[row], hasPaidOrder: key & 1 == 1))
                row &+= 1
            }
        }

        /// The sum of customer `customer`'s revenue in periods `first` and later, added in
        /// period order. The periods rise, so those from `first` on are the last rows, found
        /// from the end.
        public func revenue(of customer: Int, fromPeriod first: Int) -> Double {
            let (part, rows) = self.rows(of: customer)
            let begin = rows.lowerBound, end = rows.upperBound
            var row = end
            while row > begin, Int(part.keys[row - 1] >> 1) >= first { row -= 1 }
            var total = 0.0
            while row < end {
                total += part.revenues[row]
                row &+= 1
            }
            return total
        }

        /// The part holding customer `customer` and the positions of its rows there.
        @inline(__always)
        private func rows(of customer: Int) -> (part: Part, rows: Range<Int>) {
            precondition(customer >= 0 && customer < starts[starts.count - 1], "customer index out of range")
            var s = 0
            while customer >= starts[s + 1] { s += 1 }
            let part = parts[s], k = customer - starts[s]
            return (part, Int(part.periodStarts[k]) ..< Int(part.periodStarts[k + 1]))
        }
    }

    /// The same customers' histories, however the segments are cut.
    public static func == (a: CustomerOrderTable, b: CustomerOrderTable) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for h in self { hasher.combine(h) }
    }
}
