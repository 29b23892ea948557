import Model

/// How many responses gave each score of one instrument, over responses dated `from`…`asOf`.
/// Every score of the scale is listed, zeros included, in ascending order
/// (CSAT 1–5, good/bad 0–1, NPS 0–10, CES 1–7). Out-of-scale scores are counted in `outOfScale`.
public struct ScoreDistribution: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public let score: Int
        public let count: Int
    }

    public let kind: SurveyKind
    public let bars: [Bar]
    public let outOfScale: Int

    public var total: Int { bars.reduce(0) { $0 + $1.count } }

    /// One distribution per instrument that has at least one response in the window, in
    /// `SurveyKind.allCases` order.
    public static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               from: Day? = nil) -> [ScoreDistribution] {
        var counts: [SurveyKind: [Int: Int]] = [:]
        var outOfScale: [SurveyKind: Int] = [:]
        for response in dataset.surveys where response.day <= configuration.asOf {
            if let from, response.day < from { continue }
            if let s = response.kind.scaledScore(response.score) {
                counts[response.kind, default: [:]][s, default: 0] += 1
            } else {
                outOfScale[response.kind, default: 0] += 1
            }
        }
        return SurveyKind.allCases.compactMap { kind in
            guard counts[kind] != nil || outOfScale[kind] != nil else { return nil }
            let perScore = counts[kind] ?? [:]
            return ScoreDistribution(kind: kind, bars: kind.scoreScale.map { Bar(score: $0, count: perScore[$0] ?? 0) },
                                     outOfScale: outOfScale[kind] ?? 0)
        }
    }
}
