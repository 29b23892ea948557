/// A closed interval of values, e.g. a confidence band around one point.
/// The bounds are put in order, so `Interval(lower: 5, upper: 3)` is 3…5.
public struct Interval: Sendable, Hashable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower.isNaN || upper < lower ? upper : lower
        self.upper = lower.isNaN || upper < lower ? lower : upper
    }
}
