import BackgroundWork

/// Contiguous ranges of `0..<count` of nearly equal *work* rather than equal length, for walks
/// whose cost per index varies (customers with many orders next to customers with few): one
/// range per core, each on its own thread, results in range order. As with `FixedPartition`,
/// callers join the results in range order, so the outcome does not depend on where the cuts are.
enum BalancedPartition {
    /// `0..<count` cut into `parts` contiguous ranges (fewer when `count` is small: one below
    /// `FixedPartition.minimumParallelCount`), range p ending at the first index k whose
    /// `weightBefore(k)` reaches p + 1 parts of `weightBefore(count)`. `weightBefore(k)` is the
    /// work of indices `0..<k`: non-decreasing, 0 at 0. Ranges may be empty; together they
    /// cover `0..<count` in order.
    static func ranges(_ count: Int, parts: Int, weightBefore: (Int) -> Int) -> [Range<Int>] {
        let n = count < FixedPartition.minimumParallelCount ? 1 : max(1, parts)
        guard n > 1 else { return [0..<count] }
        let total = weightBefore(count)
        var ranges: [Range<Int>] = []
        var start = 0
        for p in 1..<n {
            // The first k with weightBefore(k) ≥ total × p ÷ n.
            let cut = EqualWorkCut.firstIndex(from: start, to: count, reaching: total * p / n, weightBefore: weightBefore)
            ranges.append(start..<cut)
            start = cut
        }
        ranges.append(start..<count)
        return ranges
    }

    /// `body` applied to each of `ranges` on its own thread (on the calling thread when there is
    /// one range), results in range order.
    static func map<T>(_ ranges: [Range<Int>], _ body: (Range<Int>) -> T) -> [T] {
        FixedPartition.map(ranges: ranges, body)
    }
}
