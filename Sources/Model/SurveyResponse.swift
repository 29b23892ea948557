/// The survey instruments the report understands.
public enum SurveyKind: String, Sendable, Hashable, CaseIterable {
    /// Customer satisfaction on 1–5; satisfied = 4 or 5.
    case csat
    /// Zendesk-style satisfaction rating: score 1 = good, 0 = bad.
    case csatGoodBad = "csat_good_bad"
    /// Net Promoter Score question on 0–10.
    case nps
    /// Customer Effort Score on 1–7 (7 = easiest).
    case ces
}

/// One answer to a survey.
public struct SurveyResponse: Sendable, Hashable {
    /// Nil when the response names a customer the customer file does not know (kept for the
    /// overall satisfaction numbers, left out of per-customer and per-segment views).
    public var customer: CustomerIndex?
    public var day: Day
    public var kind: SurveyKind
    public var score: Double
    public var comment: String?

    public init(customer: CustomerIndex?, day: Day, kind: SurveyKind, score: Double, comment: String? = nil) {
        self.customer = customer
        self.day = day
        self.kind = kind
        self.score = score
        self.comment = comment
    }
}
