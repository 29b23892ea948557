import Testing
@testable import Charts

@Suite struct ValueFormatTests {
    @Test func plainRoundsHalfAwayFromZeroWithGrouping() {
        #expect(ValueFormat.plain(decimals: 0).format(1234.5) == "1,235")
        #expect(ValueFormat.plain(decimals: 0).format(-1234.5) == "-1,235")
        #expect(ValueFormat.plain(decimals: 2).format(1_234_567.891) == "1,234,567.89")
        #expect(ValueFormat.plain(decimals: 1).format(999.95) == "1,000.0")
        #expect(ValueFormat.plain(decimals: 0).format(12) == "12")
    }

    @Test func decimalHalvesStoredBelowTheHalfStillRoundUp() {
        // 1.005 is stored as 1.00499999999999989…; 0.145 × 100 = 14.499999999999998.
        #expect(ValueFormat.plain(decimals: 2).format(1.005) == "1.01")
        #expect(ValueFormat.percent(decimals: 0).format(0.145) == "15%")
        #expect(ValueFormat.plain(decimals: 1).format(0.25) == "0.3")
        #expect(ValueFormat.plain(decimals: 1).format(-0.25) == "-0.3")
    }

    @Test func valuesRoundingToZeroHaveNoSign() {
        #expect(ValueFormat.plain(decimals: 0).format(-0.4) == "0")
        #expect(ValueFormat.percent(decimals: 1).format(-0.0004) == "0.0%")
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).format(-0.2) == "$0")
    }

    @Test func percentMultipliesByHundred() {
        #expect(ValueFormat.percent(decimals: 0).format(0.25) == "25%")
        #expect(ValueFormat.percent(decimals: 1).format(0.0412) == "4.1%")
        #expect(ValueFormat.percent(decimals: 1).format(-0.012) == "-1.2%")
        #expect(ValueFormat.percent(decimals: 0).format(12.345) == "1,235%")
    }

    @Test func currencyPutsTheSymbolAfterTheSign() {
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).format(12000) == "$12,000")
        #expect(ValueFormat.currency(symbol: "$", decimals: 2).format(-1200.5) == "-$1,200.50")
        #expect(ValueFormat.currency(symbol: "€", decimals: 0).format(99.5) == "€100")
        #expect(ValueFormat.currency(symbol: "CHF", decimals: 0).format(1200) == "CHF\u{A0}1,200")
    }

    @Test func signedFormatShowsPlusUnlessZero() {
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).formatSigned(1200) == "+$1,200")
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).formatSigned(-1200) == "-$1,200")
        #expect(ValueFormat.percent(decimals: 1).formatSigned(-0.012) == "-1.2%")
        #expect(ValueFormat.percent(decimals: 0).formatSigned(0.0001) == "0%")
        #expect(ValueFormat.plain(decimals: 0).formatSigned(0) == "0")
    }

    @Test func compactFormatUsesThousandsSuffixes() {
        let dollars = ValueFormat.currency(symbol: "$", decimals: 0)
        #expect(dollars.formatCompact(999) == "$999")
        #expect(dollars.formatCompact(1000) == "$1k")
        #expect(dollars.formatCompact(1234) == "$1.2k")
        #expect(dollars.formatCompact(-2500) == "-$2.5k")
        // 9,960 / 1000 = 9.96 → one decimal → 10.0 → "10k".
        #expect(dollars.formatCompact(9960) == "$10k")
        #expect(dollars.formatCompact(12000) == "$12k")
        #expect(dollars.formatCompact(1_500_000) == "$1.5M")
        // 999,960 / 1000 = 999.96 → "1000k" → moves up: 0.99996 M → "1M".
        #expect(dollars.formatCompact(999_960) == "$1M")
        #expect(dollars.formatCompact(2_000_000_000) == "$2B")
        #expect(ValueFormat.plain(decimals: 0).formatCompact(45_600) == "46k")
        #expect(ValueFormat.percent(decimals: 1).formatCompact(0.0412) == "4.1%")
    }

    @Test func nonFiniteValuesAreNotAvailable() {
        #expect(ValueFormat.plain(decimals: 1).format(.nan) == "n/a")
        #expect(ValueFormat.percent(decimals: 1).format(.infinity) == "n/a")
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).formatCompact(-.infinity) == "n/a")
    }

    @Test func axisLabelsUseTheStepsPrecision() {
        // Step 0.02 in per cent needs no decimals; [0, 0.03] gets step 0.005 (7 ticks), so one decimal.
        #expect(ValueFormat.percent(decimals: 1).axisLabels(for: NiceScale(lower: 0, upper: 0.137))
            == ["0%", "2%", "4%", "6%", "8%", "10%", "12%", "14%"])
        #expect(ValueFormat.percent(decimals: 1).axisLabels(for: NiceScale(lower: 0, upper: 0.03))
            == ["0%", "0.5%", "1.0%", "1.5%", "2.0%", "2.5%", "3.0%"])
    }

    @Test func axisLabelsShareOneSuffixFromTenThousand() {
        // [0, 40,000]: step 10,000 (5 ticks) → in thousands with no decimals.
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).axisLabels(for: NiceScale(lower: 0, upper: 40_000))
            == ["$0", "$10k", "$20k", "$30k", "$40k"])
        // Below 10,000 the labels are written out.
        #expect(ValueFormat.plain(decimals: 0).axisLabels(for: NiceScale(lower: 0, upper: 950))
            == ["0", "200", "400", "600", "800", "1,000"])
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).axisLabels(for: NiceScale(lower: -120, upper: 430))
            == ["-$200", "-$100", "$0", "$100", "$200", "$300", "$400", "$500"])
        // [0, 1.2M]: step 200,000 → millions with one decimal.
        #expect(ValueFormat.currency(symbol: "$", decimals: 0).axisLabels(for: NiceScale(lower: 0, upper: 1_200_000))
            == ["$0", "$0.2M", "$0.4M", "$0.6M", "$0.8M", "$1.0M", "$1.2M"])
    }

    @Test func unlabelledShorthandsBuildTheSameFormats() {
        #expect(ValueFormat.plain(2) == .plain(decimals: 2))
        #expect(ValueFormat.percent(1) == .percent(decimals: 1))
        #expect(ValueFormat.currency(symbol: "$", 0) == .currency(symbol: "$", decimals: 0))
    }
}
