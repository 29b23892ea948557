import Model

/// Satisfaction of the customers sharing one value of an attribute.
public struct SatisfactionSegment: Sendable, Hashable {
    /// The attribute value, or `SatisfactionBreakdown.unknown`.
    public let value: String
    public let scores: SatisfactionScores
}

/// CSAT, NPS and CES split by one customer attribute (`plan`, `segment`, `region`, `channel`,
/// `owner` or any extra attribute), over responses dated `from`…`asOf` (all up to `asOf` when
/// `from` is nil). A response without a known customer, or whose customer has no value for the
/// attribute, goes to "Unknown". Segments are sorted by value, "Unknown" last.
public struct SatisfactionBreakdown: Sendable, Hashable {
    public static let unknown = "Unknown"

    public let attribute: String
    public let segments: [SatisfactionSegment]

    public static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               attribute: String, from: Day? = nil) -> SatisfactionBreakdown {
        // A customer's value is coded the first time one of their responses in the window is
        // read (code 0: Unknown, also for a response without a known customer); the responses add
        // into the scores of their code, in file order. Only values with responses are listed,
        // sorted, so customers without responses in the window need no code at all.
        var codeOf: [String: Int32] = [unknown: 0]
        var values = [unknown]
        var scores: [SatisfactionScores?] = [nil]
        func newCode(of customer: Customer) -> Int32 {
            guard let v = customer.attribute(attribute), !v.isEmpty else { return 0 }
            if let known = codeOf[v] { return known }
            codeOf[v] = Int32(values.count)
            values.append(v)
            scores.append(nil)
            return Int32(values.count - 1)
        }
        var codes = [Int32](repeating: -1, count: dataset.customers.count)
        for response in dataset.surveys where response.day <= configuration.asOf {
            if let from, response.day < from { continue }
            var code = 0
            if let c = response.customer, codes.indices.contains(c) {
                if codes[c] < 0 { codes[c] = newCode(of: dataset.customers[c]) }
                code = Int(codes[c])
            }
            if scores[code] == nil { scores[code] = SatisfactionScores() }
            scores[code]!.add(response)
        }
        let segments = zip(values, scores)
            .compactMap { value, scores in scores.map { SatisfactionSegment(value: value, scores: $0) } }
            .sorted { a, b in
                if (a.value == unknown) != (b.value == unknown) { return b.value == unknown }
                return a.value < b.value
            }
        return SatisfactionBreakdown(attribute: attribute, segments: segments)
    }

    /// One breakdown per attribute in `configuration.segmentAttributes`.
    public static func computeAll(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                  from: Day? = nil) -> [SatisfactionBreakdown] {
        configuration.segmentAttributes.map { compute(dataset, configuration, attribute: $0, from: from) }
    }
}
