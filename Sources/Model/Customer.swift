/// Position of a customer in `Dataset.customers`. Every other record refers to its customer
/// by index, so customer ids are resolved (and interned) once, at ingest.
public typealias CustomerIndex = Int

/// Whether a cancellation was the customer's decision or a failed payment.
public enum ChurnKind: String, Sendable, Hashable {
    case voluntary, involuntary
}

/// A customer (account) as the CRM knows it.
public struct Customer: Sendable, Hashable {
    /// The CRM's own id, unique within a dataset.
    public var id: String
    public var name: String
    /// Signup / created date: the default cohort basis.
    public var signup: Day
    public var plan: String?
    public var segment: String?
    public var region: String?
    /// Acquisition channel (e.g. "Organic", "Paid search", "Partner").
    public var channel: String?
    /// Account owner / customer-success manager.
    public var owner: String?
    /// The CRM's own status text (e.g. "Active", "Cancelled"), kept for display only.
    public var status: String?
    /// Cancellation date given by the CRM, if any. Metrics may also derive churn from subscriptions.
    public var churnDate: Day?
    public var churnReason: String?
    public var churnKind: ChurnKind?
    /// Last login or activity date, when an export provides one (used by health scoring).
    public var lastSeen: Day?
    /// Any further mapped attributes, usable as segments (attribute name → value).
    public var attributes: [String: String]

    public init(id: String, name: String = "", signup: Day, plan: String? = nil, segment: String? = nil,
                region: String? = nil, channel: String? = nil, owner: String? = nil, status: String? = nil,
                churnDate: Day? = nil, churnReason: String? = nil, churnKind: ChurnKind? = nil,
                lastSeen: Day? = nil, attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.signup = signup
        self.plan = plan
        self.segment = segment
        self.region = region
        self.channel = channel
        self.owner = owner
        self.status = status
        self.churnDate = churnDate
        self.churnReason = churnReason
        self.churnKind = churnKind
        self.lastSeen = lastSeen
        self.attributes = attributes
    }

    /// The value of a segmenting attribute: `plan`, `segment`, `region`, `channel`, `owner`,
    /// or any key of `attributes`.
    public func attribute(_ name: String) -> String? {
        switch name {
        case "plan": return plan
        case "segment": return segment
        case "region": return region
        case "channel": return channel
        case "owner": return owner
        default: return attributes[name]
        }
    }
}
