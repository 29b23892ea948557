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
/// Each block keeps its orders in chunks of its own mapped memory (`MappedOrders`, returned to
/// the system when freed, whatever the allocator's thresholds), so a chunk only partly filled
/// holds only the pages it wrote.
///
/// Orders of a customer outside `0 ..< customerLimit` (none from the loader, which places
/// only customers it knows) are kept apart, in file order (`outside`). (Unchecked `Sendable`: the
/// chunks are written through pointers, by one thread at a time, the one appending.)
struct OrderBlocks: @unchecked Sendable {
    /// Customers per block: their counts (16 KiB) stay in the first-level cache while grouping.
    static let blockShift = 12
    /// Orders per chunk (1 MiB).
    static let chunkCapacity = 1 << 16

    /// Per block: its chunks, in file order (the last one's `count` is set by `seal()`).
    private var blocks: [[MappedOrders]] = []
    /// Per block: where its next order goes (in its last chunk), and the end of that chunk.
    private var next: [UnsafeMutablePointer<Order>?] = []
    private var ends: [UnsafeMutablePointer<Order>?] = []
    /// Orders of customers outside `0 ..< customerLimit`, in file order.
    private(set) var outside: [Order] = []
    /// Customers whose orders are blocked (others are `outside`).
    let customerLimit: Int
    /// Orders held.
    private(set) var count = 0

    init(customerLimit: Int = Int(Int32.max)) { self.customerLimit = customerLimit }

    @inline(__always)
    mutating func append(_ order: Order) {
        count += 1
        let c = order.customer
        guard c >= 0 && c < customerLimit else { outside.append(order); return }
        let b = c >> Self.blockShift
        if b < next.count, let p = next[b], p != ends[b] {
            p.initialize(to: order)
            next[b] = p + 1
            return
        }
        startChunk(b)
        next[b]!.initialize(to: order)
        next[b]! += 1
    }

    /// Gives block b a new chunk (its last one being full).
    private mutating func startChunk(_ b: Int) {
        if b >= blocks.count {
            let more = b + 1 - blocks.count
            blocks += [[MappedOrders]](repeating: [], count: more)
            next += [UnsafeMutablePointer<Order>?](repeating: nil, count: more)
            ends += [UnsafeMutablePointer<Order>?](repeating: nil, count: more)
        }
        if let last = blocks[b].last { last.count = last.capacity }
        let chunk = MappedOrders(capacity: Self.chunkCapacity)
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

    /// Moves the orders of `later` (read after these) behind them, block by block, without
    /// copying them; `later` is empty afterwards (and so is the room left in these chunks:
    /// later orders start chunks of their own).
    mutating func append(moving later: inout OrderBlocks) {
        seal()
        later.seal()
        if later.blocks.count > blocks.count {
            let more = later.blocks.count - blocks.count
            blocks += [[MappedOrders]](repeating: [], count: more)
            next += [UnsafeMutablePointer<Order>?](repeating: nil, count: more)
            ends += [UnsafeMutablePointer<Order>?](repeating: nil, count: more)
        }
        for b in later.blocks.indices where !later.blocks[b].isEmpty {
            blocks[b] += later.blocks[b]
            next[b] = later.next[b]
            ends[b] = later.ends[b]
        }
        outside += later.outside
        count += later.count
        later = OrderBlocks(customerLimit: later.customerLimit)
    }

    /// The blocks (block b's chunks, in file order) and the orders outside them (this holder is
    /// empty afterwards).
    mutating func take() -> (blocks: [[MappedOrders]], outside: [Order]) {
        seal()
        defer { self = OrderBlocks(customerLimit: customerLimit) }
        return (blocks, outside)
    }
}

/// Up to `capacity` orders in memory mapped for them alone and unmapped when freed (only the
/// pages written are ever resident). Written by one thread at a time. The orders are never
/// deinitialised: `Order` is a trivial type (no references), which a test asserts.
final class MappedOrders: @unchecked Sendable {
    let base: UnsafeMutablePointer<Order>
    let capacity: Int
    /// Orders written (kept by `OrderBlocks`).
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        let bytes = capacity * MemoryLayout<Order>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
            fatalError("out of memory: \(bytes) bytes for orders")
        }
        base = raw.bindMemory(to: Order.self, capacity: capacity)
    }

    deinit { munmap(UnsafeMutableRawPointer(base), capacity * MemoryLayout<Order>.stride) }

    var orders: UnsafeBufferPointer<Order> { UnsafeBufferPointer(start: base, count: count) }
}
