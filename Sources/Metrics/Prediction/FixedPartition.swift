import Dispatch
import Foundation

/// Work spread over the machine's cores in a way that cannot change a result: `0..<count` is
/// cut into contiguous ranges of (nearly) equal size, one per core, each range is processed on
/// its own thread, and the results come back in range order. Callers either concatenate the
/// results or write each index's value into its own slot and combine the slots in index order
/// afterwards, so the outcome is the same for any number of ranges, one included.
enum FixedPartition {
    /// Ranges used for large inputs: one per active core, at most 8.
    static let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    /// Below this many items the work runs on the calling thread (a thread hop costs more).
    static let minimumParallelCount = 2_048
    /// Ranges a core for walks over customers whose cost per customer varies (early customers'
    /// long histories next to late ones' short): `map(ranges:)` hands them to the cores as each
    /// is free, so no core waits for the longer of two halves (the health timeline, the churn
    /// scoring).
    static let rangesPerCoreForUnevenWork = 4

    /// `body` applied to each range of `0..<count`, results in range order. `parts` ranges
    /// (tests pass 1 and 2 to check a result does not depend on it).
    static func map<T>(_ count: Int, parts: Int = FixedPartition.parts, _ body: (Range<Int>) -> T) -> [T] {
        let n = count < minimumParallelCount ? 1 : max(1, parts)
        return map(ranges: (0..<n).map { p in count * p / n ..< count * (p + 1) / n }, body)
    }

    /// `body` applied to each of `ranges` on its own thread (on the calling thread when there
    /// is one range), results in range order.
    static func map<T>(ranges: [Range<Int>], _ body: (Range<Int>) -> T) -> [T] {
        guard ranges.count > 1 else { return ranges.map(body) }
        var results = [T?](repeating: nil, count: ranges.count)
        results.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let slots = slots, body = body
                DispatchQueue.concurrentPerform(iterations: ranges.count) { p in slots[p] = body(ranges[p]) }
            }
        }
        return results.map { $0! }
    }

    /// `body(i)` for each i in `0..<count` as its own task, for a few large independent jobs (the
    /// λ fits of the churn model), spread over the cores when `parallel`, results in index order.
    /// Each result depends on its index only, so the outcome is the same with one thread or many.
    static func tasks<T>(_ count: Int, parallel: Bool = parts > 1, _ body: (Int) -> T) -> [T] {
        guard parallel, count > 1 else { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let slots = slots, body = body
                DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
            }
        }
        return results.map { $0! }
    }

    /// Calls `body` on each range of `0..<count` (concurrently for large counts). `body` must
    /// write only to the indices of its own range.
    static func forEach(_ count: Int, parts: Int = FixedPartition.parts, _ body: (Range<Int>) -> Void) {
        _ = map(count, parts: parts, body)
    }

    /// Sums of `width` quantities over `0..<count`, independent of the number of cores: the
    /// indices are cut into fixed chunks of `chunk`, `body` sums one chunk into the `width`
    /// slots it is given (each starting at 0), the chunks are shared out among the cores in
    /// contiguous groups (`chunkGroups`), and the chunk sums are added in chunk order.
    static func chunkedSums(_ count: Int, chunk: Int, width: Int, parts: Int = FixedPartition.parts,
                            _ body: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        let chunks = (count + chunk - 1) / chunk
        var sums = [Double](repeating: 0, count: chunks * width)
        sums.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            _ = map(ranges: chunkGroups(count, chunk: chunk, parts: parts)) { range in
                for c in range {
                    body(c * chunk ..< min((c + 1) * chunk, count),
                         UnsafeMutableBufferPointer(rebasing: out[c * width ..< (c + 1) * width]))
                }
            }
        }
        var total = [Double](repeating: 0, count: width)
        for c in 0..<chunks { for j in 0..<width { total[j] += sums[c * width + j] } }
        return total
    }

    /// The chunks of `chunkedSums` (numbered from 0) in contiguous groups, one per part: `parts`
    /// groups of (nearly) equal size from `minimumParallelCount` items up (at most one a chunk),
    /// else one. The items decide, not the chunks: a fit's likelihood over 100,000 customers is
    /// 25 chunks, each long enough to be worth a thread.
    static func chunkGroups(_ count: Int, chunk: Int, parts: Int) -> [Range<Int>] {
        let chunks = (count + chunk - 1) / chunk
        let n = count < minimumParallelCount ? 1 : max(1, min(parts, chunks))
        return (0..<n).map { g in chunks * g / n ..< chunks * (g + 1) / n }
    }
}
