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
        var byValue: [String: SatisfactionScores] = [:]
        for response in dataset.surveys where response.day <= configuration.asOf {
            if let from, response.day < from { continue }
            var value = unknown
            if let c = response.customer, dataset.customers.indices.contains(c),
               let v = dataset.customers[c].attribute(attribute), !v.isEmpty {
                value = v
            }
            byValue[value, default: SatisfactionScores()].add(response)
        }
        let segments = byValue
            .map { SatisfactionSegment(value: $0.key, scores: $0.value) }
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
