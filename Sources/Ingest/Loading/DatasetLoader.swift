import Model

/// Builds a `Dataset` from the input files.
///
/// Rules (every row of every file ends up used or skipped under a reason, so for each file
/// rows read = rows used + rows skipped; blank lines are not rows):
/// - Any row whose field count differs from the header's is skipped as `wrong_field_count`
///   (extra trailing blank fields are tolerated); a row of only blank fields as `empty_row`.
/// - Customers: an empty id is `missing_id`; a repeated id keeps the first row and skips the
///   later ones as `duplicate_id`; an unreadable or empty signup date is `bad_date`. An
///   unreadable optional date (churn date, last seen) leaves that value empty and adds a file
///   warning. Columns not mapped to a canonical field become customer attributes.
/// - Subscriptions and orders must name a known customer (`unknown_customer`, or
///   `missing_customer` when empty) — unless no customers file is given, in which case each new
///   customer id creates a customer whose signup is its earliest subscription start or order day.
/// - Subscriptions: unreadable start/end dates (`bad_date`, also when the end is before the
///   start), amounts, quantities or taxes (`bad_amount`), unknown intervals (`bad_interval`),
///   a canceled status without an end date (`missing_end_date`), repeated ids (`duplicate_id`).
///   MRR = (amount − tax) × quantity × interval factor, converted to the report currency;
///   status trialing or amount 0 makes a trial with MRR 0.
/// - Orders: see `OrderStream`; repeated invoice ids are `duplicate_id`.
/// - Surveys and tickets may name customers the customer file does not know: they are kept
///   with `customer == nil` (they still count in overall satisfaction and support numbers)
///   and the file gets a warning with their count. Surveys: unreadable dates `bad_date`,
///   scores outside the kind's range `bad_score`, unknown kinds `bad_kind`, offered-but-not-
///   answered Zendesk ratings `no_rating`. Tickets: unreadable dates `bad_date`, repeated ids
///   `duplicate_id`, unknown priorities `bad_priority`.
/// - A product's own rows and records the report leaves out on purpose (see `RowRules`:
///   `not_paid`, `refunded`, `cancelled`, `open_deal`, `lost_deal`, `no_rating`, `report_footer`,
///   `extra_header_row`, `continuation_row`, `not_a_customer`, `empty_row`) are *excluded by rule*;
///   every other skip is *unreadable* (`InputAccounting.excludedByRule`).
/// - In strict mode the first unreadable row of any file stops the load with its location.
/// - Order businesses: the billing cadence each customer's orders state is kept
///   (`BillingCadences.declared`); the rest is inferred at the report date (`Dataset.billingCadences(asOf:)`).
public enum DatasetLoader {
    /// Loads one file per entity (`--customers FILE`, …); each file's format is recognised
    /// from its header within its entity (or taken from `options.preset`).
    public static func load(_ files: InputFiles, options: IngestOptions) throws(IngestError) -> Dataset {
        guard !files.isEmpty else {
            throw .noInputs("no input files; give --customers, --subscriptions, --orders, --surveys or --tickets, "
                + "or a directory holding customers*.csv, subscriptions*.csv, invoices*.csv, surveys*.csv, tickets*.csv")
        }
        return try load(InputPlan.from(files, preset: options.preset, filePresets: options.filePresets), options: options)
    }

    /// Loads every file of a plan, customers first, then subscriptions, orders, surveys and
    /// tickets, each with its recognised format; the plan's not-used files are carried into
    /// `Dataset.notUsed`.
    public static func load(_ plan: InputPlan, options: IngestOptions) throws(IngestError) -> Dataset {
        try load(plan, options: options, orderPartitions: nil)
    }

    /// `load`, with orders files read on `orderPartitions` threads and customers files decoded
    /// on `tableThreads` threads whatever their size (for tests).
    static func load(_ plan: InputPlan, options: IngestOptions, orderPartitions: Int?,
                     tableThreads: Int? = nil) throws(IngestError) -> Dataset {
        guard !plan.isEmpty else {
            throw .noInputs("no input files; give --customers, --subscriptions, --orders, --surveys or --tickets, "
                + "or a directory holding customers*.csv, subscriptions*.csv, invoices*.csv, surveys*.csv, tickets*.csv")
        }
        var builder = DatasetBuilder(options: options, hasCustomerFile: !plan.files(.customers).isEmpty)
        builder.orderPartitions = orderPartitions
        builder.tableThreads = tableThreads
        if !plan.files(.customers).isEmpty, let first = plan.files(.orders).first { builder.hashAhead(first.path) }
        for file in plan.files(.customers) { try builder.loadCustomers(file.path, file.recognition) }
        for file in plan.files(.subscriptions) { try builder.loadSubscriptions(file.path, file.recognition) }
        for file in plan.files(.orders) { try builder.loadOrders(file.path, file.recognition) }
        builder.groupOrders()
        for file in plan.files(.surveys) { try builder.loadSurveys(file.path, file.recognition) }
        for file in plan.files(.tickets) { try builder.loadTickets(file.path, file.recognition) }
        // Companion entities of the same file (a Zendesk ticket's satisfaction rating).
        for file in plan.files {
            for companion in file.recognition.format?.companions ?? [] {
                guard let header = InputPlan.sniffHeader(path: file.path),
                      companion.signatureMatches(Set(header.map(headerKey))) else { continue }
                let recognition = Recognition(entity: companion.entity, format: companion, evidence: "header")
                switch companion.entity {
                case .surveys: try builder.loadSurveys(file.path, recognition)
                case .tickets: try builder.loadTickets(file.path, recognition)
                default: break
                }
            }
        }
        try builder.book.check()
        builder.dataset.currency = builder.book.currency
        builder.dataset.notUsed = plan.notUsed
        if builder.dataset.subscriptions.isEmpty && !builder.dataset.orders.isEmpty {
            // Only what the orders state; the gaps are read at the report date (`billingCadences(asOf:)`).
            builder.dataset.billingCadences = BillingCadences(declared: builder.declaredCadences)
        }
        return builder.dataset
    }
}

/// The state of one load.
struct DatasetBuilder {
    let options: IngestOptions
    let hasCustomerFile: Bool
    var dataset = Dataset()
    var book: CurrencyBook
    var customerIndex = ByteKeyedIndex()
    /// Lower-cased name → the first customer of the customers files with it; built on first
    /// use (most files match every row by id and never need it), see `ensureNames`.
    var customerByName: [String: CustomerIndex] = [:]
    /// Customers `customerByName` was built from.
    var customerByNameCount = 0
    /// Matching the rows of other files to the customers (see `JoinState`).
    var joining = JoinState()
    /// Earliest revenue day per customer created from revenue files (no customers file),
    /// written into `dataset.customers` after each file.
    var revenueSignups: [Day] = []
    /// The orders read so far, by block of customers in file order (amounts coded at the rates'
    /// scales); `groupOrders` turns them into `dataset.orders`.
    var orders: OrderBlocks
    /// The billing cadence each customer's orders state in an interval or plan column (the last one met).
    var declaredCadences: [BillingCadence?] = []
    /// Threads an orders file is read on; nil: two from `parallelMinimumBytes` up (tests set it).
    var orderPartitions: Int?
    /// Threads the rows of a customers file are decoded on; nil: `RowBlocks.threads` (tests set it).
    var tableThreads: Int?
    /// Files from this size up are read in windows when they can be (`openRows`; tests lower it).
    var windowedMinimumBytes = 8 << 20
    /// Bytes a window of such a file reads (tests lower it).
    var windowBytes = 4 << 20
    /// Threads the last orders file was read on.
    var orderThreadsUsed = 0
    /// An orders file opened, and its SHA-256 started, before the customers are read (`hashAhead`).
    var hashedAhead: (path: String, file: FileSource, hashing: BackgroundHash)?

    init(options: IngestOptions, hasCustomerFile: Bool) {
        self.options = options
        self.hasCustomerFile = hasCustomerFile
        self.book = CurrencyBook(rates: options.rates, reportCurrency: options.reportCurrency)
        orders = OrderBlocks(scales: CompactOrderAmounts.tagged(book.rates.values))
    }

    // MARK: - Files

    /// Opens a file read through a table (`open`), windowed (`CSVWindows`) when it is a plain
    /// UTF-8 file of at least `windowedMinimumBytes`: a first pass over the windows counts the
    /// rows, finds an unclosed quote and gathers the format evidence, the caller's pass decodes.
    mutating func openRows(_ path: String, _ recognition: Recognition) throws(IngestError)
        -> (TableRows, FieldReader, InputAccounting, BackgroundHash) {
        if let file = try? FileSource(path: path), file.size >= windowedMinimumBytes,
           let windows = CSVWindows(file: file, windowBytes: windowBytes) {
            return try openWindows(path, recognition, file: file, windows: windows)
        }
        let (table, reader, accounting, hashing) = try open(path, recognition)
        return (TableRows(first: table, windows: nil, rowCount: table.rowCount), reader, accounting, hashing)
    }

    private mutating func openWindows(_ path: String, _ recognition: Recognition, file: FileSource,
                                      windows: CSVWindows) throws(IngestError)
        -> (TableRows, FieldReader, InputAccounting, BackgroundHash) {
        let entity = recognition.entity
        let hashing = BackgroundHash(file: file, path: path)
        let first = windows.first
        var rowCount = 0
        var counted = false
        func count() throws(IngestError) {
            rowCount = 0
            try windows.forEach { window throws(IngestError) in rowCount += window.rowCount }
            counted = true
        }
        var reader: FieldReader
        do {
            reader = try FieldReader(path: path, entity: entity, header: first.header,
                                     options: joinOptions(path, entity, table: first, format: recognition.format,
                                                          windows: windows),
                                     format: recognition.format)
        } catch {
            try count()  // an unclosed quote is reported first, as when the file is read whole
            throw error
        }
        let threads = tableThreads
        try reader.settleFormats(options: options, headerLine: first.headerLine, headerColumn: first.headerColumn) {
            (evidence: inout FormatEvidence) throws(IngestError) in
            let empty = evidence
            rowCount = 0
            try windows.forEach { window throws(IngestError) in
                rowCount += window.rowCount
                evidence.append(FormatEvidence.gathered(window, threads: RowBlocks.threads(window, requested: threads),
                                                        from: empty))
            }
            counted = true
        }
        if !counted { try count() }
        var accounting = InputAccounting(path: path, entity: entity.rawValue, warnings: [])
        if let change = file.changeSinceOpened() { accounting.warnings.append(FileSource.changeWarning(change)) }
        accounting.source = reader.format.map(\.description) ?? recognition.label
        return (TableRows(first: first, windows: windows, rowCount: rowCount), reader, accounting, hashing)
    }

    /// Reads a small file whole: bytes, SHA-256, table, columns and formats.
    /// The SHA-256 is computed on a second thread while the file is parsed; `finish` collects it.
    mutating func open(_ path: String, _ recognition: Recognition) throws(IngestError)
        -> (CSVTable, FieldReader, InputAccounting, BackgroundHash) {
        let entity = recognition.entity
        let bytes: [UInt8]
        let file: FileSource
        do {
            file = try FileSource(path: path)
            bytes = try file.readAll()
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        let hashing = BackgroundHash(bytes: bytes)
        var table: CSVTable
        do { table = try CSVTable(bytes: bytes) } catch {
            switch error {
            case .empty: throw .empty(path: path)
            case .binary(let offset): throw .binary(path: path, offset: offset)
            case .unterminatedQuote(let line, let column): throw .unterminatedQuote(path: path, line: line, column: column)
            }
        }
        if table.header.allSatisfy(\.isEmpty) { throw .empty(path: path) }
        if table.header.count == 1, let aligned = try AlignedText.headedTable(bytes, path: path) { table = aligned }
        var reader = try FieldReader(path: path, entity: entity, header: table.header,
                                     options: joinOptions(path, entity, table: table, format: recognition.format),
                                     format: recognition.format)
        try reader.settleFormats(options: options, headerLine: table.headerLine, headerColumn: table.headerColumn,
                                 table: table, threads: RowBlocks.threads(table, requested: tableThreads))
        var accounting = InputAccounting(path: path, entity: entity.rawValue, warnings: table.warnings)
        if let change = file.changeSinceOpened() { accounting.warnings.append(FileSource.changeWarning(change)) }
        accounting.source = reader.format.map(\.description) ?? recognition.label
        for row in table.nulRows {
            accounting.skip(NULRows.reason, line: row.line, column: row.column, message: NULRows.message)
        }
        return (table, reader, accounting, hashing)
    }

    /// Closes a file whose rows may name customers missing from the customer file: warns
    /// "N \(noun)s name no customer in the customer file; \(kept)" when N > 0, records the file's
    /// SHA-256 and accounting in the dataset, then `finish`es it.
    mutating func finish(_ accounting: InputAccounting, hashing: BackgroundHash, unknownCustomers: Int,
                         noun: String, kept: String) throws(IngestError) {
        var accounting = accounting
        if unknownCustomers > 0 {
            accounting.warnings.append("\(unknownCustomers) \(noun)\(unknownCustomers == 1 ? " names" : "s name") no customer "
                + "in the customer file; \(kept)")
        }
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }

    /// Ends the file's customer join, then in strict mode stops on the first unreadable row
    /// (rows excluded by a product rule do not count).
    mutating func finish(_ accounting: InputAccounting) throws(IngestError) {
        try endJoin()
        if options.strict,
           let first = accounting.skipped.first(where: { !InputAccounting.excludedByRule.contains($0.reason) }),
           let example = first.examples.first {
            throw .strictSkip(path: accounting.path, line: example.line, column: example.column, reason: first.reason,
                              message: example.message, total: accounting.rowsUnreadable)
        }
    }

    /// Counts unreadable optional values per field, for one warning each.
    struct OptionalProblems {
        var entries: [(field: String, count: Int, line: Int, text: String)] = []

        mutating func note(_ field: String, _ line: Int, _ text: String) {
            if let i = entries.firstIndex(where: { $0.field == field }) { entries[i].count += 1 }
            else { entries.append((field, 1, line, text)) }
        }

        func warnings(_ reader: FieldReader) -> [String] {
            entries.map { e in
                "\(e.count) row\(e.count == 1 ? "" : "s") had an unreadable \"\(reader.headerName(e.field))\" "
                    + "(first on line \(e.line): \"\(e.text)\"); the value was left empty"
            }
        }
    }
}
