import Foundation

/// The end of a byte range a thread streams records from (`RecordStream.forEachRecord`), which
/// another thread may move closer to take over the rest of the range: the reader claims each
/// chunk before reading it, and the end only ever moves to a point after everything claimed
/// (a record boundary the taker found), so no byte is read by both.
final class ReadingEnd: @unchecked Sendable {
    private let lock = NSLock()
    private var end: Int
    private var claimed: Int
    private var closed = false

    /// A range from `start` to `end`, nothing claimed yet.
    init(start: Int, end: Int) {
        self.end = end
        claimed = start
    }

    /// Claims the bytes to read next from `offset`: at most `chunk`, not past the end. Returns
    /// how many (0 at the end) and the end as it is now.
    func claim(from offset: Int, chunk: Int) -> (count: Int, end: Int) {
        lock.lock()
        defer { lock.unlock() }
        let count = max(0, min(chunk, end - offset))
        claimed = offset + count
        return (count, end)
    }

    /// The reader is done with the range, or reads on past its end (a record runs over it):
    /// the end is not moved any more.
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }

    /// What is claimed and the end, while the range is open.
    var rest: (claimed: Int, end: Int)? {
        lock.lock()
        defer { lock.unlock() }
        return closed ? nil : (claimed, end)
    }

    /// Moves the end to `point` if the range is open, its end is still `end`, and `point` is
    /// after everything claimed and before the end; true when it moved.
    func cut(at point: Int, expectingEnd end: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closed, self.end == end, point > claimed, point < end else { return false }
        self.end = point
        return true
    }
}
