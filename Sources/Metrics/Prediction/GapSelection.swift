/// The median of whole-day gaps found by selection instead of a sort: the two middle gaps of the
/// linear-method median (`HealthSignal.median(sortedGaps:)`) are put at their sorted positions
/// and the rest is left in any order, in time linear in the gaps on average.
///
/// Integers have one ascending order, so the two middle gaps, and with them the median (the same
/// arithmetic on the same two values), are bit-identical to `HealthSignal.medianGap`'s.
enum GapSelection {
    /// Below this many gaps a range is put in order by insertion.
    static let insertionLimit = 16

    /// The linear-method median of `gaps` (at least one), which are reordered.
    static func median(_ gaps: UnsafeMutableBufferPointer<Int32>) -> Double {
        let n = gaps.count
        let lower = (n - 1) / 2
        select(lower, in: gaps)
        if n % 2 == 0 {
            // Everything after `lower` is ≥ it: the next in order is the least of them.
            var least = lower + 1
            for i in (lower + 2)..<n where gaps[i] < gaps[least] { least = i }
            gaps.swapAt(lower + 1, least)
        }
        return HealthSignal.median(sortedGaps: UnsafeBufferPointer(gaps))
    }

    /// Reorders `gaps` so that position `k` holds the gap a sort would put there, with no gap
    /// greater before it and none less after it (a quickselect with a median-of-three pivot; a
    /// range that does not shrink fast enough is sorted instead, so the time stays n log n at worst).
    static func select(_ k: Int, in gaps: UnsafeMutableBufferPointer<Int32>) {
        precondition(k >= 0 && k < gaps.count, "a position among the gaps")
        var low = 0, high = gaps.count - 1
        var rounds = 2 * (Int.bitWidth - gaps.count.leadingZeroBitCount) + 4
        while high - low >= insertionLimit {
            if rounds == 0 {
                var range = UnsafeMutableBufferPointer(rebasing: gaps[low...high])
                range.sort()
                return
            }
            rounds -= 1
            let mid = low + (high - low) / 2
            if gaps[mid] < gaps[low] { gaps.swapAt(mid, low) }
            if gaps[high] < gaps[low] { gaps.swapAt(high, low) }
            if gaps[high] < gaps[mid] { gaps.swapAt(high, mid) }
            let pivot = gaps[mid]
            var i = low, j = high
            while i <= j {
                while gaps[i] < pivot { i += 1 }
                while gaps[j] > pivot { j -= 1 }
                if i <= j {
                    gaps.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // low … j are ≤ pivot, i … high are ≥ pivot, and j < k < i holds only pivots.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
        for a in (low + 1)..<(high + 1) {
            let gap = gaps[a]
            var b = a
            while b > low && gaps[b - 1] > gap {
                gaps[b] = gaps[b - 1]
                b -= 1
            }
            gaps[b] = gap
        }
    }
}
