// libFuzzer entry point for the CSV reader and the value parsers. Compiled together with the
// Ingest sources (so internal types are visible) by Fuzz/run.sh; never part of the package.
//
// Each input is used three ways:
//  1. decoded (UTF-8 / UTF-16 / Windows-1252 detection) and parsed as a whole CSV table;
//     every field is decoded, located and fed to the date and money parsers;
//  2. the same UTF-8 text is scanned chunk by chunk (chunk size from the first byte), as the
//     streaming reader does, and with the word-at-a-time path off; all three must give exactly
//     the same records and lines — a mismatch traps;
//  3. raw slices go straight to the date, money, interval and delimiter helpers.
import Model

@inline(never)
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("fuzz invariant failed: \(message())")
        fatalError(message())
    }
}

struct Record: Equatable {
    var line: Int
    var fields: [[UInt8]]
}

func wholeRecords(_ text: [UInt8], delimiter: UInt8, wordAtATime: Bool = true) -> Result<[Record], CSVSyntaxError> {
    var out: [Record] = []
    let fields = FieldList()
    return text.withUnsafeBufferPointer { buf in
        var scanner = CSVScanner(delimiter: delimiter)
        scanner.wordAtATime = wordAtATime
        var position = 0
        do throws(CSVSyntaxError) {
            while case .record(let line) = try scanner.next(buf, position: &position, isFinal: true, fields: fields) {
                out.append(Record(line: line, fields: fields.buffer.map { CSVScanner.unescaped(buf, $0.hasQuotes ? $0 : CSVField(start: $0.start, end: $0.end, hasQuotes: false)) }))
                check(position <= buf.count, "position past end")
            }
            return .success(out)
        } catch {
            return .failure(error)
        }
    }
}

/// The streaming reader's loop, over memory: append a chunk, take complete records, keep the rest.
func chunkedRecords(_ text: [UInt8], delimiter: UInt8, chunk: Int) -> Result<[Record], CSVSyntaxError> {
    var out: [Record] = []
    var buffer: [UInt8] = []
    var offset = 0
    var scanner = CSVScanner(delimiter: delimiter)
    let fields = FieldList()
    while true {
        let take = min(chunk, text.count - offset)
        buffer += text[offset..<(offset + take)]
        offset += take
        let isFinal = offset >= text.count
        var position = 0
        var failure: CSVSyntaxError?
        buffer.withUnsafeBufferPointer { buf in
            do throws(CSVSyntaxError) {
                while case .record(let line) = try scanner.next(buf, position: &position, isFinal: isFinal, fields: fields) {
                    out.append(Record(line: line, fields: fields.buffer.map { CSVScanner.unescaped(buf, $0) }))
                }
            } catch {
                failure = error
            }
        }
        if let failure {
            check(isFinal, "syntax error before the end")
            return .failure(failure)
        }
        buffer.removeFirst(position)
        if isFinal { return .success(out) }
    }
}

func exerciseValues(_ bytes: UnsafeBufferPointer<UInt8>) {
    for order in [DayMonthOrder?.none, .dayFirst, .monthFirst] {
        switch DateParsing.read(bytes, order: order) {
        case .date(let w):
            if let s = w.secondsOfDay { check(s >= 0 && s < 86_400, "seconds of day \(s)") }
            _ = ReportTimeZone.utc.day(of: w)
            _ = ReportTimeZone(fixedOffsetSeconds: -36_000).instant(of: w)
        default: break
        }
    }
    for mark in [DecimalMark?.none, .dot, .comma] {
        if case .amount(let v, let c) = MoneyParsing.read(bytes, mark: mark) {
            check(!v.isNaN, "NaN amount")
            if let c { check(c.utf8.count == 3, "currency code \(c)") }
        }
    }
    var dates = DateParsing.OrderEvidence()
    dates.see(bytes, row: 1)
    var marks = MoneyParsing.MarkEvidence()
    marks.see(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ValueVocabulary.interval(text)
    _ = ValueVocabulary.priority(text)
    _ = headerKey(text)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    // 1. Whole-table parse through the public reader.
    if let table = try? CSVTable(bytes: bytes) {
        check(table.rowCount >= 0, "row count")
        var lastLine = table.headerLine
        for r in 0..<table.rowCount {
            let line = table.line(ofRow: r)
            check(line > lastLine, "lines must increase (\(line) after \(lastLine))")
            lastLine = line
            for c in 0..<table.fieldCount(ofRow: r) {
                _ = table.string(row: r, column: c)
                check(table.characterColumn(row: r, column: c) >= 1, "column")
                table.withBytes(row: r, column: c) { exerciseValues($0) }
            }
            _ = table.characterColumn(row: r, column: table.header.count + 1)
        }
        _ = ColumnResolution.fitScore(header: table.header, entity: .orders)
        // Runaway quotes are located inside their record; NUL rows inside the file.
        table.text.withUnsafeBufferPointer { t in
            table.fields.withUnsafeBufferPointer { f in
                for info in table.records.dropFirst() {
                    let row = UnsafeBufferPointer(rebasing: f[info.firstField..<(info.firstField + info.fieldCount)])
                    for wrong in [false, true] {
                        guard let r = RunawayQuote.find(text: t, fields: row, line: info.line,
                                                        expectedFields: table.header.count, shapeIsWrong: wrong) else { continue }
                        check(r.lines >= 2 && r.line >= info.line && r.line < info.line + r.lines
                              && r.field < info.fieldCount && r.column >= 1, "runaway quote location \(r)")
                    }
                }
            }
        }
        for row in table.nulRows { check(row.line > table.headerLine && row.column >= 1, "NUL row location") }
    }
    if let at = BinarySniff.binaryOffset(bytes) { check(at < BinarySniff.blockSize, "binary offset in the first block") }
    _ = InputChoice.date(inName: String(decoding: bytes.prefix(64), as: UTF8.self))

    // 2. Chunked scanning equals whole-buffer scanning.
    if let decoded = try? TextDecoder.decode(bytes) {
        let text = decoded.bytes
        let delimiter = text.withUnsafeBufferPointer { CSVScanner.detectDelimiter($0) }
        let chunk = 1 + Int(bytes.first ?? 0) % 17
        let whole = wholeRecords(text, delimiter: delimiter)
        let chunked = chunkedRecords(text, delimiter: delimiter, chunk: chunk)
        let general = wholeRecords(text, delimiter: delimiter, wordAtATime: false)
        switch (whole, general) {
        case (.success(let a), .success(let b)): check(a == b, "word-at-a-time records differ from the general path")
        case (.failure(let a), .failure(let b)): check(a == b, "word-at-a-time error differs")
        default: check(false, "word-at-a-time and general path disagree on failure")
        }
        switch (whole, chunked) {
        case (.success(let a), .success(let b)):
            check(a == b, "chunked (\(chunk)) records differ from whole-buffer records")
        case (.failure(let a), .failure(let b)):
            check(a == b, "different syntax errors \(a) vs \(b)")
        default:
            check(false, "one of whole/chunked failed")
        }
        text.withUnsafeBufferPointer { buf in
            if let base = buf.baseAddress {
                check(CSVScanner.scanUnquoted(base, from: 0, count: buf.count, delimiter: delimiter) <= buf.count, "scan")
                _ = RecordStream.countQuotes(buf)
            }
        }
    }

    // 3. Raw slices to the value parsers and validators.
    bytes.withUnsafeBufferPointer { buf in
        exerciseValues(buf)
        _ = UTF8Validation.validPrefixLength(buf, allowTruncatedEnd: true)
        var h = SHA256()
        h.update(buf)
        _ = h.finalizeHex()
    }
    return 0
}
