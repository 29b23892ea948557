import Metrics
import Model
import Mustache

/// The methodology appendix: every definition the report uses, taken from the metric types
/// themselves (`definition`), so the report and the code cannot disagree.
struct MethodologySection {
    let analysis: RetentionAnalysis
    let asOf: String
    let granularity: String
    /// Each customer's billing cadence (order businesses): stated in the orders, or inferred from the
    /// gaps between paid orders up to the report date (`Dataset.billingCadences(asOf:)`).
    var cadences: BillingCadences? = nil

    func entries() -> [(term: String, definition: String)] {
        var list: [(String, String)] = [
            ("Report date and periods", "All figures are as of \(asOf); records dated later are ignored. Periods are "
                + "\(granularity)s. The period containing the as-of date is incomplete: tiles and headlines describe the "
                + "latest complete period and compare it with the one before."),
            ("Who is active", ActivityLedger.definition),
            ("Cohort retention", CohortTable.definition),
            ("Logo churn", ChurnSeries.definition),
            ("Churn reasons", ChurnReasonBreakdown.definition),
            ("Churn by segment", SegmentChurn.definition),
            ("Survival curve", KaplanMeierCurve.definition),
        ]
        if analysis.mrr != nil { list.append(("MRR movements, GRR and NRR", MRRBridge.definition)) }
        if analysis.orders != nil {
            list.append(("Orders and customer lifetime value", OrderMetrics.definition))
            list.append(("Billing cadence", billingCadence()))
        }
        if analysis.satisfaction != nil {
            list += [("CSAT", CSAT.definition), ("NPS", NPS.definition), ("CES", CES.definition)]
        }
        list.append(("Significant changes", MetricChange.definition))
        list.append(("Headlines", "Headlines are written by fixed rules from the numbers: a significant change in logo "
            + "churn (with the churn reason that moved most), a record high or low churn rate over the last 12 periods, "
            + "the change in MRR with its largest movement, a significant change in CSAT or NPS, and the customers at "
            + "risk. A change that is not statistically significant at 95 % is never a headline."))
        list.append(("Customer health", HealthReport.definition))
        if analysis.prediction.churn != nil || analysis.prediction.churnProblem != nil {
            list.append(("Churn prediction and its backtest", PredictionDefinitions.churn))
        }
        if analysis.prediction.revenueModel == .orders {
            list.append(("Purchase forecasts and CLV (BG/NBD, Gamma-Gamma)", PredictionDefinitions.purchases))
        }
        if analysis.support != nil { list.append(("Support SLA", SupportSLA.definition)) }
        return list
    }

    /// The cadence rule and how many customers got each cadence, or the inactivity window used instead.
    func billingCadence() -> String {
        let configuration = analysis.configuration
        guard let cadences, configuration.activeDaysAfterPayment != nil else {
            return "Every customer churns \(configuration.inactivityDays) days after their last paid order "
                + "(the inactivity window); billing cadences are not used."
        }
        func counts(_ table: [BillingCadence: Int]) -> String {
            BillingCadence.allCases.map { "\(table[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        }
        var text = "Each customer's billing cadence is the one their orders state (an interval or plan column), else "
            + "it comes from their paid orders: the median gap between paid days "
            + "gives monthly (up to 45 days), quarterly (up to 135 days) or annual; a customer with a single payment "
            + "gets the cadence most customers have. A payment keeps the customer active for the month (31 days), "
            + "quarter (92 days) or year (366 days) it paid for plus \(BillingCadence.graceDays) days' grace; "
            + "--inactivity-days sets one window for everyone instead. In this data: "
        if !cadences.fromColumn.isEmpty { text += "\(counts(cadences.fromColumn)) as their orders state; " }
        text += "\(counts(cadences.fromGaps)) from their own payments"
        if !cadences.fromMajority.isEmpty { text += "; \(counts(cadences.fromMajority)) from the majority" }
        text += "."
        if cadences.unknown > 0 {
            text += " \(cadences.unknown) customer\(cadences.unknown == 1 ? "" : "s") with a single payment and no "
                + "majority to go by churn \(configuration.inactivityDays) days after it."
        }
        return text
    }

    func context() -> MustacheValue {
        .list(entries().map { .object(["term": .string($0.term), "definition": .string($0.definition)]) })
    }
}
