/// What happened to the rows of one input file: rows read = rows used + rows skipped.
public struct InputAccounting: Sendable, Hashable {
    /// A skipped row, located in its file.
    public struct Example: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Rows skipped for one reason.
    public struct SkipReason: Sendable, Hashable {
        /// Short stable key, e.g. `unknown_customer`, `bad_date`, `duplicate_id`.
        public var reason: String
        public var count: Int
        /// The first few examples (at most `InputAccounting.exampleLimit`).
        public var examples: [Example]
        public init(reason: String, count: Int = 0, examples: [Example] = []) {
            self.reason = reason
            self.count = count
            self.examples = examples
        }
    }

    public static let exampleLimit = 5

    /// How the file's rows were matched to customers (nil for customers files and files with no customer key).
    public var join: CustomerJoin? = nil

    /// The path as the user gave it.
    public var path: String
    /// Which entity the file holds: `customers`, `subscriptions`, `orders`, `surveys`, `tickets`.
    public var entity: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var rowsRead: Int
    public var rowsUsed: Int
    /// Skip reasons in the order they were first met.
    public var skipped: [SkipReason]
    /// Notes about the whole file (e.g. "decoded as Windows-1252: not valid UTF-8").
    public var warnings: [String]
    /// The export the file was recognised as: "HubSpot deals", "Stripe unified payments",
    /// "generic customers"; empty when not recorded.
    public var source: String = ""

    /// Skip reasons that are a product's own rules, not problems: rows the export writes that
    /// are not data for this entity (footers, extra header rows, line-item continuations),
    /// and records the report leaves out on purpose (unpaid, refunded or cancelled payments,
    /// open and lost deals, surveys without an answer, prospects and partners in an accounts
    /// export). `--strict` does not fail on them.
    public static let excludedByRule: Set<String> = [
        "not_paid", "refunded", "cancelled", "open_deal", "lost_deal", "not_revenue", "no_rating",
        "report_footer", "extra_header_row", "continuation_row", "empty_row", "not_a_customer",
    ]

    /// Rows set aside by a product rule (see `excludedByRule`).
    public var rowsExcluded: Int { skipped.filter { Self.excludedByRule.contains($0.reason) }.reduce(0) { $0 + $1.count } }
    /// Rows that could not be used: unreadable values, wrong field counts, unknown references.
    public var rowsUnreadable: Int { rowsSkipped - rowsExcluded }

    public init(path: String, entity: String, sha256: String = "", rowsRead: Int = 0, rowsUsed: Int = 0,
                skipped: [SkipReason] = [], warnings: [String] = []) {
        self.path = path
        self.entity = entity
        self.sha256 = sha256
        self.rowsRead = rowsRead
        self.rowsUsed = rowsUsed
        self.skipped = skipped
        self.warnings = warnings
    }

    public var rowsSkipped: Int { skipped.reduce(0) { $0 + $1.count } }

    /// Counts `rows` skipped rows (and as many read rows; more than one when a runaway quote
    /// joined several physical rows into one record) under `reason`, keeping the first few examples.
    public mutating func skip(_ reason: String, line: Int, column: Int, message: String, rows: Int = 1) {
        rowsRead += rows
        if let i = skipped.firstIndex(where: { $0.reason == reason }) {
            skipped[i].count += rows
            if skipped[i].examples.count < Self.exampleLimit {
                skipped[i].examples.append(Example(line: line, column: column, message: message))
            }
        } else {
            skipped.append(SkipReason(reason: reason, count: rows,
                                      examples: [Example(line: line, column: column, message: message)]))
        }
    }

    /// Counts one used row.
    public mutating func use() {
        rowsRead += 1
        rowsUsed += 1
    }
}
