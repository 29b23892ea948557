import Foundation
import Model

/// One customer's churn risk on the as-of day.
///
/// The customer and the start of its reason values are stored as 32-bit numbers (32 bytes a
/// risk instead of 40; customer indices and pool positions fit, as `FixedPartition` and the
/// customer tables already assume).
public struct ChurnRisk: Sendable, Hashable {
    /// Probability of churning within the next 90 days.
    public let probability: Double
    /// Monthly revenue now (MRR, or orders of the last 90 days ÷ 3).
    public let monthlyRevenue: Double
    private let storedCustomer: Int32
    /// Where the values of the reason groups' features, in that order, start in
    /// `ChurnModel.reasonValues` (one pool of words for all risks instead of two small arrays per
    /// customer).
    let reasonValuesStart: Int32
    /// The (up to) three feature groups that raise the probability most for this customer
    /// (coefficient × standardised value > 0, summed over a value and its "missing" flag and over
    /// the plan columns; a health rule without data for the customer is not named), largest
    /// first, as indices into `ChurnFeatureSet.groups` (−1 where there are fewer than three).
    /// `ChurnModel.reasons(_:)` puts them in words (only for the customers a report shows).
    let reasonGroups: SIMD3<Int16>

    public var customer: CustomerIndex { Int(storedCustomer) }

    init(customer: CustomerIndex, probability: Double, monthlyRevenue: Double, reasonGroups: SIMD3<Int16>,
         reasonValuesStart: Int32) {
        self.probability = probability
        self.monthlyRevenue = monthlyRevenue
        storedCustomer = Int32(customer)
        self.reasonValuesStart = reasonValuesStart
        self.reasonGroups = reasonGroups
    }

    /// The same risk with its monthly revenue set.
    func with(monthlyRevenue: Double) -> ChurnRisk {
        ChurnRisk(customer: customer, probability: probability, monthlyRevenue: monthlyRevenue, reasonGroups: reasonGroups,
                  reasonValuesStart: reasonValuesStart)
    }

    /// The same risk with its reason values `offset` further on in the pool.
    func moved(by offset: Int32) -> ChurnRisk {
        ChurnRisk(customer: customer, probability: probability, monthlyRevenue: monthlyRevenue, reasonGroups: reasonGroups,
                  reasonValuesStart: reasonValuesStart + offset)
    }

    /// probability × monthly revenue.
    public var expectedRevenueLost: Double { probability * monthlyRevenue }
}

/// One scored case of the out-of-time backtest.
///
/// Stored in 40 bytes instead of 48: the customer as a 32-bit number, the optional health score
/// as a plain Double with a flag, the flag and the outcome in one byte.
public struct BacktestCase: Sendable, Hashable {
    public let probability: Double
    /// The health-score predictor's probability (health calibrated on the training rows).
    public let healthProbability: Double
    /// The health score (0 where there is none, `flags` bit 1 clear).
    private let storedHealthScore: Double
    private let storedCustomer: Int32
    /// The month end the customer was scored at.
    public let monthEnd: Day
    /// Bit 0: churned; bit 1: a health score is present.
    private let flags: UInt8

    public var customer: CustomerIndex { Int(storedCustomer) }
    public var healthScore: Double? { flags & 2 != 0 ? storedHealthScore : nil }
    public var churned: Bool { flags & 1 != 0 }

    public init(customer: CustomerIndex, monthEnd: Day, probability: Double, healthProbability: Double, healthScore: Double?,
                churned: Bool) {
        self.probability = probability
        self.healthProbability = healthProbability
        storedHealthScore = healthScore ?? 0
        storedCustomer = Int32(customer)
        self.monthEnd = monthEnd
        flags = (churned ? 1 : 0) | (healthScore == nil ? 0 : 2)
    }
}

/// The out-of-time backtest: the model fitted only on month ends ≥ 90 days before `monthEnd`,
/// scored on the customers active at `monthEnd`, compared with what happened in the 90 days after.
public struct ChurnBacktest: Sendable, Hashable {
    public let monthEnd: Day
    public let trainingRows: Int
    public let cases: [BacktestCase]
    public let model: ClassifierEvaluation
    /// The same measures with the rule-based health score as the predictor.
    public let health: ClassifierEvaluation

    /// The model beats health when its AUC is higher (ties go to health, the simpler predictor).
    public var modelBeatsHealth: Bool {
        guard let m = model.auc else { return false }
        guard let h = health.auc else { return true }
        return m > h
    }
}

/// The contractual churn model: L2-regularised logistic regression on `ChurnFeatureSet` rows.
///
/// Training rows are every active customer at each of the latest 12 month ends whose 90-day label
/// is known by the cut-off (see `ChurnTrainingSet`; customers thinned to every k-th when that would
/// exceed 6,000 rows). The regularisation λ is chosen from {0.01, 0.1, 1, 10, 100, 1000} by time-ordered
/// cross-validation inside the backtest's training window: for each of its last two month ends, fit
/// on the month ends at least 90 days before it and score it; the λ with the lowest mean log-loss
/// wins. The backtest model is fitted on month ends at least 90 days before the backtest month end
/// only, so nothing after that day is used to score it. Needs at least 200 training rows and 10
/// churns in them.
public struct ChurnModel: Sendable {
    public static let lambdas = [0.01, 0.1, 1, 10, 100, 1000]
    public static let minimumRows = 200
    public static let minimumChurns = 10
    /// Training rows above which training customers are thinned (every k-th customer).
    public static let rowBudget = 6_000
    /// Month ends a fit learns from: the latest 12 whose 90 days are observed.
    public static let trainingMonths = 12

    let features: ChurnFeatureSet
    public var featureNames: [String] { features.names }
    public let regression: LogisticRegression
    /// Mean held-out log-loss per λ in the cross-validation (same order as `lambdas`).
    public let crossValidation: [(lambda: Double, logLoss: Double)]
    public let trainingRows: Int
    public let trainingChurns: Int
    /// Customers active on the as-of day, highest expected revenue lost first.
    public let risks: [ChurnRisk]
    /// The feature values behind every risk's reasons, each risk's from its `reasonValuesStart`
    /// (`ChurnFeatureSet.reasonValues`: the plans' group as one value), as `ReasonValueWords`.
    let reasonValues: [UInt32]
    /// nil when there is no month end with 90 observed days after it and enough history before.
    public let backtest: ChurnBacktest?
    /// Why the backtest could not be run, when it could not.
    public let backtestProblem: String?

    static func fit(evidence: HealthEvidence, ledger: ActivityLedger, health: HealthConfiguration,
                    activeNow: Set<CustomerIndex>, monthlyRevenue: (CustomerIndex) -> Double) throws(ModelFitError) -> ChurnModel {
        ChurnModel(try scored(evidence: evidence, ledger: ledger, health: health, activeNow: activeNow),
                   monthlyRevenue: monthlyRevenue)
    }

    /// What the model has once every customer is scored: the fits and the scoring's risks and
    /// cases, before the risks get their monthly revenue and order and the backtest its measures.
    /// Nothing in it refers to the evidence, so the evidence (and its order book) can be let go
    /// once this is made (`Prediction.compute` does).
    struct Scored {
        let features: ChurnFeatureSet
        let regression: LogisticRegression
        let crossValidation: [(lambda: Double, logLoss: Double)]
        let trainingRows: Int
        let trainingChurns: Int
        let backtestTrainingRows: Int
        let backtest: ChurnScoring.Backtest?
        let backtestProblem: String?
        var scoring: ChurnScoring
    }

    /// The fits and the scoring of `fit(evidence:…)`, the last step that reads the evidence: the
    /// rest (`init(_:monthlyRevenue:)`) reads only what this returns.
    ///
    /// The order book is read first, before any fit: every training row, and what the scoring's
    /// rows need of the orders (`ChurnOrderDigest`); the evidence taken here is then replaced by
    /// one without the book (`HealthEvidence.withoutOrders`) and `ordersRead` is called, so the
    /// caller can let the book go while the models are fitted and the customers scored. It is
    /// called at most once (not when a fit is impossible before the book is read to the end).
    static func scored(evidence: consuming HealthEvidence, ledger: ActivityLedger, health: HealthConfiguration,
                       activeNow: Set<CustomerIndex>, ordersRead: () -> Void = {}) throws(ModelFitError) -> Scored {
        let asOf = ledger.asOf
        var context = ChurnFeatureContext(evidence: (consume evidence).withoutLoginDates(), ledger: ledger, support: health.support)
        let allEnds = ChurnTrainingSet.monthEnds(ledger: ledger, through: asOf)
        // Today's customers as one flag per customer, read in customer order here and in the
        // scoring (the set's own order is its hash's: reading records in it misses the cache
        // at nearly every customer).
        let isActiveNow = ChurnScoring.flags(activeNow)
        // Most common plans (by customers), at most 6, so a plan feature is not one customer's id.
        var planCounts: [String: Int] = [:]
        for c in isActiveNow.indices where isActiveNow[c] {
            if let p = ChurnFeatureSet.plan(c, on: asOf, evidence: context.evidence) { planCounts[p, default: 0] += 1 }
        }
        let plans = planCounts.filter { $0.value >= 5 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(6).map(\.key)
        let features = ChurnFeatureSet(plans: plans, rules: health.rules)
        // Training customers are thinned to every k-th so a fit sees at most `rowBudget` rows;
        // the backtest scores every customer active at its month end.
        let stride = max(1, (activeNow.count * trainingMonths + rowBudget - 1) / rowBudget)
        let horizon = ChurnTrainingSet.horizonDays
        let labelled = allEnds.filter { $0.adding(days: horizon) <= asOf }
        let window = Array(labelled.suffix(trainingMonths))
        // The backtest month end and the month ends its model may learn from.
        let backtestEnd = labelled.last
        let before = backtestEnd.map { end in Array(labelled.filter { $0.adding(days: horizon) <= end }.suffix(trainingMonths)) } ?? []
        // The rows of every month end a fit learns from or a fold is scored at (all in `window`
        // or `before`), read now, while the book is there; rows are built only for the thinned
        // customers.
        var thinned: [Day: [ChurnTrainingSet.Row]] = [:]
        for day in window + before where thinned[day] == nil {
            thinned[day] = ChurnTrainingSet.rows(at: day, features: features, context: context, stride: stride)
        }
        let trainingRows = { [thinned] (day: Day) -> [ChurnTrainingSet.Row] in thinned[day]! }
        let training = window.flatMap(trainingRows)
        let churns = training.filter(\.churned).count
        guard training.count >= minimumRows else {
            throw .degenerate(model: "Churn model", detail: "\(training.count) training rows (customers active at a month end "
                + "with 90 observed days after it), at least \(minimumRows) needed")
        }
        guard churns >= minimumChurns else {
            throw .degenerate(model: "Churn model", detail: "\(churns) churns in the training rows, at least \(minimumChurns) needed")
        }
        // The backtest's training rows: month ends at least 90 days before its month end.
        let backtestTraining = backtestEnd == nil ? [] : before.flatMap(trainingRows)
        let backtestChurns = backtestTraining.filter(\.churned).count
        let backtestFits = backtestEnd != nil && backtestTraining.count >= minimumRows && backtestChurns >= minimumChurns
        // Who is scored (the backtest's customers only when its model can be fitted) and what
        // their rows read from the orders: the book's last readers here. The fits and the
        // scoring run without it.
        let scoredEnd = backtestFits ? backtestEnd : nil
        let slots = ChurnScoring.Slots(activity: ledger.activity, isActiveNow: isActiveNow, backtestEnd: scoredEnd)
        let digest = ChurnOrderDigest(slots: slots, orders: context.evidence.orders, backtestEnd: scoredEnd, asOf: asOf,
                                      rules: features.rules)
        context = ChurnFeatureContext(evidence: context.evidence.withoutOrders(), ledger: ledger, support: health.support)
        ordersRead()
        // λ is chosen once, by cross-validation inside the backtest's own training window (so the
        // backtest never sees its month end), and reused for the model scoring today.
        let (lambda, cv) = chooseLambda(ends: before.isEmpty ? window : before, rows: trainingRows, names: features.names)
        // The model scoring today and the backtest's model are independent fits: one task each.
        let fits = FixedPartition.tasks(backtestFits ? 2 : 1) { i in
            let rows = i == 0 ? training : backtestTraining
            return LogisticRegression.fit(LogisticRegression.Design(rows: rows.flatMap(\.features), labels: rows.map(\.churned),
                                                                    featureNames: features.names), lambda: lambda)
        }
        let regression = fits[0]
        guard regression.converged else { throw .notConverged(model: "Churn model", iterations: regression.iterations) }

        // Today's risks and the backtest's cases in one pass over the customers (`ChurnScoring`).
        var problem: String?
        var scoringBacktest: ChurnScoring.Backtest?
        if let end = backtestEnd {
            if backtestFits {
                scoringBacktest = ChurnScoring.Backtest(monthEnd: end, model: fits[1], health: HealthPredictor(rows: backtestTraining))
            } else {
                problem = "the month ends at least 90 days before \(end) give \(backtestTraining.count) rows with \(backtestChurns) churns "
                    + "(at least \(minimumRows) rows and \(minimumChurns) churns needed)"
            }
        } else {
            problem = "no month end has 90 days of data after it"
        }
        let scoring = ChurnScoring(features: features, context: context, asOf: asOf, slots: slots, orders: digest,
                                   regression: regression, backtest: scoringBacktest)
        return Scored(features: features, regression: regression, crossValidation: cv, trainingRows: training.count,
                      trainingChurns: churns, backtestTrainingRows: backtestTraining.count, backtest: scoringBacktest,
                      backtestProblem: problem, scoring: scoring)
    }

    /// The reasons of one risk in words: "latest NPS 3 (detractor)", "no order for 120 days".
    public func reasons(_ risk: ChurnRisk) -> [String] {
        let groups = features.groups
        let planGroup = ChurnFeatureSet.planGroup(of: groups, names: features.names)
        var row = [Double](repeating: 0, count: features.names.count)
        var next = Int(risk.reasonValuesStart)
        return (0..<3).map { risk.reasonGroups[$0] }.filter { $0 >= 0 }.map { slot in
            let g = Int(slot)
            ChurnFeatureSet.restore(group: g, groups: groups, planGroup: planGroup, into: &row) {
                ReasonValueWords.decode(reasonValues, at: &next)
            }
            return features.describe(group: groups[g], row: row)
        }
    }

    /// Time-ordered cross-validation over the last two month ends of `ends` that have at least
    /// one earlier month end 90 days before them; falls back to λ = 1 when there is none.
    ///
    /// Each fold's training rows are standardised once (`LogisticRegression.Design`) for all six
    /// λ, and the twelve (fold, λ) fits, independent of each other, run as separate tasks on the
    /// cores (`parallel`); the held-out losses are added per λ in fold order, as one fit after
    /// another would, so the result does not depend on the number of cores.
    static func chooseLambda(ends: [Day], rows: (Day) -> [ChurnTrainingSet.Row], names: [String],
                             parallel: Bool = FixedPartition.parts > 1)
        -> (Double, [(lambda: Double, logLoss: Double)]) {
        let folds = ends.filter { fold in ends.contains { $0.adding(days: ChurnTrainingSet.horizonDays) <= fold } }.suffix(2)
        var designs: [LogisticRegression.Design] = [], tests: [[ChurnTrainingSet.Row]] = []
        for fold in folds {
            let train = ends.filter { $0.adding(days: ChurnTrainingSet.horizonDays) <= fold }.flatMap(rows)
            let test = rows(fold)
            guard !test.isEmpty, train.contains(where: \.churned), train.contains(where: { !$0.churned }) else { continue }
            designs.append(LogisticRegression.Design(rows: train.flatMap(\.features), labels: train.map(\.churned), featureNames: names))
            tests.append(test)
        }
        guard !designs.isEmpty else { return (1, []) }
        // Task f × |λ| + i: fold f fitted with λ number i, scored on its month end (mean log-loss).
        let foldLosses = FixedPartition.tasks(designs.count * lambdas.count, parallel: parallel) { task in
            let fold = task / lambdas.count
            let model = LogisticRegression.fit(designs[fold], lambda: lambdas[task % lambdas.count])
            var loss = 0.0
            for row in tests[fold] {
                let p = min(max(model.probability(row.features), 1e-15), 1 - 1e-15)
                loss -= row.churned ? log(p) : log(1 - p)
            }
            return loss / Double(tests[fold].count)
        }
        var losses = [Double](repeating: 0, count: lambdas.count)
        for fold in designs.indices {
            for i in lambdas.indices { losses[i] += foldLosses[fold * lambdas.count + i] }
        }
        let used = designs.count
        let table = lambdas.indices.map { (lambda: lambdas[$0], logLoss: losses[$0] / Double(used)) }
        let best = table.min { $0.logLoss < $1.logLoss }!
        return (best.lambda, table)
    }
}

extension ChurnModel {
    /// The model from its scored customers: each risk's monthly revenue (`monthlyRevenue`), the
    /// risks in order, the backtest's measures.
    init(_ scored: consuming Scored, monthlyRevenue: (CustomerIndex) -> Double) {
        // The scoring taken out of `scored`, so that nothing else holds its arrays.
        var scoring = ChurnScoring(cases: [], risks: [], reasonValues: [])
        swap(&scoring, &scored.scoring)
        // Monthly revenue looked up here, on this thread, and set in place (the risks taken out
        // of `scoring` so that nothing else holds them and no copy is made).
        var risks: [ChurnRisk] = []
        swap(&risks, &scoring.risks)
        for i in risks.indices { risks[i] = risks[i].with(monthlyRevenue: monthlyRevenue(risks[i].customer)) }
        // Highest expected revenue lost first, then highest probability, then customer. The risks
        // come in customer order, so two stable radix sorts (probability, then revenue lost) give
        // that order; the comparison sort when a key is NaN or −0. The keys are read from the
        // risks themselves (no column of them is copied out), and the order is used up in place.
        if zip(risks, risks.dropFirst()).allSatisfy({ $0.customer < $1.customer }),
           var order = risks.withUnsafeBufferPointer({ risks in
               DescendingOrder.order(count: risks.count) { risks[$0].probability }.flatMap { byProbability in
                   DescendingOrder.sorted(byProbability) { risks[$0].expectedRevenueLost }
               }
           }) {
            DescendingOrder.arrange(&risks, consuming: &order)
        } else {
            risks.sort { a, b in
                a.expectedRevenueLost != b.expectedRevenueLost ? a.expectedRevenueLost > b.expectedRevenueLost
                    : a.probability != b.probability ? a.probability > b.probability : a.customer < b.customer
            }
        }
        let cases = scoring.cases
        let backtestTrainingRows = scored.backtestTrainingRows
        let backtest = scored.backtest.map { b in
            ChurnBacktest(monthEnd: b.monthEnd, trainingRows: backtestTrainingRows, cases: cases,
                          model: ClassifierEvaluation(cases.lazy.map { ScoredCase(probability: $0.probability, outcome: $0.churned) }),
                          health: ClassifierEvaluation(cases.lazy.map { ScoredCase(probability: $0.healthProbability, outcome: $0.churned) }))
        }
        self.init(features: scored.features, regression: scored.regression, crossValidation: scored.crossValidation,
                  trainingRows: scored.trainingRows, trainingChurns: scored.trainingChurns, risks: risks,
                  reasonValues: scoring.reasonValues, backtest: backtest, backtestProblem: scored.backtestProblem)
    }
}

/// The rule-based health score as a churn predictor: the 0–100 score (scored without last-login
/// dates, as the model is) turned into a probability by a one-feature logistic regression fitted on
/// the same training rows, so its Brier score and calibration compare fairly with the model's.
/// Customers no rule can score get the training churn rate.
struct HealthPredictor {
    let calibration: LogisticRegression?
    let baseRate: Double

    init(rows: [ChurnTrainingSet.Row]) {
        baseRate = Double(rows.filter(\.churned).count) / Double(max(rows.count, 1))
        var x: [[Double]] = [], y: [Bool] = []
        for row in rows {
            guard let s = row.healthScore else { continue }
            x.append([s])
            y.append(row.churned)
        }
        calibration = x.isEmpty ? nil : LogisticRegression.fit(rows: x, labels: y, featureNames: ["health_score"], lambda: 0)
    }

    func probability(_ score: Double?) -> Double {
        guard let score, let calibration else { return baseRate }
        return calibration.probability([score])
    }
}
