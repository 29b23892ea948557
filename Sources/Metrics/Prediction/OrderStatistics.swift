/// The values a quantile reads from a sorted sample, found without sorting it (`Quickselect`
/// puts the k-th smallest value at position k in linear expected time, where a sort takes
/// n log n). The value found is the value `sorted()[k]` holds: the order of equal values is all
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
        values.withUnsafeMutableBufferPointer { v in Quickselect.select(position, in: v, from: start) }
        last = position
        return values[position]
    }

    /// The p-quantile as `SampleQuantile.quantile(sorted:_:method:)` computes it from the sorted sample.
    mutating func quantile(_ p: Double, method: QuantileMethod = .linear) -> Double? {
        SampleQuantile.quantile(count: count, p, method: method) { value(at: $0) }
    }
}
