import Model

/// One record, seen through its byte ranges. Valid only while its buffers are.
struct RowView {
    let text: UnsafeBufferPointer<UInt8>
    let fields: UnsafeBufferPointer<CSVField>
    /// Physical line of the record's start.
    let line: Int

    var count: Int { fields.count }

    /// Calls `body` with the bytes of field `column` (quotes resolved, spaces not trimmed);
    /// empty bytes when the column is nil or beyond the row.
    @inline(__always)
    func withBytes<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let column, column < fields.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let f = fields[column]
        if f.hasQuotes {
            let copy = CSVScanner.unescaped(text, f)
            return copy.withUnsafeBufferPointer(body)
        }
        // The scanner cut the field from `text`: start ≤ end ≤ its count.
        return body(UnsafeBufferPointer(start: text.baseAddress.map { $0 + f.start }, count: f.end &- f.start))
    }

    /// How many bytes field `column` takes in the text (quotes and doubled quotes included: at
    /// least as many as `withBytes` hands over); 0 when the column is nil or beyond the row.
    @inline(__always)
    func writtenCount(_ column: Int?) -> Int {
        guard let column, column < fields.count else { return 0 }
        return fields[column].end - fields[column].start
    }

    /// The field's text trimmed of spaces; nil when empty or absent.
    func string(_ column: Int?) -> String? {
        withBytes(column) { raw in
            let c = ByteCursor(raw)  // trims spaces, tabs and no-break spaces
            if c.isAtEnd { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: raw[c.index..<c.end]), as: UTF8.self)
        }
    }

    /// True when the field is absent or only spaces.
    func isBlank(_ column: Int?) -> Bool {
        withBytes(column) { b in ByteCursor(b).isAtEnd }
    }

    /// 1-based character column where field `column` starts (its opening quote if quoted);
    /// one past the last field when the row is shorter.
    func characterColumn(_ column: Int?) -> Int {
        guard let column else { return 1 }
        let offset: Int
        if column < fields.count {
            let f = fields[column]
            offset = f.start > 0 && text[f.start - 1] == 0x22 ? f.start - 1 : f.start
        } else if let last = fields.last {
            offset = last.end
        } else {
            return 1
        }
        return CSVScanner.column(of: offset, in: text)
    }

    /// True when every field is blank (a row of only delimiters).
    var isEmptyRow: Bool {
        for k in 0..<fields.count where !isBlank(k) { return false }
        return true
    }
}

extension CSVTable {
    /// Calls `body` with every data row.
    func forEachRow(_ body: (RowView) throws(IngestError) -> Void) throws(IngestError) {
        var failure: IngestError?
        forEachRow(in: 0..<rowCount) { _, row in
            guard failure == nil else { return }
            do throws(IngestError) { try body(row) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Calls `body` with the data rows `rows` (0 = the first after the header) and their numbers;
    /// each row's fields are scanned again (see `CSVTable`) and valid only during its call.
    func forEachRow(in rows: Range<Int>, _ body: (Int, RowView) -> Void) {
        text.withUnsafeBufferPointer { t in
            let fields = FieldList()
            for r in rows {
                let info = records[r + 1]
                CSVTable.scan(t, delimiter: delimiter, info, into: fields)
                body(r, RowView(text: t, fields: fields.buffer, line: info.line))
            }
        }
    }
}
