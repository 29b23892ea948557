import Testing
import Model
@testable import Metrics

/// A deterministic synthetic dataset for comparing the one-walk path with the per-date path:
/// customers with orders out of date order (refunds, repeated days), NPS/CSAT/good-bad answers
/// (same-day ties), subscriptions that start, stop and restart, tickets open, resolved and
/// overdue, and last-login dates on every fifth customer.
enum SyntheticHealth {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let origin = Day(iso: "2023-01-01")!

    /// `inDayOrder`: the orders sorted by day (stably) instead of shuffled.
    static func dataset(customers count: Int, inDayOrder: Bool = false) -> Dataset {
        var g = Generator(state: 12)
        var customers: [Customer] = [], orders: [Order] = [], surveys: [SurveyResponse] = []
        var subscriptions: [Subscription] = [], tickets: [SupportTicket] = []
        for c in 0..<count {
            let signup = origin.adding(days: g.next(500))
            let login = c % 5 == 0 ? signup.adding(days: g.next(700)) : nil
            customers.append(Customer(id: "C\(c)", signup: signup, lastSeen: login))
            for _ in 0..<g.next(14) {
                let amount = g.next(10) == 0 ? -Double(g.next(80)) : Double(10 + g.next(490)) + 0.25
                orders.append(Order(customer: c, day: signup.adding(days: g.next(760) - 30), amount: amount))
            }
            for _ in 0..<g.next(5) {
                let kinds: [SurveyKind] = [.nps, .nps, .csat, .csatGoodBad]
                let kind = kinds[g.next(kinds.count)]
                let score = kind == .nps ? g.next(11) : kind == .csat ? 1 + g.next(5) : g.next(2)
                // Days on a coarse grid so some answers of a customer fall on the same day.
                surveys.append(SurveyResponse(customer: c, day: signup.adding(days: 30 * g.next(25)), kind: kind,
                                              score: Double(score)))
            }
            if c % 7 == 0 {
                let start = signup.adding(days: g.next(100))
                let end = g.next(2) == 0 ? start.adding(days: 60 + g.next(300)) : nil
                subscriptions.append(Subscription(id: "S\(c)a", customer: c, start: start, end: end, mrr: Double(50 + g.next(900))))
                if let end, g.next(2) == 0 {
                    subscriptions.append(Subscription(id: "S\(c)b", customer: c, start: end.adding(days: g.next(90)),
                                                      mrr: Double(50 + g.next(900))))
                }
            }
            for t in 0..<(c % 3 == 0 ? g.next(4) : 0) {
                let created = Instant(day: signup.adding(days: g.next(700)))
                let resolved = g.next(3) == 0 ? nil : Instant(secondsSince1970: created.secondsSince1970 + Int64(3_600 * g.next(2_000)))
                tickets.append(SupportTicket(id: "T\(c)-\(t)", customer: c, created: created, resolved: resolved,
                                             priority: TicketPriority.allCases[g.next(4)],
                                             status: resolved == nil && g.next(2) == 0 ? "solved" : "open"))
            }
        }
        // File order is not date order: shuffle the orders (Fisher–Yates).
        for i in stride(from: orders.count - 1, to: 0, by: -1) { orders.swapAt(i, g.next(i + 1)) }
        if inDayOrder { orders = orders.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element) }
        return Dataset(customers: customers, subscriptions: subscriptions, orders: orders, surveys: surveys, tickets: tickets)
    }

    /// Active from signup, except every fourth customer, who leaves after a year.
    static func isActive(_ customers: [Customer]) -> (CustomerIndex, Day) -> Bool {
        { c, day in customers[c].signup <= day && (c % 4 != 0 || day < customers[c].signup.adding(days: 365)) }
    }
}

@Suite struct HealthWalkTests {
    static let calendar = PeriodCalendar(.month)

    /// The recency customer of `HealthRecencyTests` walked through the same dates gives the
    /// scores worked out there by hand (paid days 01-01, 01-11, 01-31, 03-01, 04-30 of 2024).
    @Test func walkGivesTheHandWorkedRecencyScores() {
        let evidence = HealthEvidence(HealthRecencyTests.dataset)
        var walk = HealthWalk(evidence: evidence, health: HealthRecencyTests.recencyOnly, calendar: Self.calendar)
        walk.begin(0)
        let scores = ["2024-01-05", "2024-01-20", "2024-02-29", "2024-04-29", "2024-06-30", "2024-10-01"]
            .map { walk.score(at: Day(iso: $0)!) }
        // One paid day → no data; gaps [10], 9 days → 100; [10, 20] median 15, 29 days → 7700/90;
        // [10, 20, 30] median 20, 59 days → 3100/60; [10, 20, 30, 60] median 25, 61 days → 10300/150;
        // 154 days → 0.
        #expect(scores[0] == nil)
        #expect(scores[1] == 100)
        #expect(abs(scores[2]! - 7700.0 / 90) < 1e-9)
        #expect(abs(scores[3]! - 3100.0 / 60) < 1e-9)
        #expect(abs(scores[4]! - 10300.0 / 150) < 1e-9)
        #expect(scores[5] == 0)
    }

    /// Walking every customer through rising dates (with repeats and skipped stretches) gives
    /// exactly the per-date score, with and without login dates.
    @Test func walkAgreesExactlyWithThePerDateScore() {
        let dataset = SyntheticHealth.dataset(customers: 400)
        let full = HealthEvidence(dataset)
        let health = HealthConfiguration()
        let dates = (0..<40).map { SyntheticHealth.origin.adding(days: 23 * $0 + ($0 % 3 == 0 ? 0 : 5)) }
            + [SyntheticHealth.origin.adding(days: 23 * 39 + 5)]
        var compared = 0, scored = 0
        for evidence in [full, full.withoutLoginDates()] {
            var walk = HealthWalk(evidence: evidence, health: health, calendar: Self.calendar)
            for c in evidence.records.indices {
                walk.begin(c)
                for day in dates {
                    let reference = HealthReport.score(of: c, evidence: evidence, asOf: day, calendar: Self.calendar,
                                                       health: health, revenueAtRisk: 0, explain: false)?.score
                    let walked = walk.score(at: day)
                    #expect(walked == reference, "customer \(c) on \(day)")
                    compared += 1
                    if walked != nil { scored += 1 }
                }
            }
        }
        // 2 evidences × 400 customers × 41 dates; most have data.
        #expect(compared == 32_800)
        #expect(scored > 20_000)
    }

    /// `customers` customers with `orders(&g)` orders each, amount 10, on random days
    /// 0 ..< `span` after the origin (in file order, some days repeated), walked with the recency
    /// rule alone at `dates` (days after the origin): every score is expected to equal the per-date
    /// score, whose median gap is computed afresh. Returns the evidence, the scores compared and
    /// those that were not nil.
    static func walkAgainstPerDateScores(seed: UInt64, customers n: Int, orders: (inout SyntheticHealth.Generator) -> Int,
                                         span: Int, dates: [Int]) -> (evidence: HealthEvidence, compared: Int, scored: Int) {
        var g = SyntheticHealth.Generator(state: seed)
        var customers: [Customer] = [], placed: [Order] = []
        for c in 0..<n {
            customers.append(Customer(id: "W\(c)", signup: SyntheticHealth.origin))
            for _ in 0..<orders(&g) {
                placed.append(Order(customer: c, day: SyntheticHealth.origin.adding(days: g.next(span)), amount: 10))
            }
        }
        let evidence = HealthEvidence(Dataset(customers: customers, orders: placed))
        let days = dates.map { SyntheticHealth.origin.adding(days: $0) }
        var walk = HealthWalk(evidence: evidence, health: HealthRecencyTests.recencyOnly, calendar: calendar)
        var compared = 0, scored = 0
        for c in evidence.records.indices {
            walk.begin(c)
            for day in days {
                let reference = HealthReport.score(of: c, evidence: evidence, asOf: day, calendar: calendar,
                                                   health: HealthRecencyTests.recencyOnly, revenueAtRisk: 0, explain: false)?.score
                let score = walk.score(at: day)
                #expect(score == reference, "customer \(c) on \(day)")
                compared += 1
                if score != nil { scored += 1 }
            }
        }
        return (evidence, compared, scored)
    }

    /// Customers with 20 to 300 orders on days 0…1,499 (gaps of every size) walked at a few
    /// far-apart dates: the first date brings more than 64 new gaps at once for several of them,
    /// later ones a handful or dozens; every score equals the per-date score.
    @Test func manyNewGapsAtOnceGiveThePerDateScore() {
        let dates = [700, 701, 730, 1_100, 1_499, 1_600]
        let (evidence, compared, _) = Self.walkAgainstPerDateScores(seed: 5, customers: 30, orders: { 20 + $0.next(281) },
                                                                    span: 1_500, dates: dates)
        #expect(compared == 180)
        let first = SyntheticHealth.origin.adding(days: dates[0])
        #expect(evidence.records.indices.filter { evidence.records[$0].paidDays.prefix { $0 <= first }.count > 65 }.count >= 5)
    }

    /// Customers who buy rarely (2 to 12 orders over about eleven years, so most gaps are 256 days
    /// or longer and are kept apart from the counted ones) walked at dates a quarter apart: every
    /// score equals the per-date score.
    @Test func longGapsGiveThePerDateScore() {
        let (_, _, scored) = Self.walkAgainstPerDateScores(seed: 8, customers: 40, orders: { 2 + $0.next(11) },
                                                           span: 4_000, dates: Array(stride(from: 300, through: 4_200, by: 91)))
        #expect(scored > 500)
    }

    /// The timeline (one walk per customer, split into ranges) equals the per-date reports at every
    /// date, and gives the same result for one part (four ranges of about equal work, cut by orders
    /// and customers) as for two (eight).
    @Test func timelineMatchesPerDateReportsOnOneAndTwoRanges() {
        let dataset = SyntheticHealth.dataset(customers: 3_000)
        let evidence = HealthEvidence(dataset)
        let health = HealthConfiguration()
        let isActive = SyntheticHealth.isActive(dataset.customers)
        let dates = Self.calendar.periods(from: Day(iso: "2023-07-01")!, through: Day(iso: "2024-06-15")!)
            .map { min($0.end.adding(days: -1), Day(iso: "2024-06-15")!) }
        let mrr: (CustomerIndex) -> Double = { Double($0 % 97) }
        let timelines = [1, 2].map { parts in
            HealthTimeline(evidence, dates: dates, explained: dates.count - 1, calendar: Self.calendar, health: health,
                           isActive: isActive, revenueAtRisk: mrr, parts: parts)
        }
        #expect(timelines[0].distributions == timelines[1].distributions)
        #expect(timelines[0].scores == timelines[1].scores)
        #expect(timelines[0].unscored == timelines[1].unscored)
        for (k, day) in dates.enumerated() {
            let active = Set(evidence.records.indices.filter { isActive($0, day) })
            let explained = k == dates.count - 1
            let reference = HealthReport.score(evidence, asOf: day, calendar: Self.calendar, health: health, activeCustomers: active,
                                               customerMRR: Dictionary(uniqueKeysWithValues: active.map { ($0, mrr($0)) }),
                                               explain: explained)
            #expect(timelines[1].distributions[k] == reference.distribution, "\(day)")
            if explained {
                #expect(timelines[1].scores == reference.scores)
                #expect(timelines[1].unscored == reference.unscored)
            }
        }
        // Every colour occurs at the report date, so the comparison above is not vacuous.
        let last = timelines[1].distributions[dates.count - 1]
        #expect(last.green > 0 && last.amber > 0 && last.red > 0 && last.scored > 1_000)
    }

    /// Flat per-customer groups keep each customer's items in source order and leave out what
    /// `place` rejects and customers outside the range.
    @Test func customerGroupsKeepSourceOrderPerCustomer() {
        let items = [(2, "a"), (0, "b"), (3, "x"), (2, "c"), (-1, "y"), (0, "skip"), (0, "d")]
        let groups = CustomerGroups(customerCount: 3, items) { $0.1 == "skip" ? nil : ($0.0, $0.1) }
        // Customer 0: b, d; customer 1: none; customer 2: a, c → starts 0, 2, 2, 4.
        #expect(groups.starts == [0, 2, 2, 4])
        #expect(Array(groups[0]) == ["b", "d"] && groups[1].isEmpty && Array(groups[2]) == ["a", "c"])
        #expect(groups[2].first == "a")
    }

    /// A customer's paid days appended after another's are sorted and deduplicated in place;
    /// the earlier customer's days are not touched.
    @Test func sortDistinctTouchesOnlyTheTail() {
        var days = [9, 5, 1, 3, 3, 2].map { Day(ordinal: $0) }
        HealthEvidence.sortDistinct(&days, from: 2)
        #expect(days.map(\.ordinal) == [9, 5, 1, 2, 3])
        var sorted = [4, 1, 2].map { Day(ordinal: $0) }
        HealthEvidence.sortDistinct(&sorted, from: 1)
        #expect(sorted.map(\.ordinal) == [4, 1, 2])
    }

    /// The walk reads a customer's orders once, in file order, and their paid days into one
    /// buffer: a customer with orders out of day order, a repeated day, a refund and a zero
    /// amount has paid days 01-01, 01-05, 01-09 (ascending, each once), the same as the
    /// evidence's own; the next customer (in day order) reuses the buffer and keeps only its own.
    @Test func walkReadsPaidDaysOutOfDayOrderOnce() {
        let day = { (d: Int) in Day(iso: "2024-01-01")!.adding(days: d) }
        let orders = [
            Order(customer: 0, day: day(8), amount: 10), Order(customer: 0, day: day(0), amount: 5),
            Order(customer: 0, day: day(4), amount: 7), Order(customer: 0, day: day(8), amount: 1),
            Order(customer: 0, day: day(2), amount: -3), Order(customer: 0, day: day(6), amount: 0),
            Order(customer: 1, day: day(1), amount: 2), Order(customer: 1, day: day(3), amount: 2),
        ]
        let customers = [Customer(id: "a", signup: day(0)), Customer(id: "b", signup: day(0))]
        let evidence = HealthEvidence(Dataset(customers: customers, orders: orders))
        var walk = HealthWalk(evidence: evidence, health: HealthRecencyTests.recencyOnly, calendar: Self.calendar)
        walk.begin(0)
        #expect(Array(walk.records.paidDays) == [day(0), day(4), day(8)])
        #expect(Array(walk.records.paidDays) == Array(evidence.records[0].paidDays))
        walk.begin(1)
        #expect(Array(walk.records.paidDays) == [day(1), day(3)])
    }

    /// The buffer form of `sortDistinct` sorts and deduplicates a prefix and says how many days
    /// remain; days already ascending stay; none and one day are left as they are.
    @Test func bufferSortDistinctKeepsEachDayOnce() {
        var days = [9, 5, 1, 3, 3, 2, 7].map { Day(ordinal: $0) }
        let kept = days.withUnsafeMutableBufferPointer { HealthEvidence.sortDistinct($0, count: 6) }
        #expect(kept == 5)
        #expect(days.prefix(kept).map(\.ordinal) == [1, 2, 3, 5, 9])
        #expect(days[6].ordinal == 7)
        var ascending = [1, 4, 6].map { Day(ordinal: $0) }
        #expect(ascending.withUnsafeMutableBufferPointer { HealthEvidence.sortDistinct($0, count: 3) } == 3)
        #expect(ascending.map(\.ordinal) == [1, 4, 6])
        var one = [Day(ordinal: 3)]
        #expect(one.withUnsafeMutableBufferPointer { HealthEvidence.sortDistinct($0, count: 1) } == 1)
        #expect(one.withUnsafeMutableBufferPointer { HealthEvidence.sortDistinct($0, count: 0) } == 0)
    }
}
