/// How the rows of one input file (orders, subscriptions, surveys, tickets) were matched to
/// customers: by id where the ids agree, else by e-mail, e-mail domain or normalised company
/// name, with the share of rows matched.
public struct CustomerJoin: Sendable, Hashable, CustomStringConvertible {
    /// The key a row was matched by, in the order they are tried.
    public enum Method: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The customer id as written.
        case id
        /// A Salesforce id in its other length (15 ↔ 18 characters, same record).
        case salesforceID = "salesforce_id"
        /// The same e-mail address (ignoring case).
        case email
        /// The e-mail's domain is the customer's e-mail or web domain (free-mail domains excluded).
        case emailDomain = "email_domain"
        /// The company name with case, punctuation and legal suffixes (Inc, LLC, GmbH, Ltd…) removed.
        case companyName = "company_name"

        public var label: String {
            switch self {
            case .id: return "id"
            case .salesforceID: return "Salesforce id (15/18 characters)"
            case .email: return "e-mail"
            case .emailDomain: return "e-mail domain"
            case .companyName: return "company name"
            }
        }

        public static func < (a: Method, b: Method) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// The file's column holding the customer key.
    public var column: String
    /// The customers file the rows were matched against (nil when customers came from revenue files).
    public var customersPath: String?
    /// Rows that named a customer (a non-empty key) and reached the join.
    public var rowsWithKey: Int
    /// Matched rows per method.
    public var matched: [Method: Int]

    public init(column: String, customersPath: String?, rowsWithKey: Int, matched: [Method: Int]) {
        self.column = column
        self.customersPath = customersPath
        self.rowsWithKey = rowsWithKey
        self.matched = matched
    }

    public var matchedRows: Int { matched.values.reduce(0, +) }
    public var unmatchedRows: Int { rowsWithKey - matchedRows }

    /// matched rows ÷ rows with a key; 1 when no row had a key.
    public var rate: Double { rowsWithKey == 0 ? 1 : Double(matchedRows) / Double(rowsWithKey) }

    /// True when every matched row matched by the id as written: nothing new to point out
    /// (unmatched rows are already counted as skips or warnings of the file).
    public var isByIDOnly: Bool { matched.keys.allSatisfy { $0 == .id } }

    /// The methods used, most rows first (ties in method order), e.g. `40 by e-mail, 8 by company name`.
    public var methodSummary: String {
        matched.filter { $0.value > 0 }.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
            .map { "\($0.value) by \($0.key.label)" }.joined(separator: ", ")
    }

    /// E.g. `customers matched by column "Email": 48 of 50 rows (96.0 %): 40 by e-mail, 8 by e-mail domain`.
    public var description: String {
        let tenths = rowsWithKey == 0 ? 1000 : (matchedRows * 1000 + rowsWithKey / 2) / rowsWithKey
        var text = "customers matched by column \"\(column)\": \(matchedRows) of \(rowsWithKey) row\(rowsWithKey == 1 ? "" : "s") "
            + "(\(tenths / 10).\(tenths % 10) %)"
        let methods = methodSummary
        if !methods.isEmpty { text += ": " + methods }
        return text
    }
}
