import Model

/// What one survey response adds to satisfaction scores, worked out once from its kind and score:
/// a CSAT rating (satisfied: 4–5 on 1–5, or "good" on good/bad), an NPS category, a CES score
/// 1–7, or a score off its instrument's scale (counted, used nowhere else).
///
/// A walk that adds the same response to several ``SatisfactionScores`` (one per segment
/// attribute) classifies it once.
enum SurveyAnswer: Sendable, Hashable {
    case csat(satisfied: Bool)
    case nps(NPSCategory)
    /// The whole-number score on 1–7.
    case ces(Int)
    case outOfScale

    init(kind: SurveyKind, score: Double) {
        switch kind {
        case .csat, .csatGoodBad:
            self = CSAT.isSatisfied(kind: kind, score: score).map { .csat(satisfied: $0) } ?? .outOfScale
        case .nps:
            self = NPS.category(score: score).map { .nps($0) } ?? .outOfScale
        case .ces:
            self = SurveyKind.ces.scaledScore(score).map { .ces($0) } ?? .outOfScale
        }
    }
}
