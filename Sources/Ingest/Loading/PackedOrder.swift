import Model

/// One order as `OrderBlocks` holds it while the orders files are read: 8 bytes where an
/// `Order` takes 16. Its block (of 4096 customers) says the rest of the customer.
///
/// Bits 0 … 31: the amount's short code (`CompactOrderAmounts.code(of:scales:)` at the holder's
/// scales), or — when the amount has none, or the day is outside the 20 bits below — the tag 7
/// and the order's index in its chunk's `exceptions`, which hold such orders whole. Bits 32 …
/// 43: the customer's place in its block. Bits 44 … 63: the day, as `ordinal + 2¹⁹` (days from
/// the year 535 to 3405). Every order is held exactly: a packed day or code reads back the day or
/// amount given (codes are checked bit for bit when made).
///
/// Example: customer 4097 (block 1, place 1), day ordinal 19,000 (2022-01-08), amount 19.99:
/// code 1999 (tag 0), place 1, day field 19,000 + 524,288 = 543,288.
struct PackedOrder: Sendable, Equatable {
    let bits: UInt64

    /// Bits of a customer's place in its block (`OrderBlocks.blockShift`).
    static let placeBits = 12
    static let dayBias: Int64 = 1 << 19
    static let dayLimit: Int64 = 1 << 20
    /// The code tag of an order held in `exceptions` (the tag of an amount without a short code).
    static let exceptionTag: UInt32 = CompactOrderAmounts.unnumberedExceptional >> 29

    /// The order of the customer at `place` in its block on `day` with amount code `code`; nil when
    /// the day does not fit 20 bits or `code` is nil (no short code): such an order is an exception.
    @inline(__always)
    init?(place: Int, day: Day, code: UInt32?) {
        let field = Int64(day.ordinal) + Self.dayBias
        guard let code, field >= 0, field < Self.dayLimit else { return nil }
        bits = UInt64(field) << 44 | UInt64(place) << 32 | UInt64(code)
    }

    /// The order of the customer at `place` held whole at `index` of its chunk's exceptions.
    init(place: Int, exception index: Int) {
        bits = UInt64(place) << 32 | UInt64(Self.exceptionTag << 29 | UInt32(index))
    }

    /// The customer's place in its block.
    @inline(__always) var place: Int { Int(truncatingIfNeeded: bits >> 32) & ((1 << Self.placeBits) - 1) }
    /// The amount's short code (meaningless for an exception).
    @inline(__always) var code: UInt32 { UInt32(truncatingIfNeeded: bits) }
    /// Whether the order is held whole in its chunk's exceptions (at `exceptionIndex`).
    @inline(__always) var isException: Bool { code >> 29 == Self.exceptionTag }
    @inline(__always) var exceptionIndex: Int { Int(code & ((1 << 29) - 1)) }
    /// The day (meaningless for an exception).
    @inline(__always) var day: Day { Day(ordinal: Int32(truncatingIfNeeded: Int64(bits >> 44) - Self.dayBias)) }
}
