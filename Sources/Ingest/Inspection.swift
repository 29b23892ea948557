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
/// - Parameter entity: what the file holds; default: from the file name, else from the header.
public func inspect(path: String, options: IngestOptions = IngestOptions(), entity given: Entity? = nil)
    throws(IngestError) -> InspectionReport {
    let bytes: [UInt8]
    do { bytes = try FileSource(path: path).readAll() } catch { throw .unreadable(path: path, reason: error.reason) }
    var table: CSVTable
    do { table = try CSVTable(bytes: bytes) } catch {
        switch error {
        case .empty: throw .empty(path: path)
        case .binary(let offset): throw .binary(path: path, offset: offset)
        case .unterminatedQuote(let line, let column): throw .unterminatedQuote(path: path, line: line, column: column)
        }
    }
    var problems: [String] = []
    var hasErrors = false
    func note(_ p: String) { if problems.count < 20 { problems.append(p) } }
    func error(_ e: IngestError) {
        note(e.description)
        hasErrors = true
    }
    // Space-aligned columns (see `AlignedText`): read as the loader reads them.
    var options = options
    var aligned: AlignedText?
    var lineShift = 0
    if table.header.count == 1 {
        do { aligned = try AlignedText.read(bytes) } catch let problem { error(.alignedText(path: path, problem: problem)) }
    }
    var entity = given
    var reason = "given"
    var format: ExportFormat?
    if let aligned {
        table = aligned.table
        lineShift = aligned.addedHeader ? 1 : 0
        if aligned.isOrderLayout && (entity == nil || entity == .orders) {
            entity = .orders
            reason = "content: space-aligned customer id, date, quantity, amount"
            if aligned.addedHeader {
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
                try table.forEachRow { row throws(IngestError) in body(row) }
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
    if let reader, let entity {
        let dates = (FieldReader.dateFields[entity] ?? []).filter { reader.column($0) != nil }
        let amounts = (FieldReader.amountFields[entity] ?? []).filter { reader.column($0) != nil }
        try table.forEachRow { row throws(IngestError) in
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
    }
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
    return InspectionReport(path: path, encoding: table.encoding, delimiter: delimiter, rowCount: table.rowCount,
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
