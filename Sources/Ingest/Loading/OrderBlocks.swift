#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Orders held while the orders files are read, already sorted by block of customers: the
/// orders of customers `b × 4096 ..< (b + 1) × 4096` are block b's, in file order (files in the
/// order they are loaded). Grouping them by customer (`ParallelOrderGrouping`) then places one
/// block at a time into one stretch of the book, in the cache, freeing the block's memory as the
/// book's pages fill: the orders are held about once, not once as chunks in file order and once
/// more as the book whose every page the first chunk touched.
///
/// Each order is held in 8 bytes (`PackedOrder`: its place in the block, its day, its amount's
/// short code at `scales`, the book's own), the few that do not pack whole in their chunk's
/// `exceptions`. Each block keeps its orders in chunks of its own mapped memory (`OrderChunk`,
/// returned to the system when freed, whatever the allocator's thresholds), so a chunk only
/// partly filled holds only the pages it wrote.
///
/// Orders of a customer outside `0 ..< customerLimit` (none from the loader, which places
/// only customers it knows) are kept apart, in file order (`outside`). (Unchecked `Sendable`: the
/// chunks are written through pointers, by one thread at a time, the one appending.)
struct OrderBlocks: @unchecked Sendable {
    /// Customers per block: their counts (16 KiB) stay in the first-level cache while grouping.
    static let blockShift = PackedOrder.placeBits
    /// Orders per chunk (1 MiB).
    static let chunkCapacity = 1 << 17

    /// Per block: its chunks, in file order (the last one's `count` is set by `seal()`).
    private var blocks: [[OrderChunk]] = []
    /// Per block: where its next order goes (in its last chunk), and the end of that chunk.
    private var next: [UnsafeMutablePointer<PackedOrder>?] = []
    private var ends: [UnsafeMutablePointer<PackedOrder>?] = []
    /// Orders of customers outside `0 ..< customerLimit`, in file order.
    private(set) var outside: [Order] = []
    /// Customers whose orders are blocked (others are `outside`).
    let customerLimit: Int
    /// The rates amounts may have been multiplied by, as `CompactOrderAmounts.tagged(_:)` gives
    /// them: the amount codes are made at these.
    let scales: [Double]
    /// Orders held.
    private(set) var count = 0

    init(customerLimit: Int = Int(Int32.max), scales: [Double] = []) {
        precondition(scales == CompactOrderAmounts.tagged(scales), "scales not as CompactOrderAmounts.tagged(_:) orders them")
        self.customerLimit = customerLimit
        self.scales = scales
    }

    /// Holds `order`; `made` (when the amount was made so) codes its amount without a search.
    @inline(__always)
    mutating func append(_ order: Order, made: CentsAtRate? = nil) {
        append(customer: order.customer, day: order.day, made: made) { order.amount }
    }

    /// Holds an order of `customer` on `day` whose amount `amount()` gives; with `made` (when the
    /// amount was made so) its code is made from the cents, and `amount()` is called only when
    /// the order does not pack (or the rate is not one of `scales`).
    @inline(__always)
    mutating func append(customer c: CustomerIndex, day: Day, made: CentsAtRate?, amount: () -> Double) {
        count += 1
        guard c >= 0 && c < customerLimit else { outside.append(Order(customer: c, day: day, amount: amount())); return }
        let b = c >> Self.blockShift
        if !(b < next.count && next[b] != nil && next[b] != ends[b]) { startChunk(b) }
        let place = c & ((1 << Self.blockShift) - 1)
        let p = next[b]!
        let code = made.flatMap { shortCode(of: $0) } ?? CompactOrderAmounts.code(of: amount(), scales: scales)
        if let packed = PackedOrder(place: place, day: day, code: code) {
            p.initialize(to: packed)
        } else {
            let chunk = blocks[b][blocks[b].count - 1]
            p.initialize(to: PackedOrder(place: place, exception: chunk.exceptions.count))
            chunk.exceptions.append(Order(customer: c, day: day, amount: amount()))
        }
        next[b] = p + 1
    }

    /// The short code of an amount made as `made` says: tag 0 without a rate, else the rate's
    /// place among `scales` (nil when it is not one of them).
    @inline(__always)
    private func shortCode(of made: CentsAtRate) -> UInt32? {
        guard let rate = made.rate else { return CompactOrderAmounts.code(cents: made.cents, tag: 0) }
        var t = 0
        while t < scales.count {
            if scales[t].bitPattern == rate.bitPattern { return CompactOrderAmounts.code(cents: made.cents, tag: t + 1) }
            t += 1
        }
        return nil
    }

    /// Gives block b a new chunk (its last one being full, or it having none).
    private mutating func startChunk(_ b: Int) {
        if b >= blocks.count {
            let more = b + 1 - blocks.count
            blocks += [[OrderChunk]](repeating: [], count: more)
            next += [UnsafeMutablePointer<PackedOrder>?](repeating: nil, count: more)
            ends += [UnsafeMutablePointer<PackedOrder>?](repeating: nil, count: more)
        }
        if let last = blocks[b].last { last.count = last.capacity }
        let chunk = OrderChunk(capacity: Self.chunkCapacity)
        blocks[b].append(chunk)
        next[b] = chunk.base
        ends[b] = chunk.base + chunk.capacity
    }

    /// Sets the count of each block's last chunk.
    private func seal() {
        for b in blocks.indices {
            if let last = blocks[b].last, let p = next[b] { last.count = p - last.base }
        }
    }

    /// Moves the orders of `later` (read after these, at the same scales) behind them, block by
    /// block, without copying them; `later` is empty afterwards (and so is the room left in
    /// these chunks: later orders start chunks of their own).
    mutating func append(moving later: inout OrderBlocks) {
        precondition(later.scales == scales, "orders held at other scales")
        seal()
        later.seal()
        if later.blocks.count > blocks.count {
            let more = later.blocks.count - blocks.count
            blocks += [[OrderChunk]](repeating: [], count: more)
            next += [UnsafeMutablePointer<PackedOrder>?](repeating: nil, count: more)
            ends += [UnsafeMutablePointer<PackedOrder>?](repeating: nil, count: more)
        }
        for b in later.blocks.indices where !later.blocks[b].isEmpty {
            blocks[b] += later.blocks[b]
            next[b] = later.next[b]
            ends[b] = later.ends[b]
        }
        outside += later.outside
        count += later.count
        later = OrderBlocks(customerLimit: later.customerLimit, scales: later.scales)
    }

    /// The blocks (block b's chunks, in file order) and the orders outside them (this holder is
    /// empty afterwards).
    mutating func take() -> (blocks: [[OrderChunk]], outside: [Order]) {
        seal()
        defer { self = OrderBlocks(customerLimit: customerLimit, scales: scales) }
        return (blocks, outside)
    }
}

/// Up to `capacity` packed orders of one block in memory mapped for them alone and unmapped when
/// freed (only the pages written are ever resident), and the orders of the chunk that do not
/// pack (`exceptions`, whole, in file order). Written by one thread at a time.
final class OrderChunk: @unchecked Sendable {
    let base: UnsafeMutablePointer<PackedOrder>
    let capacity: Int
    /// Orders written (kept by `OrderBlocks`).
    var count = 0
    /// The orders whose packed form names them by index here (`PackedOrder.isException`).
    var exceptions: [Order] = []

    init(capacity: Int) {
        self.capacity = capacity
        let bytes = capacity * MemoryLayout<PackedOrder>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
            fatalError("out of memory: \(bytes) bytes for orders")
        }
        base = raw.bindMemory(to: PackedOrder.self, capacity: capacity)
    }

    deinit { munmap(UnsafeMutableRawPointer(base), capacity * MemoryLayout<PackedOrder>.stride) }

    var orders: UnsafeBufferPointer<PackedOrder> { UnsafeBufferPointer(start: base, count: count) }

    /// The day and amount of `order` (one of this chunk's) at the holder's `scales`.
    @inline(__always)
    func dayAndAmount(_ order: PackedOrder, scales: [Double]) -> (day: Day, amount: Double) {
        if order.isException {
            let whole = exceptions[order.exceptionIndex]
            return (whole.day, whole.amount)
        }
        return (order.day, CompactOrderAmounts.amount(of: order.code, scales: scales)!)
    }
}
