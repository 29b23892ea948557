import Model

/// A row that cannot be used: the reason key, the field at fault and a message.
struct RowSkip: Error {
    var reason: String
    var column: Int?
    var message: String
    /// Physical rows the skip stands for: more than 1 when a runaway quote joined several.
    var rows = 1
}

/// Reads canonical fields out of the rows of one file: its resolved columns, the day/month
/// order of each date column and the decimal mark of each amount column.
struct FieldReader: Sendable {
    let path: String
    let entity: Entity
    let header: [String]
    let columns: ColumnResolution
    let timeZone: ReportTimeZone
    /// See `IngestOptions.latestEventDay`.
    let latestEventDay: Day?
    /// The product format the file was recognised as; nil for a generic export.
    let format: ExportFormat?
    var dateOrders: [String: DayMonthOrder] = [:] { didSet { orderList = dateOrders.map { ($0.key, $0.value) } } }
    var marks: [String: DecimalMark] = [:] { didSet { markList = marks.map { ($0.key, $0.value) } } }
    /// The same as `columns`, `dateOrders` and `marks`, as short lists: rows look fields up by
    /// name many times, and comparing short (inline) strings is cheaper than hashing them.
    /// Field names are ASCII, so they are compared as bytes (`sameField`): `==` on strings that
    /// differ takes Unicode's slow path.
    private var columnList: [(String, Int)] = []
    private var orderList: [(String, DayMonthOrder)] = []
    private var markList: [(String, DecimalMark)] = []

    static let dateFields: [Entity: [String]] = [
        .customers: ["signup", "churn_date", "last_seen"],
        .subscriptions: ["start", "end"],
        .orders: ["date"],
        .surveys: ["date"],
        .tickets: ["created", "first_response", "resolved"],
    ]
    static let amountFields: [Entity: [String]] = [
        .subscriptions: ["amount", "tax"],
        .orders: ["amount", "tax", "refunded"],
    ]

    /// Resolves the columns of `header`; fails when an explicit mapping names a missing header
    /// or a required field has no column.
    init(path: String, entity: Entity, header: [String], options: IngestOptions,
         format given: ExportFormat? = nil) throws(IngestError) {
        self.path = path
        self.entity = entity
        self.header = header
        self.timeZone = options.timeZone
        self.latestEventDay = options.latestEventDay
        let format = given ?? options.preset.flatMap { ExportRecognition.productFormat($0, entity) }
        self.format = format
        do {
            columns = try ColumnResolution.resolve(header: header, entity: entity, mapping: options.mapping,
                                                   preset: options.preset, format: format)
        } catch {
            throw .mappedHeaderMissing(path: path, entity: entity, field: error.field, header: error.header,
                                       available: header)
        }
        columnList = columns.columns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for field in entity.requiredFields where columns[field] == nil {
            let tried = (format?.candidates(field) ?? []) + (options.preset?.candidates(entity, field) ?? [])
                + HeaderSynonyms.candidates(entity, field)
            throw .missingColumn(path: path, entity: entity, field: field, tried: tried)
        }
    }

    @inline(__always)
    func column(_ field: String) -> Int? {
        for (name, c) in columnList where Self.sameField(name, field) { return c }
        return nil
    }

    @inline(__always)
    func dateOrder(_ field: String) -> DayMonthOrder? {
        for (name, o) in orderList where Self.sameField(name, field) { return o }
        return nil
    }

    @inline(__always)
    func mark(_ field: String) -> DecimalMark? {
        for (name, m) in markList where Self.sameField(name, field) { return m }
        return nil
    }

    /// Equality of two canonical field names (ASCII) by their bytes.
    @inline(__always)
    static func sameField(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                var k = 0
                while k < x.count { if x[k] != y[k] { return false }; k += 1 }
                return true
            }
        }
    }

    /// A canonical field resolved once per file (after `settleFormats`): its column, and the
    /// day/month order or decimal mark its values are read with. Row decoders read through it
    /// instead of looking the field up by name on every row.
    struct Field: Sendable {
        let name: String
        let column: Int?
        let dateOrder: DayMonthOrder?
        let mark: DecimalMark?
    }

    func field(_ name: String) -> Field {
        Field(name: name, column: column(name), dateOrder: dateOrder(name), mark: mark(name))
    }

    func headerName(_ field: Field) -> String {
        guard let c = field.column, c < header.count else { return field.name }
        return header[c]
    }

    func headerName(_ field: String) -> String {
        guard let c = column(field), c < header.count else { return field }
        return header[c]
    }

    /// Settles the day/month order of every date column and the decimal mark of every amount
    /// column from `rows` (all rows of a table, or a sample of a stream).
    /// - Throws: `ambiguousDates` / `contradictoryDates`, located at the column's header.
    mutating func settleFormats(options: IngestOptions, headerLine: Int, headerColumn: (Int) -> Int,
                                rows: ((RowView) -> Void) throws(IngestError) -> Void) throws(IngestError) {
        try settleFormats(options: options, headerLine: headerLine, headerColumn: headerColumn) {
            (evidence: inout FormatEvidence) throws(IngestError) in
            try rows { evidence.see($0) }
        }
    }

    /// `settleFormats` from every data row of `table`, read on `threads` threads (`FormatEvidence`).
    mutating func settleFormats(options: IngestOptions, headerLine: Int, headerColumn: (Int) -> Int,
                                table: CSVTable, threads: Int) throws(IngestError) {
        try settleFormats(options: options, headerLine: headerLine, headerColumn: headerColumn) {
            (evidence: inout FormatEvidence) throws(IngestError) in
            evidence = FormatEvidence.gathered(table, threads: threads, from: evidence)
        }
    }

    /// `settleFormats` from the evidence `gather` adds (every data row, in row order).
    mutating func settleFormats(options: IngestOptions, headerLine: Int, headerColumn: (Int) -> Int,
                                gather: (inout FormatEvidence) throws(IngestError) -> Void) throws(IngestError) {
        let dates = (Self.dateFields[entity] ?? []).filter { columns[$0] != nil }
        let amounts = (Self.amountFields[entity] ?? []).filter { columns[$0] != nil }
        var evidence: [String: DateParsing.OrderEvidence] = [:]
        var markEvidence: [String: MoneyParsing.MarkEvidence] = [:]
        var configured: [String: DayMonthOrder?] = [:]
        for field in dates {
            if let setting = try options.dateOrder(entity: entity, field: field, header: headerName(field)) {
                configured[field] = .some(setting)
            }
        }
        let needEvidence = dates.filter { !configured.keys.contains($0) }
        if !needEvidence.isEmpty || !amounts.isEmpty {
            // Per row: columns and evidence by position, no dictionary lookup.
            var gathered = FormatEvidence(dateColumns: needEvidence.map { columns[$0] },
                                          amountColumns: amounts.map { columns[$0] })
            try gather(&gathered)
            for (k, field) in needEvidence.enumerated() { evidence[field] = gathered.dates[k] }
            for (k, field) in amounts.enumerated() { markEvidence[field] = gathered.amounts[k] }
        }
        // The day/month order the file's date columns prove, when they agree on one.
        let provenOrders = dates.compactMap { evidence[$0].flatMap { $0.dayFirst && $0.monthFirst ? nil : $0.proven } }
        let fileOrder = provenOrders.first.flatMap { first in provenOrders.allSatisfy { $0 == first } ? first : nil }
        for field in dates {
            if configured.keys.contains(field) {
                if let order = configured[field] ?? nil { dateOrders[field] = order }
                continue
            }
            let e = evidence[field] ?? .init()
            let c = columns[field]!
            if e.dayFirst && e.monthFirst {
                throw .contradictoryDates(path: path, line: headerLine, column: headerColumn(c), header: headerName(field))
            }
            if let proven = e.proven {
                dateOrders[field] = proven
            } else if e.firstAmbiguousText != nil, let order = fileOrder {
                // One export writes every date one way: a column that cannot tell takes the
                // order the file's other date columns prove (a report's "closed" dates all ≤ 12).
                dateOrders[field] = order
            } else if let example = e.firstAmbiguousText {
                throw .ambiguousDates(path: path, line: headerLine, column: headerColumn(c), header: headerName(field),
                                      example: example)
            }
        }
        for field in amounts {
            if let m = markEvidence[field]?.proven { marks[field] = m }
        }
    }

    // MARK: - Reading fields

    /// Checks the row has as many fields as the header (extra blank fields are tolerated), and
    /// that no quoted field swallowed the rows after it (`RunawayQuote`): such a record is
    /// skipped as `unclosed_quote`, counting every physical line it covers.
    func checkShape(_ row: RowView) throws(RowSkip) {
        var shapeIsWrong = row.count != header.count
        if row.count > header.count {
            var extraBlank = true
            for k in header.count..<row.count where !row.isBlank(k) { extraBlank = false; break }
            if extraBlank { shapeIsWrong = false }
        }
        if let runaway = RunawayQuote.find(text: row.text, fields: row.fields, line: row.line,
                                           expectedFields: header.count, shapeIsWrong: shapeIsWrong) {
            throw unclosedQuote(runaway, row)
        }
        if shapeIsWrong {
            throw RowSkip(reason: "wrong_field_count", column: min(row.count, header.count),
                          message: "row has \(row.count) fields, the header has \(header.count)")
        }
    }

    func text(_ field: String, _ row: RowView) -> String? { text(self.field(field), row) }

    func text(_ field: Field, _ row: RowView) -> String? {
        guard let c = field.column else { return nil }
        return row.string(c)
    }

    /// The written date in `field`; nil when the column is absent or the cell empty.
    func writtenDate(_ field: String, _ row: RowView) throws(RowSkip) -> WrittenDate? {
        try writtenDate(self.field(field), row)
    }

    @inline(__always)
    func writtenDate(_ field: Field, _ row: RowView) throws(RowSkip) -> WrittenDate? {
        guard let c = field.column else { return nil }
        let order = field.dateOrder
        let reading = row.withBytes(c) { DateParsing.read($0, order: order) }
        switch reading {
        case .date(let w): return w
        case .empty: return nil
        case .ambiguous:
            throw RowSkip(reason: "bad_date", column: c,
                          message: "date \"\(row.string(c) ?? "")\" in column \"\(headerName(field))\" could be day-first or month-first")
        case .invalid:
            throw RowSkip(reason: "bad_date", column: c,
                          message: "cannot read date \"\(row.string(c) ?? "")\" in column \"\(headerName(field))\"")
        }
    }

    /// The report day of `field`; nil when absent or empty.
    func day(_ field: String, _ row: RowView) throws(RowSkip) -> Day? { try day(self.field(field), row) }

    @inline(__always)
    func day(_ field: Field, _ row: RowView) throws(RowSkip) -> Day? {
        try writtenDate(field, row).map { timeZone.day(of: $0) }
    }

    /// The report day of a field that must be present.
    func requiredDay(_ field: String, _ row: RowView) throws(RowSkip) -> Day { try requiredDay(self.field(field), row) }

    @inline(__always)
    func requiredDay(_ field: Field, _ row: RowView) throws(RowSkip) -> Day {
        guard let d = try day(field, row) else {
            throw RowSkip(reason: "bad_date", column: field.column,
                          message: "no date in column \"\(headerName(field))\"")
        }
        return d
    }

    /// `day`, the event date in `field`, unless it is after `latestEventDay` (`future_date`).
    @inline(__always)
    func notAfterToday(_ day: Day, _ field: String, _ row: RowView) throws(RowSkip) -> Day {
        guard let latest = latestEventDay, day > latest else { return day }
        return try notAfterToday(day, self.field(field), row)
    }

    @inline(__always)
    func notAfterToday(_ day: Day, _ field: Field, _ row: RowView) throws(RowSkip) -> Day {
        guard let latest = latestEventDay, day > latest else { return day }
        let c = field.column
        throw RowSkip(reason: "future_date", column: c,
                      message: "date \"\(row.string(c) ?? "")\" in column \"\(headerName(field))\" is after today (\(latest))")
    }

    func instant(_ field: String, _ row: RowView) throws(RowSkip) -> Instant? {
        try writtenDate(field, row).map { timeZone.instant(of: $0) }
    }

    /// The amount in `field` and the currency its cell names; nil when absent or empty.
    func amount(_ field: String, _ row: RowView) throws(RowSkip) -> (value: Double, currency: String?)? {
        try amount(self.field(field), row)
    }

    func amount(_ field: Field, _ row: RowView) throws(RowSkip) -> (value: Double, currency: String?)? {
        guard let c = field.column else { return nil }
        let mark = field.mark
        let reading = row.withBytes(c) { MoneyParsing.read($0, mark: mark) }
        switch reading {
        case .amount(let v, let currency): return (v, currency)
        case .empty: return nil
        case .invalid:
            throw RowSkip(reason: "bad_amount", column: c,
                          message: "cannot read amount \"\(row.string(c) ?? "")\" in column \"\(headerName(field))\"")
        case .outOfRange:
            throw RowSkip(reason: "bad_amount", column: c,
                          message: "amount in column \"\(headerName(field))\" is out of range (more than 10^15)")
        }
    }

    /// A plain number (quantity, score, minutes); nil when absent or empty.
    func number(_ field: String, _ row: RowView, reason: String = "bad_amount") throws(RowSkip) -> Double? {
        try number(self.field(field), row, reason: reason)
    }

    func number(_ field: Field, _ row: RowView, reason: String = "bad_amount") throws(RowSkip) -> Double? {
        guard let c = field.column else { return nil }
        let reading = row.withBytes(c) { MoneyParsing.read($0, mark: nil) }
        switch reading {
        case .amount(let v, nil): return v
        case .empty: return nil
        default:
            throw RowSkip(reason: reason, column: c,
                          message: "cannot read number \"\(row.string(c) ?? "")\" in column \"\(headerName(field))\"")
        }
    }

    /// The skip for a record a runaway quote joined: every physical row it covers.
    func unclosedQuote(_ runaway: RunawayQuote, _ row: RowView) -> RowSkip {
        let last = row.line + runaway.lines - 1
        return RowSkip(reason: "unclosed_quote", column: runaway.field,
                       message: "the quote opened on line \(runaway.line), column \(runaway.column) is closed only on line "
                        + "\(last), so lines \(row.line)–\(last) were read as one row; a closing quote is probably missing "
                        + "(\(runaway.lines) rows skipped)",
                       rows: runaway.lines)
    }

    /// Records a skip in `accounting`, located at the field at fault. A row skipped for another
    /// reason that a runaway quote joined (the streamed orders path checks shape only when the
    /// field count differs) is counted as `unclosed_quote` with every row it covers; only
    /// skipped rows pay for that check.
    func skip(_ s: RowSkip, _ row: RowView, into accounting: inout InputAccounting) {
        var s = s
        if s.rows == 1, let runaway = RunawayQuote.find(text: row.text, fields: row.fields, line: row.line,
                                                        expectedFields: header.count, shapeIsWrong: false) {
            s = unclosedQuote(runaway, row)
        }
        accounting.skip(s.reason, line: row.line, column: row.characterColumn(s.column), message: s.message, rows: s.rows)
    }
}
