import Metrics
import Model
import Mustache

/// The `prediction` object of the metrics JSON, at full precision (documented in
/// docs/metrics-json.md): model kinds and fitted parameters, summary figures, the at-risk list and
/// the backtest with every scored case, so AUC and Brier can be recomputed from the file.
enum PredictionDocument {
    /// Writes `value(…)` member by member, in key order, with the backtest's cases (most of the
    /// object: one per customer active at the backtest month end) written one by one as they are
    /// read instead of built as values first; the text is the same.
    static func write(into out: inout some JSONOutput, _ prediction: Prediction, customers: [Customer], atRiskRows: Int) {
        guard case .object(let object) = value(prediction, customers: customers, atRiskRows: atRiskRows, cases: false) else { return }
        out.beginObject()
        for key in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            out.key(key)
            guard key == "backtest", case .object(let members) = object[key]!, let backtest = prediction.churn?.backtest else {
                out.value(object[key]!)
                continue
            }
            out.beginObject()
            for member in (Array(members.keys) + ["cases"]).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                out.key(member)
                guard member == "cases" else {
                    out.value(members[member]!)
                    continue
                }
                out.list { out in
                    // The cases' month ends are few (one per backtest): each one's text is made once.
                    var period: (day: Day, text: String)?
                    for k in backtest.cases {
                        if period?.day != k.monthEnd { period = (k.monthEnd, k.monthEnd.description) }
                        // Members in key order: churned, health_probability, health_score, id, period, probability.
                        out.object { out in
                            out.key("churned"); out.bool(k.churned)
                            out.key("health_probability"); out.number(MetricsDocument.measure(k.healthProbability))
                            out.key("health_score"); out.number(MetricsDocument.measure(k.healthScore))
                            out.key("id"); out.string(customers[k.customer].id)
                            out.key("period"); out.string(period!.text)
                            out.key("probability"); out.number(MetricsDocument.measure(k.probability))
                        }
                    }
                }
            }
            out.endObject()
        }
        out.endObject()
    }

    /// The whole object as a value; `cases: false` leaves out the backtest's cases (`write` streams them).
    static func value(_ prediction: Prediction, customers: [Customer], atRiskRows: Int, cases: Bool = true) -> MustacheValue {
        var object: [String: MustacheValue] = ["revenue_model": .string(prediction.revenueModel.rawValue)]
        var kinds: [MustacheValue] = []
        if let p = prediction.purchases {
            kinds.append("bg_nbd")
            let m = p.purchases
            object["bg_nbd"] = .object([
                "r": number(m.r), "alpha": number(m.alpha), "a": number(m.a), "b": number(m.b),
                "log_likelihood": number(p.logLikelihood), "iterations": .int(p.iterations), "customers": .int(p.forecasts.count),
            ])
            if let g = p.spend {
                kinds.append("gamma_gamma")
                object["gamma_gamma"] = .object(["p": number(g.p), "q": number(g.q), "v": number(g.v),
                                                 "customers": .int(p.spendCustomers)])
            }
            let totals = p.totals
            object["purchases_summary"] = .object([
                "customers": .int(p.forecasts.count),
                "expected_alive": number(totals.expectedAlive),
                "expected_purchases_13w": number(totals.expectedPurchases13Weeks),
                "expected_purchases_52w": number(totals.expectedPurchases52Weeks),
                "clv_12m_total": number(totals.clvTotal),
                "clv_12m_median": number(totals.clvMedian),
                "annual_discount_rate": number(p.lifetimeValue.annualDiscountRate),
                "gross_margin": number(p.lifetimeValue.grossMargin),
            ])
        }
        if let problem = prediction.purchasesProblem { object["purchases_problem"] = .string(problem) }
        if let c = prediction.churn {
            kinds.append("logistic_churn_90d")
            let r = c.regression
            object["churn_model"] = .object([
                "lambda": number(r.lambda),
                "intercept": number(r.coefficients[0]),
                "coefficients": .object(Dictionary(uniqueKeysWithValues: r.featureNames.indices.map { (r.featureNames[$0], number(r.coefficients[$0 + 1])) })),
                "feature_means": .object(Dictionary(uniqueKeysWithValues: r.featureNames.indices.map { (r.featureNames[$0], number(r.means[$0])) })),
                "feature_scales": .object(Dictionary(uniqueKeysWithValues: r.featureNames.indices.map { (r.featureNames[$0], number(r.scales[$0])) })),
                "cross_validation": .list(c.crossValidation.map { .object(["lambda": number($0.lambda), "log_loss": number($0.logLoss)]) }),
                "training_rows": .int(c.trainingRows), "training_churns": .int(c.trainingChurns),
                "iterations": .int(r.iterations),
            ])
            object["churn_summary"] = .object([
                "customers": .int(c.risks.count),
                "expected_churns_90d": number(c.risks.reduce(0) { $0 + $1.probability }),
                "expected_monthly_revenue_lost": number(c.risks.reduce(0) { $0 + $1.expectedRevenueLost }),
            ])
            object["at_risk"] = .list(c.risks.prefix(atRiskRows).map { risk in
                .object(["id": .string(customers[risk.customer].id), "probability": number(risk.probability),
                         "monthly_revenue": number(risk.monthlyRevenue), "expected_revenue_lost": number(risk.expectedRevenueLost),
                         "reasons": .list(c.reasons(risk).map { .string($0) })])
            })
            if let b = c.backtest {
                var backtest: [String: MustacheValue] = [
                    "period": .string(b.monthEnd.description), "training_rows": .int(b.trainingRows),
                    "auc": number(b.model.auc), "brier": number(b.model.brier),
                    "lift_top_decile": number(b.model.liftTopDecile), "calibration": calibration(b.model),
                    "health_auc": number(b.health.auc), "health_brier": number(b.health.brier),
                    "health_lift_top_decile": number(b.health.liftTopDecile), "health_calibration": calibration(b.health),
                    "model_beats_health": .bool(b.modelBeatsHealth),
                ]
                if cases {
                    backtest["cases"] = .list(b.cases.map { k in
                        .object(["id": .string(customers[k.customer].id), "period": .string(k.monthEnd.description),
                                 "probability": number(k.probability), "churned": .bool(k.churned),
                                 "health_score": number(k.healthScore), "health_probability": number(k.healthProbability)])
                    })
                }
                object["backtest"] = .object(backtest)
            }
            if let problem = c.backtestProblem { object["backtest_problem"] = .string(problem) }
        }
        if let problem = prediction.churnProblem { object["churn_problem"] = .string(problem) }
        object["models"] = .list(kinds)
        return .object(object)
    }

    static func calibration(_ e: ClassifierEvaluation) -> MustacheValue {
        .list(e.calibration.map { bin in
            .object(["lower": number(bin.lower), "upper": number(bin.upper), "cases": .int(bin.cases),
                     "mean_predicted": number(bin.meanPredicted), "observed_rate": number(bin.observedRate)])
        })
    }

    /// Full precision; nil and non-finite values become null (`MetricsDocument.number`).
    static func number(_ value: Double?) -> MustacheValue { MetricsDocument.number(value) }
}
