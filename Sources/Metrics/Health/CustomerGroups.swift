import Model

/// Values grouped by customer in one flat array: customer c's values are
/// `values[starts[c] ..< starts[c + 1]]`. One array and one 4-byte offset per customer instead
/// of one heap array per customer (a header and a rounded allocation each).
struct CustomerGroups<Element> {
    let starts: [Int32]
    let values: [Element]

    /// Groups `source` by a stable counting sort (one pass counts, one places), so each customer's
    /// values keep the source's order. `place` gives an item's customer and value, or nil to leave
    /// it out (it must answer the same both times); customers outside `0..<customerCount` are left out.
    init<Source: Collection>(customerCount: Int, _ source: Source, _ place: (Source.Element) -> (CustomerIndex, Element)?) {
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        for item in source {
            if let (c, _) = place(item), c >= 0, c < customerCount { starts[c + 1] += 1 }
        }
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        var next = starts
        let total = Int(starts[customerCount])
        values = [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
            for item in source {
                guard let (c, value) = place(item), c >= 0, c < customerCount else { continue }
                (buffer.baseAddress! + Int(next[c])).initialize(to: value)
                next[c] += 1
            }
            initialized = total
        }
        self.starts = starts
    }

    /// Built customer by customer, in index order: `fill(c, &values)` appends customer c's values
    /// (and may reorder or drop what it appended itself). `capacity` is reserved up front.
    init(customerCount: Int, capacity: Int, _ fill: (CustomerIndex, inout [Element]) -> Void) {
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        var values: [Element] = []
        values.reserveCapacity(capacity)
        for c in 0..<customerCount {
            fill(c, &values)
            starts[c + 1] = Int32(values.count)
        }
        self.starts = starts
        self.values = values
    }

    /// Customer `customer`'s values (indices are positions in `values`, not from 0).
    subscript(customer: CustomerIndex) -> ArraySlice<Element> {
        values[Int(starts[customer]) ..< Int(starts[customer + 1])]
    }
}

extension CustomerGroups: Sendable where Element: Sendable {}
