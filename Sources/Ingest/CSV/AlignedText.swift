/// Text exports whose columns are aligned with spaces instead of separated by a delimiter,
/// such as the CDNOW purchase log used by the `lifetimes` package (`CDNOW_master.txt`:
/// customer id, date `yyyyMMdd`, number of CDs, dollar value — with or without the header line
/// ` customer_id  date number_of_cds  dollar_value`).
///
/// Rules:
/// - A file is aligned text when its first line holds none of `,` `;` tab `|` and its values
///   are separated by spaces (a run of two or more somewhere, or single spaces between
///   single-word values).
/// - Data lines are split at runs of spaces; every data line must give the same number of
///   values (at least two), else the file is refused with the line that differs
///   (`AlignedTextProblem`), since values containing spaces cannot be told from separators.
/// - The first line is the header when every value on it contains a letter. Header names are split at runs
///   of two or more spaces when that gives the right count (names may contain single
///   spaces), else at every space.
/// - Without a header the file is read only in the CDNOW layout — four values: a whole-number
///   customer id, an eight-digit `yyyyMMdd` date, a whole-number quantity and an amount —
///   with the header `customer_id date quantity amount`.
/// - The converted table keeps every character at its column: the last space of each
///   separating run becomes a tab, and values are trimmed when read.
public struct AlignedText: Sendable {
    /// The table, tab-separated, with the file's header or the CDNOW header added.
    public let table: CSVTable
    /// Header, number of values and layout, as the file's lines establish them.
    public let layout: Layout
    /// True when the header was added (data line k of the table is line k − 1 of the file).
    public var addedHeader: Bool { !layout.hasHeader }
    /// True when the values have the CDNOW order layout (id, yyyyMMdd date, quantity, amount).
    public var isOrderLayout: Bool { layout.isOrderLayout }

    /// What the file's first lines establish for all of it.
    public struct Layout: Sendable, Equatable {
        /// The file's header names, or the CDNOW names when it has no header line.
        public var header: [String]
        /// Number of the header line; nil when the file has none.
        public var headerLine: Int?
        /// Values on every data line.
        public var valueCount: Int
        /// Number of the first data line (the one every other line is compared with).
        public var firstDataLine: Int
        /// True for the CDNOW order layout (id, yyyyMMdd date, quantity, amount).
        public var isOrderLayout: Bool
        var hasHeader: Bool { headerLine != nil }
    }

    static let cdnowHeader = ["customer_id", "date", "quantity", "amount"]

    /// The file as aligned text; nil when it is not aligned text (it is then read as CSV).
    /// - Throws: `AlignedTextProblem` when it looks aligned but cannot be split reliably.
    public static func read(_ bytes: [UInt8]) throws(AlignedTextProblem) -> AlignedText? {
        guard let decoded = try? TextDecoder.decode(bytes) else { return nil }
        return try read(decoded: decoded)
    }

    static func read(decoded: DecodedText) throws(AlignedTextProblem) -> AlignedText? {
        let text = decoded.bytes
        let lines = Self.lines(text)
        guard let (layout, headerRanges) = try Self.layout(text, lines) else { return nil }
        let hasHeader = layout.hasHeader
        let first = lines[0]
        // Rebuild: header (the file's, or added), then each line with separators turned into tabs.
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 64)
        if !hasHeader {
            out += Array(cdnowHeader.joined(separator: "\t").utf8)
            out.append(0x0A)
        }
        var cursor = 0
        for line in lines {
            let ranges = line.number == first.number && hasHeader ? headerRanges : tokens(text, line.range, minimumRun: 1)
            var row = Array(text[line.range])
            for k in 1..<ranges.count {
                // The last byte before value k is a space of the separating run: make it the delimiter.
                row[ranges[k].lowerBound - 1 - line.range.lowerBound] = 0x09
            }
            // Blank lines between records keep their place so line numbers stay right.
            while cursor < line.number - 1 { out.append(0x0A); cursor += 1 }
            out += row
            out.append(0x0A)
            cursor += 1
        }
        let converted = DecodedText(bytes: out, encoding: decoded.encoding, warnings: decoded.warnings)
        guard let table = try? CSVTable(decoded: converted), table.delimiter == 0x09 else {
            return nil
        }
        return AlignedText(table: table, layout: layout)
    }

    /// What the lines of `text` say about the whole file: header, number of values, layout.
    /// Nil when it is not aligned text (read as CSV instead).
    /// - Throws: `AlignedTextProblem` for a line whose number of values differs from the first data line's.
    static func layout(_ text: [UInt8], _ lines: [Line]) throws(AlignedTextProblem) -> (Layout, headerRanges: [Range<Int>])? {
        guard let first = lines.first else { return nil }
        let firstBytes = text[first.range]
        if firstBytes.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 || $0 == 0x7C || $0 == 0x22 }) { return nil }
        let firstTokens = tokens(text, first.range, minimumRun: 1)
        guard firstTokens.count >= 2 else { return nil }
        let hasLetter: ([UInt8]) -> Bool = { $0.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x80 } }
        let hasHeader = firstTokens.allSatisfy { hasLetter(Array(text[$0])) }
        let dataLines = hasHeader ? Array(lines.dropFirst()) : lines
        guard let firstData = dataLines.first else { return nil }
        let expected = tokens(text, firstData.range, minimumRun: 1).count
        guard expected >= 2 else { return nil }
        for line in dataLines {
            let n = tokens(text, line.range, minimumRun: 1).count
            if n != expected {
                throw AlignedTextProblem(line: line.number, found: n, expected: expected, expectedLine: firstData.number)
            }
        }
        var headerRanges: [Range<Int>] = []
        if hasHeader {
            headerRanges = tokens(text, first.range, minimumRun: 2)
            if headerRanges.count != expected { headerRanges = firstTokens }
            if headerRanges.count != expected {
                throw AlignedTextProblem(line: first.number, found: headerRanges.count, expected: expected,
                                         expectedLine: firstData.number)
            }
        }
        let isOrderLayout = expected == 4 && dataLines.prefix(200).allSatisfy { line in
            let t = tokens(text, line.range, minimumRun: 1).map { Array(text[$0]) }
            return isWhole(t[0]) && t[1].count == 8 && isWhole(t[1]) && isWhole(t[2]) && isDecimal(t[3])
        }
        guard hasHeader || isOrderLayout else { return nil }
        let header = hasHeader
            ? headerRanges.map { String(decoding: text[$0], as: UTF8.self) }
            : cdnowHeader
        return (Layout(header: header, headerLine: hasHeader ? first.number : nil, valueCount: expected,
                       firstDataLine: firstData.number, isOrderLayout: isOrderLayout), headerRanges)
    }

    /// Whether the first 64 KiB of the file at `path` are aligned text in the CDNOW order layout.
    public static func isOrderFile(path: String) -> Bool {
        guard let head = head(path) else { return false }
        return (try? read(head))??.isOrderLayout ?? false
    }

    /// Whether the first 64 KiB of the file at `path` look like aligned text (readable or not).
    static func looksAligned(path: String) -> Bool {
        guard let head = head(path) else { return false }
        do { return try read(head) != nil } catch { return true }
    }

    static func head(_ path: String) -> [UInt8]? {
        guard let file = try? FileSource(path: path) else { return nil }
        let limit = min(file.size, 1 << 16)
        var bytes = [UInt8](repeating: 0, count: limit)
        guard let n = try? file.read(into: &bytes, start: 0, count: limit, at: 0) else { return nil }
        bytes.removeSubrange(n...)
        if n < file.size, let lastBreak = bytes.lastIndex(of: 0x0A) { bytes.removeSubrange(lastBreak...) }
        return bytes
    }

    // MARK: - Lines and values

    struct Line {
        var number: Int
        var range: Range<Int>
    }

    /// Non-blank lines with their 1-based numbers (CRLF, LF or CR ends).
    static func lines(_ text: [UInt8]) -> [Line] {
        var out: [Line] = []
        var start = 0, number = 1, i = 0
        func close(_ end: Int) {
            if text[start..<end].contains(where: { $0 != 0x20 }) { out.append(Line(number: number, range: start..<end)) }
        }
        while i < text.count {
            let b = text[i]
            if b == 0x0A || b == 0x0D {
                close(i)
                if b == 0x0D, i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
                number += 1
                start = i + 1
            }
            i += 1
        }
        if start < text.count { close(text.count) }
        return out
    }

    /// The value ranges of a line, split at runs of at least `minimumRun` spaces.
    static func tokens(_ text: [UInt8], _ range: Range<Int>, minimumRun: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        text.withUnsafeBufferPointer { tokens($0, range, minimumRun: minimumRun, into: &out) }
        return out
    }

    /// Appends to `out` the value ranges of a line, split at runs of at least `minimumRun` spaces.
    static func tokens(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, minimumRun: Int, into out: inout [Range<Int>]) {
        var i = range.lowerBound
        while i < range.upperBound, text[i] == 0x20 { i += 1 }
        var start = i
        while i < range.upperBound {
            if text[i] == 0x20 {
                var j = i
                while j < range.upperBound, text[j] == 0x20 { j += 1 }
                if j - i >= minimumRun || j == range.upperBound {
                    if start < i { out.append(start..<i) }
                    start = j
                }
                i = j
            } else {
                i += 1
            }
        }
        if start < range.upperBound { out.append(start..<range.upperBound) }
    }

    static func isWhole(_ t: [UInt8]) -> Bool { !t.isEmpty && t.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    static func isDecimal(_ t: [UInt8]) -> Bool {
        var digits = 0, dots = 0
        for (k, b) in t.enumerated() {
            if b >= 0x30 && b <= 0x39 { digits += 1 } else if b == 0x2E { dots += 1 } else if b == 0x2D && k == 0 { continue } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}

/// An aligned-text file whose values cannot be split reliably.
public struct AlignedTextProblem: Error, Equatable, Sendable {
    public var line: Int
    public var found: Int
    public var expected: Int
    public var expectedLine: Int

    /// The message after `path:line:1: error: `.
    public var message: String {
        "the columns are aligned with spaces, not separated by a delimiter (, ; tab or |), and this line has "
            + "\(found) space-separated value\(found == 1 ? "" : "s") where line \(expectedLine) has \(expected); "
            + "values with spaces cannot be told apart from the gaps between columns — export the file as CSV "
            + "(comma- or tab-separated)"
    }
}

extension AlignedText {
    /// The table of an aligned-text file that has its own header line (for files of any
    /// entity); nil when the file is not aligned text or has no header.
    static func headedTable(_ bytes: [UInt8], path: String) throws(IngestError) -> CSVTable? {
        do {
            guard let aligned = try read(bytes), !aligned.addedHeader else { return nil }
            return aligned.table
        } catch {
            throw .alignedText(path: path, problem: error)
        }
    }
}
