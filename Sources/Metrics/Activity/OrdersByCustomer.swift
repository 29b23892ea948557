import Model

/// The positions of each customer's orders in `Dataset.orders`, grouped by customer and in file
/// order within a customer (a stable counting sort: one pass counts, one places).
///
/// Folding orders customer by customer keeps each customer's state in cache while it grows,
/// where file order (usually by date) jumps between customers on every row; the per-customer
/// sums still add in file order, so results are bit-identical. 4 bytes per order plus 4 per
/// customer; orders naming no known customer are not placed (`unplaced` counts them).
struct OrdersByCustomer: Sendable {
    /// `starts[c] ..< starts[c + 1]` are customer c's entries in `positions`.
    let starts: [Int32]
    let positions: [Int32]
    let unplaced: Int

    init(_ orders: [Order], customerCount: Int) {
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        for o in orders where o.customer >= 0 && o.customer < customerCount { starts[o.customer + 1] += 1 }
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        var next = starts
        var positions = [Int32](repeating: 0, count: Int(starts[customerCount]))
        for (i, o) in orders.enumerated() where o.customer >= 0 && o.customer < customerCount {
            positions[Int(next[o.customer])] = Int32(truncatingIfNeeded: i)
            next[o.customer] += 1
        }
        self.starts = starts
        self.positions = positions
        unplaced = orders.count - positions.count
    }

    /// How many orders the customers of `range` have.
    func count(of range: Range<CustomerIndex>) -> Int {
        Int(starts[range.upperBound] - starts[range.lowerBound])
    }

    /// The orders of `customer`, in file order, copied into `buffer` (emptied first). Each copy
    /// reads an order from wherever it lies in the file (usually a cache miss); the reads do not
    /// depend on each other, so the processor has many of them in flight at once, where folding
    /// each order as it is read would wait for one miss after the other.
    @inline(__always)
    func gather(of customer: CustomerIndex, in orders: [Order], into buffer: inout [Order]) {
        buffer.removeAll(keepingCapacity: true)
        guard customer >= 0, customer + 1 < starts.count else { return }
        for k in Int(starts[customer])..<Int(starts[customer + 1]) { buffer.append(orders[Int(positions[k])]) }
    }

    /// Calls `body` with each order of `customer`, in file order.
    @inline(__always)
    func forEach(of customer: CustomerIndex, in orders: [Order], _ body: (Order) -> Void) {
        guard customer >= 0, customer + 1 < starts.count else { return }
        for k in Int(starts[customer])..<Int(starts[customer + 1]) { body(orders[Int(positions[k])]) }
    }
}
