/// How a percentile of a finite sample is read off the sorted values x₁ ≤ … ≤ xₙ.
public enum QuantileMethod: String, Sendable, Hashable {
    /// Linear interpolation between closest ranks (Hyndman & Fan 1996 type 7; numpy's default,
    /// Excel `PERCENTILE.INC`): h = (n − 1)·p, Q = x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎).
    /// For p = 0.5 this is the usual median (mean of the two middle values when n is even).
    case linear
    /// Nearest rank (Hyndman & Fan type 1): Q = x₍⌈n·p⌉₎ (x₁ for p = 0). Always an observed value.
    case nearestRank = "nearest_rank"
}

/// Percentiles of a sample. An empty sample has no percentile (nil, never NaN).
public enum SampleQuantile {
    /// The p-quantile (0 ≤ p ≤ 1) of `values`, which need not be sorted. NaNs are not allowed.
    public static func quantile(_ values: [Double], _ p: Double, method: QuantileMethod = .linear) -> Double? {
        quantile(sorted: values.sorted(), p, method: method)
    }

    /// The p-quantile of already ascending `sorted` values.
    public static func quantile(sorted: [Double], _ p: Double, method: QuantileMethod = .linear) -> Double? {
        quantile(count: sorted.count, p, method: method) { sorted[$0] }
    }

    /// The p-quantile of a sample of `count` values whose sorted order has `value(k)` at position
    /// k; positions are asked in ascending order, each at most once.
    static func quantile(count n: Int, _ p: Double, method: QuantileMethod,
                         value: (Int) -> Double) -> Double? {
        guard n > 0, p >= 0, p <= 1 else { return nil }
        switch method {
        case .linear:
            let h = Double(n - 1) * p
            let lower = Int(exactly: h.rounded(.down)) ?? 0  // 0 ≤ h ≤ n − 1
            let fraction = h - Double(lower)
            let low = value(lower)
            guard lower + 1 < n, fraction > 0 else { return low }
            let high = value(lower + 1)
            return low + fraction * (high - low)
        case .nearestRank:
            let rank = Int(exactly: (Double(n) * p).rounded(.up)) ?? n  // 0 ≤ rank ≤ n
            return value(max(rank, 1) - 1)
        }
    }

    /// The median (linear method, so the mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }
}
