import Testing
import Model
@testable import Metrics

/// The churn feature walk and the one-pass scoring give bit for bit what the per-day feature row
/// (the formula they replaced, copied here as the reference) and per-customer scoring give.
@Suite struct ChurnFeatureWalkTests {
    /// The feature row of `customer` on `day` as `ChurnFeatureSet.row` computed it before the walk
    /// (reference copy): every rule read afresh by `HealthSignal.read`, orders walked through the
    /// dataset's order array for the monthly revenue.
    static func referenceRow(_ features: ChurnFeatureSet, _ customer: CustomerIndex, on day: Day,
                             context: ChurnFeatureContext) -> ChurnFeatureRow {
        let evidence = context.evidence
        let records = evidence.records[customer]
        var row = [Double]()
        let first = context.ledger.activity[customer]?.firstActive ?? evidence.customers[customer].signup
        row.append(Double(max(first.days(to: day), 0)))
        var now = 0.0, before = 0.0
        if records.subscriptions.contains(where: { $0.start <= day }) {
            let then = HealthSignal.day(day, periodsBack: 3, calendar: context.monthly)
            now = records.subscriptions.filter { $0.isActive(on: day) }.reduce(0) { $0 + $1.mrr }
            before = records.subscriptions.filter { $0.isActive(on: then) }.reduce(0) { $0 + $1.mrr }
        } else {
            let recentStart = day.adding(days: -89), previousStart = day.adding(days: -179)
            var recent = 0.0, previous = 0.0
            evidence.forEachOrder(of: customer) { o in
                guard o.day <= day && o.day >= previousStart && o.amount > 0 else { return }
                if o.day >= recentStart { recent += o.amount } else { previous += o.amount }
            }
            (now, before) = (recent / 3, previous / 3)
        }
        row.append(now)
        let larger = max(now, before)
        row.append(larger > 0 ? (now - before) / larger : 0)
        let nps = HealthSignal.latest(records.nps, asOf: day, lookbackDays: 365)
        row += [Double(nps?.score ?? 0), nps == nil ? 1 : 0]
        let csat = HealthSignal.latest(records.csat, asOf: day, lookbackDays: 180)
            .map { $0.kind == .csatGoodBad ? ($0.score == 1 ? 5 : 1) : $0.score }
        row += [Double(csat ?? 0), csat == nil ? 1 : 0]
        let since = day.adding(days: -89)
        var opened = 0, overdue = 0
        for t in records.tickets {
            let timeline = TicketTimeline(t, asOf: day)
            guard timeline.isKnown else { continue }
            if Instant(day: since) <= t.created { opened += 1 }
            if timeline.isOpen, let target = context.support.resolutionTarget(t.priority), timeline.age > target { overdue += 1 }
        }
        row += [Double(opened), Double(overdue)]
        let lastOrder = ChurnFeatureSet.lastPaidDay(records.paidDays, onOrBefore: day)
        row += [Double(lastOrder.map { $0.days(to: day) } ?? 0), lastOrder == nil ? 1 : 0]
        var earned = 0.0, available = 0.0
        var silent: [Int] = []
        for rule in features.rules {
            let reading = rule.signal.read(customer, records: records, evidence: evidence, asOf: day,
                                           calendar: context.monthly, support: context.support, explain: false)
            if let reading {
                earned += reading.fraction * rule.maxPoints
                available += rule.maxPoints
            } else {
                silent.append(row.count)
            }
            row.append(reading?.fraction ?? 0.5)
        }
        let plan = ChurnFeatureSet.plan(customer, on: day, evidence: evidence)
        for p in features.plans { row.append(plan == p ? 1 : 0) }
        return ChurnFeatureRow(values: row, healthScore: available > 0 ? 100 * earned / available : nil, rulesWithoutData: silent)
    }

    static let asOf = Day(iso: "2025-03-01")!

    /// The synthetic health dataset with plans: on every third customer's file record, and on
    /// every other subscription (so the active subscription's plan and the file's both show).
    static func dataset(customers: Int) -> Dataset {
        var dataset = SyntheticHealth.dataset(customers: customers)
        let plans = ["Basic", "Pro", "Team"]
        for c in dataset.customers.indices where c % 3 == 0 { dataset.customers[c].plan = plans[c % 9 / 3] }
        for s in dataset.subscriptions.indices where s % 2 == 0 { dataset.subscriptions[s].plan = plans[(s / 2) % 3] }
        return dataset
    }

    static func context(_ dataset: Dataset) -> ChurnFeatureContext {
        let ledger = ActivityLedger(dataset: dataset, configuration: MetricsConfiguration(asOf: asOf))
        return ChurnFeatureContext(evidence: HealthEvidence(dataset).withoutLoginDates(), ledger: ledger,
                                   support: HealthConfiguration().support)
    }

    static let features = ChurnFeatureSet(plans: ["Pro", "Basic"], rules: HealthConfiguration().rules)

    /// A walk through rising days (month ends with repeats, skipped stretches and days before a
    /// customer's first record) gives exactly the reference row at each, for every customer.
    @Test func walkRowsEqualThePerDayRows() {
        let dataset = Self.dataset(customers: 400)
        let context = Self.context(dataset)
        let monthly = PeriodCalendar(.month)
        let start = monthly.period(containing: SyntheticHealth.origin).index
        let days = ((0..<30).map { monthly.period(index: start + $0 * 3 / 2).end.adding(days: -1) } + [Self.asOf]).sorted()
        var walk = ChurnFeatureWalk(features: Self.features, context: context)
        var compared = 0, withPlan = 0, withRevenue = 0, silentRules = 0
        for c in dataset.customers.indices {
            walk.begin(c)
            for day in days {
                let reference = Self.referenceRow(Self.features, c, on: day, context: context)
                let walked = walk.row(on: day)
                #expect(walked.values == reference.values, "customer \(c) on \(day)")
                #expect(walked.healthScore == reference.healthScore, "customer \(c) on \(day)")
                #expect(walked.rulesWithoutData == reference.rulesWithoutData, "customer \(c) on \(day)")
                compared += 1
                if walked.values.suffix(2).contains(1) { withPlan += 1 }
                if walked.values[1] > 0 { withRevenue += 1 }
                if !walked.rulesWithoutData.isEmpty { silentRules += 1 }
            }
        }
        // 400 customers × 31 days; the rows cover plans, revenue and rules without data.
        #expect(compared == 12_400)
        #expect(withPlan > 500 && withRevenue > 1_000 && silentRules > 1_000)
    }

    /// Top-3 reason groups by insertion equal the filter-sort-prefix they replaced, including
    /// ties (broken by group index), groups at or below 0 and groups holding a silent rule.
    @Test func reasonGroupsEqualTheSortedTopThree() {
        let groups = [[0], [1, 2], [3], [4], [5, 6, 7]]
        let regression = LogisticRegression(featureNames: (0..<8).map { "f\($0)" }, means: [Double](repeating: 0, count: 8),
                                            scales: [Double](repeating: 1, count: 8),
                                            coefficients: [0, 1, 1, -1, 1, 1, 1, 0.5, 0.25], lambda: 1, iterations: 1, converged: true)
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var scratch: [Double] = []
        var seen = Set<[Int16]>()
        for _ in 0..<2_000 {
            // Values on a coarse grid so group sums tie often.
            let row = (0..<8).map { _ in Double(next(5)) - 2 }
            let silent = next(3) == 0 ? [next(8)] : []
            let contributions = regression.contributions(row)
            let byGroup = groups.map { group in group.reduce(0) { $0 + contributions[$1] } }
            let expected = byGroup.indices.filter { byGroup[$0] > 0 && !groups[$0].contains(where: silent.contains) }
                .sorted { byGroup[$0] != byGroup[$1] ? byGroup[$0] > byGroup[$1] : $0 < $1 }.prefix(3)
            var slots = SIMD3<Int16>(repeating: -1)
            for (slot, group) in expected.enumerated() { slots[slot] = Int16(group) }
            let top = ChurnScoring.reasonGroups(row, rulesWithoutData: silent, regression: regression, groups: groups, scratch: &scratch)
            #expect(top == slots, "row \(row) silent \(silent)")
            seen.insert([top[0], top[1], top[2]])
        }
        // Many different outcomes, among them empty and full selections.
        #expect(seen.count > 20 && seen.contains([-1, -1, -1]) && seen.contains { !$0.contains(-1) })
    }

    /// One pass over the customers gives the cases and risks of scoring each customer's reference
    /// row at the backtest month end and at as-of, on one range and on two.
    @Test func oneScoringPassEqualsPerCustomerScoring() {
        let dataset = Self.dataset(customers: 3_000)
        let context = Self.context(dataset)
        let end = Day(iso: "2024-10-31")!
        let activity = context.ledger.activity
        let training = ChurnTrainingSet.rows(at: Day(iso: "2024-06-30")!, features: Self.features, context: context, stride: 1)
        let model = LogisticRegression.fit(rows: training.map(\.features), labels: training.map(\.churned),
                                           featureNames: Self.features.names, lambda: 1)
        let today = LogisticRegression.fit(rows: training.map(\.features), labels: training.map(\.churned),
                                           featureNames: Self.features.names, lambda: 10)
        let health = HealthPredictor(rows: training)
        let activeNow = RetentionAnalysis.active(activity, on: Self.asOf)
        let groups = Self.features.groups
        var expectedCases: [BacktestCase] = []
        for case let a? in activity {
            guard let churned = ChurnTrainingSet.churns(a, after: end) else { continue }
            let row = Self.referenceRow(Self.features, a.customer, on: end, context: context)
            expectedCases.append(BacktestCase(customer: a.customer, monthEnd: end, probability: model.probability(row.values),
                                              healthProbability: health.probability(row.healthScore),
                                              healthScore: row.healthScore, churned: churned))
        }
        var scratch: [Double] = []
        var expectedPool: [Double] = [], expectedWords = 0
        let expectedRisks = activeNow.sorted().map { c in
            let row = Self.referenceRow(Self.features, c, on: Self.asOf, context: context)
            let top = ChurnScoring.reasonGroups(row.values, rulesWithoutData: row.rulesWithoutData, regression: today,
                                                groups: groups, scratch: &scratch)
            let start = expectedWords
            for slot in 0..<3 where top[slot] >= 0 {
                let g = Int(top[slot])
                // The plans' group keeps one value: the position of its first column above 0 (−1: none).
                let kept = Self.features.names[groups[g][0]].hasPrefix("plan_")
                    ? [Double(groups[g].firstIndex { row.values[$0] > 0 } ?? -1)] : groups[g].map { row.values[$0] }
                for v in kept {
                    expectedPool.append(v)
                    // One word when a Float holds the value exactly, else an escape word and two.
                    expectedWords += Double(Float(v)).bitPattern == v.bitPattern ? 1 : 3
                }
            }
            return (c, today.probability(row.values), top, Int32(start))
        }
        // 3,000 customers, about a tenth active at either day (344, 317 and 317 when written); the
        // customers are cut into two ranges of 1,500 below.
        #expect(training.count > 300 && expectedCases.count > 250 && expectedRisks.count > 250)
        #expect(expectedCases.contains { $0.customer < 1_500 } && expectedCases.contains { $0.customer >= 1_500 })
        for parts in [1, 2] {
            let scoring = ChurnScoring(features: Self.features, context: context, asOf: Self.asOf, activeNow: activeNow,
                                       regression: today, backtest: ChurnScoring.Backtest(monthEnd: end, model: model, health: health),
                                       parts: parts)
            #expect(scoring.cases == expectedCases, "\(parts) parts")
            #expect(scoring.reasonValues.count == expectedWords, "\(parts) parts")
            #expect(ReasonValueWords.decodeAll(scoring.reasonValues).map(\.bitPattern) == expectedPool.map(\.bitPattern), "\(parts) parts")
            #expect(scoring.risks.count == expectedRisks.count)
            for (r, e) in zip(scoring.risks, expectedRisks) {
                #expect(r.customer == e.0 && r.probability == e.1 && r.reasonGroups == e.2 && r.reasonValuesStart == e.3)
            }
        }
        // Scored from the order digest with the book let go (`withoutOrders`), as the churn model
        // scores: the same cases, risks and reason values.
        let backtest = ChurnScoring.Backtest(monthEnd: end, model: model, health: health)
        let slots = ChurnScoring.Slots(activity: activity, isActiveNow: ChurnScoring.flags(activeNow), backtestEnd: end)
        let digest = ChurnOrderDigest(slots: slots, orders: context.evidence.orders, backtestEnd: end, asOf: Self.asOf,
                                      rules: Self.features.rules)
        let bookless = ChurnFeatureContext(evidence: context.evidence.withoutOrders(), ledger: context.ledger, support: context.support)
        #expect(bookless.evidence.orders.isEmpty && !context.evidence.orders.isEmpty)
        let released = ChurnScoring(features: Self.features, context: bookless, asOf: Self.asOf, slots: slots, orders: digest,
                                    regression: today, backtest: backtest)
        #expect(released.cases == expectedCases)
        #expect(released.risks.map(\.customer) == expectedRisks.map(\.0) && released.risks.map(\.probability) == expectedRisks.map(\.1))
        #expect(ReasonValueWords.decodeAll(released.reasonValues).map(\.bitPattern) == expectedPool.map(\.bitPattern))
        // Without a backtest only the risks are scored.
        let alone = ChurnScoring(features: Self.features, context: context, asOf: Self.asOf, activeNow: activeNow,
                                 regression: today, backtest: nil)
        #expect(alone.cases.isEmpty && alone.risks.count == expectedRisks.count && ReasonValueWords.decodeAll(alone.reasonValues) == expectedPool)
    }
}
