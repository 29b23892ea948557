import Model

/// The orders of `OrderBlocks` grouped by customer into a `CustomerOrderBook` on two threads,
/// the book one thread grouping the orders in file order makes. Counting: each thread counts
/// the orders of every other block per customer (a block's 4096 counts stay in the cache);
/// the starts follow in customer order. Placing: thread h places the blocks b with
/// `b % 2 == h`, in increasing order, each block's chunks in file order (so every customer's
/// orders are in file order) into the block's own stretch of the book, and frees each chunk once
/// placed: the book's pages fill in customer order as the blocks are freed, so the orders are
/// held about once. Fewer than `minimumOrders` orders are grouped on one thread.
///
/// The unplaced orders are the holder's `outside` ones (file order), then those of a block
/// naming a customer at or beyond `customerCount` (block by block, file order within each):
/// the loader has none of either.
enum ParallelOrderGrouping {
    static let minimumOrders = 1 << 20

    /// The orders of `held` grouped by customer (`held` is empty afterwards); `scales`: the
    /// conversion rates the amounts may have been multiplied by (they keep the book small).
    static func book(grouping held: inout OrderBlocks, customerCount: Int, scales: [Double] = []) -> CustomerOrderBook {
        let total = held.count
        let threads = total >= minimumOrders ? 2 : 1
        let (blocks, outside) = held.take()
        precondition(customerCount >= 0 && customerCount < Int(Int32.max) && total < Int(Int32.max),
                     "more orders than a 32-bit position can address")
        let shared = Blocks(blocks)
        // counts[c + 1]: customer c's orders; then starts by a running sum.
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        starts.withUnsafeMutableBufferPointer { counts in
            let counts = Counts(counts)
            WorkerThreads.run(threads) { h in
                for b in stride(from: h, to: shared.count, by: threads) {
                    for chunk in shared.chunks(b) {
                        for o in chunk.orders where o.customer < customerCount { counts.buffer[o.customer + 1] += 1 }
                    }
                }
            }
        }
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        let placed = Int(starts[customerCount])
        var next = Array(starts.dropLast())
        var amounts: [Double] = []
        let beyond = Unplaced(threads)
        // Every slot below `placed` is written exactly once: the counts above reserved it.
        let days = [Day](unsafeUninitializedCapacity: placed) { dayBuffer, daysWritten in
            amounts = [Double](unsafeUninitializedCapacity: placed) { amountBuffer, amountsWritten in
                next.withUnsafeMutableBufferPointer { next in
                    let target = Target(next: next, days: dayBuffer, amounts: amountBuffer)
                    WorkerThreads.run(threads) { h in
                        var kept: [Order] = []
                        for b in stride(from: h, to: shared.count, by: threads) {
                            kept += place(shared.take(b), customerCount: customerCount, into: target)
                        }
                        beyond.lists[h] = kept
                    }
                }
                amountsWritten = placed
            }
            daysWritten = placed
        }
        return CustomerOrderBook(starts: starts, days: consume days, amounts: consume amounts,
                                 unplaced: outside + inBlockOrder(Array(beyond.lists)), scales: scales)
    }

    /// The orders of `chunks` (one block, in file order) written to their customers' next slots;
    /// returns those naming a customer at or beyond `customerCount`.
    private static func place(_ chunks: [MappedOrders], customerCount: Int, into target: Target) -> [Order] {
        var kept: [Order] = []
        for chunk in chunks {
            for o in chunk.orders {
                let c = o.customer
                guard c < customerCount else { kept.append(o); continue }
                let slot = Int(target.next[c])
                target.days.initializeElement(at: slot, to: o.day)
                target.amounts.initializeElement(at: slot, to: o.amount)
                target.next[c] += 1
            }
        }
        return kept
    }

    /// The threads' unplaced orders in block order (each block's by customer ≥ `customerCount`
    /// only; every thread kept its blocks' in increasing block order).
    private static func inBlockOrder(_ lists: [[Order]]) -> [Order] {
        let all = lists.flatMap { $0 }
        // Stable by block: a block's orders keep their file order.
        return all.enumerated().sorted { ($0.element.customer >> OrderBlocks.blockShift, $0.offset)
            < ($1.element.customer >> OrderBlocks.blockShift, $1.offset) }.map(\.element)
    }

    /// Where the threads write (each the slots and next slots of its own customers).
    private struct Target: @unchecked Sendable {
        let next: UnsafeMutableBufferPointer<Int32>
        let days: UnsafeMutableBufferPointer<Day>
        let amounts: UnsafeMutableBufferPointer<Double>
    }

    /// The per-customer counts, written by both threads (each its own blocks' customers).
    private struct Counts: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Int32>
        init(_ buffer: UnsafeMutableBufferPointer<Int32>) { self.buffer = buffer }
    }

    /// Each thread's orders of no customer of the book (thread h writes `lists[h]` only).
    private final class Unplaced: @unchecked Sendable {
        let lists: UnsafeMutableBufferPointer<[Order]>
        init(_ threads: Int) {
            lists = .allocate(capacity: threads)
            lists.initialize(repeating: [])
        }
        deinit {
            _ = lists.deinitialize()
            lists.deallocate()
        }
    }

    /// The blocks' chunks, each block read and then taken (freed) by the one thread placing it.
    /// (Pointer storage: two threads take distinct blocks at once.)
    private final class Blocks: @unchecked Sendable {
        private let blocks: UnsafeMutableBufferPointer<[MappedOrders]>
        var count: Int { blocks.count }
        init(_ blocks: [[MappedOrders]]) {
            self.blocks = .allocate(capacity: blocks.count)
            _ = self.blocks.initialize(from: blocks)
        }
        deinit {
            _ = blocks.deinitialize()
            blocks.deallocate()
        }

        func chunks(_ b: Int) -> [MappedOrders] { blocks[b] }

        /// Block b's chunks, no longer held here.
        func take(_ b: Int) -> [MappedOrders] {
            let chunks = blocks[b]
            blocks[b] = []
            return chunks
        }
    }
}
