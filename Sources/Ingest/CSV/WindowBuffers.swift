import Foundation

/// The byte arrays of a file's windows (`CSVWindows.Reader`), used again once no table holds
/// them.
///
/// A window is a few MiB, above the allocator's mmap threshold (`LargeBlockPolicy`), so a new
/// array per window is a new mapping: every page of it faulted in and cleared by the kernel,
/// then cleared again by the array's initial zeros, and unmapped when the table goes. At 10 M
/// orders that was a fifth of the run's page faults. Here a window's array goes back to the
/// pool when the last copy of its table goes (`Lease`), and the next window is read into it:
/// its pages stay mapped and are only overwritten.
final class WindowBuffers: @unchecked Sendable {
    /// Arrays kept for use again; more are let go (a reader holds two or three windows).
    static let kept = 4

    private let lock = NSLock()
    private var free: [[UInt8]] = []

    /// What keeps a window's array out of the pool: held by the window's table (and so by
    /// every copy of it), it gives the array back when the last one goes.
    final class Lease: Sendable {
        let bytes: [UInt8]
        private let pool: WindowBuffers

        fileprivate init(_ bytes: [UInt8], pool: WindowBuffers) {
            self.bytes = bytes
            self.pool = pool
        }

        deinit { pool.giveBack(bytes) }
    }

    /// An array of `count` bytes: one given back, when one is large enough (its bytes are
    /// those of an earlier window), else a new one of zeros.
    func take(count: Int) -> [UInt8] {
        lock.lock()
        let index = free.firstIndex { $0.capacity >= count }
        var bytes = index.map { free.remove(at: $0) }
        lock.unlock()
        // Moved out of the optional (`take`), so the array has one reference and is cut,
        // grown and read into in place, not copied.
        guard var reused = bytes.take() else { return [UInt8](repeating: 0, count: count) }
        if reused.count > count {
            reused.removeLast(reused.count - count)
        } else if reused.count < count {
            reused.append(contentsOf: repeatElement(0, count: count - reused.count))
        }
        return reused
    }

    /// Arrays waiting to be used again (for tests).
    var keptCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return free.count
    }

    /// `bytes` (read into from offset 0) and the lease its table keeps.
    func lease(_ bytes: [UInt8]) -> Lease { Lease(bytes, pool: self) }

    fileprivate func giveBack(_ bytes: [UInt8]) {
        lock.lock()
        if free.count < Self.kept { free.append(bytes) }
        lock.unlock()
    }
}
