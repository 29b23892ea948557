import Testing
import Mustache

/// ``DoubleText`` writes exactly `description`'s bytes for every finite double.
@Suite struct DoubleTextTests {
    static func text(_ value: Double) -> String {
        var out: [UInt8] = [UInt8(ascii: "<")]  // appended after what is there
        DoubleText.append(value, to: &out)
        return String(decoding: out.dropFirst(), as: UTF8.self)
    }

    @Test func namedValues() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-2.5, "-2.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3, "0.3333333333333333"), (1e15, "1000000000000000.0"), (123456.789, "123456.789"), (1e16, "1e+16"),
            (0.0001, "0.0001"), (0.00001, "1e-05"), (2.0.squareRoot(), "1.4142135623730951"),
            (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (.leastNormalMagnitude, "2.2250738585072014e-308"), (9_007_199_254_740_993, "9007199254740992.0"),
        ]
        for (value, expected) in cases {
            #expect(Self.text(value) == expected)
            #expect(value.description == expected, "description of \(expected)")
        }
    }

    /// 1,000,000 random bit patterns (every exponent, subnormals included), 300,000 values with
    /// few digits (cents, fractions of 0…1) and every power of ten with nearby mantissas: the same
    /// bytes as `description`, appended after existing bytes.
    @Test func randomAndEdgeValuesMatchDescription() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var values: [Double] = []
        for _ in 0..<1_000_000 { values.append(Double(bitPattern: next())) }
        for _ in 0..<100_000 { values.append(Double(Int64(bitPattern: next()) % 10_000_000) / 100) }
        for _ in 0..<200_000 { values.append(Double(next() >> 11) / Double(1 << 53)) }
        for e in -324...308 {
            for m in [1.0, 1.5, 2.0, 5.0, 9.999999999999998, 1.2345678901234567] {
                let value = m * pow10(e)
                values += [value, value.nextUp, value.nextDown, -value]
            }
        }
        var out: [UInt8] = [], expected: [UInt8] = []
        var finite = 0
        for value in values where value.isFinite {
            finite += 1
            DoubleText.append(value, to: &out)
            out.append(0x0A)
            expected += Array(value.description.utf8)
            expected.append(0x0A)
        }
        #expect(finite > 1_290_000)
        #expect(Self.mismatches(out, expected).isEmpty, "\(Self.mismatches(out, expected).prefix(5))")
    }

    /// The lines of `out` that differ from those of `expected`, with them.
    static func mismatches(_ out: [UInt8], _ expected: [UInt8]) -> [(Substring, Substring)] {
        let got = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return got.count == want.count ? zip(got, want).filter { $0 != $1 } : [("\(got.count) lines", "\(want.count) lines")]
    }

    /// Every power of two (the values whose lower neighbour is half as far), the subnormals of
    /// the first 2 000 fractions and their negatives, integers around 2⁵³ and 10¹⁶, and numbers of
    /// one to seventeen digits at every decimal exponent: `description`'s bytes.
    @Test func edgesOfTheAlgorithmMatchDescription() {
        var values: [Double] = []
        for e in -1074...1023 { values.append(Double(sign: .plus, exponent: e, significand: 1)) }
        for t in UInt64(1)...2000 { values += [Double(bitPattern: t), -Double(bitPattern: t)] }
        for d in -3000...3000 { values += [Double(1 << 53) + Double(d) * 2, 1e16 + Double(d) * 2, Double(1 << 52) + Double(d)] }
        var digits: UInt64 = 7
        for length in 1...17 {
            for e in stride(from: -330, through: 300, by: 7) {
                values.append(Double("\(digits)e\(e)")!)
            }
            digits = digits * 10 + UInt64(length % 10)
        }
        var out: [UInt8] = [], expected: [UInt8] = []
        for value in values where value.isFinite {
            DoubleText.append(value, to: &out)
            out.append(0x0A)
            expected += Array(value.description.utf8)
            expected.append(0x0A)
        }
        #expect(values.count > 22_000)
        #expect(Self.mismatches(out, expected).isEmpty, "\(Self.mismatches(out, expected).prefix(5))")
    }

    /// 10^e by repeated multiplication or division (exactness does not matter, only spread).
    func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r = e > 0 ? r * 10 : r / 10 }
        return r
    }
}
