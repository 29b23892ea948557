/// One field of a record: a byte range of the decoded UTF-8 text.
///
/// For a quoted field the range is what lies between the quotes. `hasQuotes` is set when the
/// range still contains quote characters, which decoding resolves: a doubled quote `""` stands
/// for one `"`, and any lone quote (e.g. the closing quote of `"ab"c`, which lenient readers
/// join into `abc`) is dropped.
struct CSVField: Sendable, Hashable {
    var start: Int
    var end: Int
    var hasQuotes: Bool

    var count: Int { end - start }
}

/// A syntax error that stops reading a file.
enum CSVSyntaxError: Error, Equatable {
    /// A quoted field that the file never closes; line and column of its opening quote.
    case unterminatedQuote(line: Int, column: Int)
}

/// The RFC 4180 record scanner over UTF-8 bytes.
///
/// - Records end at CRLF, LF or a lone CR; a line break inside quotes belongs to the field.
/// - Empty lines between records are skipped and are not records.
/// - Every record knows the physical (1-based) line on which it starts; line breaks inside
///   quoted fields advance the line count, so later records keep their true line numbers.
/// - Works on whole files and on chunks: with `isFinal == false` a record that might continue
///   past the end of the buffer is reported `.incomplete` and nothing is consumed.
struct CSVScanner {
    enum Step: Equatable {
        /// A record was read into `fields`; it starts on `line`.
        case record(line: Int)
        /// The buffer ends inside a record (only when not final); read more and call again.
        case incomplete
        /// No more records.
        case end
    }

    let delimiter: UInt8
    /// Physical line (1-based) of the scanner's position.
    var line: Int = 1
    /// Try the eight-bytes-at-a-time path for plain records first (off only to test it).
    var wordAtATime = true

    init(delimiter: UInt8, line: Int = 1) {
        self.delimiter = delimiter
        self.line = line
    }

    /// Reads the record at `position`, advancing `position` past it (and past its line break).
    mutating func next(_ buf: UnsafeBufferPointer<UInt8>, position: inout Int, isFinal: Bool,
                       fields: FieldList) throws(CSVSyntaxError) -> Step {
        guard let p = buf.baseAddress else { return isFinal ? .end : .incomplete }
        let n = buf.count
        let delim = delimiter
        var i = position
        // Skip empty lines.
        while i < n {
            let b = p[i]
            if b == 0x0A {
                i += 1; line += 1
            } else if b == 0x0D {
                if i + 1 < n {
                    i += p[i + 1] == 0x0A ? 2 : 1
                    line += 1
                } else if isFinal {
                    i += 1; line += 1
                } else {
                    position = i
                    return .incomplete
                }
            } else {
                break
            }
        }
        position = i
        if i >= n { return isFinal ? .end : .incomplete }

        let recordLine = line
        var currentLine = line
        fields.count = 0
        if wordAtATime, p[i] != 0x22, let end = CSVScanner.plainRecord(p, count: n, from: i, delimiter: delim, fields: fields) {
            position = end
            line += 1
            return .record(line: recordLine)
        }
        fields.count = 0
        while true {
            // One field starting at i.
            if i < n && p[i] == 0x22 {
                let openLine = currentLine
                let open = i
                var j = i + 1
                var sawQuote = false
                var closedAt = -1
                while j < n {
                    let b = p[j]
                    if b == 0x22 {
                        if j + 1 < n {
                            if p[j + 1] == 0x22 { sawQuote = true; j += 2; continue }
                            closedAt = j
                            break
                        }
                        if !isFinal { return .incomplete }
                        closedAt = j
                        break
                    } else if b == 0x0A {
                        currentLine += 1
                    } else if b == 0x0D {
                        if j + 1 < n {
                            if p[j + 1] != 0x0A { currentLine += 1 }
                        } else {
                            currentLine += 1
                        }
                    }
                    j += 1
                }
                if closedAt < 0 {
                    if !isFinal { return .incomplete }
                    throw .unterminatedQuote(line: openLine, column: CSVScanner.column(of: open, in: buf))
                }
                var k = closedAt + 1
                if k < n, p[k] != delim, p[k] != 0x0A, p[k] != 0x0D {
                    // Stray characters after the closing quote: keep them, drop the lone quote.
                    while k < n, p[k] != delim, p[k] != 0x0A, p[k] != 0x0D { k += 1 }
                    fields.append(CSVField(start: open + 1, end: k, hasQuotes: true))
                } else {
                    fields.append(CSVField(start: open + 1, end: closedAt, hasQuotes: sawQuote))
                }
                i = k
            } else {
                let start = i
                i = CSVScanner.scanUnquoted(p, from: i, count: n, delimiter: delim)
                fields.append(CSVField(start: start, end: i, hasQuotes: false))
            }
            // After the field: delimiter, line break or end of buffer.
            if i >= n {
                if !isFinal { return .incomplete }
                position = n
                line = currentLine
                return .record(line: recordLine)
            }
            let b = p[i]
            if b == delim {
                i += 1
                if i >= n && !isFinal { return .incomplete }
                continue
            }
            if b == 0x0A {
                position = i + 1
            } else {  // CR
                if i + 1 < n {
                    position = p[i + 1] == 0x0A ? i + 2 : i + 1
                } else {
                    if !isFinal { return .incomplete }
                    position = i + 1
                }
            }
            line = currentLine + 1
            return .record(line: recordLine)
        }
    }

    /// A record without quotes that ends in an LF or CRLF inside the buffer — nearly every row
    /// of a machine-written export — split eight bytes at a time: per word, the exact mask of
    /// its delimiters and one test for a quote or a byte below 0x20, and only for a word that has
    /// one, exact masks of quotes, LF and CR; delimiters before the line end become field ends.
    /// Returns the position after the LF, or nil (fields partly filled) when the record is
    /// not plain (a quote, a lone CR, or no line end before the last eight bytes).
    @inline(__always)
    static func plainRecord(_ p: UnsafePointer<UInt8>, count n: Int, from start: Int, delimiter: UInt8,
                            fields: FieldList) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let d = ones &* UInt64(delimiter), lf = ones &* 0x0A, cr = ones &* 0x0D, q = ones &* 0x22
        // Positions, counts and the word index are below `n` plus a few (a buffer's size), so
        // they are added without overflow checks.
        var fieldStart = start
        var i = start
        // The high bit of the word's first byte when the word before ended in a CR: or-ed into
        // the word's "needs a closer look" mask, so that test stays one branch.
        var crEndsPreviousWord: UInt64 = 0
        // Fields are stored through a local pointer and count (a word adds at most 8 + 1), and
        // the count is stored back once.
        var count = fields.count
        fields.reserve(9)
        var out = fields.base, room = fields.capacity
        defer { fields.count = count }
        /// Stores the fields that end at the delimiters `mask` marks in the word at `i`.
        @inline(__always) func fieldsEnd(_ mask: UInt64) {
            var mask = mask
            while mask != 0 {
                let at = i &+ mask.trailingZeroBitCount &>> 3
                (out + count).initialize(to: CSVField(start: fieldStart, end: at, hasQuotes: false))
                count &+= 1
                fieldStart = at &+ 1
                mask &= mask &- 1
            }
        }
        while i &+ 8 <= n {
            if count &+ 9 > room {
                fields.count = count
                fields.reserve(9)
                out = fields.base
                room = fields.capacity
            }
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            var delimiters = ByteRun.zeroBytes(w ^ d)
            // Whether any byte is a quote or below 0x20 (LF, CR, tab…), exactly as a yes or no (a
            // borrow only runs on from such a byte, so the flags above it may be wrong, and are
            // not used). Most words hold none: only their delimiters matter, and the quote, LF and
            // CR masks are not made.
            let x = w ^ q
            if ((x &- ones) & ~x | (w &- 0x2020_2020_2020_2020) & ~w | crEndsPreviousWord) & 0x8080_8080_8080_8080 != 0 {
                let quotes = ByteRun.zeroBytes(x)
                let lineFeeds = ByteRun.zeroBytes(w ^ lf)
                let returns = ByteRun.zeroBytes(w ^ cr)
                let afterCR = crEndsPreviousWord != 0
                if lineFeeds != 0 {
                    let lfBit = lineFeeds.trailingZeroBitCount
                    let before = (UInt64(1) &<< UInt64(lfBit)) &- 1
                    if quotes & before != 0 { return nil }
                    var end = i &+ lfBit &>> 3
                    let crs = returns & before
                    if crs != 0 {
                        // Only a CR right before the LF is allowed (CRLF).
                        guard lfBit >= 15, crs == UInt64(1) &<< UInt64(lfBit &- 8) else { return nil }
                        end &-= 1
                    } else if afterCR {
                        guard lfBit == 7 else { return nil }
                        end &-= 1
                    }
                    if afterCR && lfBit != 7 { return nil }
                    fieldsEnd(delimiters & before)
                    (out + count).initialize(to: CSVField(start: fieldStart, end: end, hasQuotes: false))
                    count &+= 1
                    return i &+ lfBit &>> 3 &+ 1
                }
                if quotes != 0 || afterCR { return nil }
                if returns != 0 {
                    // A CR may only be the word's last byte, continued by an LF in the next word.
                    guard returns == 0x8000_0000_0000_0000 else { return nil }
                    crEndsPreviousWord = 0x80
                    delimiters &= 0x0080_8080_8080_8080
                }
            }
            fieldsEnd(delimiters)
            i &+= 8
        }
        return nil
    }

    /// The index of the first delimiter, LF or CR at or after `from` (or `count`).
    /// Tests eight bytes at a time for the three stop bytes (a SWAR "has zero byte" test).
    @inline(__always)
    static func scanUnquoted(_ p: UnsafePointer<UInt8>, from: Int, count n: Int, delimiter: UInt8) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let d = ones &* UInt64(delimiter)
        let lf = ones &* 0x0A
        let cr = ones &* 0x0D
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let x1 = w ^ d, x2 = w ^ lf, x3 = w ^ cr
            let z = ((x1 &- ones) & ~x1 | (x2 &- ones) & ~x2 | (x3 &- ones) & ~x3) & highs
            if z != 0 {
                // The lowest flagged byte is a true match (borrows only propagate upwards).
                return i + (z.trailingZeroBitCount >> 3)
            }
            i += 8
        }
        while i < n {
            let b = p[i]
            if b == delimiter || b == 0x0A || b == 0x0D { return i }
            i += 1
        }
        return n
    }

    /// 1-based column, in Unicode scalars (characters as a text editor counts them, one per
    /// code point), of byte `offset` within its physical line.
    static func column(of offset: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var s = min(offset, buf.count)
        while s > 0, buf[s - 1] != 0x0A, buf[s - 1] != 0x0D { s -= 1 }
        var column = 1
        var k = s
        while k < offset && k < buf.count {
            if buf[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    /// The delimiter used by the header line: the most frequent of `,` `;` tab `|` outside
    /// quotes on the first line (ties resolved in that order); `,` when none occurs.
    static func detectDelimiter(_ buf: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
        var counts = [0, 0, 0, 0]
        var inQuotes = false
        var i = 0
        // Skip leading empty lines.
        while i < buf.count, buf[i] == 0x0A || buf[i] == 0x0D { i += 1 }
        while i < buf.count {
            let b = buf[i]
            if b == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == 0x0A || b == 0x0D { break }
                if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
            }
            i += 1
        }
        var best = 0
        for k in 1..<4 where counts[k] > counts[best] { best = k }
        return counts[best] == 0 ? 0x2C : candidates[best]
    }

    /// Field text with quotes resolved (see `CSVField`).
    static func unescaped(_ buf: UnsafeBufferPointer<UInt8>, _ field: CSVField) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(field.count)
        var k = field.start
        while k < field.end {
            let b = buf[k]
            if b == 0x22 {
                if k + 1 < field.end, buf[k + 1] == 0x22 { out.append(0x22); k += 2; continue }
                k += 1
                continue
            }
            out.append(b)
            k += 1
        }
        return out
    }
}
