import Model

/// The values of one segmenting attribute among the customers who ever paid (sorted, the
/// missing value last, as `CohortTable.segmentValues`) and every customer's value as its
/// position in that list, so per-segment metrics filter on an integer instead of comparing
/// strings. Customers who never paid get the code of their value too when it is among the
/// values, else -1.
///
/// Built in one walk over the customers (each value hashed once per customer); the activity
/// ledger builds the codes of the configured segment attributes once for every metric.
struct SegmentCodes: Sendable {
    let values: [String]
    /// Indexed by `CustomerIndex`.
    let codes: [Int32]

    init(_ ledger: ActivityLedger, attribute: String) {
        self = ledger.segmentCodes(attribute)
    }

    /// Up to this many distinct values a customer's value is found by comparing it with each
    /// (short strings compare as two words); past it, through a dictionary.
    static let scannedValues = 16

    /// What `Customer.attribute(attribute)` answers, reading only that field of the customer.
    static func field(_ attribute: String) -> (UnsafePointer<Customer>) -> String? {
        switch attribute {
        case "plan": return { $0.pointee.plan }
        case "segment": return { $0.pointee.segment }
        case "region": return { $0.pointee.region }
        case "channel": return { $0.pointee.channel }
        case "owner": return { $0.pointee.owner }
        default: return { $0.pointee.attribute(attribute) }
        }
    }

    init(customers: [Customer], activity: [CustomerActivity?], attribute: String) {
        // First-seen codes, then renumbered in value order.
        var firstSeen: [String: Int32] = [:]
        var names: [String] = []
        var paid: [Bool] = []
        var raw = [Int32](repeating: 0, count: customers.count)
        // Each customer's one field read in place: `enumerated()`, an array subscript passed on,
        // or a call of `Customer.attribute` on it, copies the customer (a retain and a release
        // per text field).
        let read = Self.field(attribute)
        customers.withUnsafeBufferPointer { customers in
            for i in customers.indices {
                let value = CohortTable.segmentValue(read(customers.baseAddress! + i))
                let code: Int32
                // Few values (plans, regions): compared in turn, before any hashing.
                if names.count <= Self.scannedValues, let known = names.firstIndex(of: value) {
                    code = Int32(known)
                } else if names.count > Self.scannedValues, let known = firstSeen[value] {
                    code = known
                } else {
                    code = Int32(names.count)
                    firstSeen[value] = code
                    names.append(value)
                    paid.append(false)
                }
                raw[i] = code
                if i < activity.count, activity[i] != nil { paid[Int(code)] = true }
            }
        }
        let missing = CohortTable.missingSegmentLabel
        let order = names.indices.filter { paid[$0] }.sorted { a, b in
            if names[a] == missing { return false }
            if names[b] == missing { return true }
            return names[a] < names[b]
        }
        var position = [Int32](repeating: -1, count: names.count)
        for (p, index) in order.enumerated() { position[index] = Int32(p) }
        values = order.map { names[$0] }
        codes = raw.map { position[Int($0)] }
    }
}
