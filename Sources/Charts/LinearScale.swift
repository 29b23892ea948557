/// Maps a value domain linearly onto drawing coordinates:
/// `position(v) = start + (v − lower) / (upper − lower) × (end − start)`.
///
/// `end` may be smaller than `start` (y axes grow upwards: domain 0…0.14 onto 280…20 puts 0 at
/// 280 and 0.07 at 150). A degenerate domain maps everything to the middle of the range.
public struct LinearScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let start: Double
    public let end: Double

    public init(domain: (lower: Double, upper: Double), range: (start: Double, end: Double)) {
        lower = domain.lower
        upper = domain.upper
        start = range.start
        end = range.end
    }

    /// The scale from a `NiceScale`'s first to last tick.
    public init(_ scale: NiceScale, range: (start: Double, end: Double)) {
        self.init(domain: (scale.lower, scale.upper), range: range)
    }

    public func position(_ value: Double) -> Double {
        guard upper != lower else { return (start + end) / 2 }
        return start + (value - lower) / (upper - lower) * (end - start)
    }

    public func callAsFunction(_ value: Double) -> Double { position(value) }
}
