/// Where to cut a range of items whose work varies from item to item (customers with many
/// orders next to customers with few) so that each thread gets an equal share of the work.
public enum EqualWorkCut {
    /// The first `k` in `start...end` with `weightBefore(k) >= target` (`end` when there is
    /// none), found by binary search. `weightBefore(k)` is the work of the items before `k`:
    /// non-decreasing in `k`.
    public static func firstIndex(from start: Int, to end: Int, reaching target: Int,
                                  weightBefore: (Int) -> Int) -> Int {
        var low = start, high = end
        while low < high {
            let mid = (low + high) / 2
            if weightBefore(mid) < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
