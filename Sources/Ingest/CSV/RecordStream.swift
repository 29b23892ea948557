#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of a file chunk by chunk, so memory stays at a few chunks however
/// large the file is. UTF-8 is scanned in place, Windows-1252 is transcoded chunk by chunk,
/// UTF-16 is transcoded whole (those exports are small in practice).
struct RecordStream: Sendable {
    let file: FileSource
    let encoding: TextEncoding
    let delimiter: UInt8
    /// Bytes of a UTF-8 byte-order mark at the start of the file (0 or 3).
    var bomLength = 0
    /// Bytes read at a time: 256 KiB, so the chunk just read (and the record carried over) stays
    /// in the core's cache while it is scanned and checked (4 MiB chunks were read back from
    /// memory).
    var chunkSize: Int = 1 << 18
    /// What to check of the records' bytes as they are scanned (for a file whose probe read
    /// only its head: see `FileProbe.coversWholeFile`).
    var verification = Verification()

    /// Checks of the scanned bytes; what they found is in `Outcome.unverified`.
    struct Verification: Sendable {
        /// Check that the bytes are UTF-8.
        var utf8 = false
        /// Check that they hold no NUL.
        var noNUL = false
        var any: Bool { utf8 || noNUL }
    }

    enum Failure: Error, Equatable {
        case io(String)
        case unterminatedQuote(line: Int, column: Int)
    }

    /// How a streamed range ended.
    struct Outcome: Sendable {
        /// Line after the last record.
        var nextLine: Int
        /// False when a record ran past `stop` and had to be read to the end of the file
        /// (the range did not start a record at `stop`).
        var endedAtStop: Bool
        /// True when the data ended before the size the file had when it was opened (it was
        /// truncated while being read): reading stopped there.
        var endedEarly = false
        /// True when a check of `verification` failed: a byte sequence that is not UTF-8, or a
        /// NUL (the records were still streamed, as UTF-8).
        var unverified = false
    }

    /// Byte offset of the first character after any byte-order mark.
    var textStart: Int { encoding == .utf8WithBOM ? 3 : bomLength }

    /// Streams the records from byte `start` (which must begin a record) up to `stop`.
    ///
    /// If `stop` is before the end of the file, it must also begin a record; when it turns out
    /// not to (a quoted field spans it), reading continues to the end of the file and the
    /// outcome says `endedAtStop == false`.
    ///
    /// With `movableEnd` (UTF-8 and Windows-1252 files), `stop` is read from it before each
    /// chunk, so another thread may move it closer (see `ReadingEnd`); it is closed when the
    /// range ends or reading goes on past it.
    func forEachRecord(from start: Int, to stop: Int, firstLine: Int = 1, movableEnd: ReadingEnd? = nil,
                       _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<CSVField>, Int) -> Void) throws(Failure) -> Outcome {
        defer { movableEnd?.close() }
        if encoding == .utf16LE || encoding == .utf16BE {
            let raw: [UInt8]
            do { raw = try file.readAll() } catch { throw .io(error.reason) }
            let text = TextDecoder.transcodeUTF16(raw, from: 2, bigEndian: encoding == .utf16BE)
            return try scanWhole(text, firstLine: firstLine, body)
        }
        var buffer = [UInt8](repeating: 0, count: chunkSize * 2 + 16)
        var raw = encoding == .windows1252 ? [UInt8](repeating: 0, count: chunkSize) : []
        var filled = 0
        var offset = start
        var limit = stop
        var movableEnd = movableEnd
        /// The range's end is fixed from here on (the data ended, or a record runs past it).
        func fixEnd() {
            movableEnd?.close()
            movableEnd = nil
        }
        var endedAtStop = true
        // A read that returns less than asked before `file.size` means the file was cut while
        // being read: that is the end of the data (waiting for the opening size never ends).
        var endedEarly = false
        var scanner = CSVScanner(delimiter: delimiter, line: firstLine)
        let fields = FieldList()
        var failure: CSVSyntaxError?
        var unverified = false
        while true {
            // Fill.
            var reachedLimit = false
            let want: Int
            if let end = movableEnd {
                (want, limit) = end.claim(from: offset, chunk: chunkSize)
            } else {
                want = min(chunkSize, limit - offset)
            }
            if want <= 0 {
                reachedLimit = true
            } else {
                if encoding == .windows1252 {
                    let n: Int
                    do { n = try file.read(into: &raw, start: 0, count: want, at: offset) } catch { throw .io(error.reason) }
                    let text = TextDecoder.transcodeWindows1252(raw[0..<n])
                    if filled + text.count > buffer.count { buffer += [UInt8](repeating: 0, count: filled + text.count - buffer.count) }
                    buffer.replaceSubrange(filled..<(filled + text.count), with: text)
                    filled += text.count
                    offset += n
                    if n < want { reachedLimit = true; limit = offset; endedEarly = offset < file.size; fixEnd() }
                } else {
                    if filled + want > buffer.count { buffer += [UInt8](repeating: 0, count: filled + want - buffer.count) }
                    let n: Int
                    do { n = try file.read(into: &buffer, start: filled, count: want, at: offset) } catch { throw .io(error.reason) }
                    filled += n
                    offset += n
                    if n < want { reachedLimit = true; limit = offset; endedEarly = offset < file.size; fixEnd() }
                }
                if offset >= limit { reachedLimit = true }
            }
            let isFinal = reachedLimit && (limit >= file.size || endedEarly)
            // Scan.
            var position = 0
            buffer.withUnsafeBufferPointer { all in
                let buf = UnsafeBufferPointer(rebasing: all[0..<filled])
                do throws(CSVSyntaxError) {
                    while true {
                        let step = try scanner.next(buf, position: &position, isFinal: isFinal, fields: fields)
                        guard case .record(let line) = step else { break }
                        body(buf, fields.buffer, line)
                    }
                } catch {
                    failure = error
                }
                // The scanned records end at a line break (ASCII): no UTF-8 sequence is cut.
                if verification.any && !unverified && position > 0 {
                    unverified = !verification.passes(UnsafeBufferPointer(rebasing: all[0..<position]))
                }
            }
            if let failure, case .unterminatedQuote(let line, let column) = failure {
                throw .unterminatedQuote(line: line, column: column)
            }
            // Keep the unfinished record.
            if position > 0 {
                if position < filled {
                    buffer.withUnsafeMutableBufferPointer { b in
                        let base = b.baseAddress!
                        (base).update(from: base + position, count: filled - position)
                    }
                }
                filled -= position
            }
            if reachedLimit {
                if isFinal {
                    // Bytes the scanner left (none when it finished the data) are checked too.
                    if verification.any && !unverified && filled > 0 {
                        unverified = buffer.withUnsafeBufferPointer { !verification.passes(UnsafeBufferPointer(rebasing: $0[0..<filled])) }
                    }
                    break
                }
                if filled == 0 { break }  // ended exactly at `stop`
                // A record runs past `stop`: finish the file sequentially.
                endedAtStop = false
                fixEnd()
                limit = file.size
            }
        }
        return Outcome(nextLine: scanner.line, endedAtStop: endedAtStop, endedEarly: endedEarly, unverified: unverified)
    }

    private func scanWhole(_ text: [UInt8], firstLine: Int,
                           _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<CSVField>, Int) -> Void) throws(Failure) -> Outcome {
        var scanner = CSVScanner(delimiter: delimiter, line: firstLine)
        let fields = FieldList()
        var failure: CSVSyntaxError?
        text.withUnsafeBufferPointer { buf in
            var position = 0
            do throws(CSVSyntaxError) {
                while case .record(let line) = try scanner.next(buf, position: &position, isFinal: true, fields: fields) {
                    body(buf, fields.buffer, line)
                }
            } catch {
                failure = error
            }
        }
        if let failure, case .unterminatedQuote(let line, let column) = failure {
            throw .unterminatedQuote(line: line, column: column)
        }
        return Outcome(nextLine: scanner.line, endedAtStop: true)
    }

    /// A byte offset near `target` where a record starts, for splitting the file across
    /// threads: the quote parity of everything before `target` says whether `target` is inside
    /// a quoted field; the split is just after the next line break outside quotes. Returns nil
    /// when there is none. (A stray quote in an unquoted field can fool the parity; the caller
    /// detects that through `Outcome.endedAtStop` and falls back to one thread.)
    ///
    /// With `countingQuotes` false (a file whose head has no quote), the split is just after the
    /// first line feed at or after `target`, without reading what comes before it (nor counting
    /// quotes): should a quoted field span it after all, the same fallback applies.
    func splitPoint(near target: Int, countingQuotes: Bool = true) throws(Failure) -> Int? {
        guard encoding == .utf8 || encoding == .utf8WithBOM, target > textStart, target < file.size else { return nil }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        if !countingQuotes {
            let n: Int
            do { n = try file.read(into: &buffer, start: 0, count: min(chunkSize, file.size - target), at: target) } catch {
                throw .io(error.reason)
            }
            if let k = buffer[0..<n].firstIndex(of: 0x0A) { return target + k + 1 < file.size ? target + k + 1 : nil }
            // No line feed within a chunk (lines ended by CR alone, or a huge record): count quotes.
        }
        var quotes = 0
        var offset = textStart
        while offset < target {
            let want = min(chunkSize, target - offset)
            let n: Int
            do { n = try file.read(into: &buffer, start: 0, count: want, at: offset) } catch { throw .io(error.reason) }
            if n == 0 { return nil }
            quotes &+= buffer.withUnsafeBufferPointer { ByteRun.count(0x22, in: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            offset += n
        }
        var inQuotes = quotes % 2 == 1
        while offset < file.size {
            let n: Int
            do { n = try file.read(into: &buffer, start: 0, count: min(chunkSize, file.size - offset), at: offset) } catch {
                throw .io(error.reason)
            }
            if n == 0 { return nil }
            for k in 0..<n {
                let b = buffer[k]
                if b == 0x22 { inQuotes.toggle(); continue }
                if inQuotes { continue }
                if b == 0x0A { return offset + k + 1 < file.size ? offset + k + 1 : nil }
                if b == 0x0D {
                    // Split after CRLF, or after a lone CR.
                    if k + 1 < n { return buffer[k + 1] == 0x0A ? offset + k + 2 : offset + k + 1 }
                    return nil
                }
            }
            offset += n
        }
        return nil
    }
}

extension RecordStream.Verification {
    /// Whether `bytes` (whole records) pass the checks.
    func passes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        if noNUL && memchr(base, 0, bytes.count) != nil { return false }
        if utf8 && UTF8Validation.validPrefixLength(bytes) != bytes.count { return false }
        return true
    }
}
