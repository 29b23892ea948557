/// What `retention inspect` shows about one file: how it was read and how its columns map.
public struct InspectionReport: Sendable, CustomStringConvertible {
    public struct Column: Sendable, Equatable {
        public var header: String
        /// The canonical field it maps to (`id`, `signup`, …), nil when unmapped.
        public var field: String?
        /// "mapping", a preset name, or "auto".
        public var source: String?
        /// Up to three non-empty values, in file order.
        public var samples: [String]
        /// Notes on how values are read, e.g. "minor units" for `amount_in_cents`.
        public var notes: [String] = []

        /// The "maps to" cell: `id`, `signup (hubspot)`, `amount (mapping; minor units)`, or `-`.
        public var mapsTo: String {
            guard let field else { return "-" }
            var extras: [String] = []
            if let source, source != "auto" { extras.append(source) }
            extras += notes
            return extras.isEmpty ? field : "\(field) (\(extras.joined(separator: "; ")))"
        }
    }

    public var path: String
    public var encoding: TextEncoding
    /// The delimiter as text (`,` `;` `\t` shown as "tab", `|`).
    public var delimiter: String
    public var rowCount: Int
    public var entity: Entity?
    /// Why the entity was chosen: "file name", "header", or "given".
    public var entityReason: String
    public var columns: [Column]
    /// Located problems, e.g. "line 4: row has 2 fields, the header has 3".
    public var problems: [String]
    public var warnings: [String]
    /// True when a problem stops `retention report` from using the file (an `error:` line:
    /// ambiguous dates, a missing column, an unsplittable layout); rows that would only be
    /// skipped do not count.
    public var hasErrors = false

    public var description: String {
        var lines: [String] = []
        lines.append(path)
        lines.append("  encoding: \(encoding), delimiter: \(delimiter), \(rowCount) data row\(rowCount == 1 ? "" : "s")")
        if let entity {
            lines.append("  holds: \(entity) (by \(entityReason))")
        } else {
            lines.append("  holds: unknown (name it with --customers/--subscriptions/--orders/--surveys/--tickets)")
        }
        for w in warnings { lines.append("  warning: \(w)") }
        // Widths come from the text as printed ("id (hubspot)", not "id"), so columns stay aligned.
        let mapsTo = columns.map(\.mapsTo)
        let width = max(6, columns.map { $0.header.count }.max() ?? 0)
        let fieldWidth = max(7, mapsTo.map(\.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        lines.append("  " + pad("column", width) + "  " + pad("maps to", fieldWidth) + "  samples")
        for (c, field) in zip(columns, mapsTo) {
            var row = "  " + pad(c.header, width) + "  " + pad(field, fieldWidth) + "  "
                + c.samples.map { $0.replacingNewlines() }.joined(separator: " | ")
            while row.hasSuffix(" ") { row.removeLast() }
            lines.append(row)
        }
        if problems.isEmpty {
            lines.append("  problems: none found")
        } else {
            lines.append("  problems:")
            for p in problems { lines.append("    " + p) }
        }
        return lines.joined(separator: "\n")
    }
}

/// Reads `path` and reports its encoding, delimiter, rows, headers, the canonical field each
/// column maps to (with `options.mapping` and `options.preset` applied), three sample values
/// per column and the problems the loader would meet (ragged rows, unreadable dates and
/// amounts, ambiguous date columns, missing required columns). At most 20 problems are listed.
/// Space-aligned text is read as `report` reads it (`AlignedOrderRows`): the layout, header and
/// samples from the file's head, every line streamed, so memory does not grow with its length.
/// - Parameter entity: what the file holds; default: from the file name, else from the header.
public func inspect(path: String, options: IngestOptions = IngestOptions(), entity given: Entity? = nil)
    throws(IngestError) -> InspectionReport {
    if let rows = InspectedRows.alignedHead(path: path) {
        do {
            return try inspect(path: path, rows: rows, options: options, entity: given, problems: [])
        } catch {
            // A line past the head breaks the layout: the file is read whole below, which names it.
            guard case .alignedText = error else { throw error }
        }
    }
    let bytes: [UInt8]
    do { bytes = try FileSource(path: path).readAll() } catch { throw .unreadable(path: path, reason: error.reason) }
    let table: CSVTable
    do { table = try CSVTable(bytes: bytes) } catch {
        switch error {
        case .empty: throw .empty(path: path)
        case .binary(let offset): throw .binary(path: path, offset: offset)
        case .unterminatedQuote(let line, let column): throw .unterminatedQuote(path: path, line: line, column: column)
        }
    }
    var problems: [String] = []
    var rows = InspectedRows(table: table)
    if table.header.count == 1 {
        do {
            if let aligned = try AlignedText.read(bytes) {
                rows = InspectedRows(table: aligned.table, aligned: aligned, lineShift: aligned.addedHeader ? 1 : 0)
            }
        } catch let problem {
            problems.append(IngestError.alignedText(path: path, problem: problem).description)
        }
    }
    return try inspect(path: path, rows: rows, options: options, entity: given, problems: problems)
}

/// The rows `inspect` reads: a table read whole, or, for space-aligned text, the head's table
/// (header and samples) with a stream of every data line (`AlignedTextStream`).
struct InspectedRows {
    /// The header, samples, encoding, delimiter and warnings; all rows unless `stream` is set.
    var table: CSVTable
    var aligned: AlignedText?
    var stream: AlignedTextStream?
    /// Lines the table's rows are numbered past the file's (1 when a CDNOW header was added).
    var lineShift = 0

    init(table: CSVTable, aligned: AlignedText? = nil, stream: AlignedTextStream? = nil, lineShift: Int = 0) {
        (self.table, self.aligned, self.stream, self.lineShift) = (table, aligned, stream, lineShift)
    }

    /// The file at `path` as aligned text read from its head (first 64 KiB), as `report` reads it;
    /// nil when the head is not aligned text (or cannot be split: the whole file is then read).
    static func alignedHead(path: String) -> InspectedRows? {
        guard let head = AlignedText.head(path), let decoded = try? TextDecoder.decode(head),
              let headTable = try? CSVTable(bytes: head), headTable.header.count == 1,
              let sample = try? AlignedText.read(decoded: decoded),
              let file = try? FileSource(path: path) else { return nil }
        let stream = AlignedTextStream(file: file, path: path, layout: sample.layout, encoding: decoded.encoding)
        return InspectedRows(table: sample.table, aligned: sample, stream: stream)
    }

    func forEachRow(_ body: (RowView) throws(IngestError) -> Void) throws(IngestError) {
        if let stream { try stream.forEachRow(raw: { _ in }, body) } else { try table.forEachRow(body) }
    }
}

/// `inspect` of rows already read: recognition, mapping, per-row checks and the column report.
func inspect(path: String, rows: InspectedRows, options: IngestOptions, entity given: Entity?, problems found: [String])
    throws(IngestError) -> InspectionReport {
    let table = rows.table
    var problems: [String] = []
    var hasErrors = !found.isEmpty
    func note(_ p: String) { if problems.count < 20 { problems.append(p) } }
    for p in found { note(p) }
    func error(_ e: IngestError) {
        note(e.description)
        hasErrors = true
    }
    var options = options
    let aligned = rows.aligned
    let lineShift = rows.lineShift
    var entity = given
    var reason = "given"
    var format: ExportFormat?
    if let aligned {
        if aligned.isOrderLayout && (entity == nil || entity == .orders) {
            entity = .orders
            reason = "content: space-aligned customer id, date, quantity, amount"
            // As the loader does (see `loadAlignedOrders`): the CDNOW columns by position.
            if options.mapping.header(for: .orders, "customer") == nil {
                for (field, k) in [("customer", 0), ("date", 1), ("amount", 3)] {
                    try? options.mapping.set(.orders, field, to: table.header[k])
                }
            }
        }
    }
    // A product's export is recognised by its header first, as `report --input` does.
    if entity == nil, let r = ExportRecognition.recognise(header: table.header, fileName: InputPlan.fileName(path),
                                                          product: options.preset), r.format?.notUsedBecause == nil {
        (entity, format, reason) = (r.entity, r.format, r.format.map { "header: \($0)" } ?? r.evidence)
    }
    if entity == nil, let byName = InputFiles.entity(forFileName: path.split(separator: "/").last.map(String.init) ?? path) {
        entity = byName
        reason = "file name"
    }
    if entity == nil {
        entity = Entity.allCases.map { ($0, ColumnResolution.fitScore(header: table.header, entity: $0)) }
            .filter { $0.1 >= 4 }.max { $0.1 < $1.1 }?.0
        reason = "header"
    }
    for row in table.nulRows { note("\(path):\(row.line):\(row.column): \(NULRows.message)") }
    var resolution = ColumnResolution()
    var reader: FieldReader?
    if let entity {
        do {
            resolution = try ColumnResolution.resolve(header: table.header, entity: entity, mapping: options.mapping,
                                                      preset: options.preset, format: format)
            var r = try FieldReader(path: path, entity: entity, header: table.header, options: options, format: format)
            try r.settleFormats(options: options, headerLine: table.headerLine, headerColumn: table.headerColumn) {
                (body: (RowView) -> Void) throws(IngestError) in
                try rows.forEachRow { row throws(IngestError) in body(row) }
            }
            reader = r
        } catch let e as IngestError {
            error(e)
        } catch {
            note("\(error)")
            hasErrors = true
        }
    }
    // Per-row checks with the loader's own field readers.
    // A streamed file's rows are counted as they are read.
    var rowCount = rows.stream == nil ? table.rowCount : 0
    var counted = rows.stream == nil
    if let reader, let entity {
        let dates = (FieldReader.dateFields[entity] ?? []).filter { reader.column($0) != nil }
        let amounts = (FieldReader.amountFields[entity] ?? []).filter { reader.column($0) != nil }
        let counting = !counted
        try rows.forEachRow { row throws(IngestError) in
            if counting { rowCount += 1 }
            do throws(RowSkip) { try reader.checkShape(row) } catch {
                note("\(path):\(row.line - lineShift):\(row.characterColumn(error.column)): \(error.message)")
                return
            }
            for field in dates {
                do throws(RowSkip) { _ = try reader.writtenDate(field, row) } catch {
                    note("\(path):\(row.line - lineShift):\(row.characterColumn(error.column)): \(error.message)")
                }
            }
            for field in amounts {
                do throws(RowSkip) { _ = try reader.amount(field, row) } catch {
                    note("\(path):\(row.line - lineShift):\(row.characterColumn(error.column)): \(error.message)")
                }
            }
        }
        counted = true
    }
    if !counted { try rows.forEachRow { _ throws(IngestError) in rowCount += 1 } }
    var columns: [InspectionReport.Column] = []
    for (k, header) in table.header.enumerated() {
        let field = resolution.columns.first { $0.value == k }?.key
        var samples: [String] = []
        var r = 0
        while samples.count < 3 && r < table.rowCount {
            let v = table.string(row: r, column: k).trimmingSpaces()
            if !v.isEmpty { samples.append(v) }
            r += 1
        }
        var notes: [String] = []
        if let field, ["amount", "tax", "refunded"].contains(field), MinorUnits.isMinorUnitHeader(header) {
            notes.append("minor units")
        }
        if field == "first_response_minutes" {
            notes.append("duration in " + (DurationParsing.unit(forHeader: header).map { "\($0)" } ?? "minutes")
                + " or HH:MM:SS")
        }
        columns.append(.init(header: header, field: field, source: field.flatMap { resolution.sources[$0] }, samples: samples,
                             notes: notes))
    }
    let delimiter: String
    switch table.delimiter {
    case _ where aligned != nil: delimiter = "none, columns aligned with spaces"
    case 0x09: delimiter = "tab"
    default: delimiter = "\"" + String(UnicodeScalar(table.delimiter)) + "\""
    }
    return InspectionReport(path: path, encoding: table.encoding, delimiter: delimiter, rowCount: rowCount,
                            entity: entity, entityReason: reason, columns: columns, problems: problems,
                            warnings: table.warnings, hasErrors: hasErrors)
}

extension String {
    func replacingNewlines() -> String {
        var out = ""
        for ch in self { out += ch == "\n" || ch == "\r\n" || ch == "\r" ? "⏎" : String(ch) }
        return out
    }
}
