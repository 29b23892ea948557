import Model

/// Where a 0–10 answer puts the respondent.
public enum NPSCategory: String, Sendable, Hashable, CaseIterable {
    /// 9–10.
    case promoter
    /// 7–8.
    case passive
    /// 0–6.
    case detractor
}

/// Net Promoter Score: % promoters (9–10) − % detractors (0–6), on −100…100.
///
/// Margin of error: with p and d the promoter and detractor shares of n responses,
/// Var = 100²·(p + d − (p − d)²)/n and moe = z·√Var, z = 1.959963984540054 (`NPSVariance`);
/// n = 0 → nil.
/// Source: Reichheld (2003), "The One Number You Need to Grow"; Bain & Company's NPS definition.
public enum NPS {
    public static let definition = """
        NPS (Net Promoter Score) is the percentage of promoters (answers 9–10 to "how likely are \
        you to recommend us", 0–10) minus the percentage of detractors (0–6), from −100 to +100. \
        Its margin of error is z × √Var, z = 1.959963984540054 (the two-sided 95 % normal \
        quantile), with Var = 100² × (p + d − (p − d)²) / n, p and d being the promoter and \
        detractor shares of n responses. A change between periods is significant \
        when ΔNPS / √(Var₁ + Var₂) exceeds z in absolute value (p < 0.05). Fewer than 30 \
        responses is flagged as a small sample.
        """

    /// The category of an NPS answer; nil when the score is not a whole number 0–10.
    public static func category(score: Double) -> NPSCategory? {
        guard let s = SurveyKind.nps.scaledScore(score) else { return nil }
        switch s {
        case 9...10: return .promoter
        case 7...8: return .passive
        default: return .detractor
        }
    }
}
