import Model

/// One NPS answer worth reading or acting on.
public struct SurveyComment: Sendable, Hashable {
    public let customer: CustomerIndex?
    /// The customer's name (their id when the name is empty); "Unknown" without a known customer.
    public let customerName: String
    public let day: Day
    public let score: Int
    /// Trimmed; nil when the response had no (or only blank) comment.
    public let comment: String?
}

/// The voice-of-customer lists: the latest detractor comments and the promoters to thank.
/// Only NPS responses dated on or before `asOf` are considered.
public enum SurveyComments {
    /// NPS 0–6 responses that carry a comment, newest first (same day: lower score first, then
    /// file order), at most `limit`.
    public static func latestDetractorComments(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                               limit: Int = 10) -> [SurveyComment] {
        // The order is total (file order breaks ties), so sorting the detractors first and reading
        // their comments only until `limit` are found gives what filtering all of them would.
        let candidates = npsAnswers(dataset, configuration) { $0 <= 6 }.sorted { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.score != b.score { return a.score < b.score }
            return a.order < b.order
        }
        var result: [SurveyComment] = []
        for candidate in candidates where result.count < limit {
            let comment = self.comment(dataset, candidate)
            if comment.comment != nil { result.append(comment) }
        }
        return result
    }

    /// Promoters (NPS 9–10) to thank, newest first (same day: 10 before 9, then file order), at most
    /// `limit`. Each known customer appears once, with their latest promoter answer; responses
    /// without a known customer are left out (nobody to thank).
    public static func promotersToThank(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                        limit: Int = 10) -> [SurveyComment] {
        let candidates = npsAnswers(dataset, configuration) { $0 >= 9 }.filter { $0.customer != nil }.sorted { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.score != b.score { return a.score > b.score }
            return a.order < b.order
        }
        var seen = Set<CustomerIndex>()
        var result: [SurveyComment] = []
        for candidate in candidates where result.count < limit {
            guard let c = candidate.customer, seen.insert(c).inserted else { continue }
            result.append(comment(dataset, candidate))
        }
        return result
    }

    /// One NPS answer up to as-of, before its comment is read: `order` is its position in the file.
    private struct Answer {
        var order: Int
        var day: Day
        var score: Int
        /// Nil when the response names no customer of the customer file.
        var customer: CustomerIndex?
    }

    /// The in-scale NPS answers dated on or before as-of whose score passes `keep`, in file order.
    private static func npsAnswers(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                   keep: (Int) -> Bool) -> [Answer] {
        var result: [Answer] = []
        for (order, r) in dataset.surveys.enumerated() where r.kind == .nps && r.day <= configuration.asOf {
            guard let score = SurveyKind.nps.scaledScore(r.score), keep(score) else { continue }
            let known = r.customer.flatMap { dataset.customers.indices.contains($0) ? $0 : nil }
            result.append(Answer(order: order, day: r.day, score: score, customer: known))
        }
        return result
    }

    /// The comment of `answer` as the lists show it: the customer's name and the trimmed text.
    private static func comment(_ dataset: Dataset, _ answer: Answer) -> SurveyComment {
        var name = SatisfactionBreakdown.unknown
        if let c = answer.customer {
            let customer = dataset.customers[c]
            name = customer.name.isEmpty ? customer.id : customer.name
        }
        let text = dataset.surveys[answer.order].comment.map(trimmed)
        return SurveyComment(customer: answer.customer, customerName: name, day: answer.day, score: answer.score,
                             comment: text?.isEmpty == false ? text : nil)
    }

    /// Without leading and trailing spaces, tabs and newlines.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
