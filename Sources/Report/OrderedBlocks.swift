import Dispatch
import Foundation
import Synchronization

/// A large text made as numbered blocks on several threads and handed to a sink in block order,
/// so the bytes are those of making the blocks one after the other on one thread, whatever the
/// thread count or scheduling.
///
/// Block `b` is made by thread `b % threads`: the calling thread makes blocks 0, `threads`,
/// 2·`threads`, … and hands every block to the sink itself (the sink need not be thread-safe);
/// each helper thread (a thread of its own, not a shared pool that may be busy) makes its blocks
/// into two buffers in turn, so it is at most two blocks ahead of the writing. Memory is about
/// 2·`threads` blocks whatever the block count.
enum OrderedBlocks {
    /// Hands the blocks `0..<count` that `make` appends (to an empty buffer) to `sink` in order.
    /// The first failure of `sink` stops the work (helpers finish the block they are on) and is
    /// thrown once every helper has stopped.
    static func write<Failure: Error>(count: Int, threads: Int,
                                      make: @escaping @Sendable (_ block: Int, _ into: inout [UInt8]) -> Void,
                                      to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        let threads = max(1, min(threads, count))
        let helpers = (1..<threads).map { first in Helper(first: first, step: threads, count: count, make: make) }
        defer {
            for helper in helpers { helper.stop() }
        }
        var own: [UInt8] = []
        for block in 0..<count {
            let owner = block % threads
            if owner == 0 {
                own.removeAll(keepingCapacity: true)
                make(block, &own)
                try sink(own)
            } else {
                try helpers[owner - 1].next(sink)
            }
        }
    }

    /// One helper thread: makes blocks `first`, `first + step`, … into two buffers in turn.
    private final class Helper: @unchecked Sendable {
        /// A buffer passes between the threads only through the semaphores: it is the helper's
        /// from `free.wait()` to `filled.signal()`, then the writer's until `free.signal()`.
        private final class Buffer: @unchecked Sendable {
            var bytes: [UInt8] = []
        }

        private let buffers = [Buffer(), Buffer()]
        // Both start at 0 (a semaphore must not end below its initial value); `free` is
        // signalled twice at the start, once per buffer.
        private let free = DispatchSemaphore(value: 0)
        private let filled = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)
        private let stopped = Atomic<Bool>(false)
        /// Blocks handed to the writer so far (the writer's only).
        private var handed = 0

        init(first: Int, step: Int, count: Int, make: @escaping @Sendable (Int, inout [UInt8]) -> Void) {
            free.signal()
            free.signal()
            let thread = Thread { [self] in
                var made = 0
                for block in stride(from: first, to: count, by: step) {
                    free.wait()
                    if stopped.load(ordering: .acquiring) { break }
                    let buffer = buffers[made % 2]
                    buffer.bytes.removeAll(keepingCapacity: true)
                    make(block, &buffer.bytes)
                    made += 1
                    filled.signal()
                }
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }

        /// Waits for the helper's next block and hands it to `sink`.
        func next<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
            filled.wait()
            let buffer = buffers[handed % 2]
            handed += 1
            defer { free.signal() }
            try sink(buffer.bytes)
        }

        /// Stops the helper after the block it is on and waits for its thread to end.
        func stop() {
            stopped.store(true, ordering: .releasing)
            free.signal()
            free.signal()
            done.wait()
        }
    }
}
