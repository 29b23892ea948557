/// Quickselect (Hoare 1961, "Algorithm 65: FIND"): puts the value sorted order puts at position
/// k there, with no larger value before it and no smaller after it, in linear expected time where
/// a sort takes n log n. Values that compare equal end in some order among themselves; callers
/// whose equal values can differ in bits (−0 and 0, NaN) sort instead.
enum Quickselect {
    /// Rearranges `v[start...]` so that `v[k]` holds the value sorted order puts there, with no
    /// larger value before it and no smaller after it (k ≥ start; `v[..<start]` is not touched).
    /// Median-of-three pivots; a range still long after 64 rounds is sorted instead.
    static func select<Value: Comparable>(_ k: Int, in v: UnsafeMutableBufferPointer<Value>, from start: Int = 0) {
        precondition(k >= start && k < v.count, "a position in the range")
        // Positions stay inside `v` (a buffer in memory), so they move without overflow checks.
        var low = start, high = v.count &- 1, rounds = 0
        while high > low {
            rounds &+= 1
            if rounds > 64 {
                var rest = UnsafeMutableBufferPointer(rebasing: v[low...high])
                rest.sort()
                return
            }
            let middle = low &+ (high &- low) / 2
            if v[middle] < v[low] { v.swapAt(middle, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[middle] { v.swapAt(high, middle) }
            let pivot = v[middle]
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i &+= 1 }
                while pivot < v[j] { j &-= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i &+= 1
                    j &-= 1
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
