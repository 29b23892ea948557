import Foundation
import Model

/// `CustomerOrderBook(grouping:customerCount:)` on two threads, with the same book as a result.
/// Counting: the chunks (in file order) are cut into two runs of about as many orders, each
/// thread counting its run's orders per customer. Placing: thread h places the orders of the
/// customers of every other block of 64 (`(c >> 6) & 1 == h`), reading every chunk in file
/// order (the first thread also keeps the orders of no customer of the book, in file order), so
/// every customer's orders are in file order as one thread places them. The threads place a
/// chunk together (about as many orders each) and both drop it before either starts the next,
/// so the chunk is freed as on one thread and the book's pages fill in file order while the
/// chunks are freed (two runs placed from both ends of the file filled most of the book's
/// pages while every chunk was still held: 35 MiB more at 10 M orders). Fewer than
/// `minimumOrders` orders are grouped on one thread.
enum ParallelOrderGrouping {
    static let minimumOrders = 1 << 20

    /// The orders of `chunks` grouped by customer (`chunks` is empty afterwards).
    static func book(grouping chunks: inout [[Order]], customerCount: Int) -> CustomerOrderBook {
        let total = chunks.reduce(0) { $0 + $1.count }
        // The cut: the chunk boundary nearest half the orders.
        var cut = 0, before = 0
        while cut < chunks.count && before + chunks[cut].count <= total / 2 { before += chunks[cut].count; cut += 1 }
        if cut < chunks.count && total / 2 - before > before + chunks[cut].count - total / 2 { cut += 1 }
        guard total >= minimumOrders, cut > 0, cut < chunks.count, customerCount > 0 else {
            return CustomerOrderBook(grouping: &chunks, customerCount: customerCount)
        }
        precondition(customerCount < Int(Int32.max) && total < Int(Int32.max), "more orders than a 32-bit position can address")
        // Each thread's own list of the chunks (the same arrays), emptied as it places them.
        let threads = [Placer(chunks.map { $0 }, counting: 0..<cut, customerCount: customerCount, phase: 0),
                       Placer(chunks.map { $0 }, counting: cut..<chunks.count, customerCount: customerCount, phase: 1)]
        chunks = []
        WorkerThreads.run(2) { h in threads[h].count() }
        // starts[c]: the orders of customers before c.
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        for c in 0..<customerCount { starts[c + 1] = starts[c] + threads[0].counts[c] + threads[1].counts[c] }
        threads[0].counts = []
        threads[1].counts = []
        let placed = Int(starts[customerCount])
        var next = Array(starts.dropLast())
        var amounts: [Double] = []
        // Every slot below `placed` is written exactly once: the counts above reserved it.
        let days = [Day](unsafeUninitializedCapacity: placed) { dayBuffer, daysWritten in
            amounts = [Double](unsafeUninitializedCapacity: placed) { amountBuffer, amountsWritten in
                next.withUnsafeMutableBufferPointer { next in
                    let target = Target(next: next, days: dayBuffer, amounts: amountBuffer, together: ChunkBarrier())
                    WorkerThreads.run(2) { h in threads[h].place(into: target) }
                }
                amountsWritten = placed
            }
            daysWritten = placed
        }
        return CustomerOrderBook(starts: starts, days: days, amounts: amounts, unplaced: threads[0].unplaced)
    }

    /// Where the threads write (each the slots and next slots of its own customers).
    private struct Target: @unchecked Sendable {
        let next: UnsafeMutableBufferPointer<Int32>
        let days: UnsafeMutableBufferPointer<Day>
        let amounts: UnsafeMutableBufferPointer<Double>
        /// Where both threads meet after each chunk.
        let together: ChunkBarrier
    }

    /// Both threads wait in `pass()` until both have called it (once a chunk each).
    private final class ChunkBarrier: @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0
        private var passes = 0

        func pass() {
            condition.lock()
            let pass = passes
            arrived += 1
            if arrived == 2 {
                arrived = 0
                passes += 1
                condition.broadcast()
            } else {
                while passes == pass { condition.wait() }
            }
            condition.unlock()
        }
    }

    /// One thread's list of the chunks, the run it counts and the customers it places (touched
    /// by that thread only while it runs).
    private final class Placer: @unchecked Sendable {
        var chunks: [[Order]]
        let counting: Range<Int>
        let customerCount: Int
        /// Per customer: the orders of the counted run.
        var counts: [Int32]
        /// The blocks of 64 customers it places: `(c >> 6) & 1 == phase`; thread 0 also keeps
        /// the orders of no customer of the book.
        let phase: Int
        var unplaced: [Order] = []

        init(_ chunks: [[Order]], counting: Range<Int>, customerCount: Int, phase: Int) {
            self.chunks = chunks
            self.phase = phase
            self.counting = counting
            self.customerCount = customerCount
            counts = [Int32](repeating: 0, count: customerCount)
        }

        func count() {
            let n = customerCount
            counts.withUnsafeMutableBufferPointer { counts in
                for k in counting {
                    for o in chunks[k] {
                        let c = o.customer
                        if c >= 0 && c < n { counts[c] += 1 }
                    }
                }
            }
        }

        func place(into target: Target) {
            for k in chunks.indices {
                CustomerOrderBook.place(chunks[k], customerCount: customerCount, share: (1, phase), next: target.next,
                                        days: target.days, amounts: target.amounts, unplaced: &unplaced, keepsUnplaced: phase == 0)
                chunks[k] = []
                target.together.pass()
            }
        }
    }
}
