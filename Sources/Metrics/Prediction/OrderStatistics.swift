/// The values a quantile reads from a sorted sample, found without sorting it: quickselect
/// (Hoare 1961, "Algorithm 65: FIND") puts the k-th smallest value at position k, every smaller
/// value before it and every larger after it, in linear expected time, where a sort takes
/// n log n. The value found is the value `sorted()[k]` holds: the order of equal values is all
/// a sort decides beyond that, and equal values other than ±0 have the same bits, so samples
/// with a −0 or a NaN are sorted instead.
struct OrderStatistics {
    private var values: [Double]
    /// The last position asked for: it holds its sorted value, and every position after it a
    /// value not smaller (−1 before the first).
    private var last = -1
    private let sorted: Bool

    /// `values` in any order (consumed: they are reordered in place).
    init(_ values: [Double]) {
        self.values = values
        sorted = values.contains { $0.isNaN || ($0 == 0 && $0.sign == .minus) }
        if sorted { self.values.sort() }
    }

    var count: Int { values.count }

    /// The sorted sample's value at `position`. Positions must be asked in ascending order.
    mutating func value(at position: Int) -> Double {
        precondition(position >= last && position < count, "positions asked in ascending order")
        if sorted || position == last { return values[position] }
        let start = last + 1
        values.withUnsafeMutableBufferPointer { v in Self.select(position, in: v, from: start) }
        last = position
        return values[position]
    }

    /// The p-quantile as `SampleQuantile.quantile(sorted:_:method:)` computes it from the sorted sample.
    mutating func quantile(_ p: Double, method: QuantileMethod = .linear) -> Double? {
        SampleQuantile.quantile(count: count, p, method: method) { value(at: $0) }
    }

    /// Rearranges `v[start...]` so that `v[k]` holds the value sorted order puts there, with no
    /// larger value before it and no smaller after it (k ≥ start; `v[..<start]` is not touched).
    /// Median-of-three pivots; a range still long after 64 rounds is sorted instead.
    private static func select(_ k: Int, in v: UnsafeMutableBufferPointer<Double>, from start: Int) {
        var low = start, high = v.count - 1, rounds = 0
        while high > low {
            rounds += 1
            if rounds > 64 {
                var rest = UnsafeMutableBufferPointer(rebasing: v[low...high])
                rest.sort()
                return
            }
            let middle = low + (high - low) / 2
            if v[middle] < v[low] { v.swapAt(middle, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[middle] { v.swapAt(high, middle) }
            let pivot = v[middle]
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now v[low...j] ≤ pivot ≤ v[i...high], and v[j+1..<i] equal the pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
