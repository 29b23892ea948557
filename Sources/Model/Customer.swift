/// Position of a customer in `Dataset.customers`. Every other record refers to its customer
/// by index, so customer ids are resolved (and interned) once, at ingest.
public typealias CustomerIndex = Int

/// Whether a cancellation was the customer's decision or a failed payment.
public enum ChurnKind: String, Sendable, Hashable {
    case voluntary, involuntary
}

/// A customer (account) as the CRM knows it.
///
/// Kept small because exports hold millions: the strings first, then the signup day in the
/// four bytes after the 12 of the attributes, then the rest (so padding falls at the end
/// only), the further attributes as `CustomerAttributes` (a row of the table of a file's
/// customers) rather than a dictionary each, and the seven descriptive
/// texts (plan … churn reason) as one `CustomerTraits` that the customers of a file with equal
/// ones share.
public struct Customer: Sendable, Hashable {
    /// The CRM's own id, unique within a dataset.
    public var id: String
    public var name: String
    /// Any further mapped attributes, usable as segments (attribute name → value), as stored.
    public var attributeValues: CustomerAttributes
    /// Signup / created date: the default cohort basis.
    public var signup: Day
    /// plan, segment, region, channel, owner, status and churn reason.
    public var traits: CustomerTraits
    /// Cancellation date given by the CRM, if any. Metrics may also derive churn from subscriptions.
    public var churnDate: Day?
    /// Last login or activity date, when an export provides one (used by health scoring).
    public var lastSeen: Day?
    public var churnKind: ChurnKind?

    public var plan: String? {
        get { traits.values.plan }
        set { traits.values.plan = newValue }
    }
    public var segment: String? {
        get { traits.values.segment }
        set { traits.values.segment = newValue }
    }
    public var region: String? {
        get { traits.values.region }
        set { traits.values.region = newValue }
    }
    /// Acquisition channel (e.g. "Organic", "Paid search", "Partner").
    public var channel: String? {
        get { traits.values.channel }
        set { traits.values.channel = newValue }
    }
    /// Account owner / customer-success manager.
    public var owner: String? {
        get { traits.values.owner }
        set { traits.values.owner = newValue }
    }
    /// The CRM's own status text (e.g. "Active", "Cancelled"), kept for display only.
    public var status: String? {
        get { traits.values.status }
        set { traits.values.status = newValue }
    }
    public var churnReason: String? {
        get { traits.values.churnReason }
        set { traits.values.churnReason = newValue }
    }

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
        traits = CustomerTraits(CustomerTraits.Values(plan: plan, segment: segment, region: region, channel: channel,
                                                      owner: owner, status: status, churnReason: churnReason))
        self.churnDate = churnDate
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
