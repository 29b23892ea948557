/// Why a CSV file cannot be read at all.
public enum CSVReadError: Error, Equatable, Sendable {
    /// The file has no bytes (or only a byte-order mark and blank lines).
    case empty
    /// The file contains a NUL byte: it is binary, not text.
    case binary(offset: Int)
    /// A quoted field is never closed.
    case unterminatedQuote(line: Int, column: Int)
}

/// A whole CSV file, parsed into records whose fields are byte ranges of the decoded text.
/// Nothing is decoded to `String` until asked for.
///
/// Only where each record starts is kept (16 bytes a record): a record's fields are scanned
/// again each time it is read (`withRecord`, `forEachRow`). Keeping every field's range
/// (24 bytes a field) cost more than the text itself: 119 MB for a 50 MB, ten-column file.
///
/// Record 0 is the header; `rowCount` and the `row…` accessors count data rows only
/// (row 0 is the first record after the header). Columns are 1-based and counted in Unicode
/// scalars of the decoded line (see `CSVScanner.column(of:in:)`).
public struct CSVTable: Sendable {
    /// The file as UTF-8 (transcoded if it was UTF-16 or Windows-1252; BOM removed).
    public let text: [UInt8]
    public let encoding: TextEncoding
    /// The delimiter byte: `,` `;` tab or `|`.
    public let delimiter: UInt8
    /// Notes about the whole file (e.g. the Windows-1252 fallback).
    public let warnings: [String]
    /// Header names, trimmed of surrounding spaces.
    public let header: [String]

    /// Where a record's scan starts (at or before its first byte: blank lines before it are
    /// skipped again) and the physical line it starts on.
    struct RecordInfo: Sendable {
        var start: Int
        var line: Int
    }

    let records: [RecordInfo]
    /// Data rows left out because they hold a NUL byte (`NULRows`): line and character column
    /// of the NUL. The loader counts them as skipped.
    public let nulRows: [(line: Int, column: Int)]

    /// Decodes `bytes` and reads every record.
    public init(bytes: [UInt8]) throws(CSVReadError) {
        let decoded: DecodedText
        do { decoded = try TextDecoder.decode(bytes) } catch {
            switch error { case .binary(let offset): throw .binary(offset: offset) }
        }
        try self.init(decoded: decoded)
    }

    /// Where a window's scan stopped (see `init(window:…)`): the byte after its last whole
    /// record, and the physical line there. For a whole file: its end.
    let end: Int
    let nextLine: Int

    /// What a window after the first continues (see `CSVWindows`): the file's delimiter and
    /// header, and the physical line the window's first byte is on.
    struct Continuation: Sendable {
        var delimiter: UInt8
        var header: [String]
        var line: Int
    }

    /// The whole records of `text`, a window of a UTF-8 file that starts at a record (see
    /// `CSVWindows`): the file's head (with its header) when `continuing` is nil, else rows
    /// only, with record 0 an empty stand-in for the header. Unless `isFinal`, the scan stops
    /// before a record the window may cut (`end`).
    /// `lease`: what gives `text` back to its pool when the last copy of the table goes.
    init(window text: [UInt8], continuing: Continuation?, isFinal: Bool,
         keeping lease: WindowBuffers.Lease? = nil) throws(CSVReadError) {
        try self.init(decoded: DecodedText(bytes: text, encoding: .utf8, warnings: []), continuing: continuing,
                      isFinal: isFinal)
        windowLease = lease
    }

    /// The lease of a window's bytes (`WindowBuffers`), held as long as the table.
    private var windowLease: WindowBuffers.Lease?

    init(decoded: DecodedText, continuing: Continuation? = nil, isFinal: Bool = true) throws(CSVReadError) {
        let text = decoded.bytes
        var headerFields: [CSVField] = []
        var records: [RecordInfo] = []
        if continuing != nil {
            records.reserveCapacity(text.withUnsafeBufferPointer { CSVTable.lineFeeds($0) } + 1)
            records.append(RecordInfo(start: 0, line: 0))
        }
        let delimiter = continuing?.delimiter ?? text.withUnsafeBufferPointer { CSVScanner.detectDelimiter($0) }
        var end = 0, nextLine = 1
        let result: Result<Void, CSVSyntaxError> = text.withUnsafeBufferPointer { buf in
            var scanner = CSVScanner(delimiter: delimiter, line: continuing?.line ?? 1)
            var position = 0
            let recordFields = FieldList()
            defer { end = position; nextLine = scanner.line }
            do throws(CSVSyntaxError) {
                while true {
                    if !records.isEmpty, let base = buf.baseAddress {
                        // After the header: the plain lines, without the scanner (see `plainLines`).
                        (position, scanner.line) = CSVTable.plainLines(base, count: buf.count, from: position,
                                                                       line: scanner.line, into: &records)
                    }
                    let start = position
                    let step = try scanner.next(buf, position: &position, isFinal: isFinal, fields: recordFields)
                    guard case .record(let line) = step else { break }
                    if records.isEmpty {
                        // Room for every line: no copy while growing (a quoted line break
                        // over-counts, and pages never written stay unused).
                        records.reserveCapacity(CSVTable.lineFeeds(buf) + 1)
                        headerFields = Array(recordFields.buffer)
                    }
                    records.append(RecordInfo(start: start, line: line))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(.unterminatedQuote(let line, let column)) = result {
            throw .unterminatedQuote(line: line, column: column)
        }
        guard let head = records.first else { throw .empty }
        var nulRows: [(line: Int, column: Int)] = []
        if TextDecoder.firstNUL(text) != nil {
            // Text by its first block (BinarySniff), with a NUL further on: set those rows aside.
            var kept = [head]
            text.withUnsafeBufferPointer { buf in
                let recordFields = FieldList()
                for info in records.dropFirst() {
                    CSVTable.scan(buf, delimiter: delimiter, info, into: recordFields)
                    let fields = recordFields.buffer
                    let start = fields.first?.start ?? 0
                    let end = fields.last?.end ?? 0
                    if let at = NULRows.firstNUL(buf, from: start, to: end) {
                        nulRows.append((info.line + RunawayQuote.lineBreaks(buf, from: start, to: at),
                                        CSVScanner.column(of: at, in: buf)))
                    } else {
                        kept.append(info)
                    }
                }
            }
            records = kept
        }
        self.nulRows = nulRows
        self.text = text
        self.encoding = decoded.encoding
        self.delimiter = delimiter
        self.warnings = decoded.warnings
        self.records = records
        self.header = continuing?.header ?? headerFields.map { CSVTable.string(text, $0).trimmingSpaces() }
        self.end = end
        self.nextLine = nextLine
    }

    /// Scans the record of `info` again into `fields` (its scan at `init` succeeded, so this one does too).
    @inline(__always)
    static func scan(_ text: UnsafeBufferPointer<UInt8>, delimiter: UInt8, _ info: RecordInfo, into fields: FieldList) {
        var scanner = CSVScanner(delimiter: delimiter, line: info.line)
        var position = info.start
        fields.count = 0
        guard case .record? = try? scanner.next(text, position: &position, isFinal: true, fields: fields) else {
            fields.count = 0
            return
        }
    }

    /// Calls `body` with the fields of record `record` (0: the header).
    func withRecord<R>(_ record: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<CSVField>) -> R) -> R {
        text.withUnsafeBufferPointer { t in
            let fields = FieldList(capacity: 16)
            CSVTable.scan(t, delimiter: delimiter, records[record], into: fields)
            return body(t, fields.buffer)
        }
    }

    /// The number of line feeds in `text` (`ByteRun.count`, eight bytes at a time: a byte loop,
    /// which the compiler left as a compare and a branch per byte, was half of a window's first scan).
    static func lineFeeds(_ text: UnsafeBufferPointer<UInt8>) -> Int { ByteRun.count(0x0A, in: text) }

    /// Appends the records of the lines from `start` (where a record's scan may start; the
    /// scanner is at `line` there) that are plain — no quote, no CR, ended by an LF — as the
    /// scanner would record them (`RecordInfo`: the scan start, blank lines included, and the
    /// line of the record's first byte), eight bytes at a time: per word, one mask of LF,
    /// quote and CR bytes; an LF ends a line, which is a record unless blank.
    ///
    /// Stops before the record whose line holds a quote or a CR, or that does not end within
    /// the last whole word, and returns where that record's scan starts and the line there:
    /// the scanner reads it (and its ends and errors), then this goes on.
    static func plainLines(_ p: UnsafePointer<UInt8>, count n: Int, from start: Int, line: Int,
                           into records: inout [RecordInfo]) -> (position: Int, line: Int) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lf = ones &* 0x0A, cr = ones &* 0x0D, q = ones &* 0x22
        var recordStart = start, recordLine = line
        var lineStart = start, currentLine = line
        var i = start
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            var stops = ByteRun.zeroBytes(w ^ lf) | ByteRun.zeroBytes(w ^ q) | ByteRun.zeroBytes(w ^ cr)
            while stops != 0 {
                let at = i + stops.trailingZeroBitCount >> 3
                if p[at] != 0x0A { return (recordStart, recordLine) }
                if at > lineStart {
                    records.append(RecordInfo(start: recordStart, line: currentLine))
                    recordStart = at + 1
                    recordLine = currentLine + 1
                }
                currentLine += 1
                lineStart = at + 1
                stops &= stops &- 1
            }
            i += 8
        }
        return (recordStart, recordLine)
    }

    /// Number of data rows (records after the header).
    public var rowCount: Int { records.count - 1 }

    /// Physical line (1-based) on which data row `row` starts.
    public func line(ofRow row: Int) -> Int { records[row + 1].line }

    /// Number of fields in data row `row` (may differ from `header.count` in ragged files).
    public func fieldCount(ofRow row: Int) -> Int { withRecord(row + 1) { $1.count } }

    /// The decoded text of field `column` (0-based) of data row `row`; "" when the row is too short.
    public func string(row: Int, column: Int) -> String {
        guard let f = field(row: row, column: column) else { return "" }
        return CSVTable.string(text, f)
    }

    /// The field's bytes with quotes resolved; empty when the row is too short.
    public func bytes(row: Int, column: Int) -> [UInt8] {
        guard let f = field(row: row, column: column) else { return [] }
        return CSVTable.bytes(text, f)
    }

    /// 1-based character column of field `column` (0-based) of data row `row`, at its first
    /// character (the opening quote for quoted fields). For a missing field: one past the end
    /// of the record's last field.
    public func characterColumn(row: Int, column: Int) -> Int {
        withRecord(row + 1) { t, fields in
            let offset: Int
            if column < fields.count {
                offset = quotedStart(fields[column])
            } else if let last = fields.last {
                offset = last.end
            } else {
                offset = 0
            }
            return CSVScanner.column(of: offset, in: t)
        }
    }

    /// 1-based character column of header field `column` (0-based).
    public func headerColumn(_ column: Int) -> Int {
        withRecord(0) { t, fields in
            guard column < fields.count else { return 1 }
            return CSVScanner.column(of: quotedStart(fields[column]), in: t)
        }
    }

    /// Line of the header record.
    public var headerLine: Int { records[0].line }

    func field(row: Int, column: Int) -> CSVField? {
        withRecord(row + 1) { _, fields in column >= 0 && column < fields.count ? fields[column] : nil }
    }

    /// Calls `body` with the field's bytes (quotes resolved) without copying when possible.
    func withBytes<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let f = field(row: row, column: column) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        if f.hasQuotes {
            let copy = CSVTable.bytes(text, f)
            return copy.withUnsafeBufferPointer(body)
        }
        return text.withUnsafeBufferPointer { buf in
            body(UnsafeBufferPointer(rebasing: buf[f.start..<f.end]))
        }
    }

    private func quotedStart(_ f: CSVField) -> Int {
        f.start > 0 && text[f.start - 1] == 0x22 ? f.start - 1 : f.start
    }

    static func bytes(_ text: [UInt8], _ f: CSVField) -> [UInt8] {
        if f.hasQuotes {
            return text.withUnsafeBufferPointer { CSVScanner.unescaped($0, f) }
        }
        return Array(text[f.start..<f.end])
    }

    static func string(_ text: [UInt8], _ f: CSVField) -> String {
        String(decoding: bytes(text, f), as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{202F}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) }) ?? first
        return String(self[first...last])
    }
}
