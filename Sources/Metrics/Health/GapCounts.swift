import Model

/// The gaps between a customer's rising paid days, added a run at a time (`addGaps`), their
/// linear-method median (`HealthSignal.median(count:lower:upper:)`, what `HealthSignal.medianGap`
/// gives) read at any point: each gap shorter than `countedDays` is counted in the bucket of its
/// length and in the block of 16 lengths that holds it; the longer ones are kept in order apart.
/// A middle gap is found by a scan over the blocks, then over the lengths of its block.
///
/// The health walk adds the new gaps at each date; the churn order reader counts a customer's
/// gaps afresh at each of its days. Both read the median where a sorted list (or a selection)
/// put each gap in its place with a branch the processor mispredicted about half the time; here
/// adding a gap is two increments and a reading two short scans of predictable steps. The median
/// is the same, bit for bit: integers have one ascending order, and the same two middle gaps go
/// into the same arithmetic.
struct GapCounts {
    /// Gaps of 0…`countedDays − 1` days are counted; longer ones are kept in `long`.
    static let countedDays = 256
    /// Lengths per block (a power of two).
    private static let blockShift = 4

    /// `counts[d]`: the gaps of d days (d < `countedDays`).
    private var counts = [UInt32](repeating: 0, count: GapCounts.countedDays)
    /// `blocks[b]`: the gaps of `b·16 … b·16 + 15` days.
    private var blocks = [UInt32](repeating: 0, count: GapCounts.countedDays >> GapCounts.blockShift)
    /// The gaps of `countedDays` days or more, ascending.
    private var long: [Int32] = []
    /// The gaps added since the last `removeAll`.
    private(set) var count = 0
    /// The gaps counted (the others are in `long`).
    private var counted = 0

    /// The longest counted gap since the last `removeAll` (−1: none): the counts beyond it are 0.
    private var longestCounted = -1

    /// Forgets every gap (the storage is kept; only the counts up to the longest gap are cleared).
    mutating func removeAll() {
        guard count > 0 else { return }
        if longestCounted >= 0 {
            let last = longestCounted
            counts.withUnsafeMutableBufferPointer { UnsafeMutableBufferPointer(rebasing: $0[...last]).update(repeating: 0) }
            blocks.withUnsafeMutableBufferPointer {
                UnsafeMutableBufferPointer(rebasing: $0[...(last >> Self.blockShift)]).update(repeating: 0)
            }
        }
        long.removeAll(keepingCapacity: true)
        count = 0
        counted = 0
        longestCounted = -1
    }

    /// Adds the gaps between consecutive days of `days` that end at positions `range` (each
    /// position ≥ 1): `days[i] − days[i − 1]` for i in `range`. The days must rise there.
    mutating func addGaps(_ days: UnsafeBufferPointer<Day>, endingAt range: Range<Int>) {
        precondition(range.lowerBound >= 1 && range.upperBound <= days.count, "gaps between days of the buffer")
        var longest = longestCounted, added = 0
        counts.withUnsafeMutableBufferPointer { counts in
            blocks.withUnsafeMutableBufferPointer { blocks in
                // Positions are inside `days` and gaps are differences of its Int32 ordinals;
                // a count stays below the number of gaps: all unchecked.
                for i in range {
                    let gap = days[i].ordinal &- days[i &- 1].ordinal
                    precondition(gap >= 0, "gaps between rising days")
                    if gap < Self.countedDays {
                        let d = Int(gap)
                        counts[d] &+= 1
                        blocks[d &>> Self.blockShift] &+= 1
                        longest = max(longest, d)
                        added &+= 1
                    } else {
                        // Long gaps are rare (a customer who buys less than about once in eight months).
                        long.insert(gap, at: long.firstIndex { $0 > gap } ?? long.endIndex)
                    }
                }
            }
        }
        longestCounted = longest
        counted &+= added
        count &+= range.count
    }

    /// The gap at sorted position `k` (< `count`).
    private func gap(at k: Int) -> Int32 {
        guard k < counted else { return long[k &- counted] }
        return blocks.withUnsafeBufferPointer { blocks in
            counts.withUnsafeBufferPointer { counts in
                // Positions and counts stay below `count`: unchecked.
                var below = 0, b = 0
                while below &+ Int(blocks[b]) <= k {
                    below &+= Int(blocks[b])
                    b &+= 1
                }
                var d = b << Self.blockShift
                while below &+ Int(counts[d]) <= k {
                    below &+= Int(counts[d])
                    d &+= 1
                }
                return Int32(d)
            }
        }
    }

    /// The linear-method median of the gaps added (at least one).
    func median() -> Double {
        precondition(count > 0, "at least one gap")
        let lower = (count &- 1) / 2
        let a = gap(at: lower)
        return HealthSignal.median(count: count, lower: a, upper: count % 2 == 0 ? gap(at: lower &+ 1) : a)
    }
}
