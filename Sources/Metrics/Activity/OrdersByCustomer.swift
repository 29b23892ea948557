import Model

/// The positions of each customer's orders in `Dataset.orders`, grouped by customer and in file
/// order within a customer (a stable counting sort: one pass counts, one places).
///
/// Folding orders customer by customer keeps each customer's state in cache while it grows,
/// where file order (usually by date) jumps between customers on every row; the per-customer
/// sums still add in file order, so results are bit-identical. 4 bytes per order plus 4 per
/// customer; orders naming no known customer are not placed (`unplaced` counts them).
///
/// Both passes run on `parts` threads: the file is cut into contiguous ranges, each range counts
/// its orders per customer, and places them after the orders the earlier ranges have for the
/// same customer, so the positions are the same for any number of parts.
struct OrdersByCustomer: Sendable {
    /// `starts[c] ..< starts[c + 1]` are customer c's entries in `positions`.
    let starts: [Int32]
    let positions: [Int32]
    let unplaced: Int

    init(_ orders: [Order], customerCount: Int, parts: Int = FixedPartition.parts) {
        let counted = FixedPartition.map(orders.count, parts: parts) { range in
            var counts = [Int32](repeating: 0, count: customerCount)
            for i in range where orders[i].customer >= 0 && orders[i].customer < customerCount {
                counts[orders[i].customer] += 1
            }
            return (range: range, counts: counts)
        }
        // Customer c's entries: those of range 0 in file order, then range 1's, and so on;
        // `firsts[p][c]` is where range p's first order of customer c goes.
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        var firsts = counted.map(\.counts)
        var total: Int32 = 0
        for c in 0..<customerCount {
            starts[c] = total
            for p in counted.indices {
                firsts[p][c] = total
                total += counted[p].counts[c]
            }
        }
        starts[customerCount] = total
        var positions = [Int32](repeating: 0, count: Int(total))
        positions.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            // The same ranges as the counting pass (same count and parts); each writes only the
            // slots its own orders were counted for.
            _ = FixedPartition.map(orders.count, parts: parts) { range in
                let p = counted.firstIndex { $0.range == range }!
                var next = firsts[p]
                // Through a buffer pointer: no uniqueness check of `next` per order.
                next.withUnsafeMutableBufferPointer { next in
                    for i in range where orders[i].customer >= 0 && orders[i].customer < customerCount {
                        out[Int(next[orders[i].customer])] = Int32(truncatingIfNeeded: i)
                        next[orders[i].customer] += 1
                    }
                }
            }
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
