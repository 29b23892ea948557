import Testing
import Model

/// `HalfAwayRounding.rounded` gives `rounded()`'s bits for every Double it is shown.
@Suite struct HalfAwayRoundingTests {
    func same(_ x: Double) -> Bool {
        let mine = HalfAwayRounding.rounded(x), library = x.rounded()
        return mine.bitPattern == library.bitPattern || (mine.isNaN && library.isNaN)
    }

    @Test func halvesGoAwayFromZeroAndZerosKeepTheirSign() {
        // By hand: 2.5 → 3, −2.5 → −3, 0.5 → 1, −0.5 → −1, 0.49999999999999994 (the Double
        // below 0.5) → 0, −0.4 → −0, 1.5 → 2, 4503599627370495.5 (2⁵² − 0.5) → 2⁵².
        #expect(HalfAwayRounding.rounded(2.5) == 3 && HalfAwayRounding.rounded(-2.5) == -3)
        #expect(HalfAwayRounding.rounded(0.5) == 1 && HalfAwayRounding.rounded(-0.5) == -1)
        #expect(HalfAwayRounding.rounded(0.49999999999999994) == 0)
        #expect(HalfAwayRounding.rounded(-0.4).bitPattern == (-0.0).bitPattern)
        #expect(HalfAwayRounding.rounded(1.5) == 2)
        #expect(HalfAwayRounding.rounded(4503599627370495.5) == 4503599627370496)
        for x in [0.0, -0.0, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994, 1e300, -1e300, 0x1p52, -0x1p52,
                  0x1p52 - 0.5, 0x1p53 + 2, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, 12345.5, -12345.5,
                  248_782.00000000003, 5336.0 * 1.08] {
            #expect(same(x), "\(x)")
        }
    }

    @Test func randomValuesOfEveryScaleRoundAsTheLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            // Any bit pattern (all magnitudes, NaNs and infinities), then cents-like amounts
            // times a rate, and exact halves.
            #expect(same(Double(bitPattern: generator.next())))
            let cents = Double(Int64.random(in: -100_000_000...100_000_000, using: &generator))
            #expect(same(cents / 100 * 1.08 * 100))
            #expect(same(cents + 0.5))
        }
    }
}
