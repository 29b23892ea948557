/// The median of whole-day gaps found without a full sort: a few gaps are put in order by rank
/// (`sortByRank`); more are counted by length (`middleByCount`), the two middle gaps of the
/// linear-method median (`HealthSignal.median(count:lower:upper:)`) read from the counts; when
/// one of them is `countedDays` days or longer, they are found by selection, which puts them at
/// their sorted positions in time linear in the gaps on average.
///
/// Integers have one ascending order, so the two middle gaps, and with them the median (the same
/// arithmetic on the same two values), are bit-identical to `HealthSignal.medianGap`'s.
enum GapSelection {
    /// Most gaps put in order by rank; longer lists are counted or selected (at 10 M orders the
    /// churn digest's order reads took about a fifth less CPU counting from 9 gaps than from 33).
    static let rankLimit = 8
    /// Gaps shorter than this many days are counted one length a bucket.
    static let countedDays = 255

    /// The linear-method median of `gaps` (at least one), which may be reordered.
    static func median(_ gaps: UnsafeMutableBufferPointer<Int32>) -> Double {
        let n = gaps.count
        if n <= rankLimit {
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { sorted in
                sortByRank(UnsafeBufferPointer(gaps), into: sorted)
                return HealthSignal.median(sortedGaps: UnsafeBufferPointer(sorted))
            }
        }
        let lower = (n - 1) / 2
        if let (a, b) = middleByCount(UnsafeBufferPointer(gaps), lower) {
            return HealthSignal.median(count: n, lower: a, upper: b)
        }
        Quickselect.select(lower, in: gaps)
        if n % 2 == 0 {
            // Everything after `lower` is ≥ it: the next in order is the least of them.
            var least = lower + 1
            for i in (lower + 2)..<n where gaps[i] < gaps[least] { least = i }
            gaps.swapAt(lower + 1, least)
        }
        return HealthSignal.median(sortedGaps: UnsafeBufferPointer(gaps))
    }

    /// The gaps at sorted positions `lower` and `lower + 1` (the last position again when there
    /// is no next), read from a count of the gaps by length: a bucket per length 0…254 days and
    /// one for the longer ones. Nil when either lands in that last bucket, when a gap is
    /// negative, or when there are too many gaps for 16-bit counts. One pass over the gaps and one over the
    /// 256 buckets, where a selection's branches on gaps in random order are mispredicted about
    /// half the time.
    static func middleByCount(_ gaps: UnsafeBufferPointer<Int32>, _ lower: Int) -> (Int32, Int32)? {
        let n = gaps.count
        guard n <= Int(UInt16.max), lower < n else { return nil }
        let upper = min(lower + 1, n - 1)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: countedDays + 1) { counts in
            counts.initialize(repeating: 0)
            // Counts stay below 2¹⁶ (n does), so they are added without overflow checks. A
            // negative gap (a large unsigned one, in the last bucket) would sort first: the
            // or-ed sign says whether there was one.
            var signs: Int32 = 0
            for gap in gaps {
                counts[Int(min(UInt32(bitPattern: gap), UInt32(countedDays)))] &+= 1
                signs |= gap
            }
            guard signs >= 0 else { return nil }
            var below = 0, found: Int32 = -1
            for length in 0..<countedDays {
                below &+= Int(counts[length])
                if found < 0 && below > lower { found = Int32(length) }
                if below > upper { return (found, Int32(length)) }
            }
            return nil
        }
    }

    /// Writes `gaps` in ascending order into `sorted` (as long as `gaps`): each gap goes to its
    /// rank, the count of gaps before it that are not greater plus those after it that are less,
    /// which gives every gap a position of its own (equal gaps keep their order). The counting
    /// has no branches: a comparison is the sign of a 64-bit difference (`a ≤ b` exactly when
    /// `a − b − 1 < 0`, which no 32-bit values overflow), so the compiler counts in vector
    /// registers, and for a few gaps the n² comparisons are quicker than a selection, whose
    /// branches on gaps in random order are mispredicted about half the time.
    static func sortByRank(_ gaps: UnsafeBufferPointer<Int32>, into sorted: UnsafeMutableBufferPointer<Int32>) {
        precondition(sorted.count >= gaps.count, "room for every gap")
        let n = gaps.count
        for i in 0..<n {
            let gap = Int64(gaps[i])
            // Each term is 0 or −1 (the sign), so the rank stays in 0..<n.
            var rank: Int64 = 0
            for j in 0..<i { rank &-= (Int64(gaps[j]) &- gap &- 1) &>> 63 }
            for j in (i &+ 1)..<n { rank &-= (Int64(gaps[j]) &- gap) &>> 63 }
            sorted[Int(truncatingIfNeeded: rank)] = gaps[i]
        }
    }
}
