import Model

/// Orders from a space-aligned text export (see `AlignedText`), e.g. `CDNOW_master.txt`.
/// The file's head (its first 64 KiB) settles the layout; the file is then streamed line by
/// line (`AlignedTextStream`), twice: once for the formats of its dates and amounts, once for
/// the orders, so memory does not grow with its length. Each line is one order: the customer
/// (`customer_id`), the day (`date`, `yyyyMMdd` in the CDNOW layout) and the amount
/// (`amount`, in the report currency; the quantity is not needed). A file with a header is
/// mapped like any orders file; the CDNOW layout without a header gets its four columns by
/// position. Rows follow the orders rules (`bad_date`, `bad_amount`, `unknown_customer`, …)
/// and keep their own line numbers.
extension DatasetBuilder {
    /// Loads `path` as aligned-text orders when it is aligned text; false when it is not.
    mutating func loadAlignedOrders(_ path: String) throws(IngestError) -> Bool {
        guard let head = AlignedText.head(path), let decoded = try? TextDecoder.decode(head) else { return false }
        let sample: AlignedText
        do {
            guard let a = try AlignedText.read(decoded: decoded) else { return false }
            sample = a
        } catch {
            throw .alignedText(path: path, problem: error)
        }
        let file: FileSource
        do { file = try FileSource(path: path) } catch { throw .unreadable(path: path, reason: error.reason) }
        let stream = AlignedTextStream(file: file, path: path, layout: sample.layout, encoding: decoded.encoding)
        // The head's table is the sample the customer join chooses its key column from.
        let table = sample.table
        var fileOptions = joinOptions(path, .orders, table: table)
        if sample.isOrderLayout && fileOptions.mapping.header(for: .orders, "customer") == nil {
            for (field, k) in [("customer", 0), ("date", 1), ("amount", 3)] {
                try? fileOptions.mapping.set(.orders, field, to: table.header[k])
            }
        }
        var reader = try FieldReader(path: path, entity: .orders, header: table.header, options: fileOptions)
        try reader.settleFormats(options: fileOptions, headerLine: table.headerLine, headerColumn: table.headerColumn) {
            (body: (RowView) -> Void) throws(IngestError) in
            try stream.forEachRow(raw: { _ in }) { row throws(IngestError) in body(row) }
        }
        var accounting = InputAccounting(path: path, entity: Entity.orders.rawValue, warnings: table.warnings)
        accounting.warnings.append("read as columns aligned with spaces: " + table.header.joined(separator: ", ")
            + (sample.addedHeader ? " (no header line; the columns are those of the CDNOW layout)" : ""))
        var digest = SHA256()
        try stream.forEachRow(raw: { digest.update($0) }) { row throws(IngestError) in
            do throws(RowSkip) {
                try reader.checkShape(row)
                let day = try reader.requiredDay("date", row)
                guard let (amount, currency) = try reader.amount("amount", row) else {
                    throw RowSkip(reason: "bad_amount", column: reader.column("amount"),
                                  message: "no amount in column \"\(reader.headerName("amount"))\"")
                }
                guard let customerText = reader.text("customer", row) else {
                    throw RowSkip(reason: "missing_customer", column: reader.column("customer"), message: "no customer id")
                }
                var key = customerText
                guard let customer = key.withUTF8({ revenueCustomer($0, day: day, line: row.line) }) else {
                    throw RowSkip(reason: "unknown_customer", column: reader.column("customer"),
                                  message: "customer \"\(customerText)\" is not in the customer file")
                }
                let value = currency == nil ? amount : book.convert(amount, currency: currency)
                orders.append(Order(customer: customer, day: day, amount: value))
                accounting.use()
            } catch {
                accounting.skip(error.reason, line: row.line, column: row.characterColumn(error.column),
                                message: error.message)
            }
        }
        applyRevenueSignups()
        accounting.sha256 = digest.finalizeHex()
        dataset.inputs.append(accounting)
        try finish(accounting)
        return true
    }
}
