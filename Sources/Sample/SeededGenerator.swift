/// The sample's only source of randomness: xoshiro256** (Blackman & Vigna, 2018), seeded through
/// SplitMix64 so that any 64-bit seed, including 0, gives a well-mixed non-zero state.
///
/// Each customer draws from its own stream, `SeededGenerator(seed:stream:)`, so a customer's
/// story depends only on the seed and its position, not on how much randomness earlier
/// customers consumed. Same seed → same numbers on every platform; no clock, no system RNG.
struct SeededGenerator: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p` (p ≤ 0 never, p ≥ 1 always).
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Uniform integer in `range` (closed). Uses Lemire's multiply-shift; the bias for the
    /// small ranges used here is below 2⁻⁵⁰ and irrelevant for demo data.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(bitPattern: UInt(next())) }
        let product = next().multipliedFullWidth(by: width)
        return range.lowerBound + Int(product.high)
    }

    /// Approximately standard normal (Irwin–Hall sum of four uniforms, rescaled): mean 0,
    /// variance 1, bounded by ±3.46. Needs no libm.
    mutating func normal() -> Double {
        let sum = unit() + unit() + unit() + unit()
        return (sum - 2) * 1.732_050_807_568_877
    }

    /// An index drawn with probability proportional to `weights[i]`.
    mutating func pick(weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = unit() * total
        for (i, w) in weights.enumerated() {
            if target < w { return i }
            target -= w
        }
        return weights.count - 1
    }

    /// An element of `items`, uniformly.
    mutating func element<T>(of items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): used only to expand a seed into xoshiro state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
