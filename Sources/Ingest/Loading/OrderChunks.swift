import Model

/// Orders in file order, held in chunks while the orders files are read: appending never moves
/// the orders already read (an array grown by doubling copies them and keeps the old pages), and
/// `CustomerOrderBook(grouping:customerCount:)` frees each chunk once it has placed it.
struct OrderChunks: Sendable {
    /// 2 Mi orders (32 MiB): above glibc's largest mmap threshold, so each chunk is mapped on
    /// its own and returned to the system when freed (smaller ones are carved from the heap,
    /// which keeps the pages).
    static let capacity = 1 << 21
    private var chunks: [[Order]] = []
    private var current: [Order] = []
    /// Orders held.
    private(set) var count = 0

    /// Room for `expected` orders in the first chunk (at most a whole chunk).
    init(expected: Int = 0) {
        current.reserveCapacity(min(Self.capacity, max(0, expected) + 16))
    }

    @inline(__always)
    mutating func append(_ order: Order) {
        if current.count == Self.capacity {
            chunks.append(current)
            current = []
            current.reserveCapacity(Self.capacity)
        }
        current.append(order)
        count += 1
    }

    /// Moves the orders of `later` (read after these) to the end, chunk by chunk, without
    /// copying them; `later` is empty afterwards.
    mutating func append(moving later: inout OrderChunks) {
        if !current.isEmpty { chunks.append(current) }
        chunks += later.chunks
        current = later.current
        count += later.count
        later = OrderChunks()
    }

    /// The chunks, in file order (this holder is empty afterwards).
    mutating func take() -> [[Order]] {
        var all = chunks
        if !current.isEmpty { all.append(current) }
        self = OrderChunks()
        return all
    }
}
