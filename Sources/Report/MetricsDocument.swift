import Metrics
import Model
import Mustache

/// The metrics JSON (`retention report --metrics-json FILE`): every number the report shows, in
/// long form, for machines. Nothing is rounded: fractions are plain numbers (0.024, not "2.4%")
/// and every double is written in the shortest form that reads back to the same double; money
/// is in the report currency, a whole number of the currency's minor unit written exactly
/// (`1234.5` = 1,234.50; `MinorUnit`); missing values are `null`. Per-period lists cover every
/// period in the data (the HTML shows the last ones). Keys are documented in
/// docs/metrics-json.md; the order of keys is sorted, so the same inputs give the same bytes.
public enum MetricsDocument {
    public static let formatVersion = 1

    public static func json(analysis: RetentionAnalysis, dataset: Dataset, report: RetentionReport,
                            title: String, generator: String) -> String {
        value(analysis: analysis, dataset: dataset, report: report, title: title, generator: generator).jsonText(pretty: true) + "\n"
    }

    public static func value(analysis: RetentionAnalysis, dataset: Dataset, report: RetentionReport,
                             title: String, generator: String) -> MustacheValue {
        let configuration = analysis.configuration
        let money = Money(digits: MinorUnit.digits(of: dataset.currency))
        var root: [String: MustacheValue] = [
            "format_version": .int(formatVersion),
            "title": .string(title),
            "generator": .string(generator),
            "as_of": .string(configuration.asOf.description),
            "granularity": .string(configuration.calendar.granularity.rawValue),
            "currency": .string(dataset.currency),
            "headline": .object(Dictionary(report.headlineKPIs.map { ($0.label, MustacheValue.string($0.value)) },
                                           uniquingKeysWith: { a, _ in a })),
            "headlines": .list(report.headlines.map { .string($0.text) }),
            "signed_up_never_paid": .int(analysis.ledger.neverPaid),
        ]
        root["inputs"] = .list(dataset.inputs.map { input in
            .object([
                "path": .string(input.path), "entity": .string(input.entity), "sha256": .string(input.sha256),
                "rows_read": .int(input.rowsRead), "rows_used": .int(input.rowsUsed),
                "rows_skipped": .int(input.rowsSkipped), "rows_excluded": .int(input.rowsExcluded),
                "rows_unreadable": .int(input.rowsUnreadable), "source": .string(input.source), "used": .bool(true),
                "skipped": .object(Dictionary(input.skipped.map { ($0.reason, MustacheValue.int($0.count)) },
                                              uniquingKeysWith: { a, b in a })),
                "warnings": .list(input.warnings.map { .string($0) }),
                "customer_join": customerJoin(input.join),
            ])
        } + dataset.notUsed.map { file in
            .object(["path": .string(file.path), "used": .bool(false), "reason": .string(file.reason)])
        })
        var cohorts: [MustacheValue] = []
        for row in analysis.cohorts.rows {
            for case let cell? in row.cells {
                cohorts.append(.object([
                    "cohort": .string(row.cohort.label), "k": .int(cell.k), "size": .int(row.size),
                    "customers": .int(cell.customers), "retention": fraction(cell.retention),
                    "revenue": money(cell.revenue), "revenue_retention": fraction(cell.revenueRetention),
                    "incomplete": .bool(cell.isIncomplete),
                ]))
            }
        }
        root["cohorts"] = .list(cohorts)
        // The same cohort cells per segment value of every configured attribute (long form).
        var segmentCells: [MustacheValue] = []
        for (attribute, tables) in CohortTable.bySegments(analysis.ledger, attributes: configuration.segmentAttributes) {
            for (value, table) in tables {
                for row in table.rows where row.size > 0 {
                    for case let cell? in row.cells {
                        segmentCells.append(.object([
                            "attribute": .string(attribute), "value": .string(value), "cohort": .string(row.cohort.label),
                            "k": .int(cell.k), "size": .int(row.size), "customers": .int(cell.customers),
                            "retention": fraction(cell.retention), "revenue_retention": fraction(cell.revenueRetention),
                        ]))
                    }
                }
            }
        }
        root["cohort_segments"] = .list(segmentCells)
        root["churn"] = .list(analysis.churn.periods.map { p in
            .object([
                "period": .string(p.period.label), "active_start": .int(p.customersAtStart), "churned": .int(p.churned),
                "voluntary": .int(p.voluntary), "involuntary": .int(p.involuntary), "joined": .int(p.joined),
                "reactivated": .int(p.reactivated),
                "active_end": .int(p.customersAtEnd), "rate": fraction(p.churnRate),
                "retention_rate": fraction(p.retentionRate), "mrr_lost": money(p.mrrLost), "incomplete": .bool(p.isIncomplete),
            ])
        })
        func reasonRows(_ rows: [ChurnReasonBreakdown.Row]) -> MustacheValue {
            .list(rows.map { r in
                .object(["reason": .string(r.reason), "count": .int(r.count), "share": fraction(r.share),
                         "mrr_lost": money(r.mrrLost)])
            })
        }
        root["churn_reasons"] = reasonRows(analysis.churnReasons.rows)
        let incompleteChurn = Set(analysis.churn.periods.filter(\.isIncomplete).map(\.period.index))
        root["churn_reasons_by_period"] = .list(analysis.churnReasonHistory.perPeriod.map { p in
            .object(["period": .string(p.period.label), "incomplete": .bool(incompleteChurn.contains(p.period.index)),
                     "reasons": reasonRows(p.rows)])
        })
        if let bridge = analysis.mrr {
            root["mrr"] = .list(bridge.periods.map { p in
                .object([
                    "period": .string(p.period.label), "start": money(p.start), "new": money(p.new),
                    "expansion": money(p.expansion), "contraction": money(p.contraction), "churn": money(p.churn),
                    "reactivation": money(p.reactivation), "end": money(p.end), "reconciles": .bool(p.reconciles),
                    "gross_mrr_churn": fraction(p.grossMRRChurnRate), "net_mrr_churn": fraction(p.netMRRChurnRate),
                    "grr": fraction(p.grossRevenueRetention), "nrr": fraction(p.netRevenueRetention),
                    "grr_t12m": fraction(p.trailingGrossRetention), "nrr_t12m": fraction(p.trailingNetRetention),
                    "incomplete": .bool(p.isIncomplete),
                ])
            })
        }
        let curve = analysis.survival
        root["survival"] = .object([
            "times": .list(curve.steps.map { .int($0.time) }),
            "survival": .list(curve.steps.map { fraction($0.survival) }),
            "lower": .list(curve.steps.map { fraction($0.lower) }),
            "upper": .list(curve.steps.map { fraction($0.upper) }),
            "at_risk": .list(curve.steps.map { .int($0.atRisk) }),
            "events": .list(curve.steps.map { .int($0.events) }),
            "censored": .list(curve.steps.map { .int($0.censored) }),
            "median": curve.median.map { .int($0) } ?? .null,
            "median_lower": curve.medianLower.map { .int($0) } ?? .null,
            "median_upper": curve.medianUpper.map { .int($0) } ?? .null,
            "subjects": .int(curve.subjects),
        ])
        if let trend = analysis.satisfaction {
            root["satisfaction"] = .list(trend.periods.map { p in
                let s = p.scores
                return .object([
                    "period": .string(p.period.label), "csat": fraction(s.csat), "csat_n": .int(s.csatN),
                    "csat_low": fraction(s.csatLow), "csat_high": fraction(s.csatHigh),
                    "nps": number(s.nps), "nps_n": .int(s.npsN), "nps_moe": number(s.npsMoe),
                    "promoters": .int(s.promoters), "passives": .int(s.passives), "detractors": .int(s.detractors),
                    "ces": number(s.ces), "ces_n": .int(s.cesN), "ces_low": number(s.cesLow),
                    "ces_high": number(s.cesHigh), "ces_share_easy": fraction(s.cesShareEasy),
                    "complete": .bool(p.isComplete),
                ])
            })
        }
        root["health"] = healthValue(analysis.health, customers: dataset.customers, shown: report.atRiskRows, money: money)
        root["prediction"] = PredictionDocument.value(analysis.prediction, customers: dataset.customers, atRiskRows: 25)
        if let sla = analysis.supportHistory {
            root["support"] = .list(sla.periods.map { p in
                let s = p.created
                return .object([
                    "period": .string(p.period.label), "tickets": .int(s.tickets), "resolved": .int(p.resolved),
                    "first_response_median_hours": number(s.firstResponse.medianHours),
                    "first_response_p90_hours": number(s.firstResponse.p90Hours),
                    "resolution_median_hours": number(s.resolution.medianHours),
                    "resolution_p90_hours": number(s.resolution.p90Hours),
                    "first_response_breach_rate": fraction(s.firstResponseSLA.breachRate),
                    "resolution_breach_rate": fraction(s.resolutionSLA.breachRate),
                ])
            })
        }
        return .object(root)
    }

    /// Health in aggregate: colour counts, revenue at risk, the at-risk rows the report shows
    /// (with their reasons) and every scored customer's colour as id lists (what "Since last
    /// report" compares). Scores and reasons of every customer go to `--customers-csv`.
    static func healthValue(_ health: HealthReport, customers: [Customer], shown: Int, money: Money) -> MustacheValue {
        let distribution = health.distribution
        let atRisk = health.atRisk
        var ids: [HealthStatus: [MustacheValue]] = [:]
        for score in health.scores { ids[score.status, default: []].append(.string(customers[score.customer].id)) }
        return .object([
            "green": .int(distribution.green), "amber": .int(distribution.amber), "red": .int(distribution.red),
            "unscored": .int(distribution.unscored), "at_risk_count": .int(atRisk.count),
            "revenue_at_risk": money(health.revenueAtRisk),
            "at_risk": .list(atRisk.prefix(shown).map { score in
                .object([
                    "customer": .string(customers[score.customer].id),
                    "status": .string(score.status.rawValue),
                    "score": number(score.score),
                    "revenue_at_risk": money(score.revenueAtRisk),
                    "reasons": .list(score.contributions.map {
                        .object(["rule": .string($0.rule), "points": number($0.points),
                                 "max_points": number($0.maxPoints), "reason": .string($0.reason)])
                    }),
                ])
            }),
            "statuses": .object(Dictionary(uniqueKeysWithValues: HealthStatus.allCases.map { ($0.rawValue, MustacheValue.list(ids[$0] ?? [])) })),
        ])
    }

    /// A fraction (0…1) or any other measure: the double itself, null when missing or not finite.
    static func fraction(_ value: Double?) -> MustacheValue { number(value) }

    /// How a file's rows were matched to customers (null for customers files).
    static func customerJoin(_ join: CustomerJoin?) -> MustacheValue {
        guard let join else { return .null }
        return .object([
            "column": .string(join.column), "customers_file": join.customersPath.map { .string($0) } ?? .null,
            "rows_with_key": .int(join.rowsWithKey), "rows_matched": .int(join.matchedRows), "rate": fraction(join.rate),
            "by": .object(Dictionary(uniqueKeysWithValues: join.matched.map { ($0.key.rawValue, MustacheValue.int($0.value)) })),
        ])
    }

    /// Full precision: the writer prints the shortest text that reads back to the same double.
    static func number(_ value: Double?) -> MustacheValue {
        guard let value, value.isFinite else { return .null }
        return .double(value == 0 ? 0 : value)
    }

    /// Money in the report currency. Amounts and MRR enter the metrics as whole minor units, so
    /// a money total is a whole number of minor units up to the floating-point noise of adding
    /// doubles; that noise is removed (the nearest multiple of the minor unit, whose shortest
    /// text is the exact decimal: `1234.5`, `0.3`). A value that is not such a total (a revenue
    /// divided by a count) is written at full precision instead.
    struct Money {
        let digits: Int

        func callAsFunction(_ value: Double?) -> MustacheValue {
            guard let value, value.isFinite else { return .null }
            let scale = MinorUnit.scale(digits)
            let units = value * scale, whole = units.rounded(.toNearestOrAwayFromZero)
            guard abs(units - whole) <= max(1e-6, abs(whole) * 1e-12) else { return number(value) }
            return number(whole / scale)
        }
    }
}
