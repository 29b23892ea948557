/// The survey answers of a dataset in file order, kept compact in columns: 14 bytes an answer
/// (customer 4, day 4, comment number 4, kind 1, score 1) and each comment text once in a table
/// (exports repeat a handful of canned comments over millions of answers, and most answers have
/// none). A score is kept in its byte when it is a whole number from 0 to 254 (every NPS, CES
/// and good/bad score, and whole CSAT scores); any other score (a CSAT of 4.5, a −0) is kept
/// exactly, as a `Double`, in a side table of the answers that have one. Read as a collection
/// of `SurveyResponse`; metrics that walk millions of answers read single fields (`day(at:)`,
/// `kind(at:)`, …), which leave the comment table alone.
public struct SurveyAnswers: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    /// Each answer's customer index, -1 for none.
    @usableFromInline var customers: [Int32] = []
    @usableFromInline var days: [Day] = []
    /// Each answer's number in `comments`, -1 for none.
    @usableFromInline var commentNumbers: [Int32] = []
    @usableFromInline var kinds: [SurveyKind] = []
    /// Each answer's score when `scoreInTable` is not written there: `Double(code)`.
    @usableFromInline var scoreCodes: [UInt8] = []
    /// The answers whose score is not a whole number from 0 to 254, in file order, and their scores.
    @usableFromInline var otherScoreAnswers: [Int32] = []
    @usableFromInline var otherScores: [Double] = []
    @usableFromInline var comments: [String] = []

    /// The code of a score kept in `otherScores`.
    @usableFromInline static let scoreInTable: UInt8 = 255

    public init() {}

    public init(_ responses: some Sequence<SurveyResponse>) {
        for r in responses { append(r) }
    }

    public init(arrayLiteral responses: SurveyResponse...) {
        self.init(responses)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { days.count }

    /// The answer at `i`, with its comment.
    public subscript(i: Int) -> SurveyResponse {
        SurveyResponse(customer: customer(at: i), day: days[i], kind: kinds[i], score: score(at: i), comment: comment(at: i))
    }

    @inlinable public func day(at i: Int) -> Day { days[i] }
    @inlinable public func kind(at i: Int) -> SurveyKind { kinds[i] }
    @inlinable public func score(at i: Int) -> Double {
        let code = scoreCodes[i]
        return code == Self.scoreInTable ? otherScore(at: i) : Double(code)
    }
    /// Nil when the answer names no customer of the customer file.
    @inlinable public func customer(at i: Int) -> CustomerIndex? {
        let c = customers[i]
        return c < 0 ? nil : CustomerIndex(c)
    }
    public func comment(at i: Int) -> String? {
        let k = commentNumbers[i]
        return k < 0 ? nil : comments[Int(k)]
    }

    /// The score of answer `i` from the side table (binary search: its answers are in file order).
    @usableFromInline func otherScore(at i: Int) -> Double {
        var low = 0, high = otherScoreAnswers.count
        while low < high {
            let mid = (low + high) / 2
            if Int(otherScoreAnswers[mid]) < i { low = mid + 1 } else { high = mid }
        }
        return otherScores[low]
    }

    public mutating func reserveCapacity(_ n: Int) {
        customers.reserveCapacity(n)
        days.reserveCapacity(n)
        commentNumbers.reserveCapacity(n)
        kinds.reserveCapacity(n)
        scoreCodes.reserveCapacity(n)
    }

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
    /// Customer indices and answer counts are below 2³¹ (counted in memory long before that).
    public mutating func append(_ response: SurveyResponse, commentNumber: Int32?) {
        let score = response.score
        if score >= 0, score < Double(Self.scoreInTable), score == score.rounded(), score.sign == .plus {
            scoreCodes.append(UInt8(score))
        } else {
            otherScoreAnswers.append(Int32(days.count))
            otherScores.append(score)
            scoreCodes.append(Self.scoreInTable)
        }
        customers.append(response.customer.map { Int32($0) } ?? -1)
        days.append(response.day)
        commentNumbers.append(commentNumber ?? -1)
        kinds.append(response.kind)
    }

    /// Equal answers in the same order (comments compared by text, not by number).
    public static func == (a: SurveyAnswers, b: SurveyAnswers) -> Bool {
        a.elementsEqual(b)
    }
}
