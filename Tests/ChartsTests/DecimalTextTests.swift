import Testing
@testable import Charts

@Suite struct DecimalTextTests {
    /// The coordinate as it was written before: `digits(_, decimals: 2)`, the fraction's
    /// trailing zeros trimmed, a sign only for a nonzero result.
    static func trimmedDigits(_ value: Double) -> String {
        guard let parts = DecimalText.digits(value, decimals: 2) else { return "0" }
        var fraction = Substring(parts.fraction)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let sign = parts.negative ? "-" : ""
        return fraction.isEmpty ? sign + parts.integer : sign + parts.integer + "." + fraction
    }

    @Test func coordinatesRoundToTwoDecimalsWithoutTrailingZeros() {
        let cases: [(Double, String)] = [
            (12.345, "12.35"), (3.10, "3.1"), (-0.001, "0"), (0, "0"), (-0.0, "0"), (0.05, "0.05"),
            (0.5, "0.5"), (1.005, "1.01"), (-2.675, "-2.68"), (100, "100"), (99.999, "100"), (-7.04, "-7.04"),
            (640, "640"), (123456.789, "123456.79"), (2e17, "0"), (.nan, "0"), (.infinity, "0"), (-.infinity, "0"),
        ]
        for (value, text) in cases {
            #expect(DecimalText.coordinate(value) == text, "\(value)")
        }
    }

    /// The same text as the digit-string way for many values: a grid of hundredths and
    /// thousandths around zero, halves, and pseudo-random magnitudes of every size.
    @Test func coordinatesAreThoseOfTheDigitStrings() {
        var values: [Double] = []
        for k in -20_000...20_000 { values.append(Double(k) / 1000) }
        for k in -2_000...2_000 { values.append(Double(k) / 100 + 0.005) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(state >> 11) / Double(1 << 53)
            let exponent = Int((state >> 3) % 40) - 20
            values.append((state & 1 == 0 ? 1 : -1) * mantissa * DecimalText.power(exponent))
        }
        var mismatches: [Double] = []
        for value in values where DecimalText.coordinate(value) != Self.trimmedDigits(value) { mismatches.append(value) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func pathDataWritesEachCommandWithItsCoordinates() {
        var path = PathData()
        path.move(1.234, -5)
        path.horizontal(10.5)
        path.vertical(0.004)
        path.line(-0.006, 7.1)
        path.close()
        #expect(path.d == "M1.23,-5H10.5V0L-0.01,7.1Z")
        var polygon = PathData()
        polygon.polygon([(0, 0), (2, 0), (2, 3.333)])
        #expect(polygon.d == "M0,0L2,0L2,3.33Z")
    }
}
