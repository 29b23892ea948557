/// Positions ordered by a Double key, largest first, ties kept in the order given: a stable
/// least-significant-digit radix sort (eight passes of one byte, a pass skipped when every key
/// has the same byte there) on the keys' bits, mapped so that unsigned order is descending
/// numeric order. Linear in the count, where a comparison sort of the same positions is
/// n log n comparisons through a closure.
///
/// For keys without a NaN or a −0 this is the order a stable sort by `a > b` gives (equal keys
/// have equal bits then), so a caller that falls back to that sort for such keys (nil here)
/// orders exactly as before.
///
/// The eight byte counts are taken in one read of the keys, and each pass moves the bits and
/// positions between buffers allocated once, through unsafe pointers.
enum DescendingOrder {
    /// `order` (positions into `keys`) re-sorted by `keys[position]`, largest first, equal keys
    /// in the order they have in `order`; nil when a key is NaN or −0.
    static func sorted(_ order: [Int32], by keys: [Double]) -> [Int32]? {
        keys.withUnsafeBufferPointer { keys in sorted(order) { keys[$0] } }
    }

    /// `sorted(_:by:)` with the key of position p given as `key(p)` (no array of keys).
    static func sorted(_ order: [Int32], by key: (Int) -> Double) -> [Int32]? {
        order.withUnsafeBufferPointer { order in
            sorted(count: order.count, position: { order[$0] }, key: { key(Int($0)) })
        }
    }

    /// The positions `0..<keys.count` sorted by key, largest first, ties in position order
    /// (`sorted(_:by:)` of the positions in order, without an array of them); nil when a key is
    /// NaN or −0.
    static func order(by keys: [Double]) -> [Int32]? {
        keys.withUnsafeBufferPointer { keys in order(count: keys.count) { keys[$0] } }
    }

    /// `order(by:)` of the `count` keys `key(0)`, `key(1)`, … (no array of keys).
    static func order(count: Int, by key: (Int) -> Double) -> [Int32]? {
        sorted(count: count, position: { Int32($0) }, key: { key(Int($0)) })
    }

    /// The `count` positions `position(i)` sorted by `key(position)`.
    private static func sorted(count n: Int, position: (Int) -> Int32, key: (Int32) -> Double) -> [Int32]? {
        var bits = [UInt64](repeating: 0, count: n), positions = [Int32](repeating: 0, count: n)
        // counts[256 × byte + value]: how many keys have `value` in byte `byte` of their bits.
        var counts = [Int](repeating: 0, count: 8 * 256)
        let valid = bits.withUnsafeMutableBufferPointer { bits in
            positions.withUnsafeMutableBufferPointer { positions in
                counts.withUnsafeMutableBufferPointer { counts in
                    for i in 0..<n {
                        let p = position(i), key = key(p)
                        guard !key.isNaN, !(key == 0 && key.sign == .minus) else { return false }
                        // Ascending unsigned order of `ascending` is ascending numeric order; its complement descends.
                        let raw = key.bitPattern
                        let ascending = raw & (1 << 63) != 0 ? ~raw : raw | (1 << 63)
                        let b = ~ascending
                        bits[i] = b
                        positions[i] = p
                        for byte in 0..<8 { counts[256 * byte + Int((b >> UInt64(8 * byte)) & 0xFF)] += 1 }
                    }
                    return true
                }
            }
        }
        guard valid else { return nil }
        var nextBits = bits, nextPositions = positions
        var sortedInNext = false
        bits.withUnsafeMutableBufferPointer { bits in
            positions.withUnsafeMutableBufferPointer { positions in
                nextBits.withUnsafeMutableBufferPointer { nextBits in
                    nextPositions.withUnsafeMutableBufferPointer { nextPositions in
                        counts.withUnsafeMutableBufferPointer { counts in
                            var fromBits = bits, fromPositions = positions, toBits = nextBits, toPositions = nextPositions
                            for byte in 0..<8 {
                                let count = UnsafeMutableBufferPointer(rebasing: counts[256 * byte ..< 256 * (byte + 1)])
                                // Every key has the same byte here: the pass would not move anything.
                                if count.contains(n) { continue }
                                var start = 0
                                for b in 0..<256 {
                                    let c = count[b]
                                    count[b] = start
                                    start += c
                                }
                                let shift = UInt64(8 * byte)
                                for i in 0..<n {
                                    let key = fromBits[i]
                                    let b = Int((key >> shift) & 0xFF)
                                    let slot = count[b]
                                    toBits[slot] = key
                                    toPositions[slot] = fromPositions[i]
                                    count[b] = slot + 1
                                }
                                swap(&fromBits, &toBits)
                                swap(&fromPositions, &toPositions)
                                sortedInNext.toggle()
                            }
                        }
                    }
                }
            }
        }
        return sortedInNext ? nextPositions : positions
    }

    /// Puts `elements` in `order` in place: element i becomes the former element `order[i]`
    /// (`order.map { elements[$0] }` without a second array). Each cycle of the permutation is
    /// followed once, a copy of `order` marking the positions done.
    static func arrange<Element>(_ elements: inout [Element], in order: [Int32]) {
        var from = order
        arrange(&elements, consuming: &from)
    }

    /// `arrange(_:in:)` marking the positions done in `order` itself (left all −1), for a caller
    /// that has no further use for it: no copy of the order is made.
    static func arrange<Element>(_ elements: inout [Element], consuming from: inout [Int32]) {
        precondition(from.count == elements.count, "one position per element")
        for start in from.indices where from[start] >= 0 {
            let first = elements[start]
            var i = start
            while true {
                let source = Int(from[i])
                from[i] = -1
                if source == start {
                    elements[i] = first
                    break
                }
                elements[i] = elements[source]
                i = source
            }
        }
    }
}
