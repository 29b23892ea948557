import Testing
import Model
@testable import Metrics

/// Scores kept compactly (`HealthScoreBuilder`, `KeptContributions`: the applied rules of a
/// range of customers as bytes) and the walk's explained scores at the report date.
@Suite struct KeptHealthScoresTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Three rules, A 50 points (NPS signal), B 30 (CSAT), C 20 (tenure); the readings are given.
    static let rules = [
        HealthRule(name: "A", maxPoints: 50, signal: .latestNPS(lookbackDays: 365)),
        HealthRule(name: "B", maxPoints: 30, signal: .latestCSAT(lookbackDays: 180)),
        HealthRule(name: "C", maxPoints: 20, signal: .tenure(fullFromDays: 365, halfFromDays: 90)),
    ]

    static func reading(_ fraction: Double?, _ why: HealthReason) -> SignalReading? {
        fraction.map { SignalReading(fraction: $0, explain: true, reason: why) }
    }

    @Test func forEachContributionVisitsExactlyTheContributionsInOrder() {
        let d = Self.day("2024-03-02")
        var builder = HealthScoreBuilder()
        // Customer 3: A a fifth (0.2 × 50 = 10 of 50), B two thirds (2/3 × 30 = 20 of 30), C no data:
        // score = 100 × (10 + 20) ÷ (50 + 30) = 37.5 → red.
        _ = builder.add(3, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
            switch signal {
            case .latestNPS: return Self.reading(0.2, .nps(score: 3, day: d))
            case .latestCSAT: return Self.reading(2.0 / 3, .csat(score: 4, day: d))
            default: return nil
            }
        }
        // Customer 4: only C, half (10 of 20): score 50 → red. Shares the flat array with customer 3.
        _ = builder.add(4, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
            if case .tenure = signal { return Self.reading(0.5, .tenure(days: 200)) }
            return nil
        }
        let scores = builder.finish(rules: Self.rules)
        #expect(scores.map(\.score) == [37.5, 50])
        var visited: [[RuleContribution]] = []
        for score in scores {
            var seen: [RuleContribution] = []
            score.forEachContribution { seen.append($0) }
            visited.append(seen)
        }
        #expect(visited == [
            [RuleContribution(rule: "A", points: 0.2 * 50, maxPoints: 50, why: .nps(score: 3, day: d)),
             RuleContribution(rule: "B", points: 2.0 / 3 * 30, maxPoints: 30, why: .csat(score: 4, day: d))],
            [RuleContribution(rule: "C", points: 10, maxPoints: 20, why: .tenure(days: 200))],
        ])
        #expect(visited == scores.map(\.contributions))
    }

    /// Room taken up front (`reserve`) changes no score: customer 4 with A full (50 of 50) and C
    /// half (10 of 20) scores 100 × 60 ÷ 70 = 85.714… (green) either way.
    @Test func reservedRoomChangesNoScore() {
        let read: (HealthSignal) -> SignalReading? = { signal in
            switch signal {
            case .latestNPS: return Self.reading(1, .nps(score: 10, day: Self.day("2024-01-05")))
            case .latestCSAT: return nil
            default: return Self.reading(0.5, .tenure(days: 200))
            }
        }
        var reserved = HealthScoreBuilder(), plain = HealthScoreBuilder()
        reserved.reserve(customers: 2)
        #expect(reserved.add(4, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 3, read) == .green)
        #expect(plain.add(4, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 3, read) == .green)
        let a = reserved.finish(rules: Self.rules), b = plain.finish(rules: Self.rules)
        #expect(a.map(\.score) == [6000.0 / 70] && b.map(\.score) == [6000.0 / 70])
        #expect(a[0].contributions == b[0].contributions && a[0].missingRules == ["B"])
    }

    @Test func builderKeepsEachAppliedRuleAndReadsNamesAndMissingRulesFromTheConfiguration() {
        let d = Self.day("2024-03-02")
        var builder = HealthScoreBuilder()
        // Customer 7: A half (25 of 50), B no data, C full (20 of 20):
        // score = 100 × (25 + 20) ÷ (50 + 20) = 4500 ÷ 70 = 64.2857…, rounded 64 → amber.
        let seven = builder.add(7, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 12.5) { signal in
            switch signal {
            case .latestNPS: return Self.reading(0.5, .nps(score: 7, day: d))
            case .latestCSAT: return nil
            default: return Self.reading(1, .tenure(days: 400))
            }
        }
        // Customer 9: no rule has data: unscored, nothing kept.
        let nine = builder.add(9, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { _ in nil }
        // Customer 11: A no data, B a quarter (7.5 of 30), C none (0 of 20):
        // score = 100 × 7.5 ÷ 50 = 15 → red.
        let eleven = builder.add(11, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
            switch signal {
            case .latestNPS: return nil
            case .latestCSAT: return Self.reading(0.25, .csat(score: 2, day: d))
            default: return Self.reading(0, .tenure(days: 0))
            }
        }
        #expect(seven == .amber && nine == nil && eleven == .red)
        let scores = builder.finish(rules: Self.rules)
        #expect(scores.map(\.customer) == [7, 11])
        #expect(scores[0].score == 4500.0 / 70 && scores[1].score == 15)
        #expect(scores[0].revenueAtRisk == 12.5 && scores[1].revenueAtRisk == 0)
        #expect(scores[0].contributions == [
            RuleContribution(rule: "A", points: 25, maxPoints: 50, why: .nps(score: 7, day: d)),
            RuleContribution(rule: "C", points: 20, maxPoints: 20, why: .tenure(days: 400)),
        ])
        #expect(scores[0].missingRules == ["B"])
        #expect(scores[1].contributions == [
            RuleContribution(rule: "B", points: 7.5, maxPoints: 30, why: .csat(score: 2, day: d)),
            RuleContribution(rule: "C", points: 0, maxPoints: 20, why: .tenure(days: 0)),
        ])
        #expect(scores[1].missingRules == ["A"])
        #expect(scores[0].contributions.map(\.reason) == ["latest NPS 7 (passive) on 2024-03-02", "customer for 400 days"])
        // Equal to the same facts kept on their own.
        var alone = HealthScoreBuilder()
        _ = alone.add(11, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
            switch signal {
            case .latestNPS: return nil
            case .latestCSAT: return Self.reading(0.25, .csat(score: 2, day: d))
            default: return Self.reading(0, .tenure(days: 0))
            }
        }
        #expect(alone.finish(rules: Self.rules) == [scores[1]])
        #expect(alone.finish(rules: Self.rules) != [scores[0]])
    }

    /// What a scored customer keeps: 32 bytes for the score and its run of bytes: the count of
    /// applied rules, then per rule its code (4 × position + how the points are kept), the 8
    /// bytes of its points unless they are exactly 0 or the maximum, and its reason's facts.
    /// Customer 7 of the test above (NPS half on 2024-03-02, tenure full at 400 days): count 2
    /// (1 byte); NPS code 0 (1) + points 25 (8) + (tag 1, score 1, day 19 784 zigzagged to
    /// 39 568: three 7-bit groups) = 14; tenure code 4 × 2 + 2 = 10 (1), points = maximum (0),
    /// tag 1 + 400 zigzagged to 800 (two groups) = 4; 1 + 14 + 4 = 19 bytes.
    @Test func keptScoresAreThirtyTwoBytesAndTheirRulesFacts() {
        #expect(MemoryLayout<HealthScore>.stride == 32)
        let d = Self.day("2024-03-02")
        #expect(d.ordinal == 19_784)
        var builder = HealthScoreBuilder()
        _ = builder.add(7, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 12.5) { signal in
            switch signal {
            case .latestNPS: return Self.reading(0.5, .nps(score: 7, day: d))
            case .latestCSAT: return nil
            default: return Self.reading(1, .tenure(days: 400))
            }
        }
        #expect(builder.keptByteCount == 19)
        // Points of exactly 0 and exactly the maximum come back as written (+0, 20), the others bit for bit.
        var zero = HealthScoreBuilder()
        _ = zero.add(8, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
            switch signal {
            case .latestNPS: return Self.reading(0, .nps(score: 6, day: d))
            case .latestCSAT: return Self.reading(0.1, .csat(score: 2, day: d))
            default: return Self.reading(1, .tenure(days: 400))
            }
        }
        // Count 1 + NPS (1 + 0 + 5) + CSAT (1 + 8 + 5) + tenure (1 + 0 + 3) = 25 bytes.
        #expect(zero.keptByteCount == 25)
        let points = zero.finish(rules: Self.rules)[0].contributions.map(\.points)
        #expect(points.map(\.bitPattern) == [Double(0).bitPattern, (0.1 * 30).bitPattern, Double(20).bitPattern])
    }

    /// Every reason's facts come back from their bytes exactly, extremes included (negative and
    /// the largest whole numbers, −0, infinities and fractions of amounts, days before 1970).
    @Test func reasonsComeBackFromTheirBytes() {
        let d = Self.day("2024-03-02"), early = Day(ordinal: -719_000)
        let reasons: [HealthReason] = [
            .unexplained, .nps(score: 10, day: d), .nps(score: -128, day: early), .csat(score: 5, day: d),
            .rating(good: true, day: d), .rating(good: false, day: early), .openTickets(0), .openTickets(Int.max),
            .overdueTickets(Int.min), .overdueTickets(-1),
            .mrrTrend(now: 950.125, before: -0.0, on: d, then: early),
            .revenueTrend(recent: 0.1 + 0.2, previous: -.infinity, days: 90), .revenueTrend(recent: .greatestFiniteMagnitude, previous: .leastNonzeroMagnitude, days: 63),
            .login(daysAgo: 64), .login(daysAgo: -65), .lastOrder(daysAgo: 8191, usualGap: 22.5), .tenure(days: 8192),
        ]
        var bytes: [UInt8] = []
        for r in reasons { r.encode(to: &bytes) }
        var position = 0
        var read: [HealthReason] = []
        while position < bytes.count { read.append(HealthReason(bytes: bytes, at: &position)) }
        #expect(read == reasons)
        #expect(position == bytes.count)
        // −0 keeps its sign (the bit pattern, not the value, is kept).
        if case .mrrTrend(_, let before, _, _) = read[10] { #expect(before.sign == .minus) }
        // Zigzag groups: 63 → 126 and −64 → 127 take one byte, 64 → 128 two.
        var small: [UInt8] = []
        HealthReason.put(63, to: &small)
        HealthReason.put(-64, to: &small)
        #expect(small == [126, 127])
        HealthReason.put(64, to: &small)
        #expect(small == [126, 127, 0x80, 0x01])
    }

    /// Customers whose bytes fill a chunk continue in the next, and each reads back its own facts.
    @Test func scoresReadTheirFactsAcrossChunks() {
        var builder = HealthScoreBuilder()
        // Tenure only, half: count 1 + code 1 + points 8 + (tag 1 + 2) = 13 bytes each for
        // 128 ≤ days < 8192; 100 000 customers take 1 300 000 bytes: more than one chunk of 1 048 576.
        let customers = 100_000
        for c in 0..<customers {
            _ = builder.add(c, rules: Self.rules, bands: HealthBands(), revenueAtRisk: 0) { signal in
                if case .tenure = signal { return Self.reading(0.5, .tenure(days: 128 + c % 8000)) }
                return nil
            }
        }
        #expect(builder.keptByteCount == 13 * customers)
        let scores = builder.finish(rules: Self.rules)
        #expect(scores.count == customers)
        let wrong = scores.indices.filter { scores[$0].contributions != [
            RuleContribution(rule: "C", points: 10, maxPoints: 20, why: .tenure(days: 128 + $0 % 8000))] }
        #expect(wrong.isEmpty)
    }

    /// Orders of one customer, 2024: 01-10 100, 03-01 50, 05-20 −20 (refund), 06-01 80, 08-15 30.
    static let orderDays = ["2024-01-10", "2024-03-01", "2024-05-20", "2024-06-01", "2024-08-15"]
    static let amounts = [100.0, 50, -20, 80, 30]
    static let trendOnly = HealthConfiguration(rules: [
        HealthRule(name: "Revenue trend", maxPoints: 100,
                   signal: .revenueTrend(periodsBack: 3, orderWindowDays: 90, halfFromRatio: 0.9)),
    ])

    /// The walk's explained revenue trend, with the orders in day order (read as one run of the
    /// file) and shuffled (all read), by hand.
    @Test(arguments: [[0, 1, 2, 3, 4], [3, 0, 4, 1, 2]])
    func walkExplainsTheRevenueTrendWorkedByHand(fileOrder: [Int]) {
        let orders = fileOrder.map { Order(customer: 0, day: Self.day(Self.orderDays[$0]), amount: Self.amounts[$0]) }
        let evidence = HealthEvidence(Dataset(customers: [Customer(id: "a", signup: Self.day("2023-06-01"))], orders: orders))
        var walk = HealthWalk(evidence: evidence, health: Self.trendOnly, calendar: PeriodCalendar(.month))
        var builder = HealthScoreBuilder()
        walk.begin(0)
        let dates = ["2024-02-15", "2024-06-30", "2024-09-30", "2025-06-01"].map(Self.day)
        let statuses = dates.map { walk.addScore(at: $0, revenueAtRisk: 0, to: &builder) }
        // 2025-06-01: both windows (from 2024-12-04) are empty: no data.
        #expect(statuses == [.green, .red, .red, nil])
        let scores = builder.finish(rules: Self.trendOnly.rules)
        #expect(scores.map(\.score) == [100, 0, 0])
        #expect(scores.map { $0.contributions[0].reason } == [
            // Last 90 days 2023-11-18 … 2024-02-15: 01-10 (100); none before: new revenue, full.
            "revenue 100.00 in the last 90 days vs 0.00 in the 90 before (new revenue)",
            // 2024-04-02 … 06-30: −20 + 80 = 60; 2024-01-03 … 04-01: 100 + 50 = 150; ratio 0.4 ≤ 0.8: none.
            "revenue 60.00 in the last 90 days vs 150.00 in the 90 before (−60.0 %)",
            // 2024-07-03 … 09-30: 30; 2024-04-03 … 07-02: −20 + 80 = 60; ratio 0.5: none.
            "revenue 30.00 in the last 90 days vs 60.00 in the 90 before (−50.0 %)",
        ])
    }

    /// The walk's explained scores (reasons included) equal the per-date path's at every date,
    /// with the orders shuffled and in day order.
    @Test func walkExplainsExactlyAsThePerDatePath() {
        let shuffled = SyntheticHealth.dataset(customers: 400)
        let sorted = SyntheticHealth.dataset(customers: 400, inDayOrder: true)
        let health = HealthConfiguration()
        let calendar = PeriodCalendar(.month)
        let dates = (0..<30).map { SyntheticHealth.origin.adding(days: 31 * $0 + ($0 % 4 == 0 ? 0 : 9)) }
        var compared = 0, withTrend = 0
        for dataset in [shuffled, sorted] {
            let evidence = HealthEvidence(dataset)
            var walk = HealthWalk(evidence: evidence, health: health, calendar: calendar)
            for c in evidence.records.indices {
                walk.begin(c)
                for day in dates {
                    var builder = HealthScoreBuilder()
                    let status = walk.addScore(at: day, revenueAtRisk: 3, to: &builder)
                    let walked = builder.finish(rules: health.rules).first
                    let reference = HealthReport.score(of: c, evidence: evidence, asOf: day, calendar: calendar, health: health,
                                                       revenueAtRisk: 3, explain: true)
                    #expect(walked == reference, "customer \(c) on \(day)")
                    #expect(status == reference?.status)
                    compared += 1
                    if reference?.contributions.contains(where: { $0.rule == "Revenue trend" }) == true { withTrend += 1 }
                }
            }
        }
        // 2 datasets × 400 customers × 30 dates, many with a revenue trend reading.
        #expect(compared == 24_000)
        #expect(withTrend > 5_000)
    }
}
