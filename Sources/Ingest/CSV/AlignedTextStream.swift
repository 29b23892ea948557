/// Streams the data lines of a space-aligned text file (see `AlignedText`) chunk by chunk, so
/// memory stays at two chunks however long the file is. The layout (header, number of values)
/// comes from the file's head; every data line is split at runs of spaces and must have that
/// many values, else reading stops with `AlignedTextProblem` naming the line.
///
/// UTF-8 (with or without a byte-order mark) is scanned in place and Windows-1252 transcoded
/// chunk by chunk (one byte per character, so a chunk never splits one); UTF-16 is transcoded
/// whole, as `RecordStream` does. The encoding is the head's: a file whose head is UTF-8 is
/// read as UTF-8 throughout.
struct AlignedTextStream {
    let file: FileSource
    let path: String
    let layout: AlignedText.Layout
    let encoding: TextEncoding
    var chunkSize = 1 << 22

    /// Calls `raw` with every byte of the file as read (for its digest) and `body` with each
    /// data line, in order, as a row whose fields are the line's values; rows keep the file's
    /// line numbers. The header line and blank lines are not rows.
    func forEachRow(raw: (UnsafeBufferPointer<UInt8>) -> Void,
                    _ body: (RowView) throws(IngestError) -> Void) throws(IngestError) {
        var buffer: [UInt8] = []
        var filled = 0
        var offset = 0
        var line = 1
        var fields: [CSVField] = []
        var ranges: [Range<Int>] = []
        var chunk = [UInt8](repeating: 0, count: encoding == .utf16LE || encoding == .utf16BE ? 0 : chunkSize)
        while true {
            // Fill: append the next chunk, as UTF-8, after the unfinished line.
            var text: ArraySlice<UInt8>
            var isFinal: Bool
            if encoding == .utf16LE || encoding == .utf16BE {
                let all: [UInt8]
                do { all = try file.readAll() } catch { throw .unreadable(path: path, reason: error.reason) }
                all.withUnsafeBufferPointer(raw)
                text = TextDecoder.transcodeUTF16(all, from: 2, bigEndian: encoding == .utf16BE)[...]
                isFinal = true
            } else {
                let n: Int
                do { n = try file.read(into: &chunk, start: 0, count: chunkSize, at: offset) } catch {
                    throw .unreadable(path: path, reason: error.reason)
                }
                chunk.withUnsafeBufferPointer { raw(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                let skip = offset == 0 && encoding == .utf8WithBOM ? min(3, n) : 0
                text = encoding == .windows1252 ? TextDecoder.transcodeWindows1252(chunk[skip..<n])[...] : chunk[skip..<n]
                offset += n
                isFinal = n < chunkSize || offset >= file.size
            }
            if filled + text.count > buffer.count { buffer += [UInt8](repeating: 0, count: filled + text.count - buffer.count) }
            buffer.replaceSubrange(filled..<(filled + text.count), with: text)
            filled += text.count
            // Scan the complete lines.
            var position = 0
            var failure: IngestError?
            buffer.withUnsafeBufferPointer { all in
                let buf = UnsafeBufferPointer(rebasing: all[0..<filled])
                while position < filled {
                    var end = position
                    while end < filled, buf[end] != 0x0A, buf[end] != 0x0D { end += 1 }
                    // A line is complete at its line end; the last one also at the end of the file.
                    // A CR at the end of the buffer may be the first half of a CRLF still to come.
                    if end == filled && !isFinal { break }
                    if end == filled - 1 && buf[end] == 0x0D && !isFinal { break }
                    let number = line
                    var next = end + 1
                    if end < filled, buf[end] == 0x0D, next < filled, buf[next] == 0x0A { next += 1 }
                    line += 1
                    let start = position
                    position = min(next, filled)
                    if number == layout.headerLine { continue }
                    ranges.removeAll(keepingCapacity: true)
                    AlignedText.tokens(buf, start..<end, minimumRun: 1, into: &ranges)
                    if ranges.isEmpty { continue }  // a blank line keeps its number only
                    if ranges.count != layout.valueCount {
                        failure = .alignedText(path: path, problem: AlignedTextProblem(
                            line: number, found: ranges.count, expected: layout.valueCount, expectedLine: layout.firstDataLine))
                        return
                    }
                    fields.removeAll(keepingCapacity: true)
                    for r in ranges { fields.append(CSVField(start: r.lowerBound, end: r.upperBound, hasQuotes: false)) }
                    fields.withUnsafeBufferPointer { f in
                        do throws(IngestError) { try body(RowView(text: buf, fields: f, line: number)) } catch { failure = error }
                    }
                    if failure != nil { return }
                }
            }
            if let failure { throw failure }
            if isFinal { return }
            // Keep the unfinished line at the start of the buffer.
            if position > 0 {
                buffer.replaceSubrange(0..<(filled - position), with: buffer[position..<filled])
                filled -= position
            }
        }
    }
}
