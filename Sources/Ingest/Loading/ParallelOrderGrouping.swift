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

    /// The orders of `held` grouped by customer (`held` is empty afterwards). The orders go
    /// straight into the book's compact columns: the counting pass also finds the day span (so
    /// the base of the 16-bit day offsets), an amount's code is the one `held` made (at its
    /// scales, which the book takes), and the amounts without a short code are numbered in book
    /// position order afterwards (`CompactOrderAmounts.init(codes:scales:exceptional:)`),
    /// whichever thread placed them.
    static func book(grouping held: inout OrderBlocks, customerCount: Int) -> CustomerOrderBook {
        let total = held.count
        let threads = total >= minimumOrders ? 2 : 1
        let tagged = held.scales
        let (blocks, outside) = held.take()
        precondition(customerCount >= 0 && customerCount < Int(Int32.max) && total < Int(Int32.max),
                     "more orders than a 32-bit position can address")
        let shared = Blocks(blocks)
        // counts[c + 1]: customer c's orders; then starts by a running sum.
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        let spans = PerThread<(lowest: Int32, highest: Int32)>(threads, (.max, .min))
        starts.withUnsafeMutableBufferPointer { counts in
            let counts = Counts(counts)
            WorkerThreads.run(threads) { h in
                var lowest = Int32.max, highest = Int32.min
                for b in stride(from: h, to: shared.count, by: threads) {
                    let first = b << OrderBlocks.blockShift
                    for chunk in shared.chunks(b) {
                        for o in chunk.orders where first + o.place < customerCount {
                            counts.buffer[first + o.place + 1] += 1
                            let day = o.isException ? chunk.exceptions[o.exceptionIndex].day : o.day
                            lowest = min(lowest, day.ordinal)
                            highest = max(highest, day.ordinal)
                        }
                    }
                }
                spans.lists[h] = (lowest, highest)
            }
        }
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        let placed = Int(starts[customerCount])
        let lowest = spans.lists.map(\.lowest).min() ?? .max, highest = spans.lists.map(\.highest).max() ?? .min
        let narrow = CompactOrderDays.offsetsFit(lowest: lowest, highest: highest)
        var next = Array(starts.dropLast())
        var offsets: [UInt16] = [], wide: [Day] = []
        let beyond = PerThread<[Order]>(threads, [])
        let exceptional = PerThread<[(position: Int, amount: Double)]>(threads, [])
        // Every slot below `placed` is written exactly once: the counts above reserved it (days
        // into `offsets` when they fit 16 bits, else into `wide`).
        let codes = [UInt32](unsafeUninitializedCapacity: placed) { codeBuffer, codesWritten in
            offsets = [UInt16](unsafeUninitializedCapacity: narrow ? placed : 0) { offsetBuffer, offsetsWritten in
                wide = [Day](unsafeUninitializedCapacity: narrow ? 0 : placed) { wideBuffer, wideWritten in
                    next.withUnsafeMutableBufferPointer { next in
                        let target = Target(next: next, base: lowest, offsets: offsetBuffer, wide: wideBuffer,
                                            codes: codeBuffer, scales: tagged)
                        WorkerThreads.run(threads) { h in
                            var kept: [Order] = [], odd: [(position: Int, amount: Double)] = []
                            for b in stride(from: h, to: shared.count, by: threads) {
                                place(shared.take(b), block: b, customerCount: customerCount, narrow: narrow,
                                      into: target, beyond: &kept, exceptional: &odd)
                            }
                            beyond.lists[h] = kept
                            exceptional.lists[h] = odd
                        }
                    }
                    wideWritten = narrow ? 0 : placed
                }
                offsetsWritten = narrow ? placed : 0
            }
            codesWritten = placed
        }
        let days = narrow ? CompactOrderDays(base: lowest, offsets: offsets) : CompactOrderDays(wide: wide)
        let amounts = CompactOrderAmounts(codes: codes, scales: tagged, exceptional: Array(exceptional.lists).flatMap { $0 })
        return CustomerOrderBook(starts: starts, days: days, amounts: amounts,
                                 unplaced: outside + inBlockOrder(Array(beyond.lists)))
    }

    /// The orders of `chunks` (block `block`, in file order) written to their customers' next
    /// slots (day and amount code); appends those naming a customer at or beyond `customerCount`
    /// to `beyond`, and the (slot, amount) of each amount without a short code to `exceptional`.
    private static func place(_ chunks: [OrderChunk], block: Int, customerCount: Int, narrow: Bool, into target: Target,
                              beyond: inout [Order], exceptional: inout [(position: Int, amount: Double)]) {
        let first = block << OrderBlocks.blockShift
        for chunk in chunks {
            for o in chunk.orders {
                let c = first + o.place
                guard c < customerCount else {
                    let (day, amount) = chunk.dayAndAmount(o, scales: target.scales)
                    beyond.append(Order(customer: c, day: day, amount: amount))
                    continue
                }
                let slot = Int(target.next[c])
                let day: Day, code: UInt32?
                if o.isException {
                    let whole = chunk.exceptions[o.exceptionIndex]
                    day = whole.day
                    code = CompactOrderAmounts.code(of: whole.amount, scales: target.scales)
                    if code == nil { exceptional.append((slot, whole.amount)) }
                } else {
                    day = o.day
                    code = o.code
                }
                if narrow {
                    target.offsets.initializeElement(at: slot, to: CompactOrderDays.offset(of: day, from: target.base))
                } else {
                    target.wide.initializeElement(at: slot, to: day)
                }
                target.codes.initializeElement(at: slot, to: code ?? CompactOrderAmounts.unnumberedExceptional)
                target.next[c] += 1
            }
        }
    }

    /// The threads' unplaced orders in block order (each block's by customer ≥ `customerCount`
    /// only; every thread kept its blocks' in increasing block order).
    private static func inBlockOrder(_ lists: [[Order]]) -> [Order] {
        let all = lists.flatMap { $0 }
        // Stable by block: a block's orders keep their file order.
        return all.enumerated().sorted { ($0.element.customer >> OrderBlocks.blockShift, $0.offset)
            < ($1.element.customer >> OrderBlocks.blockShift, $1.offset) }.map(\.element)
    }

    /// Where the threads write (each the slots and next slots of its own customers): a day as
    /// its offset from `base` (or whole, in `wide`), an amount as its code at `scales`.
    private struct Target: @unchecked Sendable {
        let next: UnsafeMutableBufferPointer<Int32>
        let base: Int32
        let offsets: UnsafeMutableBufferPointer<UInt16>
        let wide: UnsafeMutableBufferPointer<Day>
        let codes: UnsafeMutableBufferPointer<UInt32>
        let scales: [Double]
    }

    /// The per-customer counts, written by both threads (each its own blocks' customers).
    private struct Counts: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Int32>
        init(_ buffer: UnsafeMutableBufferPointer<Int32>) { self.buffer = buffer }
    }

    /// One result per thread (thread h writes `lists[h]` only).
    private final class PerThread<Value>: @unchecked Sendable {
        let lists: UnsafeMutableBufferPointer<Value>
        init(_ threads: Int, _ initial: Value) {
            lists = .allocate(capacity: threads)
            lists.initialize(repeating: initial)
        }
        deinit {
            _ = lists.deinitialize()
            lists.deallocate()
        }
    }

    /// The blocks' chunks, each block read and then taken (freed) by the one thread placing it.
    /// (Pointer storage: two threads take distinct blocks at once.)
    private final class Blocks: @unchecked Sendable {
        private let blocks: UnsafeMutableBufferPointer<[OrderChunk]>
        var count: Int { blocks.count }
        init(_ blocks: [[OrderChunk]]) {
            self.blocks = .allocate(capacity: blocks.count)
            _ = self.blocks.initialize(from: blocks)
        }
        deinit {
            _ = blocks.deinitialize()
            blocks.deallocate()
        }

        func chunks(_ b: Int) -> [OrderChunk] { blocks[b] }

        /// Block b's chunks, no longer held here.
        func take(_ b: Int) -> [OrderChunk] {
            let chunks = blocks[b]
            blocks[b] = []
            return chunks
        }
    }
}
