import Testing
import Model
@testable import Metrics

/// A small survey export, worked by hand below. Monthly calendar, asOf 2024-03-15.
/// Customers: 0 Acme (Pro, SMB), 1 Beta (Basic, Enterprise), 2 Gamma (Pro, no segment).
private enum SatisfactionFixture {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static let customers = [
        Customer(id: "C0", name: "Acme", signup: day("2023-01-01"), plan: "Pro", segment: "SMB"),
        Customer(id: "C1", name: "Beta", signup: day("2023-01-01"), plan: "Basic", segment: "Enterprise"),
        Customer(id: "C2", name: "", signup: day("2023-01-01"), plan: "Pro"),
    ]

    static func r(_ iso: String, _ kind: SurveyKind, _ score: Double, _ customer: CustomerIndex? = 0,
                  _ comment: String? = nil) -> SurveyResponse {
        SurveyResponse(customer: customer, day: day(iso), kind: kind, score: score, comment: comment)
    }

    static let surveys: [SurveyResponse] = {
        var s: [SurveyResponse] = []
        // February CSAT 1–5: 5,5,4,4,5,4,5,4 satisfied, 3 and 1 not → 8/10.
        for score in [5.0, 5, 4, 4, 5, 4, 5, 4, 3, 1] { s.append(r("2024-02-10", .csat, score)) }
        // February NPS: 10,9,9,10 promoters; 8,7 passives; 6,3,0,5 detractors.
        s.append(r("2024-02-05", .nps, 10, 0))
        s.append(r("2024-02-06", .nps, 9, 1, "Great support"))
        s.append(r("2024-02-07", .nps, 9, 0))
        s.append(r("2024-02-07", .nps, 10, 2))
        for score in [8.0, 7] { s.append(r("2024-02-08", .nps, score, 1)) }
        s.append(r("2024-02-03", .nps, 0, nil, "Broken export"))
        s.append(r("2024-02-09", .nps, 6, 1))
        s.append(r("2024-02-09", .nps, 3, 1, "   "))
        s.append(r("2024-02-09", .nps, 5, 2))
        // February CES: 7, 6, 5, 3.
        for score in [7.0, 6, 5, 3] { s.append(r("2024-02-20", .ces, score)) }
        // March (to the 15th): good, good, bad ratings and a CSAT 5 → 3/4 satisfied.
        for score in [1.0, 1, 0] { s.append(r("2024-03-02", .csatGoodBad, score)) }
        s.append(r("2024-03-02", .csat, 5))
        // March NPS: 10 (no comment), 2 "Too slow", 6 "  ok-ish \n".
        s.append(r("2024-03-05", .nps, 10, 1))
        s.append(r("2024-03-10", .nps, 2, 1, "Too slow"))
        s.append(r("2024-03-12", .nps, 6, 0, "  ok-ish \n"))
        // March CES 8 is out of the 1–7 scale.
        s.append(r("2024-03-03", .ces, 8))
        // After asOf: ignored everywhere.
        s.append(r("2024-03-16", .csat, 1))
        s.append(r("2024-03-20", .nps, 0, 0, "after as-of"))
        return s
    }()

    static let dataset = Dataset(customers: customers, surveys: surveys)
    static let configuration = MetricsConfiguration(asOf: day("2024-03-15"))
}

@Suite struct SatisfactionTests {
    @Test func trendRunsFromFirstResponseToAsOfAndFlagsIncompletePeriod() {
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        #expect(trend.periods.map(\.period.label) == ["2024-02", "2024-03"])
        #expect(trend.periods.map(\.isComplete) == [true, false])
        #expect(trend.afterAsOf == 2)
    }

    @Test func csatIsTopTwoBoxShareWithWilsonInterval() throws {
        let feb = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration).periods[0]
        // 8 of 10 → 0.8; Wilson 95 % (see WilsonIntervalTests) [0.4901625, 0.9433178].
        #expect(feb.csatN == 10 && feb.csatSatisfied == 8)
        #expect(feb.csat == 0.8)
        #expect(abs(try #require(feb.csatLow) - 0.4901625) < 1e-6)
        #expect(abs(try #require(feb.csatHigh) - 0.9433178) < 1e-6)
        #expect(feb.csatIsSmallSample)
    }

    @Test func goodBadRatingsPoolIntoCSAT() throws {
        let mar = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration).periods[1]
        // good, good, bad + a 5 → 3 of 4 = 0.75; Wilson: p = 0.75, n = 4, z² = 3.841459,
        // denominator 1.9603647, centre = (0.75 + 0.4801824)/1.9603647 = 0.6275270,
        // half = 0.9997953·√(0.046875 + 0.060091) = 0.9997953·0.3270540 = 0.3269870 → [0.3006418, 0.9544127].
        #expect(mar.csatN == 4 && mar.csat == 0.75)
        #expect(abs(try #require(mar.csatLow) - 0.3006418) < 1e-6)
        #expect(abs(try #require(mar.csatHigh) - 0.9544127) < 1e-6)
    }

    @Test func npsCountsCategoriesAndMarginOfError() throws {
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        let feb = trend.periods[0]
        // 4 promoters, 2 passives, 4 detractors of 10: NPS = 40 % − 40 % = 0.
        // Var = 100²·(0.4 + 0.4 − 0²)/10 = 800; moe = 1.959964·√800 = 1.959964·28.284271 = 55.436153.
        #expect(feb.promoters == 4 && feb.passives == 2 && feb.detractors == 4 && feb.npsN == 10)
        #expect(feb.nps == 0)
        #expect(abs(try #require(feb.npsMoe) - 55.436153) < 1e-5)
        let mar = trend.periods[1]
        // 1 promoter, 2 detractors of 3: NPS = (1 − 2)/3·100 = −33.333333.
        // Var = 10000·(1/3 + 2/3 − (−1/3)²)/3 = 10000·(8/9)/3 = 2962.963; moe = 1.959964·54.433105 = 106.686926.
        #expect(abs(try #require(mar.nps) - -100.0 / 3) < 1e-9)
        #expect(abs(try #require(mar.npsMoe) - 106.686926) < 1e-5)
    }

    @Test func cesMeanWithStudentTIntervalAndEasyShare() throws {
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        let feb = trend.periods[0]
        // 7, 6, 5, 3: mean 21/4 = 5.25; easy (5–7) 3 of 4 = 0.75.
        // s² = (1.75² + 0.75² + 0.25² + 2.25²)/3 = 8.75/3, s = 1.7078251, se = s/2 = 0.8539126;
        // t(0.975, 3) = 3.1824463 → half 2.7175309 → [2.5324691, 7.9675309].
        #expect(feb.cesN == 4 && feb.ces == 5.25 && feb.cesShareEasy == 0.75)
        #expect(abs(try #require(feb.cesLow) - 2.5324691) < 1e-6)
        #expect(abs(try #require(feb.cesHigh) - 7.9675309) < 1e-6)
        // March's only CES answer (8) is out of scale: no CES, counted as out of scale.
        let mar = trend.periods[1]
        #expect(mar.cesN == 0 && mar.ces == nil && mar.cesLow == nil && mar.cesShareEasy == nil)
        #expect(mar.outOfScale == 1)
    }

    @Test func emptyPeriodHasNilValuesNotNaN() {
        // Starting in January adds an empty period: every value nil.
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration, from: SatisfactionFixture.day("2024-01-01"))
        let jan = trend.periods[0]
        #expect(jan.period.label == "2024-01")
        #expect(jan.csat == nil && jan.csatLow == nil && jan.nps == nil && jan.npsMoe == nil && jan.ces == nil)
        #expect(jan.responseCount == 0)
        #expect(SatisfactionTrend.compute(Dataset(), SatisfactionFixture.configuration).periods.isEmpty)
    }

    @Test func responsesAfterAsOfAreIgnored() {
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        // Overall CSAT: 8/10 + 3/4 = 11/14 (the CSAT 1 of 2024-03-16 is after asOf).
        #expect(trend.overall.csatSatisfied == 11 && trend.overall.csatN == 14)
        // Overall NPS responses: 10 + 3 (the 0 of 2024-03-20 is after asOf).
        #expect(trend.overall.npsN == 13)
    }

    @Test func latestCompletePairComparesFebruaryWithJanuary() throws {
        let trend = SatisfactionTrend.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration, from: SatisfactionFixture.day("2024-01-01"))
        let pair = try #require(trend.latestCompletePair)
        #expect(pair.current.period.label == "2024-02" && pair.previous.period.label == "2024-01")
        // January is empty, so the change has no previous value and no verdict.
        let change = pair.current.scores.csatChange(since: pair.previous.scores)
        #expect(change.current == 0.8 && change.previous == nil && change.significant == nil)
    }

    @Test func breakdownByPlanPutsUnknownCustomersLast() throws {
        let breakdown = SatisfactionBreakdown.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration, attribute: "plan")
        #expect(breakdown.segments.map(\.value) == ["Basic", "Pro", "Unknown"])
        let basic = breakdown.segments[0].scores, pro = breakdown.segments[1].scores
        let unknown = breakdown.segments[2].scores
        // Beta (Basic): NPS 9, 8, 7, 6, 3, 10, 2 → 2 P, 2 passives, 3 D of 7 → (2 − 3)/7·100 = −14.285714.
        #expect(basic.npsN == 7)
        #expect(abs(try #require(basic.nps) - -100.0 / 7) < 1e-9)
        // Acme + Gamma (Pro): NPS 10, 9, 10, 5, 6 → 3 P, 2 D of 5 → 20; all CSAT (Acme) 11/14.
        #expect(pro.npsN == 5)
        #expect(abs(try #require(pro.nps) - 20) < 1e-9)
        #expect(pro.csatN == 14 && pro.csatSatisfied == 11)
        // The response without a customer: one NPS 0 → NPS −100.
        #expect(unknown.npsN == 1 && unknown.nps == -100)
    }

    @Test func breakdownBySegmentSendsMissingValueToUnknown() {
        let breakdown = SatisfactionBreakdown.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration, attribute: "segment")
        #expect(breakdown.segments.map(\.value) == ["Enterprise", "SMB", "Unknown"])
        // Unknown = Gamma (no segment: NPS 10, 5) + the anonymous NPS 0 → 1 P, 2 D of 3.
        #expect(breakdown.segments[2].scores.npsN == 3)
        #expect(breakdown.segments[2].scores.promoters == 1 && breakdown.segments[2].scores.detractors == 2)
    }

    /// All attributes come from one walk; each segment equals the scores of its own responses
    /// taken alone (`SatisfactionScores(_:)` on the filtered list), also for an attribute that is
    /// not a built-in field ("tier", only Acme has one).
    @Test func breakdownsOfSeveralAttributesMatchEachSegmentScoredAlone() throws {
        var data = SatisfactionFixture.dataset
        data.customers[0].attributes = ["tier": "Gold"]
        let breakdowns = Self.breakdownsMatchingEachSegmentScoredAlone(data)
        // Gold = Acme: CSAT 8 of 10 in February + good, good, bad and a 5 in March → 11 of 14;
        // NPS 10, 9, 6 → (2 − 1)/3 · 100 = 33.3; CES 7, 6, 5, 3 → mean 5.25, and the 8 out of scale.
        let tier = breakdowns[1].segments
        #expect(tier.map(\.value) == ["Gold", "Unknown"])
        #expect(tier[0].scores.csatSatisfied == 11 && tier[0].scores.csatN == 14)
        #expect(abs(try #require(tier[0].scores.nps) - 100.0 / 3) < 1e-9)
        #expect(tier[0].scores.ces == 5.25 && tier[0].scores.outOfScale == 1)
        // Unknown: the other NPS answers up to as-of (Beta's 7, Gamma's 2, the anonymous 0): 10; no CSAT or CES.
        #expect(tier[1].scores.npsN == 10 && tier[1].scores.csatN == 0 && tier[1].scores.cesN == 0)
    }

    /// Gamma takes Acme's traits object (as customers of one file with the same plan, segment,
    /// region, channel and owner share one), so the walk finds Gamma's trait slots by that object;
    /// their "tier" (not a trait) differs. Every segment still equals its own responses scored alone.
    @Test func customersSharingTraitsAreBrokenDownByTheirOwnValues() {
        var data = SatisfactionFixture.dataset
        data.customers[2].traits = data.customers[0].traits
        #expect(data.customers[2].traits.sharesStorage(with: data.customers[0].traits))
        data.customers[0].attributes = ["tier": "Gold"]
        data.customers[2].attributes = ["tier": "Silver"]
        let breakdowns = Self.breakdownsMatchingEachSegmentScoredAlone(data)
        #expect(breakdowns[0].segments.map(\.value) == ["Basic", "Pro", "Unknown"])
        #expect(breakdowns[1].segments.map(\.value) == ["Gold", "Silver", "Unknown"])
    }

    /// The breakdowns by plan, tier and segment, each segment checked against the scores of its
    /// own responses up to as-of taken alone (`SatisfactionScores(_:)` on the filtered list).
    static func breakdownsMatchingEachSegmentScoredAlone(_ data: Dataset) -> [SatisfactionBreakdown] {
        var configuration = SatisfactionFixture.configuration
        configuration.segmentAttributes = ["plan", "tier", "segment"]
        let breakdowns = SatisfactionBreakdown.computeAll(data, configuration)
        #expect(breakdowns.map(\.attribute) == ["plan", "tier", "segment"])
        let inWindow = data.surveys.filter { $0.day <= configuration.asOf }
        for breakdown in breakdowns {
            for segment in breakdown.segments {
                let own = inWindow.filter { r in
                    let v = r.customer.flatMap { data.customers[$0].attribute(breakdown.attribute) } ?? ""
                    return segment.value == SatisfactionBreakdown.unknown ? (v.isEmpty || v == segment.value) : v == segment.value
                }
                #expect(segment.scores == SatisfactionScores(own), "\(breakdown.attribute) = \(segment.value)")
            }
        }
        return breakdowns
    }

    @Test func breakdownListsOnlyValuesWithResponsesInTheWindow() {
        // Delta (plan "Team") answered only on 2024-01-10, before the window; Echo's plan is the
        // literal "Unknown", which pools with the missing values.
        var data = SatisfactionFixture.dataset
        data.customers.append(Customer(id: "C3", name: "Delta", signup: d("2023-01-01"), plan: "Team"))
        data.customers.append(Customer(id: "C4", name: "Echo", signup: d("2023-01-01"), plan: "Unknown"))
        data.surveys.append(SurveyResponse(customer: 3, day: d("2024-01-10"), kind: .nps, score: 10))
        data.surveys.append(SurveyResponse(customer: 4, day: d("2024-03-01"), kind: .nps, score: 10))
        let breakdown = SatisfactionBreakdown.compute(data, SatisfactionFixture.configuration, attribute: "plan",
                                                      from: d("2024-02-01"))
        #expect(breakdown.segments.map(\.value) == ["Basic", "Pro", "Unknown"])
        // Unknown: the anonymous NPS 0 and Echo's 10 → 1 promoter, 1 detractor of 2 → NPS 0.
        let unknown = breakdown.segments[2].scores
        #expect(unknown.npsN == 2 && unknown.promoters == 1 && unknown.detractors == 1 && unknown.nps == 0)
    }

    @Test func scoreDistributionListsEveryScaleValue() throws {
        let distributions = ScoreDistribution.compute(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        #expect(distributions.map(\.kind) == [.csat, .csatGoodBad, .nps, .ces])
        let csat = distributions[0]
        // CSAT 1–5 up to asOf: 1 → 1, 2 → 0, 3 → 1, 4 → 4, 5 → 4 + 1 (March) = 5.
        #expect(csat.bars.map(\.count) == [1, 0, 1, 4, 5])
        #expect(csat.bars.map(\.score) == [1, 2, 3, 4, 5])
        #expect(distributions[1].bars.map(\.count) == [1, 2])
        // NPS 0–10: 0,2,3,5 once; 6 twice; 7,8 once; 9 twice; 10 three times → 13.
        #expect(distributions[2].bars.map(\.count) == [1, 0, 1, 1, 0, 1, 2, 1, 1, 2, 3])
        // CES: 3,5,6,7 once each; the 8 is out of scale.
        #expect(distributions[3].bars.map(\.count) == [0, 0, 1, 0, 1, 1, 1])
        #expect(distributions[3].outOfScale == 1 && distributions[3].total == 4)
    }

    @Test func detractorCommentsAreNewestFirstWithCustomerNames() {
        let comments = SurveyComments.latestDetractorComments(SatisfactionFixture.dataset, SatisfactionFixture.configuration, limit: 5)
        // Detractors with a non-blank comment up to asOf: 03-12 Acme 6, 03-10 Beta 2, 02-03 anonymous 0.
        // (The blank "   " comment and the 03-20 one after asOf are left out.)
        #expect(comments.map(\.customerName) == ["Acme", "Beta", "Unknown"])
        #expect(comments.map(\.score) == [6, 2, 0])
        #expect(comments.map(\.comment) == ["ok-ish", "Too slow", "Broken export"])
        #expect(comments[0].day == SatisfactionFixture.day("2024-03-12"))
        #expect(SurveyComments.latestDetractorComments(SatisfactionFixture.dataset, SatisfactionFixture.configuration, limit: 2).count == 2)
    }

    @Test func promotersToThankAreNewestFirstOncePerCustomer() {
        let promoters = SurveyComments.promotersToThank(SatisfactionFixture.dataset, SatisfactionFixture.configuration)
        // Promoters: 03-05 Beta 10, 02-07 Gamma 10 (named by id C2), 02-07 Acme 9, 02-06 Beta 9 (dropped:
        // Beta already listed), 02-05 Acme 10 (dropped).
        #expect(promoters.map(\.customerName) == ["Beta", "C2", "Acme"])
        #expect(promoters.map(\.score) == [10, 10, 9])
    }
}

@Suite struct SatisfactionChangeTests {
    /// `satisfied` CSAT 5s and `trials − satisfied` CSAT 2s on `day`.
    private func csat(_ satisfied: Int, of trials: Int, on iso: String) -> [SurveyResponse] {
        (0..<trials).map { i in
            SurveyResponse(customer: nil, day: Day(iso: iso)!, kind: .csat, score: i < satisfied ? 5 : 2)
        }
    }

    @Test func csatChangeBetweenPeriodsIsTestedWithPooledZ() throws {
        // January 60/100, February 80/100: z = 0.2/√(0.7·0.3·0.02) = 3.086 → p = 0.002, significant.
        let dataset = Dataset(surveys: csat(60, of: 100, on: "2024-01-10") + csat(80, of: 100, on: "2024-02-10"))
        let trend = SatisfactionTrend.compute(dataset, MetricsConfiguration(asOf: Day(iso: "2024-02-29")!))
        let pair = try #require(trend.latestCompletePair)
        #expect(pair.current.period.label == "2024-02")
        #expect(!pair.current.csatIsSmallSample)
        let change = pair.current.scores.csatChange(since: pair.previous.scores)
        #expect(change.current == 0.8 && change.previous == 0.6)
        #expect(abs(try #require(change.test?.statistic) - 3.086066999241839) < 1e-9)
        #expect(change.significant == true)
    }

    @Test func smallCSATMoveIsNotSignificant() {
        // January 78/100, February 80/100: z = 0.347, p = 0.728.
        let dataset = Dataset(surveys: csat(78, of: 100, on: "2024-01-10") + csat(80, of: 100, on: "2024-02-10"))
        let trend = SatisfactionTrend.compute(dataset, MetricsConfiguration(asOf: Day(iso: "2024-02-29")!))
        let change = trend.periods[1].scores.csatChange(since: trend.periods[0].scores)
        #expect(change.significant == false)
        #expect(!change.isHeadline)
    }

    @Test func trendFollowsTheConfiguredWeeklyCalendar() {
        // 2024-02-05 is a Monday (ISO week 6); asOf Wednesday 2024-02-14 is in week 7, incomplete.
        let surveys = csat(1, of: 2, on: "2024-02-05") + csat(3, of: 3, on: "2024-02-11") + csat(0, of: 1, on: "2024-02-12")
        let configuration = MetricsConfiguration(asOf: Day(iso: "2024-02-14")!, calendar: PeriodCalendar(.week))
        let trend = SatisfactionTrend.compute(Dataset(surveys: surveys), configuration)
        // Week 6 (02-05 … 02-11): 1/2 + 3/3 = 4/5; week 7: 0/1.
        #expect(trend.periods.map(\.period.label) == ["2024-W06", "2024-W07"])
        #expect(trend.periods.map(\.csatN) == [5, 1])
        #expect(trend.periods.map(\.csat) == [0.8, 0])
        #expect(trend.periods.map(\.isComplete) == [true, false])
    }

    @Test func definitionsStateTheFormulas() {
        #expect(CSAT.definition.contains("Wilson"))
        #expect(NPS.definition.contains("Var = 100² × (p + d − (p − d)²) / n"))
        #expect(CES.definition.contains("Student-t"))
        #expect(MetricChange.definition.contains("not a headline"))
    }
}
