/// Axis ticks on "nice" 1-2-5 steps (1, 2, 5, 10, 20, 50, … × 10^k).
///
/// Definition: the step is the smallest 1-2-5 value, not below `minimumStep`, for which the
/// extended domain `[floor(lower / step) × step, ceil(upper / step) × step]` has at most
/// `maxTicks` ticks. The ticks are that domain's multiples of the step, each computed as
/// `integer × 10^k` in one exact operation, so they equal the decimal literals (0.06, not
/// 0.060000000000000005).
///
/// Edge cases: bounds in the wrong order are swapped; magnitudes beyond 1e300 are clamped; a degenerate domain `[v, v]` is widened to
/// include zero (`[3, 3]` → `[0, 3]`), and `[0, 0]`, an empty or non-finite input becomes `[0, 1]`.
/// Examples (maxTicks 8): `[0, 0.137]` → 0, 0.02, …, 0.14; `[0, 950]` → 0, 200, …, 1000;
/// `[-120, 430]` → -200, -100, …, 500.
public struct NiceScale: Sendable, Equatable {
    /// First tick (≤ the domain's lower bound).
    public let lower: Double
    /// Last tick (≥ the domain's upper bound).
    public let upper: Double
    /// Distance between ticks: `stepMantissa × 10^stepExponent`.
    public let step: Double
    /// 1, 2 or 5.
    public let stepMantissa: Int
    public let stepExponent: Int
    /// All ticks from `lower` to `upper`, ascending.
    public let ticks: [Double]

    public init(lower: Double, upper: Double, maxTicks: Int = 8, minimumStep: Double = 0) {
        // Magnitudes beyond ±1e300 are clamped so spans and tick counts stay finite.
        let bound = 1e300
        var low = lower.isFinite ? min(max(lower, -bound), bound) : 0
        var high = upper.isFinite ? min(max(upper, -bound), bound) : 0
        if !lower.isFinite && !upper.isFinite { (low, high) = (0, 1) }
        if high < low { swap(&low, &high) }
        if low == high {
            if low == 0 { high = 1 } else { low = min(0, low); high = max(0, high) }
        }
        let limit = max(3, maxTicks)
        let floorStep = minimumStep.isFinite && minimumStep > 0 ? min(minimumStep, bound) : 0
        // Start a decade below span / limit; every step candidate afterwards is larger.
        var exponent = NiceScale.decade(of: (high - low) / Double(limit)) - 1
        let tolerance = 1e-9
        while true {
            for mantissa in [1, 2, 5] {
                let step = DecimalText.scaled(mantissa, exponent)
                if step < floorStep * (1 - tolerance) { continue }
                // Checked: a quotient beyond ±10^15 cannot be a tick index worth drawing.
                guard let first = Int(exactly: (low / step + tolerance).rounded(.down)),
                      let last = Int(exactly: (high / step - tolerance).rounded(.up)),
                      abs(first) <= 1_000_000_000_000_000, abs(last) <= 1_000_000_000_000_000,
                      last - first + 1 <= limit else { continue }
                self.stepMantissa = mantissa
                self.stepExponent = exponent
                self.step = step
                self.ticks = (first...last).map { DecimalText.scaled($0 * mantissa, exponent) }
                self.lower = ticks[0]
                self.upper = ticks[ticks.count - 1]
                return
            }
            exponent += 1
        }
    }

    /// The scale covering `values` (non-finite ones ignored), and zero when `includeZero`.
    /// No values at all give `[0, 1]`.
    public init(covering values: [Double], includeZero: Bool = true, maxTicks: Int = 8, minimumStep: Double = 0) {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else {
            self.init(lower: 0, upper: 1, maxTicks: maxTicks, minimumStep: minimumStep)
            return
        }
        if includeZero { low = min(low, 0); high = max(high, 0) }
        self.init(lower: low, upper: high, maxTicks: maxTicks, minimumStep: minimumStep)
    }

    /// Number of decimals a tick label needs to show the step exactly (0.05 → 2, 200 → 0).
    public var fractionDigits: Int { max(0, -stepExponent) }

    /// k with 10^k ≤ x < 10^(k+1) for x > 0 (within rounding; only a starting point).
    static func decade(of x: Double) -> Int {
        guard x.isFinite, x > 0 else { return 0 }
        var value = x
        var exponent = 0
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
