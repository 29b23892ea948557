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
        compute(dataset, configuration, attributes: [attribute], from: from)[0]
    }

    /// One breakdown per attribute in `configuration.segmentAttributes`.
    public static func computeAll(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                  from: Day? = nil) -> [SatisfactionBreakdown] {
        compute(dataset, configuration, attributes: configuration.segmentAttributes, from: from)
    }

    /// One breakdown per attribute of `attributes`, in that order, from one walk over the
    /// responses: each response in the window is classified once and added, in file order, to
    /// the segment of its customer's value in every attribute's tally. Every segment's scores
    /// are kept in one array (`scores`; slot t is attribute t's "Unknown"), so an answer is
    /// added straight into the slot its customer's value was given.
    static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                        attributes: [String], from: Day?) -> [SatisfactionBreakdown] {
        let asOf = configuration.asOf
        let width = attributes.count
        guard width > 0 else { return [] }
        var tallies = attributes.indices.map { SegmentTally(attribute: attributes[$0], unknownSlot: Int32($0)) }
        var scores = [SatisfactionScores](repeating: SatisfactionScores(), count: width)
        // The slots of customer c's values are slots[c·width ..< (c+1)·width] (-1: not given yet),
        // all given at their first response, side by side so a response reads one cache line.
        var slots = [Int32](repeating: -1, count: dataset.customers.count * width)
        // The slots of the trait attributes by traits object (customers with the same values
        // share one, `CustomerTraits.Table`), found at the first customer of each that responds:
        // `traitSlots[k + t]` for attribute t, -1 for an attribute that is no trait. At most
        // `traitsKept` objects are kept (traits kept unshared make one per customer).
        var byTraits: [ObjectIdentifier: Int] = [:]
        var traitSlots: [Int32] = []
        let isTrait = tallies.map(\.isTrait)
        dataset.customers.withUnsafeBufferPointer { customers in
            let surveys = dataset.surveys
            for i in surveys.indices {
                let day = surveys.day(at: i)
                guard day <= asOf else { continue }
                if let from, day < from { continue }
                let answer = SurveyAnswer(kind: surveys.kind(at: i), score: surveys.score(at: i))
                guard let c = surveys.customer(at: i), customers.indices.contains(c) else {
                    for t in 0..<width { scores[t].add(answer) }
                    continue
                }
                let first = c * width
                if slots[first] < 0 {
                    let traits = customers[c].traits.storageIdentity
                    if let k = byTraits[traits] {
                        for t in 0..<width {
                            slots[first + t] = isTrait[t] ? traitSlots[k + t] : tallies[t].slot(of: c, in: customers, scores: &scores)
                        }
                    } else {
                        let keep = byTraits.count < Self.traitsKept
                        if keep { byTraits[traits] = traitSlots.count }
                        for t in 0..<width {
                            let slot = tallies[t].slot(of: c, in: customers, scores: &scores)
                            slots[first + t] = slot
                            if keep { traitSlots.append(isTrait[t] ? slot : -1) }
                        }
                    }
                }
                for t in 0..<width { scores[Int(slots[first + t])].add(answer) }
            }
        }
        return tallies.map { $0.breakdown(scores) }
    }

    /// Most traits objects whose slots are kept.
    static let traitsKept = 4_096
}
