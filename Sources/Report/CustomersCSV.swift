import Foundation
import Metrics
import Model
import Mustache

/// `retention report --customers-csv FILE`: one row per customer with the per-customer figures
/// (health score, status and reasons, monthly revenue, the prediction models' figures), shaped for a CRM's CSV import as an
/// update of custom properties.
///
/// The import tools this follows: HubSpot's importer matches each column header to a property
/// and updates the existing record named by a unique identifier column (Record ID, or e-mail for
/// contacts, company domain for companies); an empty cell leaves the property unchanged.
/// Salesforce's Data Import Wizard / Data Loader update by record ID or an external-ID field,
/// read the first row as field names, want UTF-8 and line feeds, and dates as yyyy-MM-dd.
/// So: a header row of fixed lower-case snake_case names (`columns`, documented in
/// docs/customers-csv.md), `customer_id` first, UTF-8 without BOM, LF line ends, RFC 4180
/// quoting, dates as YYYY-MM-DD, numbers with `.` and no grouping in full precision (shortest
/// round-trip form), and an empty cell where a value is unknown.
///
/// Text cells that start with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with `'`
/// so a spreadsheet opening the file never evaluates them as a formula (OWASP "CSV injection").
/// Number cells are written by this program and never need it.
///
/// Rows are written straight into a byte buffer: text cells copy the customer's bytes, numbers
/// are formatted without building strings, and nothing per customer is kept.
public enum CustomersCSV {
    /// What a column sees for one customer.
    /// One value is reused for every row. It holds only what the cells read, so it stays small:
    /// each cell's closure gets its own copy of the row's bytes.
    public struct Row {
        public internal(set) var index: CustomerIndex = 0
        let customers: [Customer]
        /// The customer's health at as-of; nil when not scored (not active, or no rule had data).
        public internal(set) var health: HealthScore?
        /// Active on the as-of day.
        public internal(set) var isActive = false
        /// The models' figures for the customer (BG/NBD, Gamma-Gamma, churn model); nil when no model scored it.
        public internal(set) var prediction: CustomerPredictionColumns?
        /// The as-of date as text (the same on every row).
        let asOf: String
        /// The customers file's headers that hold an e-mail / a domain, in the order they are tried.
        let emailHeaders: [String]
        let domainHeaders: [String]

        /// The current customer's attributes, and where `emailHeaders` and `domainHeaders` are
        /// among their names (in header order; headers not there left out). The positions are
        /// worked out again only for attributes with other names than the last ones (customers of
        /// one file share their names), so a row reads the e-mail and domain bytes in place.
        private var attributes = CustomerAttributes()
        private var emailPositions: [Int] = []
        private var domainPositions: [Int] = []
        /// The customer whose attributes' names the positions were found for (nil: none yet).
        private var positionsCustomer: CustomerIndex?

        init(customers: [Customer], asOf: String, emailHeaders: [String], domainHeaders: [String]) {
            self.customers = customers
            self.asOf = asOf
            self.emailHeaders = emailHeaders
            self.domainHeaders = domainHeaders
        }

        /// Points the row at customer `customer` (its health, activity and prediction are set apart).
        mutating func select(_ customer: CustomerIndex) {
            index = customer
            attributes = customers[customer].attributeValues
            if positionsCustomer.map({ !attributes.sharesTable(with: customers[$0].attributeValues) }) ?? true {
                emailPositions = emailHeaders.compactMap { attributes.position(of: $0) }
                domainPositions = domainHeaders.compactMap { attributes.position(of: $0) }
                positionsCustomer = customer
            }
        }

        /// The first of `positions` where the customer has a non-empty value.
        private func firstValue(_ positions: [Int]) -> Int? {
            positions.first { p in attributes.withValue(at: p) { !$0.isEmpty } }
        }

        private func text(at position: Int) -> String {
            attributes.withValue(at: position) { String(decoding: $0, as: UTF8.self) }
        }

        /// The customer's e-mail: the first non-empty value among `emailHeaders`.
        public var email: String? { firstValue(emailPositions).map(text(at:)) }

        /// Appends ``email``'s bytes; false when there is none.
        func appendEmail(to out: inout [UInt8]) -> Bool {
            guard let p = firstValue(emailPositions) else { return false }
            attributes.withValue(at: p) { out.append(contentsOf: $0) }
            return true
        }

        public var customer: Customer { customers[index] }
        /// The CRM id and name, read without copying the customer.
        public var id: String { customers[index].id }
        public var name: String { customers[index].name }

        /// The export's domain column, else the part of the e-mail after `@` (lower case).
        public var domain: String? {
            if let p = firstValue(domainPositions) { return text(at: p) }
            guard let email, let at = email.lastIndex(of: "@") else { return nil }
            let d = email[email.index(after: at)...]
            return d.isEmpty ? nil : String(d).lowercased()
        }

        /// Appends ``domain``'s bytes; false when there is none. An e-mail whose last `@` byte
        /// has ASCII on both sides and only ASCII after it (the usual case, whatever the name
        /// before it) is cut and lower-cased on its bytes: that `@` is a character of its own
        /// (ASCII is never a prepended or extending mark), no later character is an `@`, and
        /// `lowercased()` of ASCII maps just A–Z. An e-mail without an `@` byte has no `@`
        /// character either. Any other goes through ``domain``.
        func appendDomain(to out: inout [UInt8]) -> Bool {
            if let p = firstValue(domainPositions) {
                attributes.withValue(at: p) { out.append(contentsOf: $0) }
                return true
            }
            guard let emailAt = firstValue(emailPositions) else { return false }
            let start = out.count
            let ascii = attributes.withValue(at: emailAt) { utf8 -> Bool in
                guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return true }
                guard at == 0 || utf8[at - 1] < 0x80, utf8[(at + 1)...].allSatisfy({ $0 < 0x80 }) else { return false }
                for byte in utf8[(at + 1)...] {
                    out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                }
                return true
            }
            if ascii { return out.count > start }
            guard let d = domain else { return false }
            out.append(contentsOf: d.utf8)
            return true
        }
    }

    public enum Kind: Sendable { case text, number }

    /// How a column reads its cell from a row: a text (escaped and guarded as a text cell), a
    /// number (formatted by ``appendNumber(_:to:)``), or text put together from parts (the
    /// closure appends the unescaped bytes to the given buffer and says whether there is a
    /// value; what it appended is dropped when there is none, and escaped and guarded as a text
    /// cell's when there is).
    public enum Cell {
        case text((Row) -> String?)
        case number((Row) -> Double?)
        case composed((Row, inout [UInt8]) -> Bool)
    }

    /// One column: its header and how a row's cell is read. A cell that is nil is left empty.
    public struct Column {
        public let header: String
        public let cell: Cell

        public init(_ header: String, _ cell: Cell) {
            self.header = header
            self.cell = cell
        }
    }

    /// The columns, in file order. Adding a per-customer figure is one line here (and a line in
    /// docs/customers-csv.md).
    nonisolated(unsafe) public static let columns: [Column] = [
        Column("customer_id", .text { $0.id }),
        Column("name", .text { $0.name }),
        Column("email", .composed { row, out in row.appendEmail(to: &out) }),
        Column("domain", .composed { row, out in row.appendDomain(to: &out) }),
        Column("as_of", .text { $0.asOf }),
        Column("active", .text { $0.isActive ? "true" : "false" }),
        Column("health_score", .number { $0.health?.score }),
        Column("health_status", .text { $0.health?.status.rawValue }),
        Column("health_reasons", .composed { row, out in
            guard let health = row.health else { return false }
            appendReasons(health, to: &out)
            return true
        }),
        Column("monthly_revenue", .number { $0.health?.revenueAtRisk }),
        Column("p_alive", .number { $0.prediction?.probabilityAlive }),
        Column("expected_purchases_13w", .number { $0.prediction?.expectedPurchases13Weeks }),
        Column("expected_purchases_52w", .number { $0.prediction?.expectedPurchases52Weeks }),
        Column("clv_12m", .number { $0.prediction?.clv12Months }),
        Column("churn_probability_90d", .number { $0.prediction?.churnProbability90Days }),
    ]

    /// The whole file, handed to `sink` in pieces: the header row, then blocks of `blockSize`
    /// customers' rows in customer order (the customers file's order), made on `threads` threads
    /// (``OrderedBlocks``; the bytes do not depend on the thread count). Memory stays at a few
    /// blocks whatever the customer count.
    public static func write<Failure: Error>(analysis: RetentionAnalysis, customers: [Customer], blockSize: Int = 4096,
                                             threads: Int = defaultThreads,
                                             to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var header: [UInt8] = []
        for (i, column) in columns.enumerated() {
            if i > 0 { header.append(UInt8(ascii: ",")) }
            appendCell(column.header, kind: .text, to: &header)
        }
        header.append(0x0A)
        try sink(header)
        guard !customers.isEmpty else { return }
        let rows = RowSource(analysis: analysis, customers: customers)
        let blockSize = max(1, blockSize), count = customers.count
        try OrderedBlocks.write(count: (count + blockSize - 1) / blockSize, threads: threads, make: { block, out in
            rows.append(block * blockSize ..< min(count, (block + 1) * blockSize), to: &out)
        }, to: sink)
    }

    /// The threads the rows are made on: one more than the machine's cores, at most 4. The
    /// thread that makes every `threads`-th block also hands all of them to the file and waits
    /// for the others': with one helper a core, the file's last half second at 10 M orders
    /// kept about 1.5 of 2 cores busy; with one more, nearly 2 (about 0.15 s sooner, alternated
    /// runs).
    public static var defaultThreads: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount + 1)) }

    /// What every row reads, worked out once for the file: each customer's health score and
    /// activity by customer index, the models' figures, the e-mail and domain headers.
    struct RowSource: Sendable {
        let customers: [Customer]
        let scores: [HealthScore]
        /// Per customer: the position of their score in `scores`, or -1.
        let scoreIndex: [Int32]
        let active: [Bool]
        let predictions: CustomerPredictionTable
        let asOf: String
        let emailHeaders: [String]
        let domainHeaders: [String]

        init(analysis: RetentionAnalysis, customers: [Customer]) {
            var scoreIndex = [Int32](repeating: -1, count: customers.count)
            for (i, score) in analysis.health.scores.enumerated() where score.customer < customers.count {
                scoreIndex[score.customer] = Int32(i)
            }
            var active = [Bool](repeating: false, count: customers.count)
            for customer in analysis.activeCustomers where customer < customers.count { active[customer] = true }
            self.customers = customers
            scores = analysis.health.scores
            self.scoreIndex = scoreIndex
            self.active = active
            predictions = analysis.prediction.customerColumns(customerCount: customers.count)
            asOf = analysis.configuration.asOf.description
            emailHeaders = headers(customers, ["email", "e-mail", "emailaddress", "primaryemail", "contactemail"])
            domainHeaders = headers(customers, ["domain", "companydomainname", "companydomain", "website"])
        }

        /// Appends the rows of the customers in `range`, each ending with a line feed.
        func append(_ range: Range<Int>, to buffer: inout [UInt8]) {
            var row = Row(customers: customers, asOf: asOf, emailHeaders: emailHeaders, domainHeaders: domainHeaders)
            // The cells alone, read by position: iterating the columns would copy each header per row.
            let cells = columns.map(\.cell)
            for index in range {
                let s = scoreIndex[index]
                row.select(index)
                row.health = s >= 0 ? scores[Int(s)] : nil
                row.isActive = active[index]
                row.prediction = predictions[index]
                for i in cells.indices {
                    if i > 0 { buffer.append(UInt8(ascii: ",")) }
                    switch cells[i] {
                    case .text(let value):
                        if let text = value(row) { appendCell(text, kind: .text, to: &buffer) }
                    case .number(let value):
                        if let number = value(row) { appendNumber(number, to: &buffer) }
                    case .composed(let value):
                        // Composed in place: a cell that needs no quotes and no guard (nearly
                        // every one) stays as written; another is taken out and written again.
                        let start = buffer.count
                        guard value(row, &buffer) else {
                            buffer.removeSubrange(start...)
                            continue
                        }
                        let form = buffer.withUnsafeBufferPointer { cellForm(UnsafeBufferPointer(rebasing: $0[start...]), kind: .text) }
                        if form.guarded || form.quoted {
                            let cell = Array(buffer[start...])
                            buffer.removeSubrange(start...)
                            cell.withUnsafeBufferPointer { appendCell($0, kind: .text, to: &buffer) }
                        }
                    }
                }
                buffer.append(0x0A)
            }
        }
    }

    /// The whole file as one byte array (for small inputs and tests).
    public static func bytes(analysis: RetentionAnalysis, customers: [Customer]) -> [UInt8] {
        var out: [UInt8] = []
        write(analysis: analysis, customers: customers) { (piece: [UInt8]) -> Void in out += piece }
        return out
    }

    /// RFC 4180 cell: quoted (quotes doubled) when it holds a comma, quote, CR or LF or starts
    /// or ends with a space; a text cell starting with = + - @ tab or CR gets a leading `'`.
    static func appendCell(_ text: String, kind: Kind, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendCell($0, kind: kind, to: &out) }
    }

    static func appendCell(_ utf8: UnsafeBufferPointer<UInt8>, kind: Kind, to out: inout [UInt8]) {
        let (guarded, quoted) = cellForm(utf8, kind: kind)
        if quoted { out.append(UInt8(ascii: "\"")) }
        if guarded { out.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// How `appendCell` writes a cell: with the formula guard `'` (a text cell starting with
    /// = + - @ tab or CR) and in quotes (a comma, quote, CR or LF inside, or a space at either
    /// end; with the guard the cell starts with `'`, never with a space).
    static func cellForm(_ utf8: UnsafeBufferPointer<UInt8>, kind: Kind) -> (guarded: Bool, quoted: Bool) {
        let first = utf8.first
        let guarded = kind == .text && (first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D)
        let quoted = needsQuotes(utf8) || (!guarded && first == UInt8(ascii: " ")) || utf8.last == UInt8(ascii: " ")
        return (guarded, quoted)
    }

    /// Whether `utf8` holds a comma, a quote, a line feed or a carriage return. Eight bytes are
    /// tested at once: a word has a byte equal to `b` exactly when `x = w ^ b·0x01…01` has a zero
    /// byte, and `(x − 0x01…01) & ~x & 0x80…80` is non-zero exactly when `x` has a zero byte. The
    /// four words `(x − 0x01…01) & ~x` are or-ed and masked once: one test and one branch a word
    /// instead of four (the reasons cell is 100–300 bytes long).
    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let x = word ^ (ones &* UInt64(byte))
            return (x &- ones) & ~x
        }
        var i = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while i + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let found = zeros(word, UInt8(ascii: ",")) | zeros(word, UInt8(ascii: "\"")) | zeros(word, 0x0A) | zeros(word, 0x0D)
                if found & highs != 0 { return true }
                i += 8
            }
        }
        while i < utf8.count {
            let byte = utf8[i]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
            i += 1
        }
        return false
    }

    /// Shortest text that reads back as the same Double (Swift's `description`), `.` decimal,
    /// no exponent for the magnitudes written here; -0 as 0.
    static func number(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        var out: [UInt8] = []
        appendNumber(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``number(_:)``'s text (nothing for a value that is not finite): whole numbers
    /// below 10^15 as their digits, others in Swift's shortest round-trip form.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { return }
        if value == 0 {
            out.append(UInt8(ascii: "0"))
        } else if value == value.rounded(), abs(value) < 1e15 {
            DecimalDigits.append(Int64(value), to: &out)
        } else {
            DoubleText.append(value, to: &out)
        }
    }

    /// "Rule: reason (points of max)" for each rule that had data, joined by "; ".
    static func reasons(_ score: HealthScore) -> String {
        var out: [UInt8] = []
        appendReasons(score, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendReasons(_ score: HealthScore, to out: inout [UInt8]) {
        var first = true
        // The separators byte by byte: `append(contentsOf:)` of a 2–4 byte literal costs more
        // than the copy (about 4 % of the file's CPU at 10 M orders).
        let space = UInt8(ascii: " ")
        score.forEachContribution { contribution in
            if !first {
                out.append(UInt8(ascii: ";"))
                out.append(space)
            }
            first = false
            appendText(contribution.rule, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(space)
            contribution.appendReason(to: &out)
            out.append(space)
            out.append(UInt8(ascii: "("))
            appendNumber(contribution.points, to: &out)
            out.append(space)
            out.append(UInt8(ascii: "o"))
            out.append(UInt8(ascii: "f"))
            out.append(space)
            appendNumber(contribution.maxPoints, to: &out)
            out.append(UInt8(ascii: ")"))
        }
    }

    /// Appends `text`'s UTF-8 bytes in one copy.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// The attribute headers (any customer's, with a value) that, lower-cased without spaces and
    /// underscores, are one of `keys`: in the order of `keys`, then of the header text.
    ///
    /// Customers read from one file share their list of attribute names, so the names that match
    /// a key are worked out once per list; each customer then only looks up those.
    static func headers(_ customers: [Customer], _ keys: [String]) -> [String] {
        func key(_ h: String) -> String { String(h.lowercased().filter { $0 != " " && $0 != "_" }) }
        var found = Set<String>()
        var names: [String] = [], candidates: [String] = []
        for i in customers.indices {
            let attributes = customers[i].attributeValues
            if attributes.names != names {
                names = attributes.names
                candidates = names.filter { keys.contains(key($0)) }
            }
            for h in candidates where !found.contains(h) && attributes[h] != nil { found.insert(h) }
        }
        func rank(_ h: String) -> Int { keys.firstIndex(of: key(h))! }
        return found.sorted { (rank($0), $0) < (rank($1), $1) }
    }
}
