import Testing
@testable import Charts

@Suite struct NiceScaleTests {
    @Test func smallRateDomainUsesTwoPercentSteps() {
        // [0, 0.137], at most 8 ticks: step 0.01 needs 0…0.14 = 15 ticks, 0.02 needs 0…0.14 = 8.
        let scale = NiceScale(lower: 0, upper: 0.137)
        #expect(scale.ticks == [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14])
        #expect(scale.step == 0.02)
        #expect(scale.lower == 0)
        #expect(scale.upper == 0.14)
        #expect(scale.fractionDigits == 2)
    }

    @Test func smallRateDomainWithFewerTicksUsesFivePercentSteps() {
        // At most 5 ticks: 0.02 gives 8, 0.05 gives 0, 0.05, 0.1, 0.15 (ceil(0.137 / 0.05) = 3).
        let scale = NiceScale(lower: 0, upper: 0.137, maxTicks: 5)
        #expect(scale.ticks == [0, 0.05, 0.1, 0.15])
    }

    @Test func hundredsDomainUsesSteppingByTwoHundred() {
        // [0, 950]: step 100 → 0…1000 = 11 ticks (> 8); step 200 → 0…1000 = 6 ticks.
        let scale = NiceScale(lower: 0, upper: 950)
        #expect(scale.ticks == [0, 200, 400, 600, 800, 1000])
        #expect(scale.stepMantissa == 2)
        #expect(scale.stepExponent == 2)
    }

    @Test func domainCrossingZeroExtendsBothWays() {
        // [-120, 430]: step 50 → -150…450 = 13 ticks; step 100 → floor(-1.2) = -2 … ceil(4.3) = 5 = 8 ticks.
        let scale = NiceScale(lower: -120, upper: 430)
        #expect(scale.ticks == [-200, -100, 0, 100, 200, 300, 400, 500])
    }

    @Test func degenerateDomainIsWidenedToZero() {
        // [3, 3] → [0, 3]: step 0.2 → 16 ticks, step 0.5 → 7 ticks.
        #expect(NiceScale(lower: 3, upper: 3).ticks == [0, 0.5, 1, 1.5, 2, 2.5, 3])
        #expect(NiceScale(lower: 3, upper: 3, minimumStep: 1).ticks == [0, 1, 2, 3])
        #expect(NiceScale(lower: -3, upper: -3).ticks == [-3, -2.5, -2, -1.5, -1, -0.5, 0])
        #expect(NiceScale(lower: 0, upper: 0).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func emptyAndNonFiniteInputGiveTheUnitDomain() {
        // [0, 1]: step 0.1 → 11 ticks, 0.2 → 6.
        #expect(NiceScale(covering: []).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale(covering: [.nan, .infinity]).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale(lower: .nan, upper: .nan).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func ticksEqualTheDecimalLiteralsExactly() {
        // 3 × 0.02 in floating point is 0.06000000000000000472 ≠ 0.06; the scale computes 6 / 100.
        let scale = NiceScale(lower: 0, upper: 0.06)
        #expect(scale.ticks == [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06])
        #expect(scale.ticks[3] == 0.03)
    }

    @Test func coveringIncludesZeroUnlessAskedNot() {
        // [0.91, 0.97] without zero: step 0.01 → 0.91…0.97 = 7 ticks.
        #expect(NiceScale(covering: [0.93, 0.91, 0.97], includeZero: false).ticks == [0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97])
        // With zero: [0, 0.97] → step 0.2 → 0…1 = 6 ticks (0.1 would need 11).
        #expect(NiceScale(covering: [0.93, 0.91, 0.97]).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func largeDomainsAndSwappedBounds() {
        // [0, 1,234,567]: step 100,000 → 14 ticks; 200,000 → 0…1,400,000 = 8 ticks.
        #expect(NiceScale(lower: 1_234_567, upper: 0).ticks == [0, 200_000, 400_000, 600_000, 800_000, 1_000_000, 1_200_000, 1_400_000])
    }

    @Test func absurdDomainsStillGiveFiniteTicks() {
        let huge = NiceScale(lower: -1e308, upper: 1e308)
        #expect(huge.ticks.allSatisfy { $0.isFinite })
        #expect(huge.ticks.count <= 8)
        #expect(huge.lower <= -1e300 && huge.upper >= 1e300)
        let coarse = NiceScale(lower: 0, upper: 1, minimumStep: 1e308)
        #expect(coarse.ticks.allSatisfy { $0.isFinite })
        #expect(coarse.ticks.first == 0)
    }

    @Test func minimumStepKeepsCountAxesWhole() {
        // [0, 2]: step 0.2 → 11 ticks, 0.5 → 5 ticks; with minimum step 1 → 0, 1, 2.
        #expect(NiceScale(lower: 0, upper: 2).ticks == [0, 0.5, 1, 1.5, 2])
        #expect(NiceScale(lower: 0, upper: 2, minimumStep: 1).ticks == [0, 1, 2])
    }
}

@Suite struct LinearScaleTests {
    @Test func mapsValuesOntoAnInvertedYRange() {
        // Domain 0…0.14 onto 280…20: 0.07 is halfway → 150; 0.035 a quarter → 280 − 65 = 215.
        let y = LinearScale(NiceScale(lower: 0, upper: 0.137), range: (280, 20))
        #expect(y(0) == 280)
        #expect(y(0.14) == 20)
        #expect(y(0.07) == 150)
        #expect(y(0.035) == 215)
    }

    @Test func mapsValuesAcrossZero() {
        // Domain -200…500 onto 0…700: one unit per unit, shifted by 200.
        let x = LinearScale(domain: (-200, 500), range: (0, 700))
        #expect(coord(x(-120)) == "80")
        #expect(coord(x(430)) == "630")
        #expect(x(-200) == 0)
        #expect(x(500) == 700)
    }

    @Test func degenerateDomainMapsToTheMiddle() {
        let x = LinearScale(domain: (5, 5), range: (10, 30))
        #expect(x(5) == 20)
        #expect(x(100) == 20)
    }

    @Test func categoryBandsAndCentres() {
        // 4 categories over 0…400: step 100, padding 0.2 → bands 80 wide, centred at 50, 150, …
        let x = CategoryScale(count: 4, start: 0, end: 400, padding: 0.2)
        #expect(x.step == 100)
        #expect(x.bandWidth == 80)
        #expect(x.center(2) == 250)
        #expect(x.bandStart(0) == 10)
    }

    @Test func crowdedCategoryLabelsAreThinnedFromTheLatest() {
        // 24 labels, room for 10 → every 3rd (ceil(24 / 10)), counted back from index 23.
        #expect(CategoryScale.labelledIndices(count: 24, width: 500, slot: 50) == [2, 5, 8, 11, 14, 17, 20, 23])
        #expect(CategoryScale.labelledIndices(count: 5, width: 500, slot: 50) == [0, 1, 2, 3, 4])
        #expect(CategoryScale.labelledIndices(count: 0, width: 500, slot: 50) == [])
    }
}
