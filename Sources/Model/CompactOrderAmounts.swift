/// Order amounts in 4 bytes each, exactly: most amounts are whole cents, as they are or
/// multiplied by one of a few conversion rates (`scales`), and are stored as such: a 3-bit tag
/// t and a 29-bit signed cent count c stand for `Double(c) / 100` (t = 0) or
/// `Double(c) / 100 * scales[t - 1]` (t = 1 … 6), the very operations that made them. Any
/// other amount (more than 2 decimals, beyond ±2 684 354.55, a seventh rate, not finite) is
/// kept whole in `exceptional` and its code (t = 7) holds its position there. Every amount is
/// checked bit for bit when encoded, or was made by the very operation its code stands for
/// (`code(cents:tag:)`), so the amounts read back are the ones given.
///
/// Example: with scales [1.08], 19.99 is t = 0, c = 1999; 19.99 × 1.08 = 21.5892 is t = 1,
/// c = 1999; 0.125 is exceptional.
public struct CompactOrderAmounts: Sendable {
    @usableFromInline static let tagShift: UInt32 = 29
    @usableFromInline static let exceptionalTag: UInt32 = 7
    @usableFromInline static let payloadMask: UInt32 = (1 << 29) - 1
    /// Cents strictly inside ±`centBound` fit the payload (29 bits, two's complement). Computed,
    /// not stored, so that inlined callers fold it to a constant (no lazy global).
    @inlinable static var centBound: Int64 { 1 << 28 }
    static var centLimit: Double { Double(centBound) }

    @usableFromInline let codes: [UInt32]
    @usableFromInline let scales: [Double]
    @usableFromInline let exceptional: [Double]

    /// No amounts.
    public init() {
        codes = []
        scales = []
        exceptional = []
    }

    /// `amounts` (taken) in the same positions; `scales`: the rates amounts may have been
    /// multiplied by (the first six distinct ones, ascending, are tried; order and repeats do
    /// not matter).
    public init(_ amounts: [Double], scales: some Sequence<Double> = []) {
        let scales = Self.tagged(scales)
        var exceptional: [Double] = []
        codes = amounts.withUnsafeBufferPointer { source in
            [UInt32](unsafeUninitializedCapacity: source.count) { out, written in
                for k in source.indices {
                    if let code = Self.code(of: source[k], scales: scales) {
                        out[k] = code
                    } else {
                        precondition(exceptional.count <= Int(Self.payloadMask), "too many amounts without a short code")
                        out[k] = Self.exceptionalTag << Self.tagShift | UInt32(exceptional.count)
                        exceptional.append(source[k])
                    }
                }
                written = source.count
            }
        }
        self.scales = scales
        self.exceptional = exceptional
    }

    /// The rates of `scales` a code can name (tags 1 … 6): the first six distinct finite ones other
    /// than 0 and 1, ascending. Example: [1.27, 1, 1.08, 1.27] gives [1.08, 1.27].
    public static func tagged(_ scales: some Sequence<Double>) -> [Double] {
        Array(Set(scales.filter { $0.isFinite && $0 != 0 && $0 != 1 }).sorted().prefix(6))
    }

    /// The code an encoder writes for an amount with no short code (`code(of:scales:)` nil)
    /// until `init(codes:scales:exceptional:)` numbers the exceptional amounts.
    public static let unnumberedExceptional: UInt32 = exceptionalTag << tagShift

    /// Amounts encoded elsewhere (e.g. on several threads, each writing its own positions):
    /// `codes[k]` is `code(of: amount, scales: scales)` of the amount at k, or
    /// `unnumberedExceptional` for each (position, amount) of `exceptional` (in any order; each
    /// position once). The exceptional amounts are numbered in position order, as
    /// `init(_:scales:)` numbers them, so the storage is the same whoever wrote which code.
    /// - Precondition: `scales` is `tagged(scales)`; the positions of `exceptional` are exactly
    ///   those holding `unnumberedExceptional`.
    public init(codes: consuming [UInt32], scales: [Double], exceptional: [(position: Int, amount: Double)]) {
        precondition(scales == Self.tagged(scales), "scales not as tagged(_:) orders them")
        precondition(exceptional.count <= Int(Self.payloadMask), "too many amounts without a short code")
        let numbered = exceptional.sorted { $0.position < $1.position }
        var codes = codes
        for (index, entry) in numbered.enumerated() {
            precondition(codes[entry.position] == Self.unnumberedExceptional, "exceptional amount at a coded position")
            codes[entry.position] = Self.exceptionalTag << Self.tagShift | UInt32(index)
        }
        self.codes = codes
        self.scales = scales
        self.exceptional = numbered.map(\.amount)
    }

    /// The short code of `amount`, nil when no tag reproduces it bit for bit (`scales`: as
    /// `tagged(_:)` gives them).
    public static func code(of amount: Double, scales: [Double]) -> UInt32? {
        guard amount.isFinite else { return nil }
        if let c = cents(amount, reproducedBy: nil) { return c }
        for t in scales.indices {
            if let c = cents(amount / scales[t], reproducedBy: scales[t], of: amount) {
                return UInt32(t + 1) << tagShift | c
            }
        }
        return nil
    }

    /// The short code of `Double(cents) / 100` (tag 0) or `Double(cents) / 100 × scales[tag − 1]`,
    /// for an amount its maker computed by exactly that operation (a two-decimal cell read as
    /// cents ÷ 100, times the rate it was converted at), so it is not checked: no search over the
    /// tags, no division. nil when the cents do not fit the payload (beyond ±2 684 354.55) or the
    /// tag is not 0 … 6; the amount then goes through `code(of:scales:)`. The tag may differ
    /// from the one `code(of:scales:)` finds first (an amount converted at 1.08 that is also a
    /// whole number of cents); both codes stand for the same amount, bit for bit.
    @inlinable @inline(__always)
    public static func code(cents: Int64, tag: Int) -> UInt32? {
        guard cents > -centBound, cents < centBound, tag >= 0, tag < 7 else { return nil }
        return UInt32(tag) << tagShift | UInt32(truncatingIfNeeded: cents) & payloadMask
    }

    /// The 29-bit cent payload of `value` when `Double(c) / 100` (times `scale`) gives back
    /// `target` (default: `value`) bit for bit.
    private static func cents(_ value: Double, reproducedBy scale: Double?, of target: Double? = nil) -> UInt32? {
        let c = HalfAwayRounding.rounded(value * 100)
        guard c.isFinite, abs(c) < centLimit else { return nil }
        // From the stored integer, so that −0.0 (stored as 0) is not taken for 0.
        let whole = Double(Int32(c))
        let back = scale.map { whole / 100 * $0 } ?? whole / 100
        guard back.bitPattern == (target ?? value).bitPattern else { return nil }
        return UInt32(bitPattern: Int32(c)) & payloadMask
    }

    /// The amount a short code (tag 0 … 6, made by `code(of:scales:)` at `scales`) stands for;
    /// nil for the tag of an amount without one.
    public static func amount(of code: UInt32, scales: [Double]) -> Double? {
        let tag = code >> tagShift
        guard tag != exceptionalTag else { return nil }
        let major = Double(Int32(bitPattern: code << 3) >> 3) / 100
        return tag == 0 ? major : major * scales[Int(tag) - 1]
    }

    public var count: Int { codes.count }

    /// Whether the amount at `k` is a whole number of cents as read, `Double(c) / 100` with no
    /// rate applied (tag 0). Rounded to cents, such an amount is itself: c/100 × 100 lies within
    /// |c| × 2⁻⁵² of c (far less than ½ for |c| < 2²⁸), so it rounds to c, and c/100 is the
    /// amount again (`MinorUnit.rounded` leaves it unchanged; a test checks it).
    @inlinable @inline(__always)
    public func isWholeCents(at k: Int) -> Bool { codes[k] >> Self.tagShift == 0 }

    /// The amount at position `k`.
    @inlinable @inline(__always)
    public subscript(k: Int) -> Double {
        let code = codes[k]
        let tag = code >> Self.tagShift
        if tag == Self.exceptionalTag { return exceptional[Int(code & Self.payloadMask)] }
        // The 29-bit cent count, sign-extended.
        let major = Double(Int32(bitPattern: code << 3) >> 3) / 100
        return tag == 0 ? major : major * scales[Int(tag) - 1]
    }
}
