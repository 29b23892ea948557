import Foundation

/// The data rows of one or more tables (a whole-file table, or a large file's windows in file
/// order) decoded on worker threads and used on the calling thread in file order.
///
/// Rows go in blocks of at most `blockRows`, each within one table. The workers (`threads` of
/// them, kept for the whole file) take blocks in order and decode each block's rows with
/// `decode` (which sees one row and nothing else); the calling thread hands each decoded row
/// with its row to `use` in row order (moved, not copied). Whatever `use` counts, keeps or
/// skips is therefore what one pass over the file gives, on any number of threads.
///
/// Up to `ringBlocks(threads)` blocks are decoded ahead of the one being used, across the
/// windows' boundaries (a worker starts on the next window while the last block of the current
/// one is used), so neither side waits for the other at every block: starting a thread or
/// waking one costs 0.1–0.2 ms on this kind of machine, as much as decoding a thousand rows.
/// Memory is those blocks' decoded rows and their fields' ranges (as the workers scanned them,
/// so that `use` sees each row without scanning it again).
enum RowBlocks {
    /// Rows a block.
    static let blockRows = 8_192
    /// Tables from this many data rows up are decoded on two threads (the machine's cores).
    static let parallelMinimumRows = 20_000

    /// Threads to decode `table` on: `requested` when set (tests), else 2 from `parallelMinimumRows` rows up.
    static func threads(_ table: CSVTable, requested: Int?) -> Int {
        requested ?? (table.rowCount >= parallelMinimumRows ? 2 : 1)
    }

    /// Blocks decoded or being decoded ahead of the one in use: two for each worker.
    static func ringBlocks(_ threads: Int) -> Int { 2 * max(1, threads) }

    /// The rows of the tables `tables` gives one after another (nil: no more;
    /// one that throws ends the rows there, its error thrown after every earlier row was used);
    /// `rows` is their total (or more), to size the blocks of small files.
    static func forEachRow<Decoded: Sendable>(
        tables: () throws(IngestError) -> CSVTable?, rows: Int, threads: Int,
        decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, consuming Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try forEachDecoded(tables: tables, rows: rows, threads: threads, decode: decode) {
            (row, slots: DecodedRows<Decoded>, k) throws(IngestError) in
            try use(row, slots.take(k))
        }
    }

    /// `forEachRow` with `use` reading and changing each decoded row where it was decoded (what it
    /// moves out costs no copy; the rest is released after the call).
    static func forEachRowInPlace<Decoded: Sendable>(
        tables: () throws(IngestError) -> CSVTable?, rows: Int, threads: Int,
        decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, inout Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try forEachDecoded(tables: tables, rows: rows, threads: threads, decode: decode) {
            (row, slots: DecodedRows<Decoded>, k) throws(IngestError) in
            try slots.update(k) { (decoded: inout Decoded) throws(IngestError) in try use(row, &decoded) }
        }
    }

    private static func forEachDecoded<Decoded: Sendable>(
        tables: () throws(IngestError) -> CSVTable?, rows: Int, threads: Int,
        decode: @escaping @Sendable (RowView) -> Decoded,
        deliver: (RowView, DecodedRows<Decoded>, Int) throws(IngestError) -> Void
    ) throws(IngestError) {
        guard rows > 0 else { return }
        let workers = max(1, threads)
        let ring = DecodeRing<Decoded>(blocks: ringBlocks(workers), blockRows: min(blockRows, rows))
        let joins = (0..<workers).map { _ in WorkerThreads.spawn { ring.work(decode) } }
        defer {
            ring.close()
            for join in joins { join.wait() }
        }
        // Blocks are cut here, in order, and put in the ring up to `ringBlocks` ahead of the one
        // in use; a table that cannot be read ends them (its error waits for the earlier rows).
        var table: CSVTable?, nextRow = 0, queued = 0, used = 0
        var unreadable: IngestError?, ended = false
        func queueBlocks() {
            while !ended && queued < used + ring.count {
                if table == nil || nextRow >= table!.rowCount {
                    do throws(IngestError) {
                        table = try tables()
                        while let t = table, t.rowCount == 0 { table = try tables() }
                    } catch {
                        unreadable = error
                        table = nil
                    }
                    nextRow = 0
                    guard table != nil else {
                        ended = true
                        return
                    }
                }
                let count = min(ring.blockRows, table!.rowCount - nextRow)
                ring.queue(DecodeBlock(number: queued, table: table!, first: nextRow, count: count))
                nextRow += count
                queued += 1
            }
        }
        var failure: IngestError?
        while true {
            queueBlocks()
            guard used < queued else { break }
            let block = ring.waitDecoded(used)
            let slot = used % ring.count
            block.table.text.withUnsafeBufferPointer { text in
                var r = block.first
                for fields in ring.scanned[slot].rows {
                    defer { r += 1 }
                    guard failure == nil else { continue }
                    let row = RowView(text: text, fields: fields, line: block.table.records[r + 1].line)
                    do throws(IngestError) { try deliver(row, ring.slots[slot], r - block.first) } catch { failure = error }
                }
            }
            used += 1
            if failure != nil { break }
        }
        if let failure { throw failure }
        if let unreadable { throw unreadable }
    }
}

/// Rows `first ..< first + count` of `table`, the `number`th block of the file.
private struct DecodeBlock: @unchecked Sendable {
    let number: Int
    let table: CSVTable
    let first: Int
    let count: Int
}

/// The blocks of a `RowBlocks` pass: a queue of blocks to decode, and a ring of `count` slots
/// of decoded rows (block n in slot n % count). Workers take blocks from the queue in order and
/// decode each into its slot; the caller queues block n only once block n − count has been
/// used, so a slot is written by one worker and read by the caller after it is marked decoded.
private final class DecodeRing<Decoded>: @unchecked Sendable {
    let count: Int
    let blockRows: Int
    let slots: [DecodedRows<Decoded>]
    let scanned: [ScannedFields]
    private let condition = NSCondition()
    private var waiting: [DecodeBlock] = []
    private var next = 0
    private var decoded: [DecodeBlock?]
    private var closed = false

    init(blocks: Int, blockRows: Int) {
        count = blocks
        self.blockRows = blockRows
        slots = (0..<blocks).map { _ in DecodedRows<Decoded>(count: blockRows) }
        scanned = (0..<blocks).map { _ in ScannedFields() }
        decoded = Array(repeating: nil, count: blocks)
    }

    func queue(_ block: DecodeBlock) {
        condition.lock()
        waiting.append(block)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until block `number` is decoded; returns it (its rows are in slot `number % count`).
    func waitDecoded(_ number: Int) -> DecodeBlock {
        condition.lock()
        defer { condition.unlock() }
        while decoded[number % count]?.number != number { condition.wait() }
        let block = decoded[number % count]!
        decoded[number % count] = nil
        return block
    }

    /// Lets the workers end once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// A worker: decodes the queued blocks in turn until the ring is closed and nothing is left.
    func work(_ decode: (RowView) -> Decoded) {
        condition.lock()
        while true {
            while next == waiting.count && !closed { condition.wait() }
            if next == waiting.count { break }
            let block = waiting[next]
            next += 1
            if next == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            let slot = block.number % count
            let rows = slots[slot], fields = scanned[slot]
            fields.removeAll()
            block.table.forEachRow(in: block.first..<(block.first + block.count)) { r, row in
                fields.append(row.fields)
                rows.put(r - block.first, decode(row))
            }
            condition.lock()
            decoded[slot] = block
            condition.broadcast()
        }
        condition.unlock()
    }
}

/// One block's decoded rows: each slot written by one thread, read after it has finished.
private final class DecodedRows<Decoded>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Decoded?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Moves `value` into slot `k` (empty: taken or used).
    func put(_ k: Int, _ value: consuming Decoded) {
        (slots + k).deinitialize(count: 1)
        (slots + k).initialize(to: consume value)
    }

    /// Moves the value out of slot `k` (no copy: a decoded customer holds a dozen references).
    func take(_ k: Int) -> Decoded {
        let value = (slots + k).move()
        (slots + k).initialize(to: nil)
        return value!
    }

    /// Calls `body` with the value of slot `k` in place, then empties the slot.
    func update(_ k: Int, _ body: (inout Decoded) throws(IngestError) -> Void) throws(IngestError) {
        defer { slots[k] = nil }
        try body(&slots[k]!)
    }
}

/// The fields of consecutive rows, kept back to back (one block, see `RowBlocks`): written by
/// one thread, read after it has finished.
private final class ScannedFields: @unchecked Sendable {
    private let fields = FieldList(capacity: 1 << 16)
    /// Where each row's fields end in `fields`.
    private var ends: [Int] = []

    func removeAll() {
        fields.count = 0
        ends.removeAll(keepingCapacity: true)
    }

    func append(_ row: UnsafeBufferPointer<CSVField>) {
        for f in row { fields.append(f) }
        ends.append(fields.count)
    }

    /// Each row's fields, in order (valid until the next `removeAll` or `append`).
    var rows: some Sequence<UnsafeBufferPointer<CSVField>> {
        let base = fields.buffer.baseAddress
        return ends.indices.lazy.map { [ends] k in
            let start = k == 0 ? 0 : ends[k - 1]
            return UnsafeBufferPointer(start: base.map { $0 + start }, count: ends[k] - start)
        }
    }
}
