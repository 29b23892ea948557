import Testing
import Metrics
import Mustache
@testable import Report

/// The metrics JSON is for machines: doubles at full precision, money as exact minor units.
@Suite struct MetricsDocumentPrecisionTests {
    func text(_ value: MustacheValue) -> String { value.jsonText(pretty: false) }

    @Test func doublesAreWrittenInTheirShortestRoundTripForm() {
        // 1/3 keeps all 16 digits (it used to be cut to 0.333333); −0 becomes 0.
        #expect(text(MetricsDocument.number(1.0 / 3)) == "0.3333333333333333")
        #expect(Double(text(MetricsDocument.number(1.0 / 3))) == 1.0 / 3)
        #expect(text(MetricsDocument.number(-0.0)) == "0.0")
        #expect(text(MetricsDocument.number(nil)) == "null" && text(MetricsDocument.number(.nan)) == "null")
        #expect(text(MetricsDocument.fraction(20.0 / 98)) == "0.20408163265306123")
    }

    @Test func moneyIsTheExactDecimalOfWholeMinorUnits() {
        let usd = MetricsDocument.Money(digits: 2)
        // 0.1 + 0.2 = 0.30000000000000004 in doubles; both are whole cents, so the total is 0.30.
        #expect(text(usd(0.1 + 0.2)) == "0.3")
        // 40.83 × 3 = 122.49 (122.49000000000001 in doubles).
        #expect(text(usd(40.83 + 40.83 + 40.83)) == "122.49")
        #expect(text(usd(-35.1)) == "-35.1" && text(usd(2000)) == "2000.0")
        // Not a whole number of cents (a revenue ÷ 3): written at full precision, not rounded.
        #expect(text(usd(100.0 / 3)) == "33.333333333333336")
        // JPY has no minor unit; KWD has three decimals.
        #expect(text(MetricsDocument.Money(digits: 0)(1234.0 + 1e-10)) == "1234.0")
        #expect(text(MetricsDocument.Money(digits: 3)(0.001 + 0.002)) == "0.003")
    }
}
