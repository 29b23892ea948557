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

/// Evenly spaced bands for categories (periods, items): band `i` spans
/// `[start + i × step + padding, start + (i + 1) × step − padding]` with `step = (end − start) / count`.
struct CategoryScale {
    let count: Int
    let start: Double
    let end: Double
    /// Fraction of each step left empty around the band (split over both sides).
    let padding: Double

    var step: Double { count > 0 ? (end - start) / Double(count) : 0 }
    var bandWidth: Double { step * (1 - padding) }
    func center(_ index: Int) -> Double { start + step * (Double(index) + 0.5) }
    func bandStart(_ index: Int) -> Double { center(index) - bandWidth / 2 }

    /// Which labels to show when not all fit: every n-th, counted back from the last one so the
    /// latest period is always labelled. `slot` is the width one label needs.
    static func labelledIndices(count: Int, width: Double, slot: Double) -> [Int] {
        guard count > 0 else { return [] }
        let fitting = max(1, Int(width / max(slot, 1)))
        let stride = (count + fitting - 1) / fitting
        return (0..<count).filter { (count - 1 - $0) % stride == 0 }
    }
}
