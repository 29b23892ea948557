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
        #expect(out == expected)
    }

    /// 10^e by repeated multiplication or division (exactness does not matter, only spread).
    func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r = e > 0 ? r * 10 : r / 10 }
        return r
    }
}
