/// Order days in 2 bytes each: every day as its distance from the earliest (`base`), when the
/// latest is less than 65 536 days (179 years) after it; otherwise (an implausible span, a
/// mistyped year) all of them as whole `Day`s, 4 bytes each. Read by position; exact either way.
public struct CompactOrderDays: Sendable {
    @usableFromInline let base: Int32
    /// `day.ordinal - base` of each day (empty when `wide` holds them).
    @usableFromInline let offsets: [UInt16]
    /// Every day whole, when the span does not fit 16 bits (empty otherwise).
    @usableFromInline let wide: [Day]

    /// No days.
    public init() {
        base = 0
        offsets = []
        wide = []
    }

    /// `days` (taken) in the same positions.
    public init(_ days: [Day]) {
        var lowest = Int32.max, highest = Int32.min
        for d in days {
            lowest = Swift.min(lowest, d.ordinal)
            highest = Swift.max(highest, d.ordinal)
        }
        guard Self.offsetsFit(lowest: lowest, highest: highest) else {
            self.init(wide: days)
            return
        }
        let offsets = days.withUnsafeBufferPointer { source in
            [UInt16](unsafeUninitializedCapacity: source.count) { out, written in
                for k in source.indices { out[k] = Self.offset(of: source[k], from: lowest) }
                written = source.count
            }
        }
        self.init(base: lowest, offsets: offsets)
    }

    /// The 16-bit offset that stores `day` when the days start at `base` (`offsetsFit` holds).
    @inlinable @inline(__always)
    public static func offset(of day: Day, from base: Int32) -> UInt16 {
        UInt16(truncatingIfNeeded: day.ordinal &- base)
    }

    /// Whether days from `lowest` to `highest` (ordinals) are stored as 16-bit offsets from `lowest`.
    @inlinable public static func offsetsFit(lowest: Int32, highest: Int32) -> Bool {
        lowest <= highest && Int64(highest) - Int64(lowest) <= Int64(UInt16.max)
    }

    /// Days written elsewhere as offsets from `base` (`offsetsFit` held for them).
    public init(base: Int32, offsets: [UInt16]) {
        self.base = offsets.isEmpty ? 0 : base
        self.offsets = offsets
        wide = []
    }

    /// Days written elsewhere whole (their span does not fit 16 bits).
    public init(wide: [Day]) {
        base = 0
        offsets = []
        self.wide = wide
    }

    public var count: Int { wide.isEmpty ? offsets.count : wide.count }

    /// The day at position `k`.
    @inlinable @inline(__always)
    public subscript(k: Int) -> Day {
        wide.isEmpty ? Day(ordinal: base &+ Int32(offsets[k])) : wide[k]
    }
}
