import BackgroundWork
import Model

/// Every metric the report shows, computed once from one dataset under one configuration.
///
/// The activity ledger (who is active when, with which MRR) is built once and shared by the
/// cohort, churn, MRR and survival metrics, so each input record is interpreted in one place.
public struct RetentionAnalysis: Sendable {
    public let configuration: MetricsConfiguration
    /// The ledger without its order rows (`orders` is empty: released after the cohorts, once
    /// the order metrics have their sums, `OrderRowSummary`, and before the health evidence).
    public let ledger: ActivityLedger
    public let cohorts: CohortTable
    /// One cohort table per value of each of `configuration.segmentAttributes` (`CohortTable.bySegments`).
    public let cohortSegments: [(attribute: String, tables: [(value: String, table: CohortTable)])]
    public let churn: ChurnSeries
    public let churnReasons: ChurnReasonBreakdown
    /// Churn reasons per period over every period of `churn` (the metrics JSON's full history).
    public let churnReasonHistory: ChurnReasonBreakdown
    public let segmentChurn: [SegmentChurn]
    public let survival: KaplanMeierCurve
    /// Present when the dataset has subscriptions.
    public let mrr: MRRBridge?
    /// Present when the dataset has orders.
    public let orders: OrderMetrics?
    /// Present when the dataset has survey responses: every period from the first response's
    /// through the one containing as-of (the report shows the last ones).
    public let satisfaction: SatisfactionTrend?
    public let satisfactionBreakdowns: [SatisfactionBreakdown]
    public let scoreDistributions: [ScoreDistribution]
    public let detractorComments: [SurveyComment]
    public let promotersToThank: [SurveyComment]
    public let health: HealthReport
    /// Health colour counts at the end of each of the last periods (oldest first).
    public let healthHistory: [(period: Period, distribution: HealthDistribution)]
    /// Present when the dataset has support tickets: the trend periods (the report's window).
    public let support: SupportSLA?
    /// The same over every period from the first ticket's (the metrics JSON's full history).
    public let supportHistory: SupportSLA?
    /// Customers active on the as-of day.
    public let activeCustomers: Set<CustomerIndex>
    /// BG/NBD, Gamma-Gamma, CLV and the churn model with its backtest.
    public let prediction: Prediction

    /// `stageFinished` is called with a stage's name after each stage (timing diagnostics only;
    /// nothing computed depends on it). The dataset is taken (`consuming`; pass the last copy to
    /// free what it holds), and the large records are let go as their last readers finish:
    /// - the ledger's order rows after the cohorts (with the monthly revenue at as-of and the order
    ///   metrics' sums, `OrderRowSummary`), before the health evidence is grouped;
    /// - the survey answers and tickets after the satisfaction and support stage;
    /// - the order book, handed to the health evidence, and the evidence itself inside the
    ///   prediction, once the health thread, the purchase histories and the churn scoring are done
    ///   with it (`EvidenceReaders`).
    public init(dataset: consuming Dataset, configuration: MetricsConfiguration,
                health healthConfiguration: HealthConfiguration = HealthConfiguration(),
                support supportConfiguration: SupportConfiguration = SupportConfiguration(),
                prediction predictionConfiguration: PredictionConfiguration = PredictionConfiguration(),
                trendPeriods: Int = 12, stageFinished: (String) -> Void = { _ in }) {
        self.configuration = configuration
        var dataset = dataset  // the taken copy, as an ordinary (copyable) variable
        var ledger = ActivityLedger(dataset: dataset, configuration: configuration)
        stageFinished("activity ledger")
        let calendar = configuration.calendar
        let asOf = configuration.asOf
        let trendStart = calendar.period(index: calendar.period(containing: asOf).index - (trendPeriods - 1)).start
        let activity = ledger.activity
        let hasOrders = !dataset.orders.isEmpty
        // The active set, the monthly revenue and the order metrics' sums are worked out on
        // another thread while the cohort tables are walked here (each reads the ledger alone).
        let beside = BackgroundResult { [ledger] in
            let activeNow = RetentionAnalysis.active(ledger.activity, on: asOf)
            // Indexed by customer (0 for those not active now): read once per active customer by
            // health and by the prediction.
            var revenue = [Double](repeating: 0, count: ledger.activity.count)
            RetentionAnalysis.monthlyRevenueOfActive(ledger: ledger, into: &revenue)
            return (activeNow: activeNow, revenue: revenue, orderRows: hasOrders ? OrderRowSummary(ledger: ledger) : nil)
        }
        // The whole table and every segment's from one walk over the members.
        (cohorts, cohortSegments) = CohortTable.withSegments(ledger, attributes: configuration.segmentAttributes)
        let (activeNow, revenue, orderRows) = beside.wait()
        activeCustomers = activeNow
        // The monthly revenue, the cohorts and the order metrics' sums were the order rows' last
        // readers: the rows are let go before the health evidence is grouped and health is
        // scored, so the two never hold memory together.
        ledger.releaseOrders()
        self.ledger = ledger
        stageFinished("cohorts")
        // Health (every active customer scored at the end of each period and, with reasons, at
        // as-of) is the costliest metric: it runs in the background, on both cores, while the
        // others are computed here.
        let evidence = HealthEvidence(dataset)
        // The evidence shares the dataset's order book (health and the prediction read it); the
        // dataset lets go of its reference.
        dataset.orders = CustomerOrderBook()
        stageFinished("health evidence")
        let scoredHealth = BackgroundResult { [revenue] in
            HealthReport.scoreWithHistory(evidence, configuration, health: healthConfiguration,
                                          periods: calendar.periods(from: trendStart, through: asOf),
                                          isActive: { c, day in activity.indices.contains(c) && activity[c]?.isActive(on: day) == true },
                                          revenueAtRisk: { revenue[$0] })
        }
        // The whole churn series and every segment's from one walk over the customers.
        let churnWalk = SegmentChurn.withWholeSeries(ledger: ledger, attributes: configuration.segmentAttributes,
                                                     periods: trendPeriods)
        churn = churnWalk.whole
        let reasons = ChurnReasonBreakdown.windowAndHistory(ledger: ledger, periods: trendPeriods,
                                                            history: churn.periods.map(\.period))
        churnReasons = reasons.window
        churnReasonHistory = reasons.history
        stageFinished("churn")
        segmentChurn = churnWalk.segments
        stageFinished("segment churn")
        survival = KaplanMeierCurve(ledger: ledger)
        mrr = dataset.subscriptions.isEmpty ? nil : MRRBridge(ledger: ledger)
        if let orderRows {
            orders = OrderMetrics(rows: orderRows, ledger: ledger, churn: churnWalk.whole)
        } else {
            orders = nil
        }
        stageFinished("survival, MRR, orders")

        if dataset.surveys.isEmpty {
            satisfaction = nil
            satisfactionBreakdowns = []
            scoreDistributions = []
            detractorComments = []
            promotersToThank = []
        } else {
            satisfaction = SatisfactionTrend.compute(dataset, configuration)
            // Breakdowns and distributions describe the last 12 months of answers.
            let yearAgo = MRRBridge.twelveMonthsBefore(asOf).adding(days: 1)
            satisfactionBreakdowns = SatisfactionBreakdown.computeAll(dataset, configuration, from: yearAgo)
            scoreDistributions = ScoreDistribution.compute(dataset, configuration, from: yearAgo)
            detractorComments = SurveyComments.latestDetractorComments(dataset, configuration, limit: 8)
            promotersToThank = SurveyComments.promotersToThank(dataset, configuration, limit: 8)
        }
        if dataset.tickets.isEmpty {
            support = nil
            supportHistory = nil
        } else {
            let sla = SupportSLA.windowAndHistory(dataset, configuration, support: supportConfiguration, windowStart: trendStart)
            support = sla.window
            supportHistory = sla.history
        }
        dataset.surveys = []
        dataset.tickets = []
        stageFinished("satisfaction, support")

        (health, healthHistory) = scoredHealth.wait()
        stageFinished("health score")
        // The evidence goes to the prediction, which lets go of it (and of the order book) once
        // its last reader is done (`EvidenceReaders`); the health thread's copy went with its work.
        prediction = Prediction.compute(evidence: consume evidence, ledger: ledger, health: healthConfiguration,
                                        configuration: predictionConfiguration, activeNow: activeNow,
                                        monthlyRevenue: { revenue.indices.contains($0) ? revenue[$0] : 0 })
        stageFinished("prediction")
    }

    /// Customers active on `day`.
    static func active(_ activity: [CustomerActivity?], on day: Day) -> Set<CustomerIndex> {
        // Counted first, so the set is made once at its final size instead of growing (rehashing
        // every member at each doubling).
        var count = 0
        forEachActive(activity, on: day) { _ in count += 1 }
        var set = Set<CustomerIndex>(minimumCapacity: count)
        forEachActive(activity, on: day) { set.insert($0) }
        return set
    }

    /// Calls `body` with each customer active on `day`, in customer order.
    static func forEachActive(_ activity: [CustomerActivity?], on day: Day, _ body: (CustomerIndex) -> Void) {
        for case let customer? in activity where customer.isActive(on: day) { body(customer.customer) }
    }

    /// The revenue a customer brings per month at the as-of day: MRR for subscription
    /// businesses; for order businesses, paid revenue of the last 90 days ÷ 3.
    static func monthlyRevenue(of customer: CustomerIndex, ledger: ActivityLedger) -> Double {
        let first = revenueWindowStart(ledger)
        return ledger.orders.withPeriodRows { monthlyRevenue(of: customer, ledger: ledger, since: first, rows: $0) }
    }

    /// `monthlyRevenue(of:ledger:)` with the ledger's order rows in hand and `first` being
    /// `revenueWindowStart(ledger)`.
    private static func monthlyRevenue(of customer: CustomerIndex, ledger: ActivityLedger, since first: Int,
                                       rows: CustomerOrderTable.PeriodRows) -> Double {
        switch ledger.model {
        case .subscriptions:
            return ledger.mrr(of: customer, on: ledger.asOf)
        default:
            return customer < ledger.orders.count ? rows.revenue(of: customer, fromPeriod: first) / 3 : 0
        }
    }

    /// The first period (index) whose order revenue counts in `monthlyRevenue`: the one
    /// containing as-of − 90 days (worked out once for all customers).
    static func revenueWindowStart(_ ledger: ActivityLedger) -> Int {
        ledger.configuration.calendar.period(containing: ledger.asOf.adding(days: -90)).index
    }

    /// `monthlyRevenue(of:ledger:)` of each customer active at as-of, into `revenue` at the
    /// customer's index (`revenue` as long as `ledger.activity`). In customer order, so the
    /// order rows are read in their order (through pointers, once for all).
    static func monthlyRevenueOfActive(ledger: ActivityLedger, into revenue: inout [Double]) {
        let first = revenueWindowStart(ledger)
        ledger.orders.withPeriodRows { rows in
            forEachActive(ledger.activity, on: ledger.asOf) { customer in
                revenue[customer] = monthlyRevenue(of: customer, ledger: ledger, since: first, rows: rows)
            }
        }
    }
}
