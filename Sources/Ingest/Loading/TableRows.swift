/// The data rows of a file read through a table: one whole-file `CSVTable`, or the windows of a
/// large UTF-8 file (`CSVWindows`), which give the same rows with the same lines and columns
/// while holding a few MiB of the file at a time.
struct TableRows {
    /// The whole table, or the first window (header, header line and columns).
    let first: CSVTable
    let windows: CSVWindows?
    /// Data rows of the whole file.
    let rowCount: Int

    /// `RowBlocks.forEachRow` over every data row in file order (the windows' rows in one pass).
    func forEachRow<Decoded: Sendable>(
        threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, consuming Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try withTables { (next: () throws(IngestError) -> CSVTable?) throws(IngestError) in
            try RowBlocks.forEachRow(tables: next, rows: rowCount, threads: threads, decode: decode, use: use)
        }
    }

    /// `RowBlocks.forEachRowInPlace` over every data row in file order (the windows' rows in one pass).
    func forEachRowInPlace<Decoded: Sendable>(
        threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, inout Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        try withTables { (next: () throws(IngestError) -> CSVTable?) throws(IngestError) in
            try RowBlocks.forEachRowInPlace(tables: next, rows: rowCount, threads: threads, decode: decode, use: use)
        }
    }

    /// Threads to decode the rows on: `requested` when set (tests), else 2 from
    /// `RowBlocks.parallelMinimumRows` rows up (of the whole file).
    func threads(requested: Int?) -> Int {
        requested ?? (rowCount >= RowBlocks.parallelMinimumRows ? 2 : 1)
    }

    /// Calls `body` with every data row in file order, on the calling thread.
    func forEachRow(_ body: (RowView) throws(IngestError) -> Void) throws(IngestError) {
        try withTables { (next: () throws(IngestError) -> CSVTable?) throws(IngestError) in
            while let table = try next() { try table.forEachRow(body) }
        }
    }

    /// Calls `body` with `next`, which gives the whole table, or the windows in file order
    /// (`CSVWindows.Reader`), one by one (nil after the last); then waits for a window still
    /// being read ahead.
    private func withTables(_ body: (_ next: () throws(IngestError) -> CSVTable?) throws(IngestError) -> Void)
        throws(IngestError) {
        var whole: CSVTable? = windows == nil ? first : nil
        let reader = windows.map(CSVWindows.Reader.init)
        defer { reader?.finish() }
        try body { () throws(IngestError) -> CSVTable? in
            if let reader { return try reader.next() }
            defer { whole = nil }
            return whole
        }
    }
}
