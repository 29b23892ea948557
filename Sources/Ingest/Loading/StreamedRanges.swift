import Foundation

/// The byte ranges of a file read by several threads (`OrderStream.runInParallel`): first one
/// per thread, then the rests taken over by a thread done with its own (`takeOver`). Ranges
/// are contiguous and never overlap, so their results in the order of their starts are the
/// results of the file in order.
final class StreamedRanges: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [Int] = []
    private var ends: [ReadingEnd] = []

    /// The ranges between consecutive `bounds` (ascending).
    init(bounds: [Int]) {
        for k in 0..<(bounds.count - 1) {
            starts.append(bounds[k])
            ends.append(ReadingEnd(start: bounds[k], end: bounds[k + 1]))
        }
    }

    /// Range `id`'s start and its end.
    func range(_ id: Int) -> (start: Int, end: ReadingEnd) {
        lock.lock()
        defer { lock.unlock() }
        return (starts[id], ends[id])
    }

    /// Cuts the open range with the longest unclaimed rest, if at least `minimumRest` bytes, at
    /// the record boundary `split` finds near the middle of that rest, and returns the id of
    /// the new range from the cut to the old end; nil when no rest is that long, or no
    /// boundary is found inside it. A cut that loses the race with its reader (which claimed
    /// past the boundary meanwhile) is tried again on the rest as it is then.
    func takeOver(minimumRest: Int, split: (Int) -> Int?) -> Int? {
        while true {
            lock.lock()
            var best: (victim: ReadingEnd, claimed: Int, end: Int)?
            for e in ends {
                guard let rest = e.rest, rest.end - rest.claimed >= minimumRest else { continue }
                if best.map({ rest.end - rest.claimed > $0.end - $0.claimed }) ?? true { best = (e, rest.claimed, rest.end) }
            }
            lock.unlock()
            guard let (victim, claimed, end) = best else { return nil }
            guard let point = split(claimed + (end - claimed) / 2), point > claimed, point < end else { return nil }
            guard victim.cut(at: point, expectingEnd: end) else { continue }
            lock.lock()
            defer { lock.unlock() }
            starts.append(point)
            ends.append(ReadingEnd(start: point, end: end))
            return starts.count - 1
        }
    }

    /// Each range's result, kept by its start.
    final class Results<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var byStart: [(start: Int, value: Value)] = []

        init() {}

        func store(start: Int, _ value: Value) {
            lock.lock()
            byStart.append((start, value))
            lock.unlock()
        }

        /// The results in the order of their ranges in the file.
        func inFileOrder() -> [Value] {
            lock.lock()
            defer { lock.unlock() }
            return byStart.sorted { $0.start < $1.start }.map(\.value)
        }
    }
}
