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
        // The order is total (file order breaks ties), so the first `limit` detractors with a
        // comment, kept as the walk meets them, are what sorting them all would give first.
        var leading = LeadingAnswers(limit: limit) { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.score != b.score { return a.score < b.score }
            return a.order < b.order
        }
        forEachNPSAnswer(dataset, configuration) { answer, comment in
            guard answer.score <= 6, let comment, hasText(comment) else { return }
            leading.offer(answer)
        }
        return leading.kept.map { comment(dataset, $0) }
    }

    /// Promoters (NPS 9–10) to thank, newest first (same day: 10 before 9, then file order), at most
    /// `limit`. Each known customer appears once, with their latest promoter answer; responses
    /// without a known customer are left out (nobody to thank).
    public static func promotersToThank(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                        limit: Int = 10) -> [SurveyComment] {
        var leading = LeadingAnswers(limit: limit) { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.score != b.score { return a.score > b.score }
            return a.order < b.order
        }
        forEachNPSAnswer(dataset, configuration) { answer, _ in
            guard answer.score >= 9, answer.customer != nil else { return }
            leading.offer(answer, onePerCustomer: true)
        }
        return leading.kept.map { comment(dataset, $0) }
    }

    /// One NPS answer up to as-of, before its comment is read: `order` is its position in the file.
    private struct Answer {
        var order: Int
        var day: Day
        var score: Int
        /// Nil when the response names no customer of the customer file.
        var customer: CustomerIndex?
    }

    /// The first `limit` answers offered, in the total order `precedes`, kept sorted: what
    /// sorting every answer offered and taking the first `limit` gives, without the sort.
    private struct LeadingAnswers {
        let limit: Int
        let precedes: (Answer, Answer) -> Bool
        private(set) var kept: [Answer] = []

        init(limit: Int, precedes: @escaping (Answer, Answer) -> Bool) {
            self.limit = limit
            self.precedes = precedes
        }

        /// Keeps `answer` when it is among the first `limit`. With `onePerCustomer`, a customer
        /// keeps only their first answer: the kept answers are then the first `limit` customers'
        /// first answers (an answer that falls out was behind `limit` others of other customers,
        /// so a customer's later-offered answer competes as if it were their only one).
        mutating func offer(_ answer: Answer, onePerCustomer: Bool = false) {
            if onePerCustomer, let k = kept.firstIndex(where: { $0.customer == answer.customer }) {
                guard precedes(answer, kept[k]) else { return }
                kept.remove(at: k)
            } else if kept.count >= limit, let last = kept.last, !precedes(answer, last) {
                return
            }
            kept.insert(answer, at: kept.firstIndex { precedes(answer, $0) } ?? kept.count)
            if kept.count > max(0, limit) { kept.removeLast() }
        }
    }

    /// Calls `body` with each in-scale NPS answer dated on or before as-of and its comment, in file order.
    private static func forEachNPSAnswer(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                         _ body: (Answer, String?) -> Void) {
        let surveys = dataset.surveys
        for order in surveys.indices where surveys.kind(at: order) == .nps && surveys.day(at: order) <= configuration.asOf {
            guard let score = SurveyKind.nps.scaledScore(surveys.score(at: order)) else { continue }
            let known = surveys.customer(at: order).flatMap { dataset.customers.indices.contains($0) ? $0 : nil }
            body(Answer(order: order, day: surveys.day(at: order), score: score, customer: known), surveys.comment(at: order))
        }
    }

    /// Whether `text` holds more than spaces, tabs and line breaks (`trimmed` leaves something).
    private static func hasText(_ text: String) -> Bool {
        text.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// The comment of `answer` as the lists show it: the customer's name and the trimmed text.
    private static func comment(_ dataset: Dataset, _ answer: Answer) -> SurveyComment {
        var name = SatisfactionBreakdown.unknown
        if let c = answer.customer {
            let customer = dataset.customers[c]
            name = customer.name.isEmpty ? customer.id : customer.name
        }
        let text = dataset.surveys.comment(at: answer.order).map(trimmed)
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
