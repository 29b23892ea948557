/// Position of a customer in `Dataset.customers`. Every other record refers to its customer
/// by index, so customer ids are resolved (and interned) once, at ingest.
public typealias CustomerIndex = Int

/// Whether a cancellation was the customer's decision or a failed payment.
public enum ChurnKind: String, Sendable, Hashable {
    case voluntary, involuntary
}

/// A customer (account) as the CRM knows it.
///
/// Kept small because exports hold millions: the strings first, then the days (so padding
/// falls at the end only), and the further attributes as `CustomerAttributes` (the header
/// names shared by a file's customers) rather than a dictionary each.
public struct Customer: Sendable, Hashable {
    /// The CRM's own id, unique within a dataset.
    public var id: String
    public var name: String
    public var plan: String?
    public var segment: String?
    public var region: String?
    /// Acquisition channel (e.g. "Organic", "Paid search", "Partner").
    public var channel: String?
    /// Account owner / customer-success manager.
    public var owner: String?
    /// The CRM's own status text (e.g. "Active", "Cancelled"), kept for display only.
    public var status: String?
    public var churnReason: String?
    /// Any further mapped attributes, usable as segments (attribute name → value), as stored.
    public var attributeValues: CustomerAttributes
    /// Signup / created date: the default cohort basis.
    public var signup: Day
    /// Cancellation date given by the CRM, if any. Metrics may also derive churn from subscriptions.
    public var churnDate: Day?
    /// Last login or activity date, when an export provides one (used by health scoring).
    public var lastSeen: Day?
    public var churnKind: ChurnKind?

    /// Any further mapped attributes, usable as segments (attribute name → value; empty values
    /// are not kept). Made from `attributeValues` on each read: prefer `attribute(_:)` in loops.
    public var attributes: [String: String] {
        get { attributeValues.dictionary }
        set { attributeValues = CustomerAttributes(newValue) }
    }

    public init(id: String, name: String = "", signup: Day, plan: String? = nil, segment: String? = nil,
                region: String? = nil, channel: String? = nil, owner: String? = nil, status: String? = nil,
                churnDate: Day? = nil, churnReason: String? = nil, churnKind: ChurnKind? = nil,
                lastSeen: Day? = nil, attributes: [String: String] = [:]) {
        self.init(id: id, name: name, signup: signup, plan: plan, segment: segment, region: region, channel: channel,
                  owner: owner, status: status, churnDate: churnDate, churnReason: churnReason, churnKind: churnKind,
                  lastSeen: lastSeen, attributeValues: CustomerAttributes(attributes))
    }

    public init(id: String, name: String = "", signup: Day, plan: String? = nil, segment: String? = nil,
                region: String? = nil, channel: String? = nil, owner: String? = nil, status: String? = nil,
                churnDate: Day? = nil, churnReason: String? = nil, churnKind: ChurnKind? = nil,
                lastSeen: Day? = nil, attributeValues: CustomerAttributes) {
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
        self.attributeValues = attributeValues
    }

    /// The value of a segmenting attribute: `plan`, `segment`, `region`, `channel`, `owner`,
    /// or any name of `attributes`.
    public func attribute(_ name: String) -> String? {
        switch name {
        case "plan": return plan
        case "segment": return segment
        case "region": return region
        case "channel": return channel
        case "owner": return owner
        default: return attributeValues[name]
        }
    }
}
