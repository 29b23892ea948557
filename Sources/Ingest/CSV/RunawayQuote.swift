/// A quoted field that ran over line breaks and swallowed what were meant to be records: the
/// mark of a quote that was never closed where it should have been (`C2,"Acme,2024-01-05`),
/// so the scanner read on until some later quote closed it. Every physical line the record
/// covers was meant to be a row, so the loader counts them all as skipped (`unclosed_quote`)
/// and names the line where the quote opened.
///
/// A quoted field with line breaks is a runaway when the record's field count is already wrong,
/// or when one of the field's later lines holds at least `expectedFields − 1` delimiters
/// (at least one): a line that looks like a whole record. A multi-line comment with a normal
/// field count and ordinary punctuation is left alone.
struct RunawayQuote: Equatable, Sendable {
    /// Line and 1-based character column of the opening quote.
    var line: Int
    var column: Int
    /// 0-based index of the field that opens with the quote.
    var field: Int
    /// Physical lines the record covers (at least 2).
    var lines: Int

    /// - Parameters:
    ///   - text: the decoded text the fields point into; `line`: where the record starts.
    ///   - shapeIsWrong: the record's field count does not match the header.
    static func find(text: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<CSVField>, line: Int,
                     expectedFields: Int, shapeIsWrong: Bool) -> RunawayQuote? {
        guard let first = fields.first, let last = fields.last else { return nil }
        let delimiter = recordDelimiter(text, fields)
        for (index, f) in fields.enumerated() where f.start > 0 && text[f.start - 1] == 0x22 {
            let breaks = lineBreaks(text, from: f.start, to: f.end)
            guard breaks > 0 else { continue }
            if !shapeIsWrong {
                guard let delimiter, innerLineLooksLikeARecord(text, f, delimiter: delimiter,
                                                               needed: max(1, expectedFields - 1)) else { continue }
            }
            let recordStart = first.start > 0 && text[first.start - 1] == 0x22 ? first.start - 1 : first.start
            let quote = f.start - 1
            let openLine = line + lineBreaks(text, from: recordStart, to: quote)
            let total = lineBreaks(text, from: recordStart, to: last.end) + 1
            return RunawayQuote(line: openLine, column: CSVScanner.column(of: quote, in: text), field: index,
                                lines: total)
        }
        return nil
    }

    /// LF, CR and CRLF each count as one line break.
    static func lineBreaks(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        var k = start
        while k < end {
            let b = text[k]
            if b == 0x0A { count += 1 } else if b == 0x0D { count += 1; if k + 1 < end, text[k + 1] == 0x0A { k += 1 } }
            k += 1
        }
        return count
    }

    /// The byte between the first two fields (before the second field's opening quote, if any).
    private static func recordDelimiter(_ text: UnsafeBufferPointer<UInt8>, _ fields: UnsafeBufferPointer<CSVField>) -> UInt8? {
        guard fields.count >= 2 else { return nil }
        var k = fields[1].start - 1
        if k > 0, text[k] == 0x22, k - 1 >= fields[0].end { k -= 1 }
        guard k >= 0 else { return nil }
        return text[k]
    }

    /// Whether a line after the field's first line break holds at least `needed` delimiters.
    private static func innerLineLooksLikeARecord(_ text: UnsafeBufferPointer<UInt8>, _ f: CSVField,
                                                  delimiter: UInt8, needed: Int) -> Bool {
        var k = f.start
        while k < f.end, text[k] != 0x0A, text[k] != 0x0D { k += 1 }  // skip the first line
        var count = 0
        while k < f.end {
            let b = text[k]
            if b == 0x0A || b == 0x0D { count = 0 } else if b == delimiter { count += 1; if count >= needed { return true } }
            k += 1
        }
        return false
    }
}
