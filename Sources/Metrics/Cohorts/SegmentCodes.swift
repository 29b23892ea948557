import Model

/// The values of one segmenting attribute among the customers who ever paid (sorted, the
/// missing value last, as `CohortTable.segmentValues`) and every customer's value as its
/// position in that list, so per-segment metrics filter on an integer instead of comparing
/// strings. Customers who never paid get the code of their value too when it is among the
/// values, else -1.
struct SegmentCodes {
    let values: [String]
    /// Indexed by `CustomerIndex`.
    let codes: [Int32]

    init(_ ledger: ActivityLedger, attribute: String) {
        values = CohortTable.segmentValues(ledger, attribute: attribute)
        var position: [String: Int32] = [:]
        for (i, v) in values.enumerated() { position[v] = Int32(i) }
        codes = ledger.customers.map { position[CohortTable.segmentValue($0, attribute)] ?? -1 }
    }
}
