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
        // Per kind (position in `allCases`): counts by score − the scale's lowest score, out-of-scale
        // count, and whether any response of the kind is in the window.
        let kinds = SurveyKind.allCases
        var counts = kinds.map { [Int](repeating: 0, count: $0.scoreScale.count) }
        var outOfScale = [Int](repeating: 0, count: kinds.count)
        var seen = [Bool](repeating: false, count: kinds.count)
        let surveys = dataset.surveys
        for i in surveys.indices where surveys.day(at: i) <= configuration.asOf {
            if let from, surveys.day(at: i) < from { continue }
            let kind = surveys.kind(at: i)
            let k = kinds.firstIndex(of: kind)!
            seen[k] = true
            if let s = kind.scaledScore(surveys.score(at: i)) {
                counts[k][s - kind.scoreScale.lowerBound] += 1
            } else {
                outOfScale[k] += 1
            }
        }
        return kinds.indices.compactMap { k in
            guard seen[k] else { return nil }
            let scale = kinds[k].scoreScale
            return ScoreDistribution(kind: kinds[k], bars: scale.map { Bar(score: $0, count: counts[k][$0 - scale.lowerBound]) },
                                     outOfScale: outOfScale[k])
        }
    }
}
