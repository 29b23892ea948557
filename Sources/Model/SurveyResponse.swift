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

/// One answer to a survey (a dataset keeps its answers compact, in `SurveyAnswers`).
public struct SurveyResponse: Sendable, Hashable {
    public var score: Double
    public var comment: String?
    /// The customer's index, or -1 for none.
    private var customerNumber: Int32
    public var day: Day
    public var kind: SurveyKind

    /// Nil when the response names a customer the customer file does not know (kept for the
    /// overall satisfaction numbers, left out of per-customer and per-segment views).
    /// Indices are below 2³¹ (customers are counted in memory long before that).
    public var customer: CustomerIndex? {
        get { customerNumber < 0 ? nil : CustomerIndex(customerNumber) }
        set { customerNumber = newValue.map { Int32($0) } ?? -1 }
    }

    public init(customer: CustomerIndex?, day: Day, kind: SurveyKind, score: Double, comment: String? = nil) {
        self.score = score
        self.comment = comment
        self.customerNumber = customer.map { Int32($0) } ?? -1
        self.day = day
        self.kind = kind
    }
}
