import Model

/// Customer Satisfaction Score: the share of satisfied responses.
///
/// On the 1–5 scale a response is satisfied when it is 4 or 5 ("top-two box"); for Zendesk-style
/// good/bad ratings (`csatGoodBad`, 1 = good, 0 = bad) CSAT = good ÷ (good + bad). Both kinds pool
/// into one CSAT. Shown with its 95 % Wilson score interval. n = 0 → nil. n < 30 is flagged as a
/// small sample. Sources: ACSI/Qualtrics top-two-box convention; Zendesk "satisfaction score".
public enum CSAT {
    public static let definition = """
        CSAT (customer satisfaction) is the share of survey responses that are satisfied: a 4 or 5 \
        on the 1–5 scale, or "good" on a good/bad rating (Zendesk: good ÷ (good + bad)). The range \
        shown is the 95 % Wilson score interval. A change between periods is called significant \
        only when a pooled two-proportion z-test gives p < 0.05. Fewer than 30 responses is \
        flagged as a small sample.
        """

    /// Whether a CSAT-kind response counts as satisfied; nil for other kinds or out-of-scale scores.
    public static func isSatisfied(kind: SurveyKind, score: Double) -> Bool? {
        guard let s = kind.scaledScore(score) else { return nil }
        switch kind {
        case .csat: return s >= 4
        case .csatGoodBad: return s == 1
        case .nps, .ces: return nil
        }
    }
}
