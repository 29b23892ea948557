import Foundation
import Testing
@testable import Metrics

/// The hypergeometric series of several z summed side by side (sharing their z-free
/// coefficients) give, bit for bit, what each series summed alone gives (the one-series loop
/// written out here as the reference).
@Suite struct GaussHypergeometricSeriesTests {
    /// One series summed alone; `rescaled` counts the times the sum passed 10²⁰⁰.
    static func reference(a: Double, b: Double, c: Double, z: Double, power: Double, rescaled: inout Int) -> Double? {
        guard a > 0, b > 0, c > 0, z >= 0, z < 1 else { return nil }
        var logScale = power * log1p(-z), sum = 1.0, term = 1.0
        var n = 0.0
        while n < GaussHypergeometric.maximumTerms {
            let coefficient = (a + n) * (b + n) / ((c + n) * (n + 1))
            n += 1
            let ratio = coefficient * z
            term *= ratio
            sum += term
            if ratio < 1 && term <= 1e-16 * sum { return logScale + log(sum) }
            if sum > 1e200 {
                sum *= 1e-200
                term *= 1e-200
                logScale += 200 * M_LN10
                rescaled += 1
            }
        }
        return nil
    }

    /// ₂F₁(1, 1; 2; z) = −ln(1 − z) / z, so with power 0 the result is ln(−ln(1 − z) / z):
    /// z = ½ gives ln(2 ln 2) = 0.32663425997828094.
    @Test func knownValue() throws {
        let value = try #require(GaussHypergeometric.logScaled(a: 1, b: 1, c: 2, z: 0.5, power: 0))
        #expect(abs(value - log(2 * log(2.0))) < 1e-14)
        #expect(abs(value - 0.32663425997828094) < 1e-14)
    }

    /// The BG/NBD shapes of a light and of a heavy buyer (a = r + x, b = b + x, c = a + b + x − 1,
    /// x up to 400, whose terms pass 10²⁰⁰ and are rescaled), with the 14 horizons the forecasts
    /// ask for, z outside [0, 1) among them (nil), and a single z.
    @Test func seriesSideBySideEqualTheSeriesAlone() {
        var checked = 0, rescaled = 0
        for x in [0, 1, 3, 12, 60, 150, 400] {
            for T in [0.5, 13.0, 80.0, 150.0] {
                let r = 0.7558, alpha = 1.7992, aa = 0.2195, bb = 8.4428
                let n = r + Double(x), c = aa + bb + Double(x) - 1
                guard c > 0 else { continue }
                let ts = [13, 52] + (1...12).map { Double($0) * 365.25 / 12 / 7 }
                var zs = ts.map { $0 / (alpha + T + $0) }
                zs[5] = -0.1
                zs[9] = 1
                let together = GaussHypergeometric.logScaled(a: n, b: bb + Double(x), c: c, zs: zs, power: n)
                let alone = zs.map { Self.reference(a: n, b: bb + Double(x), c: c, z: $0, power: n, rescaled: &rescaled) }
                #expect(together.map { $0?.bitPattern } == alone.map { $0?.bitPattern }, "x \(x), T \(T)")
                #expect(together[5] == nil && together[9] == nil && together[0] != nil)
                checked += together.compactMap { $0 }.count
                let single = GaussHypergeometric.logScaled(a: n, b: bb + Double(x), c: c, z: zs[3], power: n)
                #expect(single?.bitPattern == alone[3]?.bitPattern)
            }
        }
        // Odd counts, a lone z, z = 0 (the series stops at its first term) and every z out of the domain.
        for zs in [[0.3], [0.0, 0.7, 0.2], [0.9, 0.1, 0.5, 0.95, 0.0], [1.5, -1], [0.6, 0.6, 0.6]] {
            let together = GaussHypergeometric.logScaled(a: 3.2, b: 2.5, c: 4.1, zs: zs, power: 3.2)
            let alone = zs.map { Self.reference(a: 3.2, b: 2.5, c: 4.1, z: $0, power: 3.2, rescaled: &rescaled) }
            #expect(together.map { $0?.bitPattern } == alone.map { $0?.bitPattern }, "\(zs)")
        }
        #expect(checked == 7 * 4 * 12)
        // x = 400, T = ½ week, 52 weeks: z = 52 / 54.3 ≈ 0.958 and ₂F₁ ≈ (1 − z)^−400 ≈ 10⁵⁵⁰, rescaled.
        #expect(rescaled > 0)
        // Outside the domain of a, b, c: nil for every z.
        #expect(GaussHypergeometric.logScaled(a: 0, b: 1, c: 1, zs: [0.1, 0.2], power: 1) == [nil, nil])
    }
}
