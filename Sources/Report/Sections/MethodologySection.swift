import Metrics
import Mustache

/// The methodology appendix: every definition the report uses, taken from the metric types
/// themselves (`definition`), so the report and the code cannot disagree.
struct MethodologySection {
    let analysis: RetentionAnalysis
    let asOf: String
    let granularity: String

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
        if analysis.orders != nil { list.append(("Orders and customer lifetime value", OrderMetrics.definition)) }
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

    func context() -> MustacheValue {
        .list(entries().map { .object(["term": .string($0.term), "definition": .string($0.definition)]) })
    }
}
