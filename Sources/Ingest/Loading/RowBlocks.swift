import Dispatch
import Foundation

/// The data rows of a whole-file table decoded on several threads and used on the calling
/// thread in file order. Rows go in blocks of `blockRows`; each block's rows are split
/// between the threads and decoded by `decode` (which sees one row and nothing else), then
/// handed with their row to `use` one by one in row order (moved, not copied). Whatever `use` counts, keeps or
/// skips is therefore what one pass over the file gives, on any number of threads. The next
/// block is decoded while `use` goes through the current one, so memory is two blocks of
/// decoded rows and of their fields' ranges (as the threads scanned them, so that `use` sees
/// each row without scanning it again).
enum RowBlocks {
    /// Rows a block (two blocks are held: one decoded, one decoding).
    static let blockRows = 8_192
    /// Tables from this many data rows up are decoded on two threads (the machine's cores).
    static let parallelMinimumRows = 20_000

    /// Threads to decode `table` on: `requested` when set (tests), else 2 from `parallelMinimumRows` rows up.
    static func threads(_ table: CSVTable, requested: Int?) -> Int {
        requested ?? (table.rowCount >= parallelMinimumRows ? 2 : 1)
    }

    static func forEachRow<Decoded: Sendable>(
        _ table: CSVTable, threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, consuming Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try forEachDecoded(table, threads: threads, decode: decode) { (row, slots: DecodedRows<Decoded>, k) throws(IngestError) in
            try use(row, slots.take(k))
        }
    }

    /// `forEachRow` with `use` reading and changing each decoded row where it was decoded (what it
    /// moves out costs no copy; the rest is released after the call).
    static func forEachRowInPlace<Decoded: Sendable>(
        _ table: CSVTable, threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, inout Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try forEachDecoded(table, threads: threads, decode: decode) { (row, slots: DecodedRows<Decoded>, k) throws(IngestError) in
            try slots.update(k) { (decoded: inout Decoded) throws(IngestError) in try use(row, &decoded) }
        }
    }

    private static func forEachDecoded<Decoded: Sendable>(
        _ table: CSVTable, threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        deliver: (RowView, DecodedRows<Decoded>, Int) throws(IngestError) -> Void
    ) throws(IngestError) {
        let rows = table.rowCount
        guard rows > 0 else { return }
        let partCount = max(1, threads)
        // Two blocks' buffers: block b is decoded into `buffers[b % 2]` while block b - 1 is
        // delivered from the other (decoding runs one block ahead of `deliver`).
        let buffers = (0..<2).map { _ in
            BlockBuffers(slots: DecodedRows<Decoded>(count: min(blockRows, rows)),
                         scanned: (0..<partCount).map { _ in ScannedFields() })
        }
        let blocks = (rows + blockRows - 1) / blockRows
        /// Decodes block `b` on `partCount` threads; returns its parts' count.
        @Sendable func decodeBlock(_ b: Int) {
            let first = b * blockRows, count = min(blockRows, rows - first)
            let parts = max(1, min(partCount, count))
            let buffer = buffers[b % 2]
            WorkerThreads.run(parts) { k in
                let from = first + count * k / parts, to = first + count * (k + 1) / parts
                buffer.scanned[k].removeAll()
                table.forEachRow(in: from..<to) { r, row in
                    buffer.scanned[k].append(row.fields)
                    buffer.slots.put(r - first, decode(row))
                }
            }
        }
        var ahead: DispatchSemaphore? = WorkerThreads.spawn { decodeBlock(0) }
        var failure: IngestError?
        for b in 0..<blocks {
            ahead?.wait()
            ahead = b + 1 < blocks ? WorkerThreads.spawn { decodeBlock(b + 1) } : nil
            let first = b * blockRows, count = min(blockRows, rows - first)
            let parts = max(1, min(partCount, count))
            let buffer = buffers[b % 2]
            table.text.withUnsafeBufferPointer { text in
                var r = first
                for k in 0..<parts {
                    for fields in buffer.scanned[k].rows {
                        defer { r += 1 }
                        guard failure == nil else { continue }
                        let row = RowView(text: text, fields: fields, line: table.records[r + 1].line)
                        do throws(IngestError) { try deliver(row, buffer.slots, r - first) } catch { failure = error }
                    }
                }
            }
            if failure != nil { break }
        }
        ahead?.wait()
        if let failure { throw failure }
    }
}

/// One block's decoded rows and, per part, its rows' fields (see `RowBlocks`).
private struct BlockBuffers<Decoded>: @unchecked Sendable {
    let slots: DecodedRows<Decoded>
    let scanned: [ScannedFields]
}

/// One block's decoded rows: each slot written by one thread, read after all have finished.
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

/// The fields of consecutive rows, kept back to back (one part of a block, see `RowBlocks`):
/// written by one thread, read after it has finished.
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
