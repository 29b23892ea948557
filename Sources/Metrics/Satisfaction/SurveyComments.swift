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
        let candidates = npsResponses(dataset, configuration).filter {
            NPS.category(score: Double($0.comment.score)) == .detractor && $0.comment.comment != nil
        }
        return Array(candidates.sorted { a, b in
            if a.comment.day != b.comment.day { return a.comment.day > b.comment.day }
            if a.comment.score != b.comment.score { return a.comment.score < b.comment.score }
            return a.order < b.order
        }.prefix(max(0, limit)).map(\.comment))
    }

    /// Promoters (NPS 9–10) to thank, newest first (same day: 10 before 9, then file order), at most
    /// `limit`. Each known customer appears once, with their latest promoter answer; responses
    /// without a known customer are left out (nobody to thank).
    public static func promotersToThank(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                        limit: Int = 10) -> [SurveyComment] {
        let candidates = npsResponses(dataset, configuration).filter {
            NPS.category(score: Double($0.comment.score)) == .promoter && $0.comment.customer != nil
        }.sorted { a, b in
            if a.comment.day != b.comment.day { return a.comment.day > b.comment.day }
            if a.comment.score != b.comment.score { return a.comment.score > b.comment.score }
            return a.order < b.order
        }
        var seen = Set<CustomerIndex>()
        var result: [SurveyComment] = []
        for candidate in candidates where result.count < limit {
            guard let c = candidate.comment.customer, seen.insert(c).inserted else { continue }
            result.append(candidate.comment)
        }
        return result
    }

    private static func npsResponses(_ dataset: Dataset, _ configuration: MetricsConfiguration)
        -> [(comment: SurveyComment, order: Int)] {
        var result: [(comment: SurveyComment, order: Int)] = []
        for (order, r) in dataset.surveys.enumerated()
        where r.kind == .nps && r.day <= configuration.asOf {
            guard let score = SurveyKind.nps.scaledScore(r.score) else { continue }
            var known: CustomerIndex?
            var name = SatisfactionBreakdown.unknown
            if let c = r.customer, dataset.customers.indices.contains(c) {
                known = c
                let customer = dataset.customers[c]
                name = customer.name.isEmpty ? customer.id : customer.name
            }
            let text = r.comment.map(trimmed)
            result.append((SurveyComment(customer: known, customerName: name, day: r.day, score: score,
                                         comment: text?.isEmpty == false ? text : nil), order))
        }
        return result
    }

    /// Without leading and trailing spaces, tabs and newlines.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
