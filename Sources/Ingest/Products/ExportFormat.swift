import Model

/// One kind of file a product exports (HubSpot's deals export, Stripe's `unified_payments.csv`,
/// a Salesforce report of cases…): the entity it holds, the headers that identify it, the
/// product's column names and the product's row vocabulary.
///
/// A file is recognised by its header, not its name: every header of `signature` must be
/// present (compared like all headers, ignoring case, spaces and punctuation). The file name
/// only breaks ties between formats whose signatures both match.
public struct ExportFormat: Sendable, CustomStringConvertible {
    /// The product that writes the file.
    public let product: Preset
    /// What the report reads from it.
    public let entity: Entity
    /// The product's own name for the file kind: "deals", "Data Loader Opportunity", ….
    public let kind: String
    /// Headers that must all be present for the file to be this format.
    let signature: [String]
    /// Lower-case fragments of the usual file names (`unified_payments`, `extract-opportunity`).
    let fileNameHints: [String]
    /// Canonical field → the product's header names, tried before the generic synonyms.
    let columns: [String: [String]]
    /// The product's statuses, extra rows and churn words.
    let rules: RowRules
    /// Further entities read from the same file (a Zendesk tickets export also holds the
    /// satisfaction rating of each ticket).
    let companions: [ExportFormat]
    /// Set when the report deliberately does not read this kind of file; the reason is shown.
    let notUsedBecause: String?
    /// Canonical field → fragments of header keys, for columns named by the survey's author
    /// (Typeform and SurveyMonkey name a column after the question: "How likely are you to
    /// recommend us…" holds the NPS score). Used when no exact header name matched.
    let questionColumns: [String: [String]]
    /// Qualtrics writes an NPS question as two columns, `Q1` (the score) and `Q1_NPS_GROUP`
    /// (1–3): the score column is the one named like the group column without this suffix.
    let npsGroupSuffix: String?

    init(_ product: Preset, _ entity: Entity, kind: String, signature: [String], fileNames: [String] = [],
         columns: [String: [String]], questionColumns: [String: [String]] = [:], npsGroupSuffix: String? = nil,
         rules: RowRules = RowRules(),
         companions: [ExportFormat] = [], notUsedBecause: String? = nil) {
        self.product = product
        self.entity = entity
        self.kind = kind
        self.signature = signature
        self.fileNameHints = fileNames
        self.columns = columns
        self.rules = rules
        self.companions = companions
        self.notUsedBecause = notUsedBecause
        self.questionColumns = questionColumns
        self.npsGroupSuffix = npsGroupSuffix
    }

    /// "HubSpot deals", "Stripe unified payments".
    public var description: String { "\(product.displayName) \(kind)" }

    /// The product's header names for a canonical field.
    func candidates(_ field: String) -> [String] { columns[field] ?? [] }

    /// How many signature headers `keys` holds (all of them, or the format does not match).
    func signatureMatches(_ keys: Set<String>) -> Bool {
        signature.allSatisfy { keys.contains(headerKey($0)) }
    }
}

/// What a product's rows mean beyond their columns: which statuses are revenue, which rows are
/// not data at all. Rows set aside by these rules are *excluded by rule* (counted under a
/// named reason, never an error, even with `--strict`).
struct RowRules: Sendable {
    /// Order/deal status (as a header key: lower-case letters and digits) → the reason a row
    /// with it is not revenue. A status missing from the table is revenue unless `paid` is set.
    var statuses: [String: String] = [:]
    /// When set, only these statuses are revenue and any other is excluded as `otherwise`.
    var paid: Set<String>? = nil
    var otherwise = RowRules.notPaid
    /// Deal pipelines: a stage naming "won" is revenue, one naming "lost" is `lost_deal`, any
    /// other stage is `open_deal` (HubSpot "Closed Won", Salesforce "Closed Won", Pipedrive "won").
    var dealStages = false
    /// Rows right after the header that repeat it in another form (SurveyMonkey's second
    /// header row, Qualtrics's question text and ImportId rows): at most this many leading rows
    /// whose date does not read as a date are `extra_header_row`.
    var extraHeaderRows = 0
    /// Line-item rows: a row repeating the previous row's id with no amount is part of that
    /// order (Shopify writes one row per line item) and is `continuation_row`.
    var continuationRows = false
    /// Customer type or status words (header keys) meaning a former customer.
    var churnWords: Set<String> = []
    /// Account type words (header keys) meaning the account is not a customer at all
    /// (prospects, partners, vendors): such rows are `not_a_customer`.
    var nonCustomerWords: Set<String> = []
    /// The survey kind of every response when the file has no kind column.
    var surveyKind: SurveyKind? = nil
    /// Rating labels, as the product writes them, and their scores on `surveyKind`'s scale,
    /// for products that write a rating's label instead of its number (Freshdesk: "Extremely
    /// Happy" … "Extremely Unhappy"). When set, any other label is unreadable (`bad_score`,
    /// naming the label and these). Compared like headers.
    var ratingLabels: [(label: String, score: Double)] = []

    static let notPaid = "not_paid"
    static let refunded = "refunded"
    static let cancelled = "cancelled"
    static let openDeal = "open_deal"
    static let lostDeal = "lost_deal"
    static let notACustomer = "not_a_customer"

    /// CRM account types that are not customers (HubSpot company types, Salesforce and Zoho
    /// account type picklists), as header keys.
    static let crmNonCustomerTypes: Set<String> = [
        "prospect", "partner", "vendor", "reseller", "competitor", "analyst", "investor", "press", "supplier",
        "integrator", "distributor", "channelpartnerreseller", "installationpartner", "technologypartner",
    ]

    /// The exclusion reason for a status written as `key` (a header key); nil when it is revenue.
    func exclusion(forStatus key: String) -> String? {
        if key.isEmpty { return nil }
        if dealStages {
            if key.contains("won") { return nil }
            return key.contains("lost") ? RowRules.lostDeal : RowRules.openDeal
        }
        if let reason = statuses[key] { return reason }
        if let paid { return paid.contains(key) ? nil : otherwise }
        return nil
    }
}
