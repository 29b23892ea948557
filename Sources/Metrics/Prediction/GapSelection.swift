/// The median of whole-day gaps found by selection instead of a sort: the two middle gaps of the
/// linear-method median (`HealthSignal.median(sortedGaps:)`) are put at their sorted positions
/// and the rest is left in any order, in time linear in the gaps on average.
///
/// Integers have one ascending order, so the two middle gaps, and with them the median (the same
/// arithmetic on the same two values), are bit-identical to `HealthSignal.medianGap`'s.
enum GapSelection {
    /// The linear-method median of `gaps` (at least one), which are reordered.
    static func median(_ gaps: UnsafeMutableBufferPointer<Int32>) -> Double {
        let n = gaps.count
        let lower = (n - 1) / 2
        Quickselect.select(lower, in: gaps)
        if n % 2 == 0 {
            // Everything after `lower` is ≥ it: the next in order is the least of them.
            var least = lower + 1
            for i in (lower + 2)..<n where gaps[i] < gaps[least] { least = i }
            gaps.swapAt(lower + 1, least)
        }
        return HealthSignal.median(sortedGaps: UnsafeBufferPointer(gaps))
    }
}
