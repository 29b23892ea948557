import Model

/// A customer's active spans (`CustomerActivity.spans`), read in place. Most customers have one
/// span: it is kept inline, with no array of its own (a heap array of one 12-byte span takes 48
/// bytes with its header, for each of hundreds of thousands of customers); a customer with none
/// or several keeps them in an array.
public struct ActiveSpans: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The one span (then `many` is empty), or nil when there are none or several (in `many`).
    let single: ActiveSpan?
    let many: [ActiveSpan]

    public init(_ spans: [ActiveSpan]) {
        if spans.count == 1 {
            single = spans[0]
            many = []
        } else {
            single = nil
            many = spans
        }
    }

    /// `single` and `many` as `init(_:)` sets them (one span inline, else the array).
    init(single: ActiveSpan?, many: [ActiveSpan]) {
        self.single = single
        self.many = many
    }

    public init(arrayLiteral spans: ActiveSpan...) { self.init(spans) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { single == nil ? many.count : 1 }

    public subscript(position: Int) -> ActiveSpan {
        if let single {
            precondition(position == 0, "span index out of range")
            return single
        }
        return many[position]
    }
}
