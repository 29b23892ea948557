import Model

/// One order as `OrderStream` hands it over. The byte buffers are valid only during the call.
public struct OrderRecord {
    /// Physical line of the row (relative to the partition start in parallel mode; see
    /// `OrderStream.forEachOrderInParallel`).
    public var line: Int
    /// The customer id as written (quotes resolved, spaces trimmed).
    public var customerID: UnsafeBufferPointer<UInt8>
    /// The order/invoice id, empty when the file has no id column.
    public var orderID: UnsafeBufferPointer<UInt8>
    /// The order's day in the report time zone.
    public var day: Day
    /// The amount as the stream computed it; not used when `made` is there.
    var written: Double
    /// The billing cadence the row's interval or plan column names, if any.
    public var cadence: BillingCadence? = nil
    /// How `amount` was made, when it is cents ÷ 100 (times a rate) exactly; nil otherwise.
    public var made: CentsAtRate? = nil

    /// Amount in the report currency, net of tax (when a tax column exists) and of refunds
    /// (when an "Amount Refunded" column exists). Refund rows stay negative as written. Made
    /// from `made` when there is one (a consumer that codes the cents, as the order book does,
    /// never needs the division).
    public var amount: Double { made?.amount ?? written }
}

/// What the consumer did with an order; the stream counts the skips.
public enum OrderVerdict: Sendable {
    case use
    /// Skipped as `unknown_customer`.
    case unknownCustomer
    /// Skipped as `duplicate_id`.
    case duplicateID
}

/// The accounting of a streamed orders file.
public struct OrderStreamResult: Sendable {
    public var accounting: InputAccounting
    /// The report currency the amounts are in.
    public var currency: String
    /// How many partitions actually ran in parallel (1 when the file had to be read in one go).
    public var partitions: Int
}

/// Orders (invoices, charges) decoded straight from the file in chunks and handed to a
/// consumer, so memory is a few chunks plus whatever the consumer keeps — never the rows.
///
/// Per row: the field count must match the header (extra blank fields are tolerated), else
/// `wrong_field_count`; an empty customer id is `missing_customer`; an unreadable or empty
/// date `bad_date`; an unreadable or empty amount (or tax/refund) `bad_amount`; a status that
/// is not revenue: with a product format, its vocabulary (`not_paid`, `refunded`, `cancelled`,
/// `open_deal`, `lost_deal`; see `RowRules`), otherwise `not_revenue` (void, draft, failed,
/// uncollectible, open, pending, unpaid, canceled, deleted, lost, declined). A product's report
/// footer is `report_footer`; a line-item row of the order above is `continuation_row`.
/// Day/month order and decimal mark are settled from the first 1 MiB of the file (or `date_format`).
public struct OrderStream: Sendable {
    public let path: String
    public let header: [String]
    public let encoding: TextEncoding
    /// Whether the SHA-256 of the file is computed (on a thread of its own, beside the encoding
    /// check and the parsing).
    public let computesSHA256: Bool
    /// The digest being computed, when asked for.
    let hashing: BackgroundHash?
    /// Rows the file probably holds: its size over the average row length of the first MiB.
    public let estimatedRowCount: Int
    let reader: FieldReader
    var records: RecordStream
    let book: CurrencyBook
    /// The product's row rules; nil for a generic export.
    let rules: RowRules?
    let warnings: [String]
    /// "HubSpot deals", "generic orders".
    let source: String
    /// A NUL somewhere past the first block: rows holding one are skipped (`NULRows`).
    let holdsNUL: Bool
    /// What `init` was given, to open the file again with a whole probe (`wholeProbe()`).
    private let opening: (options: IngestOptions, reportCurrency: String?, format: ExportFormat?)

    /// A NUL past the head or a byte sequence that is not UTF-8 turned up while streaming a file
    /// whose probe read only its head (`probesWholeFile: false`): that run's results are not
    /// the file's, which must be opened again with a whole probe.
    public var verifiesWhileStreaming: Bool { records.verification.any }
    /// Whether the first MiB holds a quote: if not, the file is split for partitions without
    /// counting the quotes before the split (see `RecordStream.splitPoint(near:countingQuotes:)`).
    let headHasQuotes: Bool

    /// Opens `path`, checks it is text, reads its header and settles column formats.
    /// - Parameter reportCurrency: the report currency when already known (e.g. from subscriptions).
    /// - Parameter probesWholeFile: false: only the first block is probed for the encoding and
    ///   NULs before streaming starts, and the rest is checked as it is streamed (in parallel);
    ///   a run that finds the check failing says so (`ParallelRun.unverified`) and the caller opens the
    ///   file again with a whole probe. Errors thrown by such a stream may also be those of a
    ///   wrong encoding: the caller retries with a whole probe for the real one.
    public init(path: String, options: IngestOptions, computeSHA256: Bool = true,
                reportCurrency: String? = nil, format: ExportFormat? = nil, probesWholeFile: Bool = true) throws(IngestError) {
        try self.init(path: path, options: options, computeSHA256: computeSHA256, reportCurrency: reportCurrency,
                      format: format, probesWholeFile: probesWholeFile, opened: nil)
    }

    /// - Parameter opened: the file already opened from `path`, with its SHA-256 already started
    ///   when `computeSHA256` (`DatasetBuilder.hashAhead`).
    init(path: String, options: IngestOptions, computeSHA256: Bool = true, reportCurrency: String? = nil,
         format: ExportFormat? = nil, probesWholeFile: Bool = true,
         opened: (file: FileSource, hashing: BackgroundHash)?) throws(IngestError) {
        let file: FileSource
        if let opened { file = opened.file } else {
            do { file = try FileSource(path: path) } catch { throw .unreadable(path: path, reason: error.reason) }
        }
        let hashing = computeSHA256 ? opened?.hashing ?? BackgroundHash(file: file, path: path) : nil
        let probe: FileProbe
        do { probe = try FileProbe.scan(file, sha256: false, headOnly: !probesWholeFile) } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        if let at = probe.binaryOffset { throw .binary(path: path, offset: at) }
        let sample = try OrderStream.sampleTable(file, encoding: probe.encoding, bomLength: probe.bomLength, path: path)
        var reader = try FieldReader(path: path, entity: .orders, header: sample.header, options: options, format: format)
        try reader.settleFormats(options: options, headerLine: sample.headerLine, headerColumn: sample.headerColumn) {
            (body: (RowView) -> Void) throws(IngestError) in
            try sample.forEachRow { row throws(IngestError) in body(row) }
        }
        var book = CurrencyBook(rates: options.rates, reportCurrency: options.reportCurrency ?? reportCurrency)
        if book.reportCurrency == nil {
            // Fix the report currency from the sample so parallel partitions agree.
            try sample.forEachRow { row throws(IngestError) in
                guard book.reportCurrency == nil else { return }
                if let code = reader.text("currency", row)?.uppercased() { _ = book.convert(0, currency: code); return }
                if let a = try? reader.amount("amount", row), let code = a.currency { _ = book.convert(0, currency: code) }
            }
            book = CurrencyBook(rates: options.rates, reportCurrency: book.reportCurrency)
        }
        self.path = path
        self.header = sample.header
        self.encoding = probe.encoding
        self.computesSHA256 = computeSHA256
        self.hashing = hashing
        let sampleRows = max(1, sample.rowCount)
        self.estimatedRowCount = sample.text.count >= file.size ? sample.rowCount
            : Int(exactly: (Double(file.size) / (Double(sample.text.count) / Double(sampleRows + 1))).rounded(.down)) ?? file.size
        self.reader = reader
        var records = RecordStream(file: file, encoding: probe.encoding, delimiter: sample.delimiter)
        records.bomLength = probe.bomLength
        let holdsNUL = probe.nulOffset != nil && probe.encoding != .utf16LE && probe.encoding != .utf16BE
        if !probe.coversWholeFile && probe.encoding != .utf16LE && probe.encoding != .utf16BE {
            records.verification = RecordStream.Verification(
                utf8: probe.encoding == .utf8 || probe.encoding == .utf8WithBOM, noNUL: !holdsNUL)
        }
        self.records = records
        self.headHasQuotes = sample.text.contains(0x22)
        self.book = book
        self.rules = reader.format?.rules
        self.source = reader.format?.description ?? "generic orders"
        self.warnings = (probe.encoding == .windows1252 ? [TextDecoder.windows1252Warning] : []) + MinorUnitColumns(reader).notes
        self.holdsNUL = holdsNUL
        self.opening = (options, reportCurrency, format)
    }

    /// The same file opened with a whole probe (this stream itself when it was).
    public func wholeProbe() throws(IngestError) -> OrderStream {
        guard verifiesWhileStreaming else { return self }
        var stream = try OrderStream(path: path, options: opening.options, computeSHA256: computesSHA256,
                                     reportCurrency: opening.reportCurrency, format: opening.format)
        stream.records.chunkSize = records.chunkSize
        return stream
    }

    /// The header and first rows (up to 1 MiB, whole lines) as a table.
    private static func sampleTable(_ file: FileSource, encoding: TextEncoding, bomLength: Int,
                                    path: String) throws(IngestError) -> CSVTable {
        var bytes: [UInt8]
        if encoding == .utf16LE || encoding == .utf16BE {
            do { bytes = try file.readAll() } catch { throw .unreadable(path: path, reason: error.reason) }
        } else {
            do { bytes = try file.head(limit: 1 << 20) } catch { throw .unreadable(path: path, reason: error.reason) }
        }
        var decoded: DecodedText
        switch encoding {
        case .utf16LE, .utf16BE:
            decoded = DecodedText(bytes: TextDecoder.transcodeUTF16(bytes, from: 2, bigEndian: encoding == .utf16BE),
                                  encoding: encoding, warnings: [])
        case .windows1252:
            decoded = DecodedText(bytes: TextDecoder.transcodeWindows1252(bytes.dropFirst(bomLength)), encoding: encoding,
                                  warnings: [])
        case .utf8WithBOM:
            decoded = DecodedText(bytes: Array(bytes.dropFirst(3)), encoding: encoding, warnings: [])
        case .utf8:
            decoded = DecodedText(bytes: bytes, encoding: encoding, warnings: [])
        }
        do {
            return try CSVTable(decoded: decoded)
        } catch {
            switch error {
            case .empty: throw .empty(path: path)
            case .binary(let offset): throw .binary(path: path, offset: offset)
            case .unterminatedQuote(let line, let column):
                // Within the sample a long quoted field may be cut; retry with the first line only.
                guard let firstBreak = decoded.bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                    throw .unterminatedQuote(path: path, line: line, column: column)
                }
                decoded.bytes.removeSubrange(firstBreak...)
                do { return try CSVTable(decoded: decoded) } catch {
                    throw .unterminatedQuote(path: path, line: line, column: column)
                }
            }
        }
    }

    /// Streams every order through `body`, on the calling thread.
    /// - Throws: also `missingRates` when amounts are in a currency without a rate.
    public func forEachOrder(_ body: (OrderRecord) -> OrderVerdict) throws(IngestError) -> OrderStreamResult {
        let (result, book) = try wholeProbe().run(body)
        try book.check()
        return result
    }

    /// Streams without checking rates; returns the currency book for the caller to merge.
    /// (Its consumer's work cannot be undone: a stream that would verify while streaming is
    /// opened with a whole probe first.)
    func run(_ body: (OrderRecord) -> OrderVerdict) throws(IngestError) -> (OrderStreamResult, CurrencyBook) {
        if verifiesWhileStreaming { return try wholeProbe().run(body) }
        var partition = Partition(stream: self)
        do {
            _ = try records.forEachRecord(from: records.textStart, to: records.file.size) { buf, fields, line in
                partition.handle(buf, fields, line, body)
            }
        } catch {
            throw mapFailure(error)
        }
        let sha = try hashing?.wait()
        return (OrderStreamResult(accounting: finish(partition.accounting, sha256: sha), currency: partition.book.currency,
                                  partitions: 1),
                partition.book)
    }

    /// Streams the orders on `partitions` threads (at most 2 are useful on this machine), each
    /// with its own partial result made by `makePartial`. The file is split at record
    /// boundaries found by quote parity (see `RecordStream.splitPoint(near:)`); if a split turns
    /// out to fall inside a record, the first partition reads on to the end and the others'
    /// partials are dropped, so every row is counted exactly once either way.
    /// `OrderRecord.line` is relative to the partition's first line in partitions after the first;
    /// the accounting's examples are corrected to absolute lines.
    public func forEachOrderInParallel<Partial: Sendable>(
        partitions requested: Int = 2, makePartial: @escaping @Sendable () -> Partial,
        _ body: @escaping @Sendable (inout Partial, OrderRecord) -> OrderVerdict
    ) throws(IngestError) -> (partials: [Partial], result: OrderStreamResult) {
        let run: (partials: [Partial], result: OrderStreamResult, book: CurrencyBook, lineOffsets: [Int], unverified: Bool)
        do { run = try runInParallel(partitions: requested, makePartial: { _ in makePartial() }, body) } catch {
            // Perhaps an error of a wrong encoding: the whole probe's run says.
            guard verifiesWhileStreaming else { throw error }
            return try wholeProbe().forEachOrderInParallel(partitions: requested, makePartial: makePartial, body)
        }
        if run.unverified {
            return try wholeProbe().forEachOrderInParallel(partitions: requested, makePartial: makePartial, body)
        }
        try run.book.check()
        return (run.partials, run.result)
    }

    /// The orders streamed in partitions (see `forEachOrderInParallel`), without checking
    /// rates: the currency book is returned for the caller to merge. `lineOffsets[k]` is what
    /// turns partition k's relative lines into the file's. `unverified`: the streamed bytes
    /// failed the checks of a stream opened without a whole probe (see `init`), so the results
    /// must be dropped.
    ///
    /// With `takeOverBytes`, a thread done with its range takes over the second half of the
    /// largest rest still unread by another (at least twice `takeOverBytes`), cut at a line
    /// feed (`ReadingEnd`), instead of waiting for it: the cores' speeds differ from run to run
    /// on a shared machine, and two halves fixed in advance left one core idle for 0.15–0.3 s
    /// at 10 M orders. Only for UTF-8 files whose head has no quote, where a line feed is found
    /// without counting the quotes before it. `makePartial` is given the bytes of the range it
    /// is made for; the partials come in file order, one per range.
    func runInParallel<Partial: Sendable>(
        partitions requested: Int, takeOverBytes: Int? = nil, makePartial: @escaping @Sendable (Int) -> Partial,
        _ body: @escaping @Sendable (inout Partial, OrderRecord) -> OrderVerdict
    ) throws(IngestError) -> (partials: [Partial], result: OrderStreamResult, book: CurrencyBook, lineOffsets: [Int],
                              unverified: Bool) {
        let size = records.file.size
        var bounds = [records.textStart]
        if requested > 1 {
            for k in 1..<requested {
                let target = size / requested * k
                let split: Int?
                do { split = try records.splitPoint(near: max(target, bounds.last! + 1), countingQuotes: headHasQuotes) } catch {
                    throw mapFailure(error)
                }
                if let split, split > bounds.last! { bounds.append(split) }
            }
        }
        bounds.append(size)
        let threads = bounds.count - 1
        let ranges = StreamedRanges(bounds: bounds)
        let utf8 = records.encoding == .utf8 || records.encoding == .utf8WithBOM
        let takeOver = threads > 1 && !headHasQuotes && utf8 ? takeOverBytes : nil
        let results = StreamedRanges.Results<(Partial, Partition, Result<RecordStream.Outcome, RecordStream.Failure>)>()
        let stream = self
        WorkerThreads.run(threads) { k in
            var next: Int? = k
            while let id = next {
                let (start, end) = ranges.range(id)
                var partition = Partition(stream: stream)
                partition.headerPending = id == 0
                var partial = makePartial(end.rest.map { $0.end - start } ?? 0)
                let result = Result { () throws(RecordStream.Failure) -> RecordStream.Outcome in
                    try stream.records.forEachRecord(from: start, to: size, firstLine: 1, movableEnd: end) { buf, fields, line in
                        partition.handle(buf, fields, line) { partial_body in body(&partial, partial_body) }
                    }
                }
                results.store(start: start, (partial, partition, result))
                next = takeOver.flatMap { minimum in
                    ranges.takeOver(minimumRest: 2 * minimum) { target in
                        try? stream.records.splitPoint(near: target, countingQuotes: false)
                    }
                }
            }
        }
        // Combine in file order, stopping where a partition overran its end.
        var accounting = InputAccounting(path: path, entity: Entity.orders.rawValue)
        var book = self.book
        var partials: [Partial] = []
        var lineOffsets: [Int] = []
        var lineOffset = 0
        var unverified = false
        for (partial, partition, outcome) in results.inFileOrder() {
            let o: RecordStream.Outcome
            switch outcome {
            case .success(let v): o = v
            case .failure(let e):
                if case .unterminatedQuote(let line, let column) = e {
                    throw .unterminatedQuote(path: path, line: line + lineOffset, column: column)
                }
                throw mapFailure(e)
            }
            unverified = unverified || o.unverified
            partials.append(partial)
            lineOffsets.append(lineOffset)
            accounting.merge(partition.accounting, lineOffset: lineOffset)
            book.merge(partition.book)
            // The first currency met when none was known (partitions agree when it was; see `init`).
            if book.reportCurrency == nil { book.reportCurrency = partition.book.reportCurrency }
            lineOffset += o.nextLine - 1
            if !o.endedAtStop { break }
        }
        let sha = try hashing?.wait()
        return (partials, OrderStreamResult(accounting: finish(accounting, sha256: sha), currency: book.currency,
                                            partitions: min(partials.count, threads)),
                book, lineOffsets, unverified)
    }

    private func finish(_ a: InputAccounting, sha256: String?) -> InputAccounting {
        var a = a
        a.path = path
        a.entity = Entity.orders.rawValue
        a.sha256 = sha256 ?? ""
        a.warnings = warnings + a.warnings
        if let change = records.file.changeSinceOpened() { a.warnings.append(FileSource.changeWarning(change)) }
        a.source = source
        return a
    }

    private func mapFailure(_ e: RecordStream.Failure) -> IngestError {
        switch e {
        case .io(let reason): return .unreadable(path: path, reason: reason)
        case .unterminatedQuote(let line, let column): return .unterminatedQuote(path: path, line: line, column: column)
        }
    }

    /// Per-thread decoding state. The common path reads the needed fields with precomputed
    /// columns and formats; any failure is re-read through `FieldReader` for its message.
    struct Partition: Sendable {
        let reader: FieldReader
        var book: CurrencyBook
        var accounting: InputAccounting
        var headerPending = true
        let rules: RowRules?
        var footer: ProductRowRules
        /// The id of the last order row, for line-item continuation rows.
        var lastOrderID: [UInt8] = []
        let holdsNUL: Bool
        let headerCount: Int
        let customerColumn: Int, amountColumn: Int
        let idColumn: Int?, currencyColumn: Int?, statusColumn: Int?
        /// The order's date and amount (required: their columns exist, see `FieldReader.init`)
        /// with the day/month order and decimal mark settled for the file, and the optional
        /// amounts taken off the amount, each resolved once (`FieldReader.Field`).
        let dateField: FieldReader.Field, amountField: FieldReader.Field
        let taxField: FieldReader.Field, refundedField: FieldReader.Field
        let intervalColumn: Int?, planColumn: Int?
        var cadenceCache = ByteKeyedCache<BillingCadence?>()
        let timeZone: ReportTimeZone
        var currencyCache = ByteKeyedCache<String?>()
        var conversions = CurrencyConversions()
        var statusCache = ByteKeyedCache<String?>()
        let minorUnits: MinorUnitColumns

        init(stream: OrderStream) {
            let r = stream.reader
            reader = r
            book = stream.book
            accounting = InputAccounting(path: stream.path, entity: Entity.orders.rawValue)
            rules = stream.rules
            footer = ProductRowRules(format: r.format, dateField: "date")
            holdsNUL = stream.holdsNUL
            headerCount = r.header.count
            customerColumn = r.column("customer")!
            dateField = r.field("date")
            amountField = r.field("amount")
            amountColumn = amountField.column!
            idColumn = r.column("id")
            taxField = r.field("tax")
            refundedField = r.field("refunded")
            currencyColumn = r.column("currency")
            statusColumn = r.column("status")
            intervalColumn = r.column("interval")
            planColumn = r.column("plan")
            timeZone = r.timeZone
            minorUnits = MinorUnitColumns(r)
        }

        @inline(__always)
        mutating func handle(_ buf: UnsafeBufferPointer<UInt8>, _ fields: UnsafeBufferPointer<CSVField>, _ line: Int,
                             _ body: (OrderRecord) -> OrderVerdict) {
            if headerPending { headerPending = false; return }
            if holdsNUL, let first = fields.first, let last = fields.last,
               let at = NULRows.firstNUL(buf, from: first.start, to: last.end) {
                accounting.skip(NULRows.reason, line: line + RunawayQuote.lineBreaks(buf, from: first.start, to: at),
                                column: CSVScanner.column(of: at, in: buf), message: NULRows.message)
                return
            }
            let row = RowView(text: buf, fields: fields, line: line)
            do throws(RowSkip) {
                try decode(row, body)
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }

        @inline(__always)
        private mutating func decode(_ row: RowView, _ body: (OrderRecord) -> OrderVerdict) throws(RowSkip) {
            if row.count != headerCount {
                if footer.isFooter(row) {
                    throw RowSkip(reason: "report_footer", column: 0,
                                  message: "report footer \"\(row.string(0) ?? "")\" is not a record")
                }
                try reader.checkShape(row)
            }
            if let rules, rules.continuationRows, let idColumn {
                let continues = row.withBytes(idColumn) { raw -> Bool in
                    let c = ByteCursor(raw)
                    let id = UnsafeBufferPointer(rebasing: raw[c.index..<c.end])
                    if id.isEmpty { return false }
                    if Self.same(id, lastOrderID) { return true }
                    lastOrderID.removeAll(keepingCapacity: true)
                    lastOrderID.append(contentsOf: id)
                    return false
                }
                if continues && (rules.orderFieldsOnEveryItem || row.isBlank(amountColumn)) {
                    throw RowSkip(reason: "continuation_row", column: idColumn,
                                  message: "line item of order \"\(row.string(idColumn) ?? "")\" (folded into the order's first row)")
                }
            }
            if let s = statusColumn, let reason = exclusion(row, s) {
                throw RowSkip(reason: reason, column: s,
                              message: "status \"\(row.string(s) ?? "")\" is not revenue")
            }
            let order = dateField.dateOrder
            let day: Day
            // `yyyy-MM-dd` first, as `DateParsing.read` reads it first, without its call and reading.
            if let iso = row.withBytes(dateField.column, { DateParsing.isoDay($0) }) {
                day = iso
            } else if case .date(let written) = row.withBytes(dateField.column, { DateParsing.read($0, order: order) }) {
                day = written.utcOffset == nil ? written.day : timeZone.day(of: written)
            } else {
                day = try reader.requiredDay(dateField, row)  // throws the located skip
            }
            if reader.latestEventDay != nil { _ = try reader.notAfterToday(day, dateField, row) }
            // The usual row: a cell of at most two decimals, no tax or refund column, no minor units
            // and a currency already met (or no currency column). Its amount is cents ÷ 100 times
            // the remembered rate, bit for bit what the long way below computes, so it is left to
            // be made from `made` where it is needed (the order book codes it from the cents).
            var amount = 0.0
            var made: CentsAtRate?
            if taxField.column == nil, refundedField.column == nil, !minorUnits.any,
               let cents = row.withBytes(amountColumn, { PlainNumber($0) })?.cents, let known = knownConversion(row) {
                made = CentsAtRate(cents: cents, rate: known.factor)
            } else {
                (amount, made) = try amountTheLongWay(row)
            }
            let cadence = declaredCadence(row)
            let customerColumn = self.customerColumn, idColumn = self.idColumn
            let verdict: OrderVerdict = row.withBytes(customerColumn) { customerRaw in
                let c = ByteCursor(customerRaw)
                let customer = UnsafeBufferPointer(rebasing: customerRaw[c.index..<c.end])
                if customer.isEmpty { return .unknownCustomer }
                return row.withBytes(idColumn) { idRaw in
                    let i = ByteCursor(idRaw)
                    let id = UnsafeBufferPointer(rebasing: idRaw[i.index..<i.end])
                    return body(OrderRecord(line: row.line, customerID: customer, orderID: id, day: day, written: amount,
                                            cadence: cadence, made: made))
                }
            }
            switch verdict {
            case .use:
                accounting.use()
            case .unknownCustomer:
                if row.isBlank(customerColumn) {
                    throw RowSkip(reason: "missing_customer", column: customerColumn, message: "no customer id")
                }
                throw RowSkip(reason: "unknown_customer", column: customerColumn,
                              message: "customer \"\(row.string(customerColumn) ?? "")\" is not in the customer file")
            case .duplicateID:
                throw RowSkip(reason: "duplicate_id", column: idColumn,
                              message: "id \"\(row.string(idColumn) ?? "")\" appears on an earlier row")
            }
        }

        @inline(__always)
        static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
            guard a.count == b.count else { return false }
            return b.withUnsafeBufferPointer { bb in ByteRun.equal(a.baseAddress, bb.baseAddress, count: a.count) }
        }

        /// The row's amount in the report currency, net of tax and refunds, read from its cells
        /// whatever their form, with the cents it was made from when it was made from nothing
        /// else (`CentsAtRate`); remembers the conversion of a currency met for the first time.
        private mutating func amountTheLongWay(_ row: RowView) throws(RowSkip) -> (amount: Double, made: CentsAtRate?) {
            var amount: Double
            var made: CentsAtRate?
            let mark = amountField.mark
            var symbolCurrency: String?
            // The plain cell first (as `MoneyParsing.read` reads it first), keeping its cents.
            var cents: Int64?
            if let plain = row.withBytes(amountColumn, { PlainNumber($0) }), let v = plain.amount {
                amount = v
                cents = plain.cents
            } else if case .amount(let v, let c) = row.withBytes(amountColumn, { MoneyParsing.read($0, mark: mark) }) {
                amount = v
                symbolCurrency = c
            } else {
                guard let a = try reader.amount(amountField, row) else {
                    throw RowSkip(reason: "bad_amount", column: amountColumn,
                                  message: "no amount in column \"\(reader.headerName(amountField))\"")
                }
                (amount, symbolCurrency) = a
            }
            var tax = 0.0, refunded = 0.0
            // (Without the column nothing is read: the reader is not even called.)
            if taxField.column != nil, let t = try reader.amount(taxField, row) { tax = t.value }
            if refundedField.column != nil, let r = try reader.amount(refundedField, row) { refunded = r.value }
            // A currency column value met before: its conversion is remembered (minor units aside).
            let currencyKey = currencyColumn.flatMap { c in row.withBytes(c) { CurrencyConversions.key($0) } }
            // The cents stand for the amount while nothing but a rate changes it: no minor units,
            // no tax or refund (x − 0 − 0 is x for every x the cents stand for; −0 has none).
            if let currencyKey, !minorUnits.any, let converted = conversions.convert(amount - tax - refunded, key: currencyKey) {
                amount = converted.amount
                if let cents, tax == 0, refunded == 0 { made = CentsAtRate(cents: cents, rate: converted.rate) }
            } else {
                let columnCurrency = currencyCode(row)
                let currency = columnCurrency ?? symbolCurrency
                amount = minorUnits.net(amount: amount, tax: tax, refunded: refunded, currency: currency ?? book.reportCurrency)
                if currency != nil {
                    amount = book.convert(amount, currency: currency)
                } else if let cents, tax == 0, refunded == 0, !minorUnits.any {
                    made = CentsAtRate(cents: cents, rate: nil)
                }
                if let currencyKey, let columnCurrency {
                    conversions.remember(currencyKey, factor: book.factor(for: columnCurrency))
                }
            }
            return (amount, made)
        }

        /// The conversion of the row's currency when it is known without reading the cell as
        /// text: no currency column (amounts taken as they are), or a value met before
        /// (`CurrencyConversions`); nil otherwise.
        @inline(__always)
        private func knownConversion(_ row: RowView) -> CurrencyConversions.Conversion? {
            guard let c = currencyColumn else { return CurrencyConversions.Conversion(factor: nil) }
            guard let key = row.withBytes(c, { CurrencyConversions.key($0) }) else { return nil }
            return conversions.conversion(key: key)
        }

        @inline(__always)
        private mutating func currencyCode(_ row: RowView) -> String? {
            guard let c = currencyColumn else { return nil }
            return row.withBytes(c) { raw in
                currencyCache.value(for: raw) { raw in
                    let s = String(decoding: raw, as: UTF8.self).trimmingSpaces().uppercased()
                    return s.isEmpty ? nil : s
                }
            }
        }

        /// The cadence the interval column (else the plan name) states; remembered per distinct bytes.
        @inline(__always)
        private mutating func declaredCadence(_ row: RowView) -> BillingCadence? {
            guard let column = intervalColumn ?? planColumn else { return nil }
            let isInterval = intervalColumn != nil
            return row.withBytes(column) { raw in
                cadenceCache.value(for: raw) { raw in
                    let text = String(decoding: raw, as: UTF8.self)
                    return isInterval ? ValueVocabulary.cadence(interval: text) : ValueVocabulary.cadence(planName: text)
                }
            }
        }

        /// The reason a status is not revenue, nil when it is (remembered per distinct status bytes).
        @inline(__always)
        private mutating func exclusion(_ row: RowView, _ column: Int) -> String? {
            let rules = self.rules
            return row.withBytes(column) { raw in
                statusCache.value(for: raw) { raw in
                    let key = headerKey(String(decoding: raw, as: UTF8.self))
                    if let rules { return rules.exclusion(forStatus: key) }
                    return key.isEmpty || !OrderStream.notRevenue.contains(key) ? nil : "not_revenue"
                }
            }
        }
    }

    static let notRevenue: Set<String> = ["void", "voided", "draft", "failed", "uncollectible", "open", "pending",
                                          "unpaid", "canceled", "cancelled", "deleted", "closedlost", "lost", "declined"]
}

extension InputAccounting {
    /// Adds another partition's counts, shifting its example lines by `lineOffset`.
    mutating func merge(_ other: InputAccounting, lineOffset: Int) {
        rowsRead += other.rowsUsed
        rowsUsed += other.rowsUsed
        for reason in other.skipped {
            for (n, example) in reason.examples.enumerated() {
                skip(reason.reason, line: example.line + lineOffset, column: example.column, message: example.message)
                _ = n
            }
            let extra = reason.count - reason.examples.count
            if extra > 0, let i = skipped.firstIndex(where: { $0.reason == reason.reason }) {
                skipped[i].count += extra
                rowsRead += extra
            }
        }
        for w in other.warnings where !warnings.contains(w) { warnings.append(w) }
    }
}
