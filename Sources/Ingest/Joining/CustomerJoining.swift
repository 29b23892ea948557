import Model

/// Matching each row of an orders, subscriptions, surveys or tickets file to a customer.
///
/// Rules:
/// - A row's key (its customer column) is tried in order: the customer id as written; the
///   same Salesforce record in its other id length (15 ↔ 18 characters); an e-mail address;
///   its e-mail domain (or a web domain) against the customers' e-mail and web domains; the
///   normalised company name (see `CompanyName`). Domains and names that several customers
///   share match none of them. The first that matches wins and is counted per method.
/// - The key column is the file's customer column (mapping, preset or header synonyms) —
///   unless the mapping does not name it and another column whose header says e-mail,
///   company, organisation, domain or website matches strictly more of the first 2,000 keyed
///   rows, in which case that column is the key (e.g. Delighted's `Email` instead of
///   `Person ID`, or Shopify's `Email` where orders have no customer id column).
/// - Match rate = matched rows ÷ rows with a non-empty key. A file whose rows match no
///   customer, or fewer than half of them, is an error (`IngestError.unmatchedCustomers`)
///   naming the file's key column, the customers file's key columns and three unmatched
///   keys. Revenue files are joined only when a customers file is given (otherwise they
///   create the customers); surveys and tickets whenever there are customers.
struct JoinState: Sendable {
    var keys: CustomerKeys?
    var file: FileJoinTally?
    /// The current file's rows matched from their key bytes: by the id as written (counted
    /// apart from `file` so the per-row cost in large files is one increment), and for revenue
    /// files by the other keys.
    var keyed = RevenueJoin()

    mutating func startFile() {
        file = nil
        keyed = RevenueJoin()
    }
}

/// The join of the file being loaded.
struct FileJoinTally: Sendable {
    var path: String
    var entity: Entity
    /// Header of the key column, and its 1-based character column on the header line.
    var column: String
    var headerLine: Int
    var headerColumn: Int
    var enforced: Bool
    var matched: [CustomerJoin.Method: Int] = [:]
    var unmatched = 0
    var examples: [(key: String, line: Int)] = []

    mutating func count(_ method: CustomerJoin.Method) { matched[method, default: 0] += 1 }

    /// Counts an unmatched row; the key text is made only while examples are still wanted.
    mutating func miss(_ key: @autoclosure () -> String, line: Int) {
        unmatched += 1
        guard examples.count < 3 else { return }
        let text = key()
        if !examples.contains(where: { $0.key == text }) { examples.append((text, line)) }
    }

    var summary: CustomerJoin {
        CustomerJoin(column: column, customersPath: nil, rowsWithKey: matched.values.reduce(0, +) + unmatched,
                     matched: matched)
    }
}

/// A file whose rows do not name the customers of the customers file.
public struct UnmatchedCustomers: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var entity: Entity
    /// The file's key column.
    public var keyColumn: String
    public var customersPath: String
    /// The customers file's key columns, described (`"Customer ID" (ids), "Email" (e-mails)`).
    public var customerColumns: String
    public var matched: Int
    public var rowsWithKey: Int
    /// Up to three unmatched keys with their lines.
    public var examples: [String]

    public var description: String {
        let tenths = (matched * 1000 + rowsWithKey / 2) / max(1, rowsWithKey)
        let what = matched == 0
            ? "none of its \(rowsWithKey) rows names a customer of \(customersPath)"
            : "only \(matched) of its \(rowsWithKey) rows (\(tenths / 10).\(tenths % 10) %) name a customer of \(customersPath)"
        return "\(path):\(line):\(column): error: \(what): its column \"\(keyColumn)\" was matched against "
            + "\(customerColumns); unmatched: \(examples.joined(separator: ", ")). The files may come from systems that "
            + "share no key: export the customers with a column both files have (id, e-mail, domain or company name), "
            + "or choose the key with --map \(entity).customer=\"Your Header\""
    }
}

extension DatasetBuilder {
    /// Header keys of non-customer columns that may name the customer in another system's terms.
    static let alternativeKeyHeaders: Set<String> = CustomerKeys.emailHeaderKeys.union(CustomerKeys.domainHeaderKeys)
        .union(["Company", "Company Name", "Organization", "Organisation", "Organization Name", "Account Name",
                "Customer Name", "Account", "Requester", "Requester email", "Requester Email Address", "Contact",
                "Respondent Email", "Recipient Email", "Customer ID", "Account ID", "Company ID", "Person ID",
                "Customer", "account_code", "Account Code"].map(headerKey))

    /// Sets up the join of the file about to be loaded and returns the options to read it
    /// with: `options`, or `options` with the key column chosen by the join mapped as the
    /// entity's customer field. `table` is the whole file when at hand, else a sample is read.
    mutating func joinOptions(_ path: String, _ entity: Entity, table: CSVTable?, format: ExportFormat? = nil,
                              windows: CSVWindows? = nil) -> IngestOptions {
        joining.startFile()
        guard entity != .customers, !dataset.customers.isEmpty else { return options }
        let isRevenue = entity == .orders || entity == .subscriptions
        if isRevenue && !hasCustomerFile { return options }
        guard let table = table ?? JoinState.sample(path) else { return options }
        let header = table.header
        guard let resolution = resolveColumns(header, entity, format: format) else { return options }
        let current = resolution["customer"]
        var alternatives: [Int] = []
        if options.mapping.header(for: entity, "customer") == nil {
            let mapped = Set(resolution.columns.filter { $0.key != "customer" }.map(\.value))
            for (k, name) in header.enumerated() where k != current && !mapped.contains(k)
                && Self.alternativeKeyHeaders.contains(headerKey(name)) {
                alternatives.append(k)
            }
        }
        // Another column replaces the customer column only when it matches strictly more of
        // the first 2,000 keyed rows (so a column matching nothing never replaces anything).
        var chosen = current
        if !alternatives.isEmpty {
            ensureKeys()
            ensureNames()
            let candidates = (current.map { [$0] } ?? []) + alternatives
            var counts = [Int](repeating: 0, count: candidates.count)
            var keyed = [Int](repeating: 0, count: candidates.count)
            func see(_ row: RowView) {
                for (n, c) in candidates.enumerated() where keyed[n] < 2_000 {
                    guard let text = row.string(c) else { continue }
                    keyed[n] += 1
                    if lookup(text) != nil { counts[n] += 1 }
                }
            }
            if let windows {
                // Windows until every candidate has its rows (or the file ends).
                try? windows.forEach { window throws(IngestError) in
                    guard keyed.contains(where: { $0 < 2_000 }) else { return }
                    window.forEachRowView(see)
                }
            } else {
                table.forEachRowView(see)
            }
            var best = current == nil ? 0 : counts[0]
            for n in counts.indices where counts[n] > best {
                best = counts[n]
                chosen = candidates[n]
            }
        }
        guard let chosen else { return options }
        var result = options
        if chosen != current { try? result.mapping.set(entity, "customer", to: header[chosen]) }
        joining.file = FileJoinTally(path: path, entity: entity, column: header[chosen], headerLine: table.headerLine,
                                     headerColumn: table.headerColumn(chosen), enforced: true)
        return result
    }

    /// The columns the file's reader will use (mapping, preset, header synonyms).
    func resolveColumns(_ header: [String], _ entity: Entity, format: ExportFormat?) -> ColumnResolution? {
        try? ColumnResolution.resolve(header: header, entity: entity, mapping: options.mapping, preset: options.preset,
                                      format: format ?? options.preset.flatMap { ExportRecognition.productFormat($0, entity) })
    }

    /// Sets up the other keys of the customers (each kind is built on its first use, see
    /// `CustomerKeys`), again when customers were added since.
    mutating func ensureKeys() {
        if joining.keys?.customerCount != dataset.customers.count { joining.keys = CustomerKeys(customers: dataset.customers) }
    }

    /// Builds `customerByName` when customers were added since: the customers of the customers
    /// files (customers made from revenue files have no name of their own), first one wins.
    mutating func ensureNames() {
        guard hasCustomerFile, customerByNameCount != dataset.customers.count else { return }
        customerByName = [:]
        // A name met before was entered then (first one wins): lower-case each distinct name
        // once. Names are told apart by their bytes (hashing half a million `String`s, most of
        // them not ASCII, cost more than the lower-casing saved); names of other bytes that
        // `String` holds equal are entered under the same key, where the first one stays.
        var seen = ByteKeyedIndex()
        for (i, customer) in dataset.customers.enumerated() {
            let distinct = seen.count
            guard seen.insert(customer.name) == distinct else { continue }
            let key = customer.name.lowercased()
            if customerByName[key] == nil { customerByName[key] = i }
        }
        customerByNameCount = dataset.customers.count
    }

    /// The customer a key names, by any method, without counting (`ensureKeys` and
    /// `ensureNames` first for all methods).
    func lookup(_ text: String) -> (CustomerIndex, CustomerJoin.Method)? {
        if let i = customerIndex.value(for: text) { return (i, .id) }
        if let i = customerByName[text.lowercased()] { return (i, .companyName) }
        return joining.keys?.match(text)
    }

    /// The customer a survey's or ticket's key names; counted in the file's join.
    mutating func joinedCustomer(_ text: String?, line: Int) -> CustomerIndex? {
        guard let text else { return nil }
        ensureNames()
        if customerIndex.value(for: text) == nil && customerByName[text.lowercased()] == nil { ensureKeys() }
        guard let (i, method) = lookup(text) else {
            joining.file?.miss(text, line: line)
            return nil
        }
        joining.file?.count(method)
        return i
    }

    /// After the id as written did not match: the customer a revenue row's key names by the
    /// other methods; counted in the file's join (a miss too).
    mutating func joinedRevenueCustomer(_ id: UnsafeBufferPointer<UInt8>, line: Int) -> CustomerIndex? {
        guard joining.file != nil else { return nil }
        ensureKeys()
        let keys = joining.keys
        return joining.keyed.customer(for: id, line: line, keys: keys)
    }

    /// Ends the join of the file just loaded: records it in the file's accounting (the last
    /// input) and fails when fewer than half of the keyed rows matched.
    mutating func endJoin() throws(IngestError) {
        guard var tally = joining.file else { return }
        joining.keyed.record(into: &tally)
        joining.startFile()
        var summary = tally.summary
        let customersPath = dataset.inputs.first { $0.entity == Entity.customers.rawValue }?.path
        summary.customersPath = customersPath
        if let last = dataset.inputs.indices.last, dataset.inputs[last].path == tally.path {
            dataset.inputs[last].join = summary
        }
        guard tally.enforced, summary.rowsWithKey > 0, summary.matchedRows * 2 < summary.rowsWithKey else { return }
        ensureKeys()  // for the customers' key columns in the message
        throw .unmatchedCustomers(UnmatchedCustomers(
            path: tally.path, line: tally.headerLine, column: tally.headerColumn, entity: tally.entity,
            keyColumn: tally.column, customersPath: customersPath ?? "the customers",
            customerColumns: customerKeyColumns(customersPath), matched: summary.matchedRows,
            rowsWithKey: summary.rowsWithKey,
            examples: tally.examples.map { "\"\($0.key)\" (line \($0.line))" }))
    }

    /// The customers file's key columns, for messages: `"Customer ID" (ids), "Email" (e-mails
    /// and domains), "Website" (domains), "Company Name" (company names)`.
    func customerKeyColumns(_ customersPath: String?) -> String {
        var parts: [String] = []
        var idHeader = "id", nameHeader: String?
        if let customersPath, let header = InputPlan.sniffHeader(path: customersPath),
           let r = try? ColumnResolution.resolve(header: header, entity: .customers, mapping: options.mapping,
                                                 preset: options.preset) {
            if let c = r["id"] { idHeader = header[c] }
            nameHeader = r["name"].map { header[$0] }
        }
        parts.append("\"\(idHeader)\" (ids)")
        for h in joining.keys?.emailHeaders ?? [] { parts.append("\"\(h)\" (e-mails and their domains)") }
        for h in joining.keys?.domainHeaders ?? [] { parts.append("\"\(h)\" (domains)") }
        if let nameHeader { parts.append("\"\(nameHeader)\" (company names)") }
        return parts.joined(separator: ", ")
    }
}

extension JoinState {
    /// The header and first rows (up to 256 KiB, whole lines) of a file, for choosing its key column.
    static func sample(_ path: String) -> CSVTable? {
        guard let file = try? FileSource(path: path), let bytes = try? file.head(limit: 1 << 18) else { return nil }
        return try? CSVTable(bytes: bytes)
    }
}

extension CSVTable {
    /// Calls `body` with every data row (no errors).
    func forEachRowView(_ body: (RowView) -> Void) {
        try? forEachRow { row throws(IngestError) in body(row) }
    }
}
