import Testing
import Model
@testable import Metrics

/// Health fixture, asOf 2024-03-31 (cutoff 2024-04-01 00:00 UTC), monthly calendar, default rules:
/// NPS 20, CSAT 10, open tickets 10, overdue tickets 10, revenue trend 20, recency 20, tenure 10.
private enum HealthFixture {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func at(_ iso: String) -> Instant { Instant(day: day(iso)) }

    static let customers = [
        Customer(id: "A", name: "Alpha", signup: day("2022-01-01"), lastSeen: day("2024-03-25")),
        Customer(id: "B", name: "Bravo", signup: day("2024-01-15")),
        Customer(id: "C", name: "Charlie", signup: day("2023-06-01"), lastSeen: day("2024-03-11")),
        Customer(id: "D", name: "Delta", signup: day("2023-01-01")),
        Customer(id: "E", name: "Echo", signup: day("2023-01-01")),
    ]
    static let surveys = [
        SurveyResponse(customer: 0, day: day("2024-02-01"), kind: .nps, score: 10),
        SurveyResponse(customer: 0, day: day("2024-03-01"), kind: .csat, score: 5),
        SurveyResponse(customer: 0, day: day("2024-04-05"), kind: .nps, score: 0),   // after asOf
        SurveyResponse(customer: 1, day: day("2024-03-10"), kind: .nps, score: 3),
        SurveyResponse(customer: 2, day: day("2024-03-05"), kind: .nps, score: 8),
        SurveyResponse(customer: 2, day: day("2024-03-15"), kind: .csat, score: 3),
        SurveyResponse(customer: 3, day: day("2024-03-15"), kind: .nps, score: 0),
    ]
    static let subscriptions = [
        Subscription(id: "S0", customer: 0, start: day("2023-01-01"), mrr: 500),
        Subscription(id: "S2a", customer: 2, start: day("2023-06-01"), end: day("2024-02-01"), mrr: 1000),
        Subscription(id: "S2b", customer: 2, start: day("2024-02-01"), mrr: 950),
    ]
    static let orders = [
        Order(customer: 1, day: day("2024-01-20"), amount: 100),
        Order(customer: 1, day: day("2024-02-19"), amount: 100),
        Order(customer: 1, day: day("2024-03-20"), amount: 100),
    ]
    static let tickets = [
        SupportTicket(id: "T0", customer: 0, created: at("2024-03-01"), resolved: at("2024-03-02"), status: "solved"),
        // Bravo: normal ticket open 31 days at the cutoff (744 h > 120 h target): open and overdue.
        // Its resolution on 2024-04-02 is after asOf, so it is still open.
        SupportTicket(id: "T1", customer: 1, created: at("2024-03-01"), resolved: at("2024-04-02"), status: "solved"),
        // Charlie: one low ticket open 48 h (< 240 h): open, not overdue.
        SupportTicket(id: "T2", customer: 2, created: at("2024-03-30"), priority: .low),
    ]
    static let dataset = Dataset(customers: customers, subscriptions: subscriptions, orders: orders,
                                 surveys: surveys, tickets: tickets)
    static let configuration = MetricsConfiguration(asOf: day("2024-03-31"))
    static let active: Set<CustomerIndex> = [0, 1, 2, 4]
    static let mrr: [CustomerIndex: Double] = [0: 500, 1: 300, 2: 950]
}

@Suite struct HealthTests {
    private func report() -> HealthReport {
        HealthReport.compute(HealthFixture.dataset, HealthFixture.configuration,
                             activeCustomers: HealthFixture.active, customerMRR: HealthFixture.mrr)
    }

    @Test func defaultConfigurationIsValid() throws {
        try HealthConfiguration().validate()
        #expect(HealthConfiguration.defaultRules.reduce(0) { $0 + $1.maxPoints } == 100)
    }

    @Test func onlyActiveCustomersAreScored() {
        // Delta (3) has data but is not active.
        #expect(report().scores.map(\.customer) == [0, 1, 2, 4])
    }

    @Test func healthyCustomerEarnsEveryPoint() throws {
        let alpha = try #require(report().scores.first { $0.customer == 0 })
        // NPS 10 → 20; CSAT 5 → 10; no open/overdue → 10 + 10; MRR 500 vs 500 → 20;
        // last login 6 days ago ≤ 14 → 20; 820 days' tenure → 10. 100 of 100. (NPS 0 of 04-05 is after asOf.)
        #expect(alpha.score == 100 && alpha.status == .green)
        #expect(alpha.contributions.map(\.points) == [20, 10, 10, 10, 20, 20, 10])
        #expect(alpha.contributions[0].reason == "latest NPS 10 (promoter) on 2024-02-01")
        #expect(alpha.contributions[4].reason == "MRR 500.00 on 2024-03-31 vs 500.00 on 2023-12-31 (0.0 %)")
        #expect(alpha.contributions[5].reason == "last login 6 days ago")
        #expect(alpha.missingRules.isEmpty)
    }

    @Test func missingRuleIsLeftOutAndScoreRescaled() throws {
        let bravo = try #require(report().scores.first { $0.customer == 1 })
        // NPS 3 (≤ 6) → 0/20; no CSAT → left out; 1 open ticket: linear from 0 open (full) to 3 (none)
        // → ⅔ · 10 = 20/3; 1 overdue (none from 1) → 0/10; orders: 300 in the last 90 days (from
        // 2024-01-02) vs 0 before → new revenue 20/20; order days 01-20, 02-19, 03-20: gaps 30, 30 →
        // usual 30; 11 days since = 0.37 × usual ≤ 1.5 → 20/20; tenure 76 days: between 0 (none) and
        // 90 (half) → ½ · 76/90 · 10 = 38/9. Earned 20/3 + 40 + 38/9 = 458/9 of 90 available
        // → 100 · 458/810 = 56.54… → 57 → amber (51–75).
        #expect(bravo.missingRules == ["CSAT"])
        #expect(bravo.contributions.map(\.rule) == ["NPS", "Open tickets", "Overdue tickets", "Revenue trend", "Recency", "Tenure"])
        let expected: [Double] = [0, 20.0 / 3, 0, 20, 20, 38.0 / 9]
        for (points, value) in zip(bravo.contributions.map(\.points), expected) { #expect(abs(points - value) < 1e-12) }
        #expect(abs(bravo.score - 45800.0 / 810) < 1e-12)
        #expect(bravo.status == .amber)
        #expect(bravo.contributions[3].reason == "revenue 300.00 in the last 90 days vs 0.00 in the 90 before (new revenue)")
        #expect(bravo.contributions[4].reason == "last order 11 days ago; usually every 30 days")
        #expect(bravo.contributions[2].reason == "1 ticket open beyond the resolution target")
    }

    @Test func pointsMoveLinearlyBetweenThresholds() throws {
        let charlie = try #require(report().scores.first { $0.customer == 2 })
        // NPS 8: (8 − 6)/(9 − 6) = ⅔ → 40/3 of 20; CSAT 3: (3 − 2)/(4 − 2) = ½ → 5/10; 1 open → ⅔ → 20/3;
        // none overdue → 10/10; MRR 950 vs 1000 on 2023-12-31: ratio 0.95, halfway between half (0.9)
        // and full (1) → ¾ → 15/20; login 20 days ago, between full (14) and half (30):
        // ½ + ½ · (30 − 20)/16 = 0.8125 → 16.25/20; tenure 304 days between half (90) and full (365):
        // ½ + ½ · 214/275 → 5 + 1070/275 of 10. Sum 71.25 + 1070/275 = 75.1409… → 75 → amber (51–75).
        let expected: [Double] = [40.0 / 3, 5, 20.0 / 3, 10, 15, 16.25, 5 + 1070.0 / 275]
        for (points, value) in zip(charlie.contributions.map(\.points), expected) { #expect(abs(points - value) < 1e-12) }
        #expect(abs(charlie.score - (71.25 + 1070.0 / 275)) < 1e-12)
        #expect(charlie.status == .amber)
        #expect(charlie.contributions[4].reason == "MRR 950.00 on 2024-03-31 vs 1000.00 on 2023-12-31 (−5.0 %)")
    }

    @Test func customerWithLittleDataIsScoredOnWhatApplies() throws {
        let echo = try #require(report().scores.first { $0.customer == 4 })
        // Only tenure (10/10) and the two ticket rules (no tickets: 10/10 each) apply → 30/30 = 100.
        #expect(echo.missingRules == ["NPS", "CSAT", "Revenue trend", "Recency"])
        #expect(echo.score == 100 && echo.status == .green)
    }

    @Test func atRiskIsSortedByRevenueAtRisk() {
        let r = report()
        // Amber Bravo (MRR 300) and Amber Charlie (MRR 950): Charlie first. Revenue at risk 1250.
        #expect(r.atRisk.map(\.customer) == [2, 1])
        #expect(r.atRisk.map(\.revenueAtRisk) == [950, 300])
        #expect(r.revenueAtRisk == 1250)
        #expect(r.distribution.green == 2 && r.distribution.amber == 2 && r.distribution.red == 0)
        #expect(r.distribution.share(.amber) == 0.5)
    }

    @Test func atRiskTiesBreakByLowerScore() {
        // Tenure-only rule, half at 1000 days: Bravo 76 days → 100 · ½ · 76/1000 = 3.8, Charlie 304 → 15.2,
        // Delta 455 → 22.75, all red. Equal MRR 100: lowest score first.
        let health = HealthConfiguration(rules: [HealthRule(name: "Tenure", maxPoints: 100,
                                                            signal: .tenure(fullFromDays: 2000, halfFromDays: 1000))])
        let r = HealthReport.compute(HealthFixture.dataset, HealthFixture.configuration, health: health,
                                     activeCustomers: [1, 2, 3], customerMRR: [1: 100, 2: 100, 3: 100])
        let expected = [3.8, 15.2, 22.75]
        for (score, value) in zip(r.scores.map(\.score), expected) { #expect(abs(score - value) < 1e-12) }
        #expect(r.atRisk.map(\.customer) == [1, 2, 3])
    }

    @Test func customerWithoutAnyApplicableRuleIsUnscored() {
        let health = HealthConfiguration(rules: [HealthRule(name: "NPS", maxPoints: 100, signal: .latestNPS(lookbackDays: 365))])
        let r = HealthReport.compute(HealthFixture.dataset, HealthFixture.configuration, health: health,
                                     activeCustomers: [0, 4])
        #expect(r.scores.map(\.customer) == [0])
        #expect(r.unscored == [4])
        #expect(r.distribution.unscored == 1 && r.distribution.scored == 1)
    }

    @Test func bandsRoundToWholePointsLikeGainsight() {
        let bands = HealthBands()
        #expect(bands.status(of: 50) == .red)
        #expect(bands.status(of: 50.4) == .red)
        #expect(bands.status(of: 50.5) == .amber)
        #expect(bands.status(of: 75.49) == .amber)
        #expect(bands.status(of: 75.5) == .green)
        #expect(HealthBands(amberFrom: 41, greenFrom: 71).status(of: 45) == .amber)
    }

    @Test func invalidConfigurationsAreRejectedWithActionableMessages() {
        var health = HealthConfiguration()
        health.rules[0].maxPoints = 25
        #expect(throws: HealthConfigurationError.pointsDoNotSumTo100(sum: 105)) { try health.validate() }
        #expect(HealthConfigurationError.pointsDoNotSumTo100(sum: 105).description
                == "error: health rule points add up to 105.0, not 100; adjust the rules' maximum points")
        health = HealthConfiguration(bands: HealthBands(amberFrom: 80, greenFrom: 60))
        #expect(throws: HealthConfigurationError.bandsOutOfOrder(amberFrom: 80, greenFrom: 60)) { try health.validate() }
        #expect(throws: HealthConfigurationError.noRules) { try HealthConfiguration(rules: []).validate() }
    }

    @Test func sameDayThreePeriodsBackIsClampedToMonthEnd() {
        let calendar = PeriodCalendar(.month)
        #expect(HealthSignal.day(HealthFixture.day("2024-05-31"), periodsBack: 3, calendar: calendar) == HealthFixture.day("2024-02-29"))
        #expect(HealthSignal.day(HealthFixture.day("2024-03-15"), periodsBack: 3, calendar: calendar) == HealthFixture.day("2023-12-15"))
    }

    @Test func historyScoresEachPeriodEnd() {
        let calendar = PeriodCalendar(.month)
        let periods = calendar.periods(from: HealthFixture.day("2024-02-01"), through: HealthFixture.day("2024-03-31"))
        let history = HealthReport.history(HealthFixture.dataset, HealthFixture.configuration, periods: periods,
                                           activeCustomers: { _ in [0, 1, 2] })
        // 2024-02-29 (later records not yet known):
        //  Alpha: NPS 10 → 20, tickets 10 + 10, MRR 500 vs 500 → 20, tenure 10; no CSAT yet, login of 03-25
        //         in the future → no recency → 70/70 = 100 green.
        //  Bravo: tickets 10 + 10 (T1 not yet created), orders 200 new → 20, gaps [30], 10 days → 20,
        //         tenure 45 days → ½ · 45/90 · 10 = 2.5 → 62.5/70 = 89.3 green.
        //  Charlie: tickets 10 + 10, MRR 950 vs 1000 (2023-11-29): ratio 0.95 → 15, tenure 273 days →
        //         5 + 5 · 183/275 = 8.33; no NPS/CSAT/recency yet → 43.33/50 = 86.7 green (with the old
        //         full/half/none points it was 10 + 10 + 10 + 5 = 35/50 = 70, amber).
        // 2024-03-31: as in the tests above → green 1 (Alpha), amber 2 (Bravo, Charlie), red 0.
        #expect(history.map(\.period.label) == ["2024-02", "2024-03"])
        #expect(history[0].distribution.green == 3 && history[0].distribution.amber == 0 && history[0].distribution.red == 0)
        #expect(history[1].distribution.green == 1 && history[1].distribution.amber == 2 && history[1].distribution.red == 0)
    }
}

@Suite struct HealthReasonTextTests {
    @Test func amountsAndPercentagesAreLocaleFree() {
        #expect(NumberText.fixed(1234.5, digits: 2) == "1234.50")
        #expect(NumberText.fixed(-0.004, digits: 2) == "0.00")
        #expect(NumberText.fixed(-12.345, digits: 1) == "−12.3")
        #expect(NumberText.fixed(0.125, digits: 2) == "0.13")
        #expect(NumberText.signedPercent(0.1) == "+10.0 %")
        #expect(NumberText.signedPercent(-0.05) == "−5.0 %")
        #expect(NumberText.count(1, "open ticket", "open tickets") == "1 open ticket")
    }

    /// The digits are `String(n)`'s, zero-padded to the width after the sign; a day is `YYYY-MM-DD`.
    @Test func decimalsAndDaysAreStringsDigits() {
        func decimal(_ n: Int, width: Int = 1) -> String {
            var out: [UInt8] = []
            NumberText.appendDecimal(n, width: width, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        for n in [0, 7, 9, 10, 99, 100, 2024, -1, -305, Int.max, Int.min] { #expect(decimal(n) == String(n)) }
        // Width counts digits only: 5 → "05", 2024 → "2024" (already 4), -7 at 3 → "-007".
        #expect(decimal(5, width: 2) == "05" && decimal(2024, width: 4) == "2024" && decimal(12, width: 4) == "0012")
        #expect(decimal(-7, width: 3) == "-007" && decimal(123, width: 2) == "123")
        // Ordinal 19_784 = 2024-03-02 (1970-01-01 + 54 years with 13 leap days: 54·365 + 13 = 19_723,
        // then January 31 + February 29 + 1 day = 61); ordinal 0 = 1970-01-01.
        for (ordinal, text) in [(Int32(19_784), "2024-03-02"), (0, "1970-01-01")] {
            var out: [UInt8] = []
            NumberText.appendDay(Day(ordinal: ordinal), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == text && text == Day(ordinal: ordinal).description)
        }
    }

    /// Sentences are written into bytes reserved after what the buffer holds: the bytes before
    /// are kept, and the longest sentences the facts allow fit in `sentenceBound`.
    @Test func sentencesAppendAfterTheBufferAndFitTheirBound() {
        var out = Array("ab".utf8)
        HealthReason.tenure(days: 400).append(to: &out)
        HealthReason.unexplained.append(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "abcustomer for 400 days")
        // Every number at its longest: amounts in Swift's own form (|x|·100 ≥ 9e15), Int.min days;
        // the change −1.797…e308 ÷ 1e300 − 1 = −179769314.486… is −17976931448.6 %.
        let big = -Double.greatestFiniteMagnitude, before = 1e300
        let revenue = HealthReason.revenueTrend(recent: big, previous: before, days: Int.min).text
        let change = NumberText.signedPercent(big / before - 1)
        #expect(revenue == "revenue -1.7976931348623157e+308 in the last -9223372036854775808 days vs 1e+300 in the "
                + "-9223372036854775808 before (\(change))")
        #expect(change == "−17976931448.6 %")
        #expect(revenue.utf8.count <= HealthReason.sentenceBound)
        // The earliest and latest days `Day` holds have 7-digit years (one with a sign).
        let first = Day(ordinal: .min), last = Day(ordinal: .max)
        let mrr = HealthReason.mrrTrend(now: big, before: before, on: first, then: last).text
        #expect(mrr == "MRR -1.7976931348623157e+308 on \(first) vs 1e+300 on \(last) (\(change))")
        #expect(mrr.utf8.count <= HealthReason.sentenceBound)
        var days: [UInt8] = []
        NumberText.appendDay(first, to: &days)
        NumberText.appendDay(last, to: &days)
        #expect(String(decoding: days, as: UTF8.self) == first.description + last.description)
        #expect(first.description.utf8.count <= 14 && last.description.utf8.count <= 14)
    }
}

@Suite struct ContinuousHealthScaleTests {
    /// Linear between the two points, clamped outside, in either direction.
    @Test func linearScale() {
        #expect(HealthSignal.linear(7, zeroAt: 6, fullAt: 9) == 1.0 / 3)
        #expect(HealthSignal.linear(5, zeroAt: 6, fullAt: 9) == 0)
        #expect(HealthSignal.linear(10, zeroAt: 6, fullAt: 9) == 1)
        #expect(HealthSignal.linear(2, zeroAt: 3, fullAt: 0) == 1.0 / 3)
    }

    /// Through (zero, 0), (half, ½), (full, 1): login days 14 / 30 / 46.
    @Test func steppedScale() {
        #expect(HealthSignal.stepped(14, full: 14, half: 30, zero: 46) == 1)
        #expect(HealthSignal.stepped(22, full: 14, half: 30, zero: 46) == 0.75)
        #expect(HealthSignal.stepped(30, full: 14, half: 30, zero: 46) == 0.5)
        #expect(HealthSignal.stepped(38, full: 14, half: 30, zero: 46) == 0.25)
        #expect(HealthSignal.stepped(50, full: 14, half: 30, zero: 46) == 0)
        // Tenure: 0 / 90 / 365 days.
        #expect(HealthSignal.stepped(45, full: 365, half: 90, zero: 0) == 0.25)
        #expect(HealthSignal.stepped(400, full: 365, half: 90, zero: 0) == 1)
    }
}

/// The recency rule of an order business read at several dates: each date sees only the distinct
/// paid days on or before it, whatever the order of the file, duplicates and refunds.
@Suite struct HealthRecencyTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    // Paid days (file order shuffled, one day twice, one refund-only day that does not count):
    // 2024-01-01, 01-11, 01-31, 03-01, 04-30. Gaps: 10, 20, 30, 60.
    static let orders = [
        Order(customer: 0, day: day("2024-01-31"), amount: 50),
        Order(customer: 0, day: day("2024-01-01"), amount: 50),
        Order(customer: 0, day: day("2024-04-30"), amount: 50),
        Order(customer: 0, day: day("2024-01-11"), amount: 50),
        Order(customer: 0, day: day("2024-01-11"), amount: 20),
        Order(customer: 0, day: day("2024-02-15"), amount: -50),
        Order(customer: 0, day: day("2024-03-01"), amount: 50),
    ]
    static let dataset = Dataset(customers: [Customer(id: "A", signup: day("2023-12-01"))], orders: orders)
    static let recencyOnly = HealthConfiguration(rules: [
        HealthRule(name: "Recency", maxPoints: 100,
                   signal: .recency(loginFullDays: 14, loginHalfDays: 30, fullUpToMultiple: 1.5, halfUpToMultiple: 3)),
    ])

    static func reading(asOf: String) -> (score: Double, reason: String)? {
        let report = HealthReport.compute(dataset, MetricsConfiguration(asOf: day(asOf)), health: recencyOnly,
                                          activeCustomers: [0])
        return report.scores.first.map { ($0.score, $0.contributions[0].reason) }
    }

    @Test func eachDateReadsOnlyThePaidDaysUpToIt() throws {
        // 2024-01-05: one paid day → no recency data.
        #expect(Self.reading(asOf: "2024-01-05") == nil)
        // 2024-01-20: days 01-01, 01-11 → gaps [10], usual 10; 9 days since ≤ 15 → full.
        let a = try #require(Self.reading(asOf: "2024-01-20"))
        #expect(a.score == 100 && a.reason == "last order 9 days ago; usually every 10 days")
        // The score is continuous (predict's scale): ratio x = days since ÷ usual gap; 1 up to
        // x = 1.5, then 0.5 + 0.5 × (3 − x)/1.5 down to ½ at x = 3, then 0.5 × (4.5 − x)/1.5, 0 from 4.5.
        // 2024-02-29: + 01-31 (the 02-15 refund is not a paid day) → gaps [10, 20], median 15;
        // 29 days since: x = 29/15, fraction 0.5 + (3 − 29/15)/3 = 77/90 → 7700/90 = 85.55….
        let b = try #require(Self.reading(asOf: "2024-02-29"))
        #expect(abs(b.score - 7700.0 / 90) < 1e-9 && b.reason == "last order 29 days ago; usually every 15 days")
        // 2024-04-29: + 03-01 → gaps [10, 20, 30], median 20; 59 days: x = 2.95, 0.5 + 0.05/3 = 31/60 → 51.66….
        let c = try #require(Self.reading(asOf: "2024-04-29"))
        #expect(abs(c.score - 3100.0 / 60) < 1e-9 && c.reason == "last order 59 days ago; usually every 20 days")
        // 2024-06-30: + 04-30 → gaps [10, 20, 30, 60], median (20 + 30) ÷ 2 = 25; 61 days: x = 2.44,
        // 0.5 + 0.56/3 = 103/150 → 68.66….
        let d = try #require(Self.reading(asOf: "2024-06-30"))
        #expect(abs(d.score - 10300.0 / 150) < 1e-9 && d.reason == "last order 61 days ago; usually every 25 days")
        // 2024-10-01: 154 days since > 75 → none.
        let e = try #require(Self.reading(asOf: "2024-10-01"))
        #expect(e.score == 0 && e.reason == "last order 154 days ago; usually every 25 days")
    }

    @Test func medianGapMatchesTheSampleMedian() {
        let days = [0, 3, 4, 10, 11, 30, 31, 33].map { Day(ordinal: Int32($0)) }
        for count in 2...days.count {
            let gaps = zip(days.prefix(count), days.prefix(count).dropFirst()).map { Double($0.days(to: $1)) }
            #expect(HealthSignal.medianGap(days[...], count: count) == SampleQuantile.median(gaps))
            // The same days inside a longer array (a customer's slice of the flat paid days).
            let shifted = ([Day(ordinal: -5), Day(ordinal: -1)] + days)[2...]
            #expect(HealthSignal.medianGap(shifted, count: count) == SampleQuantile.median(gaps))
        }
    }

    /// Insertion-ordered gaps (up to `insertionLimit`) and the library sort beyond give the sample
    /// median of the gaps bit for bit, for pseudo-random ascending days of every length 2…150
    /// (repeated gap values included: steps of 1…12 days).
    @Test func medianGapMatchesTheSampleMedianOnEitherSortPath() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        #expect(HealthSignal.insertionLimit == 64)
        for count in 2...150 {
            var days = [Day(ordinal: Int32(next(100)))]
            for _ in 1..<count { days.append(days.last!.adding(days: 1 + next(12))) }
            let gaps = zip(days, days.dropFirst()).map { Double($0.days(to: $1)) }
            #expect(HealthSignal.medianGap(days[...], count: count) == SampleQuantile.median(gaps), "\(count) days")
        }
    }
}
