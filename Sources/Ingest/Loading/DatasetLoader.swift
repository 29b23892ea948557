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
/// - In strict mode the first skipped row of any file stops the load with its location.
public enum DatasetLoader {
    public static func load(_ files: InputFiles, options: IngestOptions) throws(IngestError) -> Dataset {
        guard !files.isEmpty else {
            throw .noInputs("no input files; give --customers, --subscriptions, --orders, --surveys or --tickets, "
                + "or a directory holding customers*.csv, subscriptions*.csv, invoices*.csv, surveys*.csv, tickets*.csv")
        }
        var builder = DatasetBuilder(options: options, hasCustomerFile: files.customers != nil)
        if let p = files.customers { try builder.loadCustomers(p) }
        if let p = files.subscriptions { try builder.loadSubscriptions(p) }
        if let p = files.orders { try builder.loadOrders(p) }
        if let p = files.surveys { try builder.loadSurveys(p) }
        if let p = files.tickets { try builder.loadTickets(p) }
        try builder.book.check()
        builder.dataset.currency = builder.book.currency
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
    var customerByName: [String: CustomerIndex] = [:]
    /// Earliest revenue day per customer created from revenue files (no customers file),
    /// written into `dataset.customers` after each file.
    var revenueSignups: [Day] = []

    init(options: IngestOptions, hasCustomerFile: Bool) {
        self.options = options
        self.hasCustomerFile = hasCustomerFile
        self.book = CurrencyBook(rates: options.rates, reportCurrency: options.reportCurrency)
    }

    // MARK: - Files

    /// Reads a small file whole: bytes, SHA-256, table, columns and formats.
    /// The SHA-256 is computed on a second thread while the file is parsed; `finish` collects it.
    func open(_ path: String, _ entity: Entity) throws(IngestError) -> (CSVTable, FieldReader, InputAccounting, BackgroundHash) {
        let bytes: [UInt8]
        let file: FileSource
        do {
            file = try FileSource(path: path)
            bytes = try file.readAll()
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        let hashing = BackgroundHash(bytes: bytes)
        let table: CSVTable
        do { table = try CSVTable(bytes: bytes) } catch {
            switch error {
            case .empty: throw .empty(path: path)
            case .binary(let offset): throw .binary(path: path, offset: offset)
            case .unterminatedQuote(let line, let column): throw .unterminatedQuote(path: path, line: line, column: column)
            }
        }
        if table.header.allSatisfy(\.isEmpty) { throw .empty(path: path) }
        var reader = try FieldReader(path: path, entity: entity, header: table.header, options: options)
        try reader.settleFormats(options: options, headerLine: table.headerLine, headerColumn: table.headerColumn) {
            (body: (RowView) -> Void) throws(IngestError) in
            try table.forEachRow { row throws(IngestError) in body(row) }
        }
        let accounting = InputAccounting(path: path, entity: entity.rawValue, warnings: table.warnings)
        return (table, reader, accounting, hashing)
    }

    func finish(_ accounting: InputAccounting) throws(IngestError) {
        if options.strict, let first = accounting.skipped.first, let example = first.examples.first {
            throw .strictSkip(path: accounting.path, line: example.line, column: example.column, reason: first.reason,
                              message: example.message, total: accounting.rowsSkipped)
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

    // MARK: - Customers

    mutating func customer(for id: UnsafeBufferPointer<UInt8>) -> CustomerIndex? { customerIndex.value(for: id) }

    /// The customer a survey or ticket names: by id, else by exact (case-insensitive) name.
    func customerReference(_ text: String?) -> CustomerIndex? {
        guard let text else { return nil }
        if let i = customerIndex.value(for: text) { return i }
        return customerByName[text.lowercased()]
    }

    /// The customer of a revenue row, created when there is no customers file.
    mutating func revenueCustomer(_ id: UnsafeBufferPointer<UInt8>, day: Day) -> CustomerIndex? {
        if let i = customerIndex.value(for: id) {
            if !hasCustomerFile, day < revenueSignups[i] { revenueSignups[i] = day }
            return i
        }
        guard !hasCustomerFile else { return nil }
        let text = String(decoding: id, as: UTF8.self)
        let index = dataset.customers.count
        dataset.customers.append(Customer(id: text, name: text, signup: day))
        revenueSignups.append(day)
        customerIndex.insert(id)
        return index
    }

    /// Writes the earliest revenue days into the customers created from revenue files.
    mutating func applyRevenueSignups() {
        guard !hasCustomerFile else { return }
        for (i, day) in revenueSignups.enumerated() where dataset.customers[i].signup != day {
            dataset.customers[i].signup = day
        }
    }

    mutating func loadCustomers(_ path: String) throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, .customers)
        var accounting = start
        var problems = OptionalProblems()
        let mapped = Set(reader.columns.columns.values)
        let attributeColumns = table.header.indices.filter { !mapped.contains($0) && !table.header[$0].isEmpty }
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try reader.checkShape(row)
                guard let id = reader.text("id", row) else {
                    throw RowSkip(reason: "missing_id", column: reader.column("id"), message: "no customer id")
                }
                if customerIndex.value(for: id) != nil {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "customer id \"\(id)\" appears on an earlier row; the first row is kept")
                }
                let signup = try reader.requiredDay("signup", row)
                func optionalDay(_ field: String) -> Day? {
                    do throws(RowSkip) { return try reader.day(field, row) } catch {
                        problems.note(field, row.line, reader.text(field, row) ?? "")
                        return nil
                    }
                }
                var attributes: [String: String] = [:]
                for c in attributeColumns { if let v = row.string(c) { attributes[table.header[c]] = v } }
                let kindText = reader.text("churn_kind", row)
                let kind = ValueVocabulary.churnKind(kindText)
                if kindText != nil && kind == nil { problems.note("churn_kind", row.line, kindText ?? "") }
                let customer = Customer(
                    id: id, name: reader.text("name", row) ?? id, signup: signup,
                    plan: reader.text("plan", row), segment: reader.text("segment", row),
                    region: reader.text("region", row), channel: reader.text("channel", row),
                    owner: reader.text("owner", row), status: reader.text("status", row),
                    churnDate: optionalDay("churn_date"), churnReason: reader.text("churn_reason", row),
                    churnKind: kind, lastSeen: optionalDay("last_seen"), attributes: attributes)
                let index = dataset.customers.count
                dataset.customers.append(customer)
                customerIndex.insert(id)
                let nameKey = customer.name.lowercased()
                if customerByName[nameKey] == nil { customerByName[nameKey] = index }
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        accounting.warnings += problems.warnings(reader)
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }

    // MARK: - Subscriptions

    mutating func loadSubscriptions(_ path: String) throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, .subscriptions)
        var accounting = start
        var ids = Set<String>()
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try reader.checkShape(row)
                let startDay = try reader.requiredDay("start", row)
                let end = try reader.day("end", row)
                if let end, end < startDay {
                    throw RowSkip(reason: "bad_date", column: reader.column("end"),
                                  message: "subscription ends (\(end)) before it starts (\(startDay))")
                }
                let statusKey = headerKey(reader.text("status", row) ?? "")
                if end == nil && ValueVocabulary.isEndedStatus(statusKey) {
                    throw RowSkip(reason: "missing_end_date", column: reader.column("end") ?? reader.column("status"),
                                  message: "status \"\(reader.text("status", row) ?? "")\" but no end date")
                }
                guard let (amount, symbolCurrency) = try reader.amount("amount", row) else {
                    throw RowSkip(reason: "bad_amount", column: reader.column("amount"),
                                  message: "no amount in column \"\(reader.headerName("amount"))\"")
                }
                let tax = try reader.amount("tax", row)?.value ?? 0
                let quantity = try reader.number("quantity", row) ?? 1
                guard quantity >= 0 else {
                    throw RowSkip(reason: "bad_amount", column: reader.column("quantity"), message: "negative quantity")
                }
                var interval = ValueVocabulary.Interval.months(1)
                if let text = reader.text("interval", row) {
                    guard let i = ValueVocabulary.interval(text) else {
                        throw RowSkip(reason: "bad_interval", column: reader.column("interval"),
                                      message: "unknown billing interval \"\(text)\"")
                    }
                    interval = i
                }
                if let n = try reader.number("interval_count", row) {
                    guard n >= 1, n <= 100, n == n.rounded() else {
                        throw RowSkip(reason: "bad_interval", column: reader.column("interval_count"),
                                      message: "interval count \(reader.text("interval_count", row) ?? "") is not a whole number from 1 to 100")
                    }
                    switch interval {
                    case .months(let m): interval = .months(m * Int(n))
                    case .weeks(let w): interval = .weeks(w * Int(n))
                    case .days(let d): interval = .days(d * Int(n))
                    }
                }
                let id = reader.text("id", row) ?? "\(path):\(row.line)"
                if ids.contains(id) {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "subscription id \"\(id)\" appears on an earlier row")
                }
                let customerText = reader.text("customer", row)
                guard let customerText else {
                    throw RowSkip(reason: "missing_customer", column: reader.column("customer"), message: "no customer id")
                }
                var key = customerText
                let index = key.withUTF8 { revenueCustomer($0, day: startDay) }
                guard let index else {
                    throw RowSkip(reason: "unknown_customer", column: reader.column("customer"),
                                  message: "customer \"\(customerText)\" is not in the customer file")
                }
                let currency = reader.text("currency", row)?.uppercased() ?? symbolCurrency
                let isTrial = ValueVocabulary.isTrialStatus(statusKey) || amount == 0
                let monthly = interval.monthly((amount - tax) * quantity)
                let mrr = isTrial ? 0 : book.convert(monthly, currency: currency)
                if isTrial { _ = book.convert(0, currency: currency) }
                ids.insert(id)
                dataset.subscriptions.append(Subscription(id: id, customer: index, start: startDay, end: end, mrr: mrr,
                                                          plan: reader.text("plan", row), isTrial: isTrial))
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        applyRevenueSignups()
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }

    // MARK: - Orders

    mutating func loadOrders(_ path: String) throws(IngestError) {
        let stream = try OrderStream(path: path, options: options, computeSHA256: true,
                                     reportCurrency: book.reportCurrency)
        var seen = FingerprintSet()
        dataset.orders.reserveCapacity(dataset.orders.count + stream.estimatedRowCount + stream.estimatedRowCount / 16)
        let hasIDs = stream.reader.column("id") != nil
        let (result, streamBook) = try stream.run { order in
            guard let customer = revenueCustomer(order.customerID, day: order.day) else { return .unknownCustomer }
            if hasIDs && !order.orderID.isEmpty {
                guard seen.insert(IDFingerprint(order.orderID)) else { return .duplicateID }
            }
            dataset.orders.append(Order(customer: customer, day: order.day, amount: order.amount))
            return .use
        }
        if book.reportCurrency == nil { book.reportCurrency = streamBook.reportCurrency }
        book.merge(streamBook)
        applyRevenueSignups()
        dataset.inputs.append(result.accounting)
        try finish(result.accounting)
    }

    // MARK: - Surveys

    mutating func loadSurveys(_ path: String) throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, .surveys)
        var accounting = start
        var unknownCustomers = 0
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let fixedKind: SurveyKind? = reader.column("kind") == nil
            ? (options.preset?.surveyKind.flatMap(SurveyKind.init(rawValue:)) ?? ValueVocabulary.surveyKind(fileName))
            : nil
        let split = reader.column("nps_score") != nil || reader.column("csat_score") != nil
        if !split && (reader.column("score") == nil || (reader.column("kind") == nil && fixedKind == nil)) {
            if reader.column("score") == nil {
                throw .missingColumn(path: path, entity: .surveys, field: "score",
                                     tried: HeaderSynonyms.candidates(.surveys, "score"))
            }
            throw .unknownSurveyKind(path: path)
        }
        var ids = Set<String>()
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try reader.checkShape(row)
                let day = try reader.requiredDay("date", row)
                if let id = reader.text("id", row) {
                    if ids.contains(id) {
                        throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                      message: "response id \"\(id)\" appears on an earlier row")
                    }
                    ids.insert(id)
                }
                var answers: [(SurveyKind, String, Int?)] = []  // kind, field, column
                if split {
                    for (field, kind) in [("nps_score", SurveyKind.nps), ("csat_score", .csat)] where reader.text(field, row) != nil {
                        answers.append((kind, field, reader.column(field)))
                    }
                    if let kind = ValueVocabulary.surveyKind(reader.text("kind", row)), reader.text("score", row) != nil {
                        answers.append((kind, "score", reader.column("score")))
                    }
                } else {
                    let kind: SurveyKind
                    if let fixedKind {
                        kind = fixedKind
                    } else {
                        let text = reader.text("kind", row)
                        guard let k = ValueVocabulary.surveyKind(text) else {
                            throw RowSkip(reason: "bad_kind", column: reader.column("kind"),
                                          message: "unknown survey \"\(text ?? "")\"; expected NPS, CSAT or CES")
                        }
                        kind = k
                    }
                    answers.append((kind, "score", reader.column("score")))
                }
                var responses: [SurveyResponse] = []
                let customerText = reader.text("customer", row)
                let customer = customerReference(customerText)
                for (kind, field, column) in answers {
                    let text = reader.text(field, row) ?? ""
                    let key = headerKey(text)
                    var k = kind
                    let score: Double
                    if key.hasPrefix("good") || key.hasPrefix("bad") {
                        k = .csatGoodBad
                        score = key.hasPrefix("good") ? 1 : 0
                    } else if key.isEmpty || key == "offered" || key == "unoffered" {
                        throw RowSkip(reason: "no_rating", column: column, message: "no score given (\"\(text)\")")
                    } else {
                        guard let v = try reader.number(field, row, reason: "bad_score") else {
                            throw RowSkip(reason: "no_rating", column: column, message: "no score given")
                        }
                        score = v
                    }
                    let range: ClosedRange<Double>
                    switch k {
                    case .nps: range = 0...10
                    case .csat: range = 1...5
                    case .ces: range = 1...7
                    case .csatGoodBad: range = 0...1
                    }
                    guard range.contains(score), score == score.rounded() || k == .csat else {
                        throw RowSkip(reason: "bad_score", column: column,
                                      message: "score \(text) is outside \(k.rawValue.uppercased()) range "
                                        + "\(Int(range.lowerBound))–\(Int(range.upperBound))")
                    }
                    responses.append(SurveyResponse(customer: customer, day: day, kind: k, score: score,
                                                    comment: reader.text("comment", row)))
                }
                guard !responses.isEmpty else {
                    throw RowSkip(reason: "no_rating", column: reader.column("score"), message: "no score given")
                }
                if customer == nil { unknownCustomers += 1 }
                dataset.surveys += responses
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        if unknownCustomers > 0 {
            accounting.warnings.append("\(unknownCustomers) response\(unknownCustomers == 1 ? "" : "s") name no customer "
                + "in the customer file; kept for overall scores, left out of per-customer and per-segment views")
        }
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }

    // MARK: - Tickets

    mutating func loadTickets(_ path: String) throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, .tickets)
        var accounting = start
        var unknownCustomers = 0
        var ids = Set<String>()
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try reader.checkShape(row)
                guard let created = try reader.instant("created", row) else {
                    throw RowSkip(reason: "bad_date", column: reader.column("created"),
                                  message: "no date in column \"\(reader.headerName("created"))\"")
                }
                let id = reader.text("id", row) ?? "\(path):\(row.line)"
                if ids.contains(id) {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "ticket id \"\(id)\" appears on an earlier row")
                }
                var firstResponse = try reader.instant("first_response", row)
                if firstResponse == nil, let minutes = try reader.number("first_response_minutes", row) {
                    // At most ten years (5 259 600 minutes): anything else is not a reply time.
                    guard minutes >= 0, minutes <= 5_259_600 else {
                        throw RowSkip(reason: "bad_amount", column: reader.column("first_response_minutes"),
                                      message: "first reply time \(reader.text("first_response_minutes", row) ?? "") minutes is out of range")
                    }
                    firstResponse = Instant(secondsSince1970: created.secondsSince1970 + Int64((minutes * 60).rounded()))
                }
                let resolved = try reader.instant("resolved", row)
                let priorityText = reader.text("priority", row)
                guard let priority = ValueVocabulary.priority(priorityText) else {
                    throw RowSkip(reason: "bad_priority", column: reader.column("priority"),
                                  message: "unknown priority \"\(priorityText ?? "")\"; expected low, normal, high or urgent")
                }
                let customer = customerReference(reader.text("customer", row))
                if customer == nil { unknownCustomers += 1 }
                ids.insert(id)
                dataset.tickets.append(SupportTicket(id: id, customer: customer, created: created,
                                                     firstResponse: firstResponse, resolved: resolved, priority: priority,
                                                     status: reader.text("status", row)?.lowercased() ?? "open"))
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        if unknownCustomers > 0 {
            accounting.warnings.append("\(unknownCustomers) ticket\(unknownCustomers == 1 ? "" : "s") name no customer "
                + "in the customer file; kept for overall support numbers, left out of per-customer views")
        }
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }
}
