/// Positions ordered by a Double key, largest first, ties kept in the order given: a stable
/// least-significant-digit radix sort (eight passes of one byte, a pass skipped when every key
/// has the same byte there) on the keys' bits, mapped so that unsigned order is descending
/// numeric order. Linear in the count, where a comparison sort of the same positions is
/// n log n comparisons through a closure.
///
/// For keys without a NaN or a −0 this is the order a stable sort by `a > b` gives (equal keys
/// have equal bits then), so a caller that falls back to that sort for such keys (nil here)
/// orders exactly as before.
enum DescendingOrder {
    /// `order` (positions into `keys`) re-sorted by `keys[position]`, largest first, equal keys
    /// in the order they have in `order`; nil when a key is NaN or −0.
    static func sorted(_ order: [Int32], by keys: [Double]) -> [Int32]? {
        var bits = [UInt64](repeating: 0, count: order.count)
        for (i, position) in order.enumerated() {
            let key = keys[Int(position)]
            guard !key.isNaN, !(key == 0 && key.sign == .minus) else { return nil }
            // Ascending unsigned order of `ascending` is ascending numeric order; its complement descends.
            let raw = key.bitPattern
            let ascending = raw & (1 << 63) != 0 ? ~raw : raw | (1 << 63)
            bits[i] = ~ascending
        }
        var positions = order
        var nextBits = bits, nextPositions = positions
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: 0, to: 64, by: 8) {
            for b in 0..<256 { counts[b] = 0 }
            for key in bits { counts[Int((key >> UInt64(shift)) & 0xFF)] += 1 }
            if counts.contains(bits.count) { continue }
            var start = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = start
                start += c
            }
            for i in bits.indices {
                let b = Int((bits[i] >> UInt64(shift)) & 0xFF)
                nextBits[counts[b]] = bits[i]
                nextPositions[counts[b]] = positions[i]
                counts[b] += 1
            }
            swap(&bits, &nextBits)
            swap(&positions, &nextPositions)
        }
        return positions
    }
}
