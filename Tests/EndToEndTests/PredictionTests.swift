import Foundation
import Testing
import Ingest
@testable import Metrics
import Model
import Mustache
@testable import Report

/// The churn model and its backtest on `retention sample` data.
@Suite struct PredictionTests {
    static let asOf = Day(iso: "2026-11-20")!

    static func dataset() throws -> Dataset {
        let directory = try Harness.sample("prediction", customers: 600, invoices: true)
        return try DatasetLoader.load(InputFiles.discover(inDirectory: directory), options: IngestOptions())
    }

    /// The backtest's health scores come from the rule readings the feature rows already made;
    /// they equal `HealthReport.score` on the backtest month end (without last-login dates, as
    /// the model is scored), customer by customer.
    @Test func backtestHealthScoresAreTheHealthReportScores() throws {
        let dataset = try Self.dataset()
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf))
        let backtest = try #require(analysis.prediction.churn?.backtest)
        let report = HealthReport.score(HealthEvidence(dataset).withoutLoginDates(), asOf: backtest.monthEnd,
                                        calendar: PeriodCalendar(.month), health: HealthConfiguration(),
                                        activeCustomers: Set(backtest.cases.map(\.customer)), customerMRR: [:], explain: false)
        let scores = Dictionary(uniqueKeysWithValues: report.scores.map { ($0.customer, $0.score) })
        #expect(backtest.cases.count > 100)
        #expect(backtest.cases.contains { $0.healthScore != nil })
        #expect(backtest.cases.map(\.healthScore) == backtest.cases.map { scores[$0.customer] })
    }

    /// The prediction lets go of the evidence once the purchase histories and the churn scoring
    /// have read it (`EvidenceReaders`); its models equal those fitted from an evidence kept to
    /// the end: the same risks (probability, revenue, reasons), backtest, coefficients and every
    /// customer's forecast columns.
    /// The sample without its subscriptions is an order business, so both readers (the
    /// purchase histories and the churn scoring) take part.
    @Test func releasingTheEvidenceChangesNoPrediction() throws {
        var dataset = try Self.dataset()
        dataset.subscriptions = []
        let configuration = MetricsConfiguration(asOf: Self.asOf)
        let analysis = RetentionAnalysis(dataset: dataset, configuration: configuration)
        let ledger = ActivityLedger(dataset: dataset, configuration: configuration)
        let evidence = HealthEvidence(dataset)
        let active = analysis.activeCustomers
        let kept = try ChurnModel.fit(evidence: evidence, ledger: ledger, health: HealthConfiguration(), activeNow: active) { c in
            RetentionAnalysis.monthlyRevenue(of: c, ledger: ledger)
        }
        let released = try #require(analysis.prediction.churn)
        #expect(released.risks.count > 100)
        #expect(released.risks == kept.risks)
        #expect(released.risks.prefix(20).map(released.reasons) == kept.risks.prefix(20).map(kept.reasons))
        #expect(released.backtest == kept.backtest)
        #expect(released.regression.coefficients == kept.regression.coefficients)
        let histories = PurchaseHistory.all(evidence, asOf: Self.asOf)
        let purchases = try PurchasePrediction.fit(customers: histories.customers, histories: histories.histories,
                                                   lifetimeValue: CustomerLifetimeValue(annualDiscountRate: 0.10,
                                                                                        grossMargin: configuration.grossMargin))
        #expect(ledger.model == .orders && analysis.prediction.purchases != nil)
        let keptColumns = Prediction(revenueModel: ledger.model, purchases: purchases, purchasesProblem: nil, churn: kept,
                                     churnProblem: nil).customerColumns()
        #expect(keptColumns.count > 100)
        #expect(analysis.prediction.customerColumns() == keptColumns)
    }

    /// The backtest's cases, scored as each customer's feature row is built (`ChurnScoring`), equal the full rows
    /// of that month end (`ChurnTrainingSet.rows(at:…stride: 1)`) scored afterwards, case by case.
    @Test func backtestCasesEqualTheScoredFullRows() throws {
        let dataset = try Self.dataset()
        let ledger = ActivityLedger(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf))
        let health = HealthConfiguration()
        let context = ChurnFeatureContext(evidence: HealthEvidence(dataset).withoutLoginDates(), ledger: ledger, support: health.support)
        let plans = Array(Set(dataset.customers.compactMap(\.plan))).sorted().prefix(2)
        let features = ChurnFeatureSet(plans: Array(plans), rules: health.rules)
        let training = ChurnTrainingSet.rows(at: Day(iso: "2026-04-30")!, features: features, context: context, stride: 1)
        let model = LogisticRegression.fit(rows: training.map(\.features), labels: training.map(\.churned),
                                           featureNames: features.names, lambda: 1)
        let healthModel = HealthPredictor(rows: training)
        let end = Day(iso: "2026-07-31")!
        let rows = ChurnTrainingSet.rows(at: end, features: features, context: context, stride: 1)
        let cases = ChurnScoring(features: features, context: context, asOf: Self.asOf, activeNow: [], regression: model,
                                 backtest: ChurnScoring.Backtest(monthEnd: end, model: model, health: healthModel)).cases
        #expect(!plans.isEmpty && training.count > 100 && rows.count > 100)
        #expect(cases == rows.map { row in
            BacktestCase(customer: row.customer, monthEnd: end, probability: model.probability(row.features),
                         healthProbability: healthModel.probability(row.healthScore), healthScore: row.healthScore,
                         churned: row.churned)
        })
    }

    /// The backtest month end is the latest month end with 90 observed days after it: as-of
    /// 2026-11-20 − 90 days = 2026-08-22, so 2026-07-31. Every case was active then, and AUC and
    /// Brier recomputed here from the listed cases by plain pair counting agree with the report's.
    @Test func backtestCasesReproduceItsMeasures() throws {
        let dataset = try Self.dataset()
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf))
        let churn = try #require(analysis.prediction.churn)
        let backtest = try #require(churn.backtest)
        #expect(backtest.monthEnd == Day(iso: "2026-07-31")!)
        #expect(backtest.cases.allSatisfy { analysis.ledger.activity[$0.customer]?.isActive(on: backtest.monthEnd) == true })
        let cases = backtest.cases
        var wins = 0.0, pairs = 0.0
        for p in cases where p.churned {
            for n in cases where !n.churned {
                pairs += 1
                wins += p.probability > n.probability ? 1 : p.probability == n.probability ? 0.5 : 0
            }
        }
        #expect(pairs > 0)
        #expect(abs(try #require(backtest.model.auc) - wins / pairs) < 1e-12)
        let brier = cases.reduce(0.0) { $0 + ($1.probability - ($1.churned ? 1 : 0)) * ($1.probability - ($1.churned ? 1 : 0)) }
            / Double(cases.count)
        #expect(abs(try #require(backtest.model.brier) - brier) < 1e-12)
        // The metrics JSON lists the same cases.
        let json = PredictionDocument.value(analysis.prediction, customers: dataset.customers, atRiskRows: 25).jsonText(pretty: false)
        #expect(json.contains("\"period\":\"2026-07-31\""))
        #expect(json.components(separatedBy: "\"churned\":").count - 1 == cases.count)
        // Streamed member by member (the cases one by one), the object has the same text, compact and pretty.
        for pretty in [false, true] {
            var out = JSONTextWriter(pretty: pretty)
            PredictionDocument.write(into: &out, analysis.prediction, customers: dataset.customers, atRiskRows: 25)
            #expect(String(decoding: out.bytes, as: UTF8.self)
                    == PredictionDocument.value(analysis.prediction, customers: dataset.customers, atRiskRows: 25).jsonText(pretty: pretty))
        }
    }

    /// Nothing after the backtest month end reaches its predictions: removing every survey answer
    /// and ticket dated after 2026-07-31 leaves every backtest probability unchanged (the labels,
    /// which do look ahead by design, come from the activity ledger and are untouched).
    @Test func backtestUsesNoDataAfterItsMonthEnd() throws {
        let dataset = try Self.dataset()
        let end = Day(iso: "2026-07-31")!
        var trimmed = dataset
        trimmed.surveys = SurveyAnswers(dataset.surveys.filter { $0.day <= end })
        trimmed.tickets = dataset.tickets.filter { $0.created < Instant(day: end.adding(days: 1)) }
        #expect(trimmed.surveys.count < dataset.surveys.count)
        let configuration = MetricsConfiguration(asOf: Self.asOf)
        let full = try #require(RetentionAnalysis(dataset: dataset, configuration: configuration).prediction.churn?.backtest)
        let cut = try #require(RetentionAnalysis(dataset: trimmed, configuration: configuration).prediction.churn?.backtest)
        #expect(full.cases.map(\.probability) == cut.cases.map(\.probability))
        #expect(full.cases.map(\.churned) == cut.cases.map(\.churned))
    }

    /// A history too short for a label: the section says why there is no model.
    @Test func tooShortHistoryIsExplained() throws {
        let dataset = try Self.dataset()
        let ledger = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf)).ledger
        let firstDays: [Day] = ledger.activity.compactMap { (a: CustomerActivity?) -> Day? in a?.firstActive }
        let firstPaid = try #require(firstDays.min())
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: firstPaid.adding(days: 60)))
        #expect(analysis.prediction.churn == nil)
        #expect(analysis.prediction.churnProblem == "Churn model: 0 training rows (customers active at a month end with 90 observed days after it), at least 200 needed")
    }

    /// An order business (the sample's invoices without its subscriptions): BG/NBD is fitted on every
    /// customer with a paid invoice, its forecasts are ordered probabilities and counts, and the spend
    /// model refuses the fixed-price invoices with its reason, which the rendered section shows.
    @Test func orderBusinessGetsPurchaseForecasts() throws {
        let directory = try Harness.sample("prediction-orders", customers: 300, invoices: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasPrefix("subscriptions") {
            try FileManager.default.removeItem(atPath: directory + "/" + file)
        }
        let dataset = try DatasetLoader.load(InputFiles.discover(inDirectory: directory), options: IngestOptions())
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf))
        #expect(analysis.prediction.revenueModel == .orders)
        let purchases = try #require(analysis.prediction.purchases)
        let buyers = Set(dataset.orders.filter { $0.amount > 0 && $0.day <= Self.asOf }.map(\.customer))
        #expect(purchases.forecasts.map(\.customer) == buyers.sorted())
        for f in purchases.forecasts {
            #expect(f.probabilityAlive >= 0 && f.probabilityAlive <= 1)
            let e13 = try #require(f.expectedPurchases13Weeks), e52 = try #require(f.expectedPurchases52Weeks)
            #expect(e13 >= 0 && e13 <= e52)
        }
        #expect(purchases.spend == nil)
        #expect(purchases.spendProblem?.hasPrefix("Gamma-Gamma: the fit ran off") == true)
        let columns = analysis.prediction.customerColumns()
        #expect(columns.count >= purchases.forecasts.count)
        #expect(columns[purchases.forecasts[0].customer]?.probabilityAlive == purchases.forecasts[0].probabilityAlive)
        // The compact table holds the dictionary's columns for every customer, nil where it has none.
        let table = analysis.prediction.customerColumns(customerCount: dataset.customers.count)
        #expect(table.count == dataset.customers.count && columns.count < table.count)
        #expect((0..<table.count).filter { table[$0] != columns[$0] }.isEmpty)
        #expect(table[-1] == nil && table[table.count] == nil)

        let out = Harness.temporaryDirectory("prediction-orders-out") + "/report.html"
        let run = Harness.run(["report", "--input", directory, "--as-of", "2026-11-20", "--out", out])
        #expect(run.status == .success)
        let html = Harness.read(out)
        #expect(html.contains("<h2 id=\"prediction-title\">Who may leave next</h2>"))
        #expect(html.contains("What order customers are worth"))
        #expect(html.contains("No CLV: the spend model could not be fitted (Gamma-Gamma: the fit ran off"))
    }
}
