import Model

/// Customers: the customer file, and customers referred to by other files.
extension DatasetBuilder {
    mutating func customer(for id: UnsafeBufferPointer<UInt8>) -> CustomerIndex? { customerIndex.value(for: id) }

    /// The customer a survey or ticket names: by id, else by exact (case-insensitive) name,
    /// else by the other keys of `CustomerJoining`.
    mutating func customerReference(_ text: String?, line: Int) -> CustomerIndex? {
        joinedCustomer(text, line: line)
    }

    /// The customer of a revenue row, created when there is no customers file.
    mutating func revenueCustomer(_ id: UnsafeBufferPointer<UInt8>, day: Day, line: Int = 0) -> CustomerIndex? {
        if let i = customerIndex.value(for: id) {
            if !hasCustomerFile, day < revenueSignups[i] { revenueSignups[i] = day }
            joining.keyed.idMatches &+= 1
            return i
        }
        guard !hasCustomerFile else { return joinedRevenueCustomer(id, line: line) }
        let text = String(decoding: id, as: UTF8.self)
        let index = dataset.customers.count
        dataset.customers.append(Customer(id: text, name: text, signup: day))
        revenueSignups.append(day)
        customerIndex.insert(id)
        return index
    }

    /// Whether `index` holds `id`. The index is taken in place (`inout`): asked through the
    /// builder that the row closure holds, it was copied for every row (every array of it
    /// retained and released).
    static func holds(_ index: inout ByteKeyedIndex, _ id: String) -> Bool {
        index.value(for: id) != nil
    }

    /// Writes the earliest revenue days into the customers created from revenue files.
    mutating func applyRevenueSignups() {
        guard !hasCustomerFile else { return }
        for (i, day) in revenueSignups.enumerated() where dataset.customers[i].signup != day {
            dataset.customers[i].signup = day
        }
    }

    mutating func loadCustomers(_ path: String, _ recognition: Recognition = Recognition(entity: .customers, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try openRows(path, recognition)
        var accounting = start
        var problems = OptionalProblems()
        var productRows = ProductRowRules(format: reader.format, dateField: "signup")
        let churnWords = reader.format?.rules.churnWords ?? []
        let nonCustomerWords = reader.format?.rules.nonCustomerWords ?? []
        var formerWithoutDate = 0
        var formerFromActivity = 0
        let attributes = AttributeColumns(header: table.first.header, mapped: Set(reader.columns.columns.values))
        dataset.customers.reserveCapacity(dataset.customers.count + table.rowCount)
        customerIndex.reserveCapacity(customerIndex.count + table.rowCount)
        // Salesforce record (15-character form) → its id as first written: the 18-character
        // form of the same record on a later row is the same customer.
        var salesforceRecords: [String: String] = [:]
        let decode = CustomerRowDecoding(reader: reader, attributes: attributes, churnWords: churnWords,
                                          nonCustomerWords: nonCustomerWords)
        var sharing = CustomerValueSharing()
        // The attributes of this file's customers, in one table (see `CustomerAttributes`);
        // each customer is given its row once the file is read.
        let firstCustomer = dataset.customers.count
        var attributeTable = CustomerAttributes.Builder(names: attributes.names)
        attributeTable.reserve(rows: table.rowCount)
        // Rows decoded on both cores (`RowBlocks`); what depends on earlier rows (product row
        // rules, repeated ids) and every count happens here, in row order.
        try table.forEachRowInPlace(threads: table.threads(requested: tableThreads),
                                    decode: { decode.decode($0) },
                                        use: { (row, decoded: inout CustomerRowDecode) throws(IngestError) in
            do throws(RowSkip) {
                switch decoded.outcome {
                case .empty: throw RowSkip(reason: "empty_row", column: 0, message: "row has no values")
                case .early(let skip):
                    try productRows.check(row, reader: reader)
                    throw skip
                case .keyed, .keyedSkip:
                    try productRows.check(row, reader: reader)
                }
                if Self.holds(&customerIndex, decoded.id) {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "customer id \"\(decoded.id)\" appears on an earlier row; the first row is kept")
                }
                if let record = decoded.record, let first = salesforceRecords[record] {
                    throw RowSkip(reason: "duplicate_id", column: reader.column("id"),
                                  message: "customer id \"\(decoded.id)\" is Salesforce record \"\(first)\" of an earlier row "
                                    + "(15- and 18-character forms of one id); the first row is kept")
                }
                if case .keyedSkip(let skip) = decoded.outcome { throw skip }
                for note in decoded.notes { problems.note(note.field, row.line, note.text) }
                switch decoded.former {
                case .fromActivity: formerFromActivity += 1
                case .withoutDate: formerWithoutDate += 1
                case nil: break
                }
                // Moved out of the decoded row, not copied.
                guard var customer = decoded.customer.take() else { return }
                sharing.share(row, decode, with: &customer)
                dataset.customers.append(consume customer)
                attributes.append(row, to: &attributeTable)
                customerIndex.insert(decoded.id)
                if let record = decoded.record { salesforceRecords[record] = decoded.id }
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        })
        attributeTable.finish { row, values in dataset.customers[firstCustomer + row].attributeValues = values }
        accounting.warnings += problems.warnings(reader)
        if formerFromActivity > 0 {
            accounting.warnings.append("\(formerFromActivity) former customer\(formerFromActivity == 1 ? "" : "s") "
                + "(type or status) without a cancellation date: churned on their last activity date "
                + "(\"\(reader.headerName("last_seen"))\")")
        }
        if formerWithoutDate > 0 {
            accounting.warnings.append("\(formerWithoutDate) former customer\(formerWithoutDate == 1 ? "" : "s") "
                + "(type or status) without a cancellation or last activity date: counted as never active")
        }
        accounting.sha256 = try hashing.wait()
        dataset.inputs.append(accounting)
        try finish(accounting)
    }
}

/// The customers file's columns that no canonical field maps, read as customer attributes
/// under their header: one shared, sorted name list for the whole file (see
/// `CustomerAttributes`). Where two columns share a header, the last non-empty cell wins.
struct AttributeColumns: Sendable {
    /// Header names, ascending, no repeats.
    let names: CustomerAttributes.Names
    /// Per name, its columns in file order.
    let columns: [[Int]]

    init(header: [String], mapped: Set<Int>) {
        var byName: [String: [Int]] = [:]
        for c in header.indices where !mapped.contains(c) && !header[c].isEmpty { byName[header[c], default: []].append(c) }
        let names = CustomerAttributes.Names(byName.keys)
        self.names = names
        columns = names.list.map { byName[$0]! }
    }

    /// Appends the row's attributes to `table` as one row: per name, the last of its cells
    /// that is not blank, trimmed of spaces as `RowView.string` trims ("" when every cell of
    /// the name is blank). Nothing is appended when the file has no attribute columns.
    func append(_ row: RowView, to table: inout CustomerAttributes.Builder) {
        guard !columns.isEmpty else { return }
        for cells in columns {
            var found = false
            for c in cells.reversed() where !found {
                found = row.withBytes(c) { raw in
                    let cursor = ByteCursor(raw)  // trims spaces, tabs and no-break spaces
                    if cursor.isAtEnd { return false }
                    let value = UnsafeBufferPointer(rebasing: raw[cursor.index..<cursor.end])
                    if value.allSatisfy({ $0 < 0x80 }) {
                        table.append(value)
                    } else {
                        // Non-ASCII: as `String(decoding:)` reads it (invalid UTF-8 repaired).
                        table.append(String(decoding: value, as: UTF8.self))
                    }
                    return true
                }
            }
            if !found { table.append(UnsafeBufferPointer(start: nil, count: 0)) }
        }
        table.endRow()
    }
}

/// A customers row as read on its own (see `RowBlocks`): empty, skipped before its id is
/// known, or keyed by its id with the customer it makes (or the skip it earns) should the id
/// be new. Used where it was decoded: the customer is moved out, never copied.
struct CustomerRowDecode: Sendable {
    enum Outcome: Sendable {
        case empty
        case early(RowSkip)
        /// Keyed, with `customer` made.
        case keyed
        /// Keyed, with the skip the row earns should its id be new.
        case keyedSkip(RowSkip)
    }

    var outcome: Outcome
    /// The id (keyed rows), and its Salesforce record (15-character form) if it is one.
    var id = ""
    var record: String?
    /// The customer without its seven descriptive texts (plan … churn reason): those are
    /// given where the customers are put in order (`CustomerValueSharing`), from the row's
    /// cells, so that no trait string or object is made on a decoding thread.
    var customer: Customer?
    /// Unreadable optional values (field, text), in the order they were met.
    var notes: [(field: String, text: String)] = []
    /// How a product's "former customer" row got its churn date, if it is one.
    var former: FormerCustomer?

    enum FormerCustomer: Sendable { case fromActivity, withoutDate }

    init(_ outcome: Outcome, id: String = "", record: String? = nil) {
        self.outcome = outcome
        self.id = id
        self.record = record
    }
}

/// The customers of one file with their equal values sharing storage: equal traits (plan,
/// segment, region, channel, owner, status, churn reason) as one object (`CustomerTraits.Table`),
/// and long values (`SharedStrings`) a column each for those seven. Ids and names are left as
/// they are (nearly all distinct); attributes go to the file's `CustomerAttributes.Table`.
///
/// A row whose seven trait cells hold the same bytes as an earlier row's gets the traits that
/// row got, found by the bytes (`ByteKeyedCache`) without making the seven strings or hashing
/// them: equal bytes make equal strings, which the table maps to the same object. Only while
/// the table is open (it stops sharing after `CustomerTraits.Table`'s limit), as before.
struct CustomerValueSharing {
    private var traits = CustomerTraits.Table()
    private var plans = SharedStrings(), segments = SharedStrings(), regions = SharedStrings()
    private var channels = SharedStrings(), owners = SharedStrings(), statuses = SharedStrings()
    private var churnReasons = SharedStrings()
    /// The traits given to the rows of each distinct trait-cell key (`TraitCells.key`).
    private var byCells = ByteKeyedCache<CustomerTraits>()
    /// The current row's key (its first bytes), the buffer reused from row to row.
    private var key: [UInt8] = []

    init() {}

    /// Gives `c` the traits of `row` (read by `decoding`), sharing storage with the equal values met before.
    mutating func share(_ row: RowView, _ decoding: CustomerRowDecoding, with c: inout Customer) {
        guard traits.isOpen else {
            c.traits = shared(decoding.traits(row))
            return
        }
        let length = decoding.traitCells.key(of: row, into: &key)
        if let known = key.withUnsafeBufferPointer({ byCells[UnsafeBufferPointer(rebasing: $0[..<length])] }) {
            c.traits = known
            return
        }
        c.traits = shared(decoding.traits(row))
        key.withUnsafeBufferPointer { byCells.remember(c.traits, for: UnsafeBufferPointer(rebasing: $0[..<length])) }
    }

    /// The traits with `values`: the object of the equal values met before, else a new one.
    mutating func shared(_ values: CustomerTraits.Values) -> CustomerTraits {
        let hash = values.hashValue
        if let known = traits.shared(values, hash: hash) { return known }
        var v = values
        v.plan = plans.shared(v.plan)
        v.segment = segments.shared(v.segment)
        v.region = regions.shared(v.region)
        v.channel = channels.shared(v.channel)
        v.owner = owners.shared(v.owner)
        v.status = statuses.shared(v.status)
        v.churnReason = churnReasons.shared(v.churnReason)
        let made = CustomerTraits(v)
        traits.remember(made, hash: hash)  // equal values, the same hash
        return made
    }
}

/// The columns of a customers file's seven traits (plan … churn reason, nil where the file
/// has none), and a row's key of them: per column, its cell trimmed as `RowView.string` trims
/// it, as its length (7 bits a byte, low bits first, the high bit set on all but the last) and
/// its bytes (a blank or missing cell: length 0). Rows with equal keys have equal trait values.
struct TraitCells: Sendable {
    let columns: [Int?]

    /// Writes the row's key at the start of `key` (made longer first when it could not hold
    /// it) and returns its length. Written through a pointer: appending each cell to an array
    /// cost more than the rest of the key's making.
    func key(of row: RowView, into key: inout [UInt8]) -> Int {
        // A cell's key is at most its bytes as written (unescaping only shortens them) and the
        // ten bytes of the longest length.
        var room = 0
        for column in columns { room += row.writtenCount(column) + 10 }
        if key.count < room { key = [UInt8](repeating: 0, count: max(room, 2 * key.count)) }
        return key.withUnsafeMutableBufferPointer { out in
            var n = 0
            for column in columns {
                row.withBytes(column) { raw in
                    let cursor = ByteCursor(raw)  // trims spaces, tabs and no-break spaces
                    var count = cursor.isAtEnd ? 0 : cursor.end - cursor.index
                    while count >= 0x80 {
                        out[n] = UInt8(truncatingIfNeeded: count) | 0x80
                        n += 1
                        count >>= 7
                    }
                    out[n] = UInt8(count)
                    n += 1
                    if !cursor.isAtEnd, let source = raw.baseAddress {
                        (out.baseAddress! + n).update(from: source + cursor.index, count: cursor.end - cursor.index)
                        n += cursor.end - cursor.index
                    }
                }
            }
            return n
        }
    }
}

/// Reads one customers row without looking at any other (the part of `loadCustomers` that
/// runs on both cores).
struct CustomerRowDecoding: Sendable {
    let reader: FieldReader
    let attributes: AttributeColumns
    let churnWords: Set<String>
    let nonCustomerWords: Set<String>
    /// The text fields' columns, looked up once per file instead of by name on every row.
    private let idColumn, nameColumn, planColumn, segmentColumn, regionColumn, channelColumn, ownerColumn, statusColumn,
        churnReasonColumn, churnKindColumn: Int?
    /// The date fields, resolved once per file.
    private let signupField, churnDateField, lastSeenField: FieldReader.Field

    init(reader: FieldReader, attributes: AttributeColumns, churnWords: Set<String>, nonCustomerWords: Set<String>) {
        self.reader = reader
        self.attributes = attributes
        self.churnWords = churnWords
        self.nonCustomerWords = nonCustomerWords
        let c = { (field: String) in reader.column(field) }
        (idColumn, nameColumn, planColumn, segmentColumn) = (c("id"), c("name"), c("plan"), c("segment"))
        (regionColumn, channelColumn, ownerColumn, statusColumn) = (c("region"), c("channel"), c("owner"), c("status"))
        (churnReasonColumn, churnKindColumn) = (c("churn_reason"), c("churn_kind"))
        (signupField, churnDateField, lastSeenField) = (reader.field("signup"), reader.field("churn_date"),
                                                        reader.field("last_seen"))
        traitCells = TraitCells(columns: [planColumn, segmentColumn, regionColumn, channelColumn, ownerColumn, statusColumn,
                                          churnReasonColumn])
    }

    /// The seven trait columns, in `traits(_:)`'s order.
    let traitCells: TraitCells

    /// The row's plan … churn reason, each trimmed (nil when blank or missing).
    func traits(_ row: RowView) -> CustomerTraits.Values {
        CustomerTraits.Values(
            plan: row.string(planColumn), segment: row.string(segmentColumn),
            region: row.string(regionColumn), channel: row.string(channelColumn),
            owner: row.string(ownerColumn), status: row.string(statusColumn),
            churnReason: row.string(churnReasonColumn))
    }

    func decode(_ row: RowView) -> CustomerRowDecode {
        if row.isEmptyRow { return CustomerRowDecode(.empty) }
        do throws(RowSkip) {
            try reader.checkShape(row)
        } catch {
            return CustomerRowDecode(.early(error))
        }
        guard let id = row.string(idColumn) else {
            return CustomerRowDecode(.early(RowSkip(reason: "missing_id", column: reader.column("id"), message: "no customer id")))
        }
        var decoded = CustomerRowDecode(.keyed, id: id, record: SalesforceID.canonical(id.utf8))
        do throws(RowSkip) { try customer(into: &decoded, row) } catch { decoded.outcome = .keyedSkip(error) }
        return decoded
    }

    /// Makes `decoded.customer` (and its notes) from the row.
    private func customer(into decoded: inout CustomerRowDecode, _ row: RowView) throws(RowSkip) {
        let id = decoded.id
        if !nonCustomerWords.isEmpty, let type = row.string(segmentColumn), nonCustomerWords.contains(headerKey(type)) {
            throw RowSkip(reason: RowRules.notACustomer, column: reader.column("segment"),
                          message: "account type \"\(type)\" is not a customer")
        }
        let signup = try reader.notAfterToday(reader.requiredDay(signupField, row), signupField, row)
        var notes: [(field: String, text: String)] = []
        func optionalDay(_ field: FieldReader.Field) -> Day? {
            do throws(RowSkip) { return try reader.day(field, row) } catch {
                notes.append((field.name, reader.text(field, row) ?? ""))
                return nil
            }
        }
        let kindText = row.string(churnKindColumn)
        let kind = ValueVocabulary.churnKind(kindText)
        if kindText != nil && kind == nil { notes.append(("churn_kind", kindText ?? "")) }
        // Made without traits (see `CustomerRowDecode.customer`), so it holds no object of its own,
        // and with empty attributes made as such (not from an empty dictionary).
        var customer = Customer(
            id: id, name: row.string(nameColumn) ?? id, signup: signup,
            churnDate: optionalDay(churnDateField), churnKind: kind, lastSeen: optionalDay(lastSeenField),
            attributeValues: CustomerAttributes())
        // A product's "former customer" type or status is a churn; its day is the
        // cancellation date, else the last activity date, else (unknown) the signup.
        if !churnWords.isEmpty, customer.churnDate == nil,
           [row.string(segmentColumn), row.string(statusColumn)].contains(where: { $0.map { churnWords.contains(headerKey($0)) } ?? false }) {
            if let last = customer.lastSeen, last >= signup {
                customer.churnDate = last
                decoded.former = .fromActivity
            } else {
                customer.churnDate = signup
                decoded.former = .withoutDate
            }
        }
        decoded.notes = notes
        decoded.customer = consume customer
    }
}
