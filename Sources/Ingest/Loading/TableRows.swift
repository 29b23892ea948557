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
        var tables = tableSequence()
        defer { tables.finish() }
        try RowBlocks.forEachRow(tables: { () throws(IngestError) in try tables.next() }, rows: rowCount, threads: threads,
                                 decode: decode, use: use)
    }

    /// `RowBlocks.forEachRowInPlace` over every data row in file order (the windows' rows in one pass).
    func forEachRowInPlace<Decoded: Sendable>(
        threads: Int, decode: @escaping @Sendable (RowView) -> Decoded,
        use: (RowView, inout Decoded) throws(IngestError) -> Void
    ) throws(IngestError) {
        var tables = tableSequence()
        defer { tables.finish() }
        try RowBlocks.forEachRowInPlace(tables: { () throws(IngestError) in try tables.next() }, rows: rowCount,
                                        threads: threads, decode: decode, use: use)
    }

    /// Threads to decode the rows on: `requested` when set (tests), else 2 from
    /// `RowBlocks.parallelMinimumRows` rows up (of the whole file).
    func threads(requested: Int?) -> Int {
        requested ?? (rowCount >= RowBlocks.parallelMinimumRows ? 2 : 1)
    }

    /// Calls `body` with every data row in file order, on the calling thread.
    func forEachRow(_ body: (RowView) throws(IngestError) -> Void) throws(IngestError) {
        try forEachTable { table throws(IngestError) in try table.forEachRow(body) }
    }

    /// The whole table, or the windows in file order, one by one.
    private func tableSequence() -> Tables {
        Tables(whole: windows == nil ? first : nil, windows: windows.map(CSVWindows.Reader.init))
    }

    private struct Tables {
        var whole: CSVTable?
        let windows: CSVWindows.Reader?

        mutating func next() throws(IngestError) -> CSVTable? {
            if let windows { return try windows.next() }
            defer { whole = nil }
            return whole
        }

        func finish() { windows?.finish() }
    }

    /// Calls `body` with the whole table, or with each window in file order.
    private func forEachTable(_ body: (CSVTable) throws(IngestError) -> Void) throws(IngestError) {
        guard let windows else { return try body(first) }
        try windows.forEach(body)
    }
}
