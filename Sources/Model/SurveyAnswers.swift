/// The survey answers of a dataset in file order, kept compact: 24 bytes an answer (its score,
/// customer, day, kind and the number of its comment) and each comment text once in a table
/// (exports repeat a handful of canned comments over millions of answers, and most answers have
/// none). Read as a collection of `SurveyResponse`; metrics that walk millions of answers read
/// single fields (`day(at:)`, `kind(at:)`, …), which leave the comment table alone.
public struct SurveyAnswers: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    /// One answer. `comment` is an index into `comments`, -1 for none; `customer` -1 for none.
    @usableFromInline struct Row: Sendable {
        @usableFromInline var score: Double
        @usableFromInline var customer: Int32
        @usableFromInline var day: Day
        @usableFromInline var comment: Int32
        @usableFromInline var kind: SurveyKind
    }

    @usableFromInline var rows: [Row] = []
    @usableFromInline var comments: [String] = []

    public init() {}

    public init(_ responses: some Sequence<SurveyResponse>) {
        for r in responses { append(r) }
    }

    public init(arrayLiteral responses: SurveyResponse...) {
        self.init(responses)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The answer at `i`, with its comment.
    public subscript(i: Int) -> SurveyResponse {
        let row = rows[i]
        return SurveyResponse(customer: row.customer < 0 ? nil : CustomerIndex(row.customer), day: row.day, kind: row.kind,
                              score: row.score, comment: row.comment < 0 ? nil : comments[Int(row.comment)])
    }

    @inlinable public func day(at i: Int) -> Day { rows[i].day }
    @inlinable public func kind(at i: Int) -> SurveyKind { rows[i].kind }
    @inlinable public func score(at i: Int) -> Double { rows[i].score }
    /// Nil when the answer names no customer of the customer file.
    @inlinable public func customer(at i: Int) -> CustomerIndex? {
        let c = rows[i].customer
        return c < 0 ? nil : CustomerIndex(c)
    }
    public func comment(at i: Int) -> String? {
        let k = rows[i].comment
        return k < 0 ? nil : comments[Int(k)]
    }

    public mutating func reserveCapacity(_ n: Int) { rows.reserveCapacity(n) }

    /// Appends `response`, its comment as a new entry of the comment table.
    public mutating func append(_ response: SurveyResponse) {
        append(response, commentNumber: response.comment.map { addComment($0) })
    }

    public mutating func append(contentsOf responses: some Sequence<SurveyResponse>) {
        for r in responses { append(r) }
    }

    /// Adds `text` to the comment table; returns its number for `append(_:commentNumber:)`.
    public mutating func addComment(_ text: String) -> Int32 {
        comments.append(text)
        return Int32(comments.count - 1)
    }

    /// Appends `response` with the comment numbered `commentNumber` (from `addComment`; nil for
    /// none) in place of its own, so answers that repeat a comment share one entry.
    /// Customer indices are below 2³¹ (customers are counted in memory long before that).
    public mutating func append(_ response: SurveyResponse, commentNumber: Int32?) {
        rows.append(Row(score: response.score, customer: response.customer.map { Int32($0) } ?? -1, day: response.day,
                        comment: commentNumber ?? -1, kind: response.kind))
    }

    /// Equal answers in the same order (comments compared by text, not by number).
    public static func == (a: SurveyAnswers, b: SurveyAnswers) -> Bool {
        a.elementsEqual(b)
    }
}
