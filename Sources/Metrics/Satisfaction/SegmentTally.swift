import Model

/// The satisfaction scores of each value of one customer attribute, added up response by
/// response (``SatisfactionBreakdown``'s walk).
///
/// Values are coded as the walk meets them (``code(of:in:)``), so customers without responses
/// need no code. Code 0 is "Unknown": a response without a known customer, a customer without a
/// (non-empty) value, and the literal value "Unknown" all pool there. Only values that received a
/// response become segments.
struct SegmentTally {
    let attribute: String
    /// Where a customer's value of `attribute` is kept (``Customer/attribute(_:)``'s mapping),
    /// resolved once so each lookup reads that one field.
    private enum Field {
        case plan, segment, region, channel, owner
        case other(String)
    }
    private let field: Field
    private var codeOf: [String: Int32] = [SatisfactionBreakdown.unknown: 0]
    private var values = [SatisfactionBreakdown.unknown]
    private var scores = [SatisfactionScores()]
    /// Whether a response went to "Unknown" (every other code is made for a response).
    private var unknownHasResponses = false

    init(attribute: String) {
        self.attribute = attribute
        switch attribute {
        case "plan": field = .plan
        case "segment": field = .segment
        case "region": field = .region
        case "channel": field = .channel
        case "owner": field = .owner
        default: field = .other(attribute)
        }
    }

    /// Adds `answer` to the segment coded `code`.
    mutating func add(_ answer: SurveyAnswer, code: Int32) {
        if code == 0 { unknownHasResponses = true }
        scores[Int(code)].add(answer)
    }

    /// The code of customer `c`'s value (a new code for a value not met before).
    mutating func code(of c: CustomerIndex, in customers: UnsafeBufferPointer<Customer>) -> Int32 {
        code(of: value(of: c, in: customers))
    }

    /// `customers[c].attribute(attribute)`, read in place (a copy of the customer would retain
    /// each of its text fields).
    private func value(of c: CustomerIndex, in customers: UnsafeBufferPointer<Customer>) -> String? {
        switch field {
        case .plan: return customers[c].plan
        case .segment: return customers[c].segment
        case .region: return customers[c].region
        case .channel: return customers[c].channel
        case .owner: return customers[c].owner
        case .other(let name): return customers[c].attributeValues[name]
        }
    }

    private mutating func code(of value: String?) -> Int32 {
        guard let value, !value.isEmpty else { return 0 }
        if let known = codeOf[value] { return known }
        let code = Int32(values.count)
        codeOf[value] = code
        values.append(value)
        scores.append(SatisfactionScores())
        return code
    }

    /// The segments with responses, sorted by value, "Unknown" last.
    var breakdown: SatisfactionBreakdown {
        let unknown = SatisfactionBreakdown.unknown
        let segments = values.indices
            .filter { $0 > 0 || unknownHasResponses }
            .map { SatisfactionSegment(value: values[$0], scores: scores[$0]) }
            .sorted { a, b in
                if (a.value == unknown) != (b.value == unknown) { return b.value == unknown }
                return a.value < b.value
            }
        return SatisfactionBreakdown(attribute: attribute, segments: segments)
    }
}
