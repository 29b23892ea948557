import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A large UTF-8 CSV file read as consecutive windows of whole records, each a `CSVTable` of a
/// few MiB, so the file is never held whole (a 48 MB surveys file held whole, with its record
/// table, cost 64 MiB).
///
/// Only files a whole-file `CSVTable` would read as plain UTF-8 are windowed: no UTF-16 mark, a
/// first block that is text (`BinarySniff`), valid UTF-8 throughout and no NUL byte (checked by
/// a first pass over the file in pieces: the whole-file path words any other case, e.g. the
/// Windows-1252 fallback or rows with a NUL). Every window after the first starts at a record,
/// on the physical line where the previous one stopped, so rows, lines and columns are those of
/// the whole-file table.
struct CSVWindows: Sendable {
    let file: FileSource
    /// Byte offset of the first character after any byte-order mark.
    let textStart: Int
    /// Bytes a window reads (more when one record is longer).
    let windowBytes: Int
    /// The first window: the header and the rows that follow it.
    let first: CSVTable

    /// The windows of `file`, or nil when it is not a plain UTF-8 file whose first window holds
    /// a header of several names and at least one row (the whole-file path reads those).
    init?(file: FileSource, windowBytes: Int) {
        let headBytes: [UInt8]
        do { headBytes = try file.head(limit: 1 << 16) } catch { return nil }
        if headBytes.count >= 2 && ((headBytes[0] == 0xFF && headBytes[1] == 0xFE) || (headBytes[0] == 0xFE && headBytes[1] == 0xFF)) {
            return nil
        }
        let start = headBytes.count >= 3 && headBytes[0] == 0xEF && headBytes[1] == 0xBB && headBytes[2] == 0xBF ? 3 : 0
        guard BinarySniff.binaryOffset(Array(headBytes[start...])) == nil,
              (try? CSVWindows.isPlainUTF8(file, from: start)) == true else { return nil }
        self.file = file
        self.textStart = start
        self.windowBytes = max(windowBytes, 1 << 12)
        guard case .some(let (table, _)) = try? CSVWindows.window(file, at: start, bytes: self.windowBytes, continuing: nil),
              table.header.count > 1, !table.header.allSatisfy(\.isEmpty), table.rowCount > 0 else { return nil }
        first = table
    }

    /// Calls `body` with every window in file order (the first included), each valid only during
    /// its call. The next window is read and scanned on another thread while `body` goes through
    /// the current one (two windows are held).
    func forEach(_ body: (CSVTable) throws(IngestError) -> Void) throws(IngestError) {
        let reader = Reader(self)
        defer { reader.finish() }
        while let table = try reader.next() { try body(table) }
    }

    /// The windows one after another (`next`), the first included and windows without rows left
    /// out but for the first: each `next` waits for the window read ahead and starts reading the
    /// one after it on another thread. `finish` waits for a read still under way.
    final class Reader {
        private let windows: CSVWindows
        private let ahead = NextWindow()
        /// The windows' arrays, read into again once their tables are gone.
        private let buffers = WindowBuffers()
        private var pending: DispatchSemaphore?
        private var offset: Int
        private var continuation: CSVTable.Continuation
        private var gaveFirst = false
        private var ended = false

        init(_ windows: CSVWindows) {
            self.windows = windows
            let first = windows.first
            offset = windows.textStart + first.end
            continuation = CSVTable.Continuation(delimiter: first.delimiter, header: first.header, line: first.nextLine)
        }

        deinit { pending?.wait() }

        /// The next window with rows (the first window always); nil after the last. A window
        /// that cannot be read throws, and ends the windows.
        func next() throws(IngestError) -> CSVTable? {
            if !gaveFirst {
                gaveFirst = true
                startReading()
                return windows.first
            }
            while let reading = pending {
                reading.wait()
                pending = nil
                let table: CSVTable, isFinal: Bool
                let path = windows.file.path
                switch ahead.result! {
                case .success(let window): (table, isFinal) = window
                case .failure(let failure):
                    ended = true
                    switch failure {
                    case .io(let reason): throw .unreadable(path: path, reason: reason)
                    case .syntax(.unterminatedQuote(let line, let column)):
                        throw .unterminatedQuote(path: path, line: line, column: column)
                    case .syntax(.empty): throw .empty(path: path)
                    case .syntax(.binary(let at)): throw .binary(path: path, offset: at)
                    }
                }
                ahead.result = nil
                offset += table.end
                continuation.line = table.nextLine
                if isFinal { ended = true } else { startReading() }
                if table.rowCount > 0 { return table }
            }
            return nil
        }

        /// Waits for the window being read, if any.
        func finish() {
            pending?.wait()
            pending = nil
        }

        private func startReading() {
            guard !ended, offset < windows.file.size else { return }
            let file = windows.file, bytes = windows.windowBytes, at = offset, continuing = continuation
            let ahead = self.ahead, buffers = self.buffers
            pending = WorkerThreads.spawn {
                ahead.result = Result { () throws(Failure) in
                    try CSVWindows.window(file, at: at, bytes: bytes, continuing: continuing, buffers: buffers)
                }
            }
        }
    }

    enum Failure: Error {
        case io(String)
        case syntax(CSVReadError)
    }

    /// The window at `offset`: `bytes` read (doubled until a whole record fits, or the file
    /// ends), scanned to its last whole record; and whether it reaches the end of the file.
    /// With `buffers`, the bytes are read into an array of a window gone before, and the table
    /// gives it back when it goes.
    private static func window(_ file: FileSource, at offset: Int, bytes: Int, continuing: CSVTable.Continuation?,
                               buffers: WindowBuffers? = nil) throws(Failure) -> (CSVTable, Bool) {
        var size = bytes
        while true {
            let want = min(size, file.size - offset)
            var text = buffers?.take(count: want) ?? [UInt8](repeating: 0, count: want)
            let n: Int
            do { n = try file.read(into: &text, start: 0, count: want, at: offset) } catch { throw .io(error.reason) }
            if n < want { text.removeLast(want - n) }
            let isFinal = offset + n >= file.size || n < want
            let table: CSVTable
            do {
                table = try CSVTable(window: text, continuing: continuing, isFinal: isFinal, keeping: buffers?.lease(text))
            } catch { throw .syntax(error) }
            if isFinal || table.end > 0 { return (table, isFinal) }
            size *= 2
        }
    }

    /// Files (from the text's start) from this size up are checked in two halves, one per core.
    static let parallelCheckMinimumBytes = 4 << 20

    /// Whether the file from `start` is valid UTF-8 without a NUL byte. From
    /// `parallelCheckMinimumBytes` up (or when `parts` is 2; tests) the check runs on two threads,
    /// one for each half of the file split just after an ASCII byte (`asciiSplit`): no sequence
    /// spans that byte, so both halves pass exactly when the whole does.
    static func isPlainUTF8(_ file: FileSource, from start: Int, parts: Int? = nil) throws(FileSource.Failure) -> Bool {
        let two = (parts ?? (file.size - start >= parallelCheckMinimumBytes ? 2 : 1)) > 1
        guard two, let split = try asciiSplit(file, from: start) else {
            return try isPlainUTF8(file, from: start, to: file.size)
        }
        let results = PartitionResults<Result<Bool, FileSource.Failure>>(count: 2)
        WorkerThreads.run(2) { k in
            results.store(k, Result { () throws(FileSource.Failure) -> Bool in
                try isPlainUTF8(file, from: k == 0 ? start : split, to: k == 0 ? split : file.size)
            })
        }
        for k in 0..<2 {
            if try !results.take(k)!.get() { return false }
        }
        return true
    }

    /// The offset just after the first ASCII byte at or after the middle of the file's text
    /// (from `start`), within 256 bytes; nil when there is none there or it would end the file.
    static func asciiSplit(_ file: FileSource, from start: Int) throws(FileSource.Failure) -> Int? {
        let middle = start + (file.size - start) / 2
        guard middle > start else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(256, file.size - middle))
        let n = try file.read(into: &bytes, start: 0, count: bytes.count, at: middle)
        guard let i = bytes[0..<n].firstIndex(where: { $0 < 0x80 }), middle + i + 1 < file.size else { return nil }
        return middle + i + 1
    }

    /// Whether bytes `start ..< end` of the file are valid UTF-8 without a NUL byte (read in
    /// 256 KiB pieces, checked while still in the core's cache, as `BackgroundHash` reads; a
    /// sequence cut by a piece's end is checked with the next piece).
    static func isPlainUTF8(_ file: FileSource, from start: Int, to end: Int) throws(FileSource.Failure) -> Bool {
        let piece = 1 << 18
        var buffer = [UInt8](repeating: 0, count: piece + 4)
        var carried = 0
        var offset = start
        while offset < end {
            let n = try file.read(into: &buffer, start: carried, count: min(piece, end - offset), at: offset)
            if n == 0 { break }
            offset += n
            let filled = carried + n
            let last = offset >= end
            let ok: Bool = buffer.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<filled])
                if memchr(bytes.baseAddress!, 0, filled) != nil { return false }
                // Keep back a sequence the piece may cut (its lead byte within the last three bytes).
                var cut = filled
                if !last {
                    for k in stride(from: filled - 1, through: max(0, filled - 3), by: -1) {
                        if bytes[k] >= 0xC0 { cut = k; break }
                        if bytes[k] < 0x80 { break }
                    }
                }
                if UTF8Validation.validPrefixLength(UnsafeBufferPointer(rebasing: bytes[0..<cut])) != cut { return false }
                carried = filled - cut
                return true
            }
            if !ok { return false }
            if carried > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    b.baseAddress!.update(from: b.baseAddress! + (filled - carried), count: carried)
                }
            }
        }
        return carried == 0
    }
}

/// The window read ahead by `CSVWindows.forEach`: written by its thread, read after it has finished.
private final class NextWindow: @unchecked Sendable {
    var result: Result<(CSVTable, Bool), CSVWindows.Failure>?
}
