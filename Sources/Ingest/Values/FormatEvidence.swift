/// What a file's rows show of their date columns' day/month order and their amount columns'
/// decimal mark (see `FieldReader.settleFormats`), gathered row by row. The rows of a whole
/// table may be split between threads: each part gathers its own, and the parts appended in
/// row order give what one pass over all rows gives (`DateParsing.OrderEvidence.append`,
/// `MoneyParsing.MarkEvidence.append`).
struct FormatEvidence: Sendable {
    /// The date and amount columns looked at (nil: absent), by position.
    let dateColumns: [Int?]
    let amountColumns: [Int?]
    var dates: [DateParsing.OrderEvidence]
    var amounts: [MoneyParsing.MarkEvidence]

    init(dateColumns: [Int?], amountColumns: [Int?]) {
        self.dateColumns = dateColumns
        self.amountColumns = amountColumns
        dates = Array(repeating: .init(), count: dateColumns.count)
        amounts = Array(repeating: .init(), count: amountColumns.count)
    }

    /// Adds one row's values.
    mutating func see(_ row: RowView) {
        for k in dateColumns.indices {
            row.withBytes(dateColumns[k]) { dates[k].see($0, row: row.line) }
        }
        for k in amountColumns.indices {
            row.withBytes(amountColumns[k]) { amounts[k].see($0) }
        }
    }

    /// Adds the evidence of rows that come after these (the same columns).
    mutating func append(_ later: FormatEvidence) {
        for k in dates.indices { dates[k].append(later.dates[k]) }
        for k in amounts.indices { amounts[k].append(later.amounts[k]) }
    }

    /// The evidence of every data row of `table`, gathered on `threads` threads (each a
    /// consecutive part of the rows), starting from `empty`.
    static func gathered(_ table: CSVTable, threads: Int, from empty: FormatEvidence) -> FormatEvidence {
        let rows = table.rowCount
        let parts = max(1, min(threads, rows))
        let results = PartitionResults<FormatEvidence>(count: parts)
        WorkerThreads.run(parts) { k in
            var evidence = empty
            table.forEachRow(in: rows * k / parts ..< rows * (k + 1) / parts) { _, row in evidence.see(row) }
            results.store(k, evidence)
        }
        var all = empty
        for k in 0..<parts { all.append(results.take(k)!) }
        return all
    }
}
