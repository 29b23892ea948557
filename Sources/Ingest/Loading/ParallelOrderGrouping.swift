import Foundation
import Model

/// `CustomerOrderBook(grouping:customerCount:)` on two threads, with the same book as a result:
/// the chunks (in file order) are cut into two runs of about as many orders; each thread counts
/// its run's orders per customer, then places them, run 0's orders of a customer before run
/// 1's (at `starts[c]` and at `starts[c]` + run 0's count of c), each run in file order, so
/// every customer's orders are in file order as one thread places them. Each chunk is freed
/// once placed, as there. Fewer than `minimumOrders` orders are grouped on one thread.
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
        let runs = [Run(Array(chunks[..<cut]), customerCount: customerCount),
                    Run(Array(chunks[cut...]), customerCount: customerCount)]
        chunks = []
        WorkerThreads.run(2) { h in runs[h].count() }
        // starts[c]: the orders of customers before c; run 0 places from there, run 1 after run 0's.
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        for c in 0..<customerCount { starts[c + 1] = starts[c] + runs[0].next[c] + runs[1].next[c] }
        for c in 0..<customerCount {
            let first = runs[0].next[c]
            runs[0].next[c] = starts[c]
            runs[1].next[c] = starts[c] + first
        }
        let placed = Int(starts[customerCount])
        var amounts: [Double] = []
        // Every slot below `placed` is written exactly once: the counts above reserved it.
        let days = [Day](unsafeUninitializedCapacity: placed) { dayBuffer, daysWritten in
            amounts = [Double](unsafeUninitializedCapacity: placed) { amountBuffer, amountsWritten in
                let target = Target(days: dayBuffer, amounts: amountBuffer)
                WorkerThreads.run(2) { h in runs[h].place(into: target) }
                amountsWritten = placed
            }
            daysWritten = placed
        }
        return CustomerOrderBook(starts: starts, days: days, amounts: amounts, unplaced: runs[0].unplaced + runs[1].unplaced)
    }

    /// Where the threads write (each its own slots).
    private struct Target: @unchecked Sendable {
        let days: UnsafeMutableBufferPointer<Day>
        let amounts: UnsafeMutableBufferPointer<Double>
    }

    /// One thread's chunks and its per-customer counts, then next slots (touched by that thread
    /// only while it runs).
    private final class Run: @unchecked Sendable {
        var chunks: [[Order]]
        let customerCount: Int
        /// Per customer: the run's orders (after `count()`), then the next slot to write.
        var next: [Int32]
        var unplaced: [Order] = []

        init(_ chunks: [[Order]], customerCount: Int) {
            self.chunks = chunks
            self.customerCount = customerCount
            next = [Int32](repeating: 0, count: customerCount)
        }

        func count() {
            let n = customerCount
            next.withUnsafeMutableBufferPointer { counts in
                for chunk in chunks {
                    for o in chunk {
                        let c = o.customer
                        if c >= 0 && c < n { counts[c] += 1 }
                    }
                }
            }
        }

        func place(into target: Target) {
            let n = customerCount
            next.withUnsafeMutableBufferPointer { next in
                for k in chunks.indices {
                    CustomerOrderBook.place(chunks[k], customerCount: n, next: next, days: target.days, amounts: target.amounts,
                                            unplaced: &unplaced)
                    chunks[k] = []
                }
            }
        }
    }
}
