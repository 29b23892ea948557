import Model

/// The segments of one customer attribute as ``SatisfactionBreakdown``'s walk meets them: each
/// value's slot in the walk's scores (one array for every attribute).
///
/// Values are given slots as the walk meets them (``slot(of:in:scores:)``), so customers without
/// responses need none. The first slot is "Unknown": a response without a known customer, a
/// customer without a (non-empty) value, and the literal value "Unknown" all pool there. Only
/// values that received a response become segments.
struct SegmentTally {
    let attribute: String
    /// Where a customer's value of `attribute` is kept (``Customer/attribute(_:)``'s mapping),
    /// resolved once so each lookup reads that one field.
    private enum Field {
        case plan, segment, region, channel, owner
        case other(String)
    }
    private let field: Field

    /// Whether the attribute is one of the customer's traits (plan, segment, region, channel,
    /// owner): customers sharing their traits object share its value.
    var isTrait: Bool {
        if case .other = field { return false }
        return true
    }
    private var slotOf: [String: Int32]
    /// The values met, "Unknown" first, and their slots.
    private var values = [SatisfactionBreakdown.unknown]
    private var slots: [Int32]

    /// - Parameter unknownSlot: the slot of this attribute's "Unknown" in the walk's scores.
    init(attribute: String, unknownSlot: Int32) {
        self.attribute = attribute
        slotOf = [SatisfactionBreakdown.unknown: unknownSlot]
        slots = [unknownSlot]
        switch attribute {
        case "plan": field = .plan
        case "segment": field = .segment
        case "region": field = .region
        case "channel": field = .channel
        case "owner": field = .owner
        default: field = .other(attribute)
        }
    }

    /// The slot of customer `c`'s value (a new slot, appended to `scores`, for a value not met before).
    mutating func slot(of c: CustomerIndex, in customers: UnsafeBufferPointer<Customer>,
                       scores: inout [SatisfactionScores]) -> Int32 {
        guard let value = value(of: c, in: customers), !value.isEmpty else { return slots[0] }
        if let known = slotOf[value] { return known }
        let slot = Int32(scores.count)
        scores.append(SatisfactionScores())
        slotOf[value] = slot
        values.append(value)
        slots.append(slot)
        return slot
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

    /// The segments with responses (every slot but "Unknown" was made for one), sorted by
    /// value, "Unknown" last.
    func breakdown(_ scores: [SatisfactionScores]) -> SatisfactionBreakdown {
        let unknown = SatisfactionBreakdown.unknown
        let unknownScores = scores[Int(slots[0])]
        let unknownHasResponses = unknownScores.responseCount + unknownScores.outOfScale > 0
        let segments = values.indices
            .filter { $0 > 0 || unknownHasResponses }
            .map { SatisfactionSegment(value: values[$0], scores: scores[Int(slots[$0])]) }
            .sorted { a, b in
                if (a.value == unknown) != (b.value == unknown) { return b.value == unknown }
                return a.value < b.value
            }
        return SatisfactionBreakdown(attribute: attribute, segments: segments)
    }
}
